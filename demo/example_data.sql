-- demo/example_data.sql
-- Example data for the demo and the README: the payers and workflows of a
-- Utah behavioral-health clinic, a few providers, a supervision
-- relationship and some appointments.  Fixed ids keep the walkthrough and
-- the tests readable.

INSERT INTO credentialing.payers
	(id, name, payer_type, state, x12_payer_id, requires_individual_contract,
	 allows_supervised, requires_attending, supervision_level)
VALUES
	('10000000-0000-0000-0000-000000000001', 'Molina Healthcare of Utah', 'medicaid', 'UT', 'MOLINA',
	 true, true, false, 'sign_off_only'),
	('10000000-0000-0000-0000-000000000002', 'Regence BlueCross BlueShield of Utah', 'commercial', 'UT', 'REGENCE',
	 true, false, false, 'none'),
	('10000000-0000-0000-0000-000000000003', 'Utah Medicaid Fee-for-Service', 'medicaid', 'UT', 'UTMEDICAID',
	 false, true, false, 'sign_off_only'),
	('10000000-0000-0000-0000-000000000004', 'SelectHealth', 'commercial', 'UT', 'SELECTHEALTH',
	 true, false, true, 'none'),
	('10000000-0000-0000-0000-000000000005', 'Medicare', 'medicare', 'UT', 'MEDICARE',
	 true, false, false, 'none'),
	('10000000-0000-0000-0000-000000000006', 'UnitedHealthcare', 'commercial', 'UT', 'UNITED',
	 true, false, false, 'none');

INSERT INTO credentialing.payer_credentialing_workflows
	(payer_id, workflow_type, portal_url, excel_template_url, excel_submission_email,
	 credentialing_contact_email, typical_approval_days, task_templates)
VALUES
	('10000000-0000-0000-0000-000000000001', 'online_portal', 'https://provider.molinahealthcare.com',
	 NULL, NULL, 'credentialing@molinahealthcare.com', 30,
	 '[
	   {"title": "Update CAQH profile", "description": "Ensure CAQH profile is current", "order": 1, "estimated_days": 1},
	   {"title": "Submit application in portal", "description": "Complete Molina provider application for {provider_name} at {portal_url}", "order": 2, "estimated_days": 2},
	   {"title": "Record application ID", "description": "Save confirmation number", "order": 3, "estimated_days": 0, "task_type": "record_application_id"},
	   {"title": "Follow up after 30 days", "description": "Check portal for status", "order": 4, "estimated_days": 30}
	 ]'),
	('10000000-0000-0000-0000-000000000002', 'excel_submission', NULL,
	 'https://regence.com/provider-roster-template.xlsx', 'provider.network@regence.com',
	 'provider.network@regence.com', 45,
	 '[
	   {"title": "Download Regence roster template", "description": "Get latest Excel template", "order": 1, "estimated_days": 0},
	   {"title": "Add provider to roster", "description": "Fill in all required fields for {provider_name}", "order": 2, "estimated_days": 1},
	   {"title": "Submit roster via email", "description": "Send to {submission_email}", "order": 3, "estimated_days": 0},
	   {"title": "Request confirmation", "description": "Confirm receipt from {payer_name}", "order": 4, "estimated_days": 3}
	 ]'),
	('10000000-0000-0000-0000-000000000003', 'instant_network', NULL, NULL, NULL, NULL, 0, '[]'),
	('10000000-0000-0000-0000-000000000004', 'pdf_form_submission', NULL, NULL, NULL,
	 'network@selecthealth.org', 60, '[]');

INSERT INTO credentialing.providers (id, first_name, last_name, role, npi, is_attending, email)
VALUES
	('20000000-0000-0000-0000-000000000001', 'Jane', 'Doe', 'Psychiatrist', '1234567893', true, 'jane.doe@example.org'),
	('20000000-0000-0000-0000-000000000002', 'Sam', 'Rivera', 'Resident', '1245319599', false, 'sam.rivera@example.org'),
	('20000000-0000-0000-0000-000000000003', 'Priya', 'Shah', 'PMHNP', '1999999984', false, 'priya.shah@example.org');

-- Jane is already in network with Utah Medicaid and supervises Sam there.
INSERT INTO credentialing.provider_payer_networks (provider_id, payer_id, status, effective_date, notes)
VALUES ('20000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000003',
		'in_network', '2026-01-01', 'Existing contract');

INSERT INTO credentialing.supervision_relationships
	(supervisor_id, supervisee_id, payer_id, supervision_level, start_date)
VALUES ('20000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000002',
		'10000000-0000-0000-0000-000000000003', 'sign_off_only', '2026-01-01');

INSERT INTO credentialing.appointments (patient_id, provider_id, payer_id, starts_at, status)
VALUES
	('P-001', '20000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000003', '2026-10-01 15:00+00', 'completed'),
	('P-002', '20000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000003', '2026-10-02 15:00+00', 'completed'),
	('P-002', '20000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000003', '2026-11-02 15:00+00', 'cancelled'),
	('P-003', '20000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000003', '2026-11-10 16:00+00', 'scheduled');
