-- test/sql/security_matrix.sql: the security model (DESIGN §6) as a matrix.
-- For each role -- credentialing_admin, credentialing_viewer,
-- credentialing_provider as provider A and as provider B (the JWT
-- provider_id claim), and a role with nothing -- and each table and
-- function: what it may read, insert, update, delete and execute.  Allowed
-- cases succeed with the rows the role may see; forbidden ones fail with
-- SQLSTATE 42501 or see no rows.  Then the catalog facts behind the matrix
-- (PUBLIC has nothing, RLS is on everywhere, no SECURITY DEFINER without a
-- fixed search_path) and the self-service paths end to end.
BEGIN;
LOAD 'credentialing';
SELECT plan(552);

CREATE ROLE regress_credentialing_nobody NOLOGIN;

-- A 277 with one denied claim of provider A (payer PAYONE, claim CLM-A9).
\set x277 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260110*1200*^*00501*000000001*0*P*:~GS*HN*SENDER*RECEIVER*20260110*1200*1*X*005010X212~ST*277*0001*005010X212~BHT*0010*08*123*20260110*1200*DG~HL*1**20*1~NM1*PR*2*PAYER ONE*****PI*PAYONE~HL*2*1*21*1~NM1*41*2*CLINIC*****46*X~HL*3*2*19*1~NM1*1P*2*ANN ABLE*****XX*1234567893~HL*4*3*22*0~NM1*IL*1*DOE*JOHN****MI*M1~TRN*2*CLM-A9~STC*F2:65*20260110**100*0*20260110~REF*1K*CLM-A9~DTP*472*D8*20260101~SE*15*0001~GE*1*1~IEA*1*000000001~'

/* ------------------------------------------------------------------------
 * Data: three providers (A, B and C), two payers, and rows of every table
 * belonging to A, to B, or to nobody in particular.
 * ------------------------------------------------------------------------ */

INSERT INTO credentialing.payers (id, name, payer_type, state, x12_payer_id) VALUES
	('e0000000-0000-0000-0000-000000000001', 'Payer One', 'commercial', 'UT', 'PAYONE'),
	('e0000000-0000-0000-0000-000000000002', 'Payer Two', 'medicaid', 'UT', 'PAYTWO');
INSERT INTO credentialing.payer_credentialing_workflows (payer_id, workflow_type, typical_approval_days)
VALUES ('e0000000-0000-0000-0000-000000000001', 'online_portal', 30);
INSERT INTO credentialing.providers (id, first_name, last_name, npi) VALUES
	('a0000000-0000-0000-0000-00000000000a', 'Ann', 'Able', '1234567893'),
	('b0000000-0000-0000-0000-00000000000b', 'Bob', 'Baker', '1245319599'),
	('c0000000-0000-0000-0000-00000000000c', 'Cy', 'Cole', '1999999984');
INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, application_started_date,
	 application_submitted_date, expected_decision_date, approval_date) VALUES
	('a1000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-00000000000a',
	 'e0000000-0000-0000-0000-000000000001', 'in_progress', '2026-01-01', NULL, NULL, NULL),
	('a1000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-00000000000a',
	 'e0000000-0000-0000-0000-000000000002', 'approved', '2025-10-01', '2025-11-01', '2025-12-01', '2025-11-20'),
	('b1000000-0000-0000-0000-000000000001', 'b0000000-0000-0000-0000-00000000000b',
	 'e0000000-0000-0000-0000-000000000001', 'submitted', '2025-12-20', '2026-01-02', '2026-02-01', NULL);
INSERT INTO credentialing.provider_credentialing_tasks
	(id, provider_id, payer_id, task_type, title, task_order, due_date) VALUES
	('a2000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-00000000000a',
	 'e0000000-0000-0000-0000-000000000001', 'portal_credentials', 'Obtain portal credentials', 1, '2026-01-02'),
	('a2000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-00000000000a',
	 'e0000000-0000-0000-0000-000000000001', 'submit_application', 'Submit provider application', 2, '2026-01-04'),
	('a2000000-0000-0000-0000-000000000003', 'a0000000-0000-0000-0000-00000000000a',
	 'e0000000-0000-0000-0000-000000000002', 'notify_payer', 'Notify payer of provider addition', 1, '2026-01-02'),
	('b2000000-0000-0000-0000-000000000001', 'b0000000-0000-0000-0000-00000000000b',
	 'e0000000-0000-0000-0000-000000000001', 'portal_credentials', 'Obtain portal credentials', 1, '2026-01-02');
INSERT INTO credentialing.provider_payer_networks (id, provider_id, payer_id, effective_date) VALUES
	('a3000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-00000000000a',
	 'e0000000-0000-0000-0000-000000000002', '2026-01-01'),
	('b3000000-0000-0000-0000-000000000001', 'b0000000-0000-0000-0000-00000000000b',
	 'e0000000-0000-0000-0000-000000000002', '2026-01-01');
INSERT INTO credentialing.supervision_relationships (id, supervisor_id, supervisee_id, payer_id) VALUES
	('a4000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-00000000000a',
	 'b0000000-0000-0000-0000-00000000000b', 'e0000000-0000-0000-0000-000000000002'),
	('c4000000-0000-0000-0000-000000000001', 'c0000000-0000-0000-0000-00000000000c',
	 'b0000000-0000-0000-0000-00000000000b', NULL);
INSERT INTO credentialing.appointments (id, patient_id, provider_id, payer_id, starts_at) VALUES
	('a5000000-0000-0000-0000-000000000001', 'P-1', 'a0000000-0000-0000-0000-00000000000a',
	 'e0000000-0000-0000-0000-000000000002', '2026-02-01 15:00+00'),
	('a5000000-0000-0000-0000-000000000002', 'P-2', 'a0000000-0000-0000-0000-00000000000a',
	 'e0000000-0000-0000-0000-000000000002', '2026-02-02 15:00+00'),
	('b5000000-0000-0000-0000-000000000001', 'P-3', 'b0000000-0000-0000-0000-00000000000b',
	 NULL, '2026-02-03 15:00+00');
INSERT INTO credentialing.credentialing_events (entity, entity_id, provider_id, payer_id, action) VALUES
	('application', 'a1000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-00000000000a',
	 'e0000000-0000-0000-0000-000000000001', 'created'),
	('application', 'a1000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-00000000000a',
	 'e0000000-0000-0000-0000-000000000002', 'created'),
	('application', 'b1000000-0000-0000-0000-000000000001', 'b0000000-0000-0000-0000-00000000000b',
	 'e0000000-0000-0000-0000-000000000001', 'created');
INSERT INTO credentialing.appeal_settings DEFAULT VALUES;
INSERT INTO credentialing.payer_appeal_rules (payer_code, payer_name, timely_filing_days) VALUES
	('PAYONE', 'Payer One', 90), ('PAYTWO', 'Payer Two', 365);
-- Denied ten days ago, so that a provider (who files appeals as of today)
-- is within every deadline.
INSERT INTO credentialing.claims
	(id, payer_code, claim_number, payer_id, provider_npi, claim_status, billed, paid,
	 finalized_date, status_date) VALUES
	('a6000000-0000-0000-0000-000000000001', 'PAYONE', 'CLM-A1', 'e0000000-0000-0000-0000-000000000001',
	 '1234567893', 'Denied', 100, 0, CURRENT_DATE - 10, CURRENT_DATE - 10),
	('a6000000-0000-0000-0000-000000000002', 'PAYONE', 'CLM-A2', 'e0000000-0000-0000-0000-000000000001',
	 '1234567893', 'Denied', 200, 0, CURRENT_DATE - 10, CURRENT_DATE - 10),
	('b6000000-0000-0000-0000-000000000001', 'PAYONE', 'CLM-B1', 'e0000000-0000-0000-0000-000000000001',
	 '1245319599', 'Denied', 300, 0, CURRENT_DATE - 10, CURRENT_DATE - 10),
	('f6000000-0000-0000-0000-000000000001', 'PAYTWO', 'CLM-X1', 'e0000000-0000-0000-0000-000000000002',
	 '1003000126', 'Paid', 400, 400, '2026-01-10', '2026-01-10');
INSERT INTO credentialing.claim_status_history (claim_id, source, claim_status)
SELECT id, 'manual', claim_status FROM credentialing.claims;
INSERT INTO credentialing.appeals (id, claim_id, appeal_type, status, request_reason, narrative) VALUES
	('a7000000-0000-0000-0000-000000000001', 'a6000000-0000-0000-0000-000000000001', 'Reconsideration',
	 'queued', 'MEDICAL_NECESSITY', 'The service was medically necessary.'),
	('b7000000-0000-0000-0000-000000000001', 'b6000000-0000-0000-0000-000000000001', 'Reconsideration',
	 'submitted', 'OTHER', 'Please review this claim again.');
INSERT INTO credentialing.appeal_outbox (topic, appeal_id, payload)
VALUES ('appeals-in', 'a7000000-0000-0000-0000-000000000001', '{}');

/* ------------------------------------------------------------------------
 * attempt(role, provider, statement): run statement as role, with the JWT
 * claims an API layer would set for provider (none when NULL), inside a
 * subtransaction that is always rolled back.  Returns what happened: the
 * value a SELECT returned, "N rows" for a data change, "no schema access",
 * "permission denied", "policy violation" (an RLS WITH CHECK), or the
 * SQLSTATE and message of any other error.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION pg_temp.attempt(p_role text, p_provider uuid, p_sql text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	outcome text;
	n bigint;
	msg text;
BEGIN
	BEGIN
		PERFORM set_config('role', p_role, true);
		PERFORM set_config('request.jwt.claims',
						   CASE WHEN p_provider IS NULL THEN ''
						   ELSE json_build_object('provider_id', p_provider, 'sub', 'user-' || p_role)::text END,
						   true);
		IF p_sql ~* '^\s*(SELECT|WITH|VALUES)' THEN
			EXECUTE p_sql INTO outcome;
			outcome := coalesce(outcome, 'null');
		ELSE
			EXECUTE p_sql;
			GET DIAGNOSTICS n = ROW_COUNT;
			outcome := n || CASE WHEN n = 1 THEN ' row' ELSE ' rows' END;
		END IF;
		RAISE EXCEPTION USING ERRCODE = 'TSTRB', MESSAGE = outcome;
	EXCEPTION
		WHEN SQLSTATE 'TSTRB' THEN
			GET STACKED DIAGNOSTICS outcome = MESSAGE_TEXT;
		WHEN insufficient_privilege THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
			outcome := CASE
				WHEN msg LIKE 'permission denied for schema%' THEN 'no schema access'
				WHEN msg LIKE 'permission denied for%' THEN 'permission denied'
				WHEN msg LIKE '%violates row-level security policy%' THEN 'policy violation'
				ELSE '42501: ' || msg END;
		WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS outcome = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			outcome := outcome || ': ' || msg;
	END;
	RETURN outcome;
END
$$;

/* One row per statement; the five columns say what each role gets. */
CREATE TEMP TABLE matrix (
	seq serial,
	what text NOT NULL,
	statement text NOT NULL,
	admin text NOT NULL,
	viewer text NOT NULL,
	provider_a text NOT NULL,
	provider_b text NOT NULL,
	nobody text NOT NULL DEFAULT 'no schema access'
);

-- Run every cell of the matrix as one pgTAP test, row by row.
CREATE FUNCTION pg_temp.run_matrix()
RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	m record;
	c record;
BEGIN
	FOR m IN SELECT * FROM matrix ORDER BY seq
	LOOP
		FOR c IN
			SELECT * FROM (VALUES
				(1, 'admin', 'credentialing_admin', NULL::uuid, m.admin),
				(2, 'viewer', 'credentialing_viewer', NULL, m.viewer),
				(3, 'provider A', 'credentialing_provider', 'a0000000-0000-0000-0000-00000000000a', m.provider_a),
				(4, 'provider B', 'credentialing_provider', 'b0000000-0000-0000-0000-00000000000b', m.provider_b),
				(5, 'a role with nothing', 'regress_credentialing_nobody', NULL, m.nobody)
			) AS r(ord, who, role, provider, expected)
			ORDER BY ord
		LOOP
			RETURN NEXT is(pg_temp.attempt(c.role, c.provider, m.statement), c.expected,
						   format('%s: %s -> %s', c.who, m.what, c.expected));
		END LOOP;
	END LOOP;
END
$$;

/* ------------------------------------------------------------------------
 * Tables.  Reads count the visible rows; writes target a row of provider A
 * (or a new one) and report the rows they changed.
 * ------------------------------------------------------------------------ */

INSERT INTO matrix (what, statement, admin, viewer, provider_a, provider_b) VALUES
-- providers: a provider sees only their own row and changes nothing.
('read providers', 'SELECT count(*) FROM credentialing.providers', '3', '3', '1', '1'),
('insert a provider',
 $$INSERT INTO credentialing.providers (first_name, last_name) VALUES ('New', 'Person')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('update the e-mail of provider A',
 $$UPDATE credentialing.providers SET email = 'a@example.org' WHERE id = 'a0000000-0000-0000-0000-00000000000a'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('delete provider C',
 $$DELETE FROM credentialing.providers WHERE id = 'c0000000-0000-0000-0000-00000000000c'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
-- payers: the directory every role reads.
('read payers', 'SELECT count(*) FROM credentialing.payers', '2', '2', '2', '2'),
('insert a payer', $$INSERT INTO credentialing.payers (name) VALUES ('Payer Three')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('rename payer one',
 $$UPDATE credentialing.payers SET name = 'Payer 1' WHERE x12_payer_id = 'PAYONE'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('delete payer two', $$DELETE FROM credentialing.payers WHERE x12_payer_id = 'PAYTWO'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
-- provider_payer_networks: own contracts only, read-only.
('read contracts', 'SELECT count(*) FROM credentialing.provider_payer_networks', '2', '2', '1', '1'),
('insert a contract of provider A',
 $$INSERT INTO credentialing.provider_payer_networks (provider_id, payer_id, effective_date)
   VALUES ('a0000000-0000-0000-0000-00000000000a', 'e0000000-0000-0000-0000-000000000001', '2026-03-01')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('terminate the contract of provider A',
 $$UPDATE credentialing.provider_payer_networks SET status = 'terminated'
   WHERE provider_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('delete the contract of provider A',
 $$DELETE FROM credentialing.provider_payer_networks WHERE provider_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
-- supervision_relationships: those a provider takes part in, either side.
('read supervision relationships', 'SELECT count(*) FROM credentialing.supervision_relationships',
 '2', '2', '1', '2'),
('insert a supervision of C by A',
 $$INSERT INTO credentialing.supervision_relationships (supervisor_id, supervisee_id)
   VALUES ('a0000000-0000-0000-0000-00000000000a', 'c0000000-0000-0000-0000-00000000000c')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('end the supervisions of A',
 $$UPDATE credentialing.supervision_relationships SET is_active = false
   WHERE supervisor_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('delete the supervisions of A',
 $$DELETE FROM credentialing.supervision_relationships WHERE supervisor_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
-- appointments: own appointments, read-only.
('read appointments', 'SELECT count(*) FROM credentialing.appointments', '3', '3', '2', '1'),
('insert an appointment of A',
 $$INSERT INTO credentialing.appointments (patient_id, provider_id, starts_at)
   VALUES ('P-9', 'a0000000-0000-0000-0000-00000000000a', '2026-03-01 10:00+00')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('cancel the appointments of A',
 $$UPDATE credentialing.appointments SET status = 'cancelled' WHERE provider_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 '2 rows', 'permission denied', 'permission denied', 'permission denied'),
('delete the appointments of A',
 $$DELETE FROM credentialing.appointments WHERE provider_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 '2 rows', 'permission denied', 'permission denied', 'permission denied'),
-- payer_credentialing_workflows: read by all (portals and contacts for the tasks).
('read workflows', 'SELECT count(*) FROM credentialing.payer_credentialing_workflows', '1', '1', '1', '1'),
('insert the workflow of payer two',
 $$INSERT INTO credentialing.payer_credentialing_workflows (payer_id, workflow_type)
   VALUES ('e0000000-0000-0000-0000-000000000002', 'instant_network')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('change the approval days of a workflow',
 'UPDATE credentialing.payer_credentialing_workflows SET typical_approval_days = 45',
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('delete the workflows', 'DELETE FROM credentialing.payer_credentialing_workflows',
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
-- provider_payer_applications: own applications, read-only.
('read applications', 'SELECT count(*) FROM credentialing.provider_payer_applications', '3', '3', '2', '1'),
('insert an application of C',
 $$INSERT INTO credentialing.provider_payer_applications (provider_id, payer_id)
   VALUES ('c0000000-0000-0000-0000-00000000000c', 'e0000000-0000-0000-0000-000000000001')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('annotate the applications of A',
 $$UPDATE credentialing.provider_payer_applications SET notes = 'checked'
   WHERE provider_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 '2 rows', 'permission denied', 'permission denied', 'permission denied'),
('delete an application of A',
 $$DELETE FROM credentialing.provider_payer_applications WHERE id = 'a1000000-0000-0000-0000-000000000001'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
-- provider_credentialing_tasks: own tasks; notes, task_status and
-- uploaded_document_url are the only columns a provider may change.
('read tasks', 'SELECT count(*) FROM credentialing.provider_credentialing_tasks', '4', '4', '3', '1'),
('read the tasks of A',
 $$SELECT count(*) FROM credentialing.provider_credentialing_tasks WHERE provider_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 '3', '3', '3', '0'),
('insert a task for A',
 $$INSERT INTO credentialing.provider_credentialing_tasks (provider_id, payer_id, task_type, title, task_order)
   VALUES ('a0000000-0000-0000-0000-00000000000a', 'e0000000-0000-0000-0000-000000000001', 'extra', 'Extra', 3)$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('write notes on the tasks of A',
 $$UPDATE credentialing.provider_credentialing_tasks SET notes = 'called the payer'
   WHERE provider_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 '3 rows', 'permission denied', '3 rows', '0 rows'),
('write notes on every task', $$UPDATE credentialing.provider_credentialing_tasks SET notes = 'x'$$,
 '4 rows', 'permission denied', '3 rows', '1 row'),
('complete a task of A',
 $$UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed'
   WHERE id = 'a2000000-0000-0000-0000-000000000001'$$,
 '1 row', 'permission denied', '1 row', '0 rows'),
('attach a document to a task of A',
 $$UPDATE credentialing.provider_credentialing_tasks SET uploaded_document_url = 'https://files.example.org/1'
   WHERE id = 'a2000000-0000-0000-0000-000000000001'$$,
 '1 row', 'permission denied', '1 row', '0 rows'),
('change the title of a task of A',
 $$UPDATE credentialing.provider_credentialing_tasks SET title = 'Skip it'
   WHERE id = 'a2000000-0000-0000-0000-000000000001'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('move the due date of a task of A',
 $$UPDATE credentialing.provider_credentialing_tasks SET due_date = '2030-01-01'
   WHERE id = 'a2000000-0000-0000-0000-000000000001'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('reassign a task of A',
 $$UPDATE credentialing.provider_credentialing_tasks SET assigned_to = 'someone'
   WHERE id = 'a2000000-0000-0000-0000-000000000001'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('hand a task of A over to B',
 $$UPDATE credentialing.provider_credentialing_tasks SET provider_id = 'b0000000-0000-0000-0000-00000000000b'
   WHERE id = 'a2000000-0000-0000-0000-000000000001'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('delete a task of A',
 $$DELETE FROM credentialing.provider_credentialing_tasks WHERE id = 'a2000000-0000-0000-0000-000000000001'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
-- credentialing_events: own events; append-only for everyone.
('read audit events', 'SELECT count(*) FROM credentialing.credentialing_events', '3', '3', '2', '1'),
('record a correcting event',
 $$INSERT INTO credentialing.credentialing_events (entity, entity_id, provider_id, action)
   VALUES ('application', 'a1000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-00000000000a', 'corrected')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('rewrite the audit events of A',
 $$UPDATE credentialing.credentialing_events SET action = 'nothing' WHERE provider_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 'permission denied', 'permission denied', 'permission denied', 'permission denied'),
('delete the audit events of A',
 $$DELETE FROM credentialing.credentialing_events WHERE provider_id = 'a0000000-0000-0000-0000-00000000000a'$$,
 'permission denied', 'permission denied', 'permission denied', 'permission denied'),
-- appeal_settings and payer_appeal_rules: read by all (appeal checks need them).
('read the appeal settings', 'SELECT count(*) FROM credentialing.appeal_settings', '1', '1', '1', '1'),
('insert appeal settings (merged into the one row)',
 'INSERT INTO credentialing.appeal_settings (timely_filing_days) VALUES (120)',
 '0 rows', 'permission denied', 'permission denied', 'permission denied'),
('change the timely filing days', 'UPDATE credentialing.appeal_settings SET timely_filing_days = 90',
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('delete the appeal settings', 'DELETE FROM credentialing.appeal_settings',
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('read the payer appeal rules', 'SELECT count(*) FROM credentialing.payer_appeal_rules', '2', '2', '2', '2'),
('insert a payer appeal rule',
 $$INSERT INTO credentialing.payer_appeal_rules (payer_code, appeals_enabled) VALUES ('OTHER', false)$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('disable appeals for payer one',
 $$UPDATE credentialing.payer_appeal_rules SET appeals_enabled = false WHERE payer_code = 'PAYONE'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('delete the rule of payer one', $$DELETE FROM credentialing.payer_appeal_rules WHERE payer_code = 'PAYONE'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
-- claims and their history: a provider sees the claims billed under their NPI.
('read claims', 'SELECT count(*) FROM credentialing.claims', '4', '4', '2', '1'),
('read the claim of B', $$SELECT count(*) FROM credentialing.claims WHERE claim_number = 'CLM-B1'$$,
 '1', '1', '0', '1'),
('insert a claim of A',
 $$INSERT INTO credentialing.claims (payer_code, claim_number, provider_npi, claim_status)
   VALUES ('PAYONE', 'CLM-A3', '1234567893', 'Pending')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('mark the claims of A paid',
 $$UPDATE credentialing.claims SET claim_status = 'Paid' WHERE provider_npi = '1234567893'$$,
 '2 rows', 'permission denied', 'permission denied', 'permission denied'),
('touch the claims of A',
 $$UPDATE credentialing.claims SET last_status_at = now() WHERE provider_npi = '1234567893'$$,
 '2 rows', 'permission denied', 'permission denied', 'permission denied'),
('lock the claims of A',
 $$SELECT count(*) FROM (SELECT FROM credentialing.claims WHERE provider_npi = '1234567893' FOR UPDATE) l$$,
 '2', 'permission denied', 'permission denied', 'permission denied'),
('delete the unappealed claim of A', $$DELETE FROM credentialing.claims WHERE claim_number = 'CLM-A2'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('read claim history', 'SELECT count(*) FROM credentialing.claim_status_history', '4', '4', '2', '1'),
('insert a claim observation',
 $$INSERT INTO credentialing.claim_status_history (claim_id, source, claim_status)
   VALUES ('a6000000-0000-0000-0000-000000000001', 'manual', 'Paid')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('rewrite claim history', $$UPDATE credentialing.claim_status_history SET claim_status = 'Paid'$$,
 '4 rows', 'permission denied', 'permission denied', 'permission denied'),
('delete claim history', 'DELETE FROM credentialing.claim_status_history',
 '4 rows', 'permission denied', 'permission denied', 'permission denied'),
-- appeals: those of the claims a provider sees; written through submit_appeal.
('read appeals', 'SELECT count(*) FROM credentialing.appeals', '2', '2', '1', '1'),
('insert an appeal of a claim of A',
 $$INSERT INTO credentialing.appeals (claim_id, appeal_type, request_reason, narrative)
   VALUES ('a6000000-0000-0000-0000-000000000002', 'Reconsideration', 'OTHER', 'Please look again.')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('insert a submitted appeal of a claim of A',
 $$INSERT INTO credentialing.appeals (claim_id, appeal_type, status, request_reason, narrative)
   VALUES ('a6000000-0000-0000-0000-000000000002', 'Reconsideration', 'submitted', 'OTHER', 'Please look again.')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('insert a decided appeal of a claim of A',
 $$INSERT INTO credentialing.appeals (claim_id, appeal_type, status, decision, request_reason, narrative)
   VALUES ('a6000000-0000-0000-0000-000000000002', 'Reconsideration', 'decided', 'overturned', 'OTHER',
		   'Please look again.')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('decide the appeal of A',
 $$UPDATE credentialing.appeals SET status = 'decided', decision = 'overturned'
   WHERE id = 'a7000000-0000-0000-0000-000000000001'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('delete the appeal of A', $$DELETE FROM credentialing.appeals WHERE id = 'a7000000-0000-0000-0000-000000000001'$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
-- appeal_outbox: the publisher's queue, not the providers'.
('read the outbox', 'SELECT count(*) FROM credentialing.appeal_outbox', '1', '1', 'permission denied', 'permission denied'),
('enqueue an outbox message',
 $$INSERT INTO credentialing.appeal_outbox (topic, payload) VALUES ('appeals-in', '{}')$$,
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('mark the outbox published', 'UPDATE credentialing.appeal_outbox SET published_at = now()',
 '1 row', 'permission denied', 'permission denied', 'permission denied'),
('empty the outbox', 'DELETE FROM credentialing.appeal_outbox',
 '1 row', 'permission denied', 'permission denied', 'permission denied');

/* ------------------------------------------------------------------------
 * Functions.  Read-only helpers run as the caller, so row-level security
 * decides what they see.
 * ------------------------------------------------------------------------ */

INSERT INTO matrix (what, statement, admin, viewer, provider_a, provider_b) VALUES
('check an NPI', $$SELECT credentialing.npi_is_valid('1234567893')$$, 'true', 'true', 'true', 'true'),
('ask whose provider id the JWT carries',
 $$SELECT credentialing.current_provider_id() = 'a0000000-0000-0000-0000-00000000000a'$$,
 'null', 'null', 'true', 'false'),
('generate the tasks of C with payer one',
 $$SELECT credentialing.credential_payers('c0000000-0000-0000-0000-00000000000c',
   ARRAY['e0000000-0000-0000-0000-000000000001']::uuid[], '2026-01-05')->>'tasksCreated'$$,
 '4', 'permission denied', 'permission denied', 'permission denied'),
('read the progress of A',
 $$SELECT count(*) FROM credentialing.get_provider_credentialing_progress('a0000000-0000-0000-0000-00000000000a', '2026-01-05')$$,
 '2', '2', '2', '0'),
('count the tasks in the progress of A',
 $$SELECT sum(total_tasks) FROM credentialing.get_provider_credentialing_progress('a0000000-0000-0000-0000-00000000000a', '2026-01-05')$$,
 '3', '3', '3', 'null'),
('read the pipeline summary',
 $$SELECT sum(application_count) FROM credentialing.get_credentialing_pipeline_summary('2026-01-05')$$,
 '2', '2', 'permission denied', 'permission denied'),
('list overdue applications',
 $$SELECT count(*) FROM credentialing.get_overdue_applications('2026-06-01')$$,
 '1', '1', 'permission denied', 'permission denied'),
('list overdue tasks',
 $$SELECT count(*) FROM credentialing.get_overdue_tasks('2026-01-05')$$,
 '4', '4', 'permission denied', 'permission denied'),
-- Claims and appeals.
('parse an X12 277', format('SELECT count(*) FROM credentialing.parse_277(%L)', :'x277'),
 '1', '1', 'permission denied', 'permission denied'),
('ingest an X12 277', format('SELECT count(*) FROM credentialing.ingest_277(%L)', :'x277'),
 '1', 'permission denied', 'permission denied', 'permission denied'),
('ingest an ECS claim-status response',
 $$SELECT count(*) FROM credentialing.ingest_ecs_claims(
   '{"claims": [{"claimNumber": "CLM-E1", "claimStatus": "Denied", "payerId": "PAYONE", "providerNpi": "1234567893"}]}')$$,
 '1', 'permission denied', 'permission denied', 'permission denied'),
('import an integration configuration',
 $$SELECT credentialing.apply_integration_config('{"appeals": {"enabled": true}}') IS NOT NULL$$,
 'true', 'permission denied', 'permission denied', 'permission denied'),
('compute the value-adds of a denied claim',
 $$SELECT credentialing.ecs_value_adds('{"claimStatus": "Denied", "payerId": "PAYONE", "finalizedDate": "20260110"}',
   '2026-01-20')->>'eligibleForAppeal'$$,
 'true', 'true', 'true', 'true'),
('ask whether claim CLM-A2 of A can be appealed',
 $$SELECT can_appeal FROM credentialing.appeal_status('CLM-A2', NULL, '2026-01-20')$$,
 'true', 'true', 'true', 'P0002: claim CLM-A2 not found'),
('ask whether the appealed claim CLM-A1 of A can be appealed',
 $$SELECT reason FROM credentialing.appeal_status('CLM-A1', NULL, '2026-01-20')$$,
 'Claim has already been appealed', 'Claim has already been appealed', 'Claim has already been appealed',
 'P0002: claim CLM-A1 not found'),
('prefill an appeal of claim CLM-A2 of A',
 $$SELECT credentialing.appeal_prefill('CLM-A2')->>'providerNpi'$$,
 '1234567893', '1234567893', '1234567893', 'P0002: claim CLM-A2 not found'),
('submit an appeal of claim CLM-A2 of A',
 $$SELECT credentialing.submit_appeal('CLM-A2', 'MEDICAL_NECESSITY', 'The visit was medically necessary.')->>'status'$$,
 'queued', 'permission denied', 'queued', 'P0002: claim CLM-A2 not found'),
('record the decision on the submitted appeal of B',
 $$SELECT credentialing.record_appeal_decision('b7000000-0000-0000-0000-000000000001', 'upheld')->>'status'$$,
 'decided', 'permission denied', 'permission denied', 'permission denied'),
('claim outbox messages', 'SELECT count(*) FROM credentialing.appeal_outbox_claim(10)',
 '1', 'permission denied', 'permission denied', 'permission denied'),
('claim and acknowledge an outbox message',
 $$SELECT (credentialing.appeal_outbox_ack(m.id)).published_at IS NOT NULL FROM credentialing.appeal_outbox_claim(1) m$$,
 'true', 'permission denied', 'permission denied', 'permission denied'),
('claim and give back an outbox message',
 $$SELECT (credentialing.appeal_outbox_nack(m.id, 'timeout')).attempts FROM credentialing.appeal_outbox_claim(1) m$$,
 '1', 'permission denied', 'permission denied', 'permission denied'),
('compute the appeal metrics',
 $$SELECT credentialing.appeal_metrics('2026-01-01', '2026-12-31') IS NOT NULL$$,
 'true', 'true', 'permission denied', 'permission denied'),
-- Admin surface.
('list the payers with their statistics',
 $$SELECT count(*) FROM credentialing.payer_selection_stats(NULL, '2026-01-05')$$,
 '2', '2', 'permission denied', 'permission denied'),
('read the dashboard of A',
 $$SELECT credentialing.credentialing_dashboard('a0000000-0000-0000-0000-00000000000a', '2026-01-05')
   #>> '{overall_stats,total_tasks}'$$,
 '3', '3', '3', 'P0002: provider a0000000-0000-0000-0000-00000000000a does not exist'),
('complete a task of A through update_credentialing_task',
 $$SELECT credentialing.update_credentialing_task('a2000000-0000-0000-0000-000000000001',
   '{"task_status": "completed", "notes": "done"}')->>'task_status'$$,
 'completed', 'permission denied', 'completed', 'P0002: task a2000000-0000-0000-0000-000000000001 does not exist'),
('move a due date through update_credentialing_task',
 $$SELECT credentialing.update_credentialing_task('a2000000-0000-0000-0000-000000000001',
   '{"due_date": "2030-01-01"}')->>'due_date'$$,
 '2030-01-01', 'permission denied', 'permission denied', 'permission denied'),
('annotate the tasks of A through bulk_update_credentialing_tasks',
 $$SELECT credentialing.bulk_update_credentialing_tasks(ARRAY['a2000000-0000-0000-0000-000000000001',
   'a2000000-0000-0000-0000-000000000002']::uuid[], '{"notes": "checked"}')$$,
 '2', 'permission denied', '2', 'P0002: tasks a2000000-0000-0000-0000-000000000001, a2000000-0000-0000-0000-000000000002 do not exist'),
('measure the time to credential by payer',
 $$SELECT count(*) FROM credentialing.credentialing_time_by_payer('2025-01-01', '2026-12-31')$$,
 '1', '1', 'permission denied', 'permission denied'),
('export the calendar of A',
 $$SELECT (length(c) - length(replace(c, 'BEGIN:VEVENT', ''))) / length('BEGIN:VEVENT')
   FROM credentialing.credentialing_calendar('a0000000-0000-0000-0000-00000000000a') c$$,
 '3', '3', '3', 'P0002: provider a0000000-0000-0000-0000-00000000000a does not exist'),
('export the calendar of everyone',
 $$SELECT (length(c) - length(replace(c, 'BEGIN:VEVENT', ''))) / length('BEGIN:VEVENT')
   FROM credentialing.credentialing_calendar() c$$,
 '5', '5', '3', '2'),
('send the overdue notifications',
 $$SELECT count(*) FROM credentialing.notify_overdue('2026-01-05')$$,
 '4', 'permission denied', 'permission denied', 'permission denied');

SELECT * FROM pg_temp.run_matrix();

SELECT is_empty(
	$$SELECT p.proname::text FROM pg_proc p
	  WHERE p.pronamespace = 'credentialing'::regnamespace AND p.prorettype <> 'trigger'::regtype
		AND NOT EXISTS (SELECT FROM matrix m WHERE m.statement LIKE '%credentialing.' || p.proname || '(%')$$,
	'every function of the extension a client can call has its row in the matrix');

/* ------------------------------------------------------------------------
 * Catalog facts behind the matrix.
 * ------------------------------------------------------------------------ */

SELECT is(
	(SELECT array_agg(rolname || CASE WHEN rolcanlogin THEN ' LOGIN' ELSE ' NOLOGIN' END ORDER BY rolname)
	 FROM pg_roles WHERE rolname IN ('credentialing_admin', 'credentialing_viewer', 'credentialing_provider')),
	ARRAY['credentialing_admin NOLOGIN', 'credentialing_provider NOLOGIN', 'credentialing_viewer NOLOGIN'],
	'the extension created its three roles, none of which can log in');
SELECT ok(NOT has_schema_privilege('public', 'credentialing', 'USAGE'),
	'PUBLIC has no USAGE on schema credentialing');
SELECT is_empty(
	$$SELECT p.oid::regprocedure::text FROM pg_proc p
	  WHERE p.pronamespace = 'credentialing'::regnamespace
		AND (p.proacl IS NULL OR EXISTS (SELECT FROM aclexplode(p.proacl) a WHERE a.grantee = 0))$$,
	'PUBLIC may execute no function of the extension');
SELECT is_empty(
	$$SELECT c.relname::text FROM pg_class c
	  WHERE c.relnamespace = 'credentialing'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'S', 'p')
		AND EXISTS (SELECT FROM aclexplode(c.relacl) a WHERE a.grantee = 0)$$,
	'PUBLIC has no privilege on any table or sequence of the extension');
SELECT is_empty(
	$$SELECT t.typname::text FROM pg_type t
	  WHERE t.typnamespace = 'credentialing'::regnamespace AND t.typelem = 0
		AND t.typtype IN ('b', 'c', 'd', 'e', 'r')
		AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
		AND (t.typacl IS NULL OR EXISTS (SELECT FROM aclexplode(t.typacl) a WHERE a.grantee = 0))$$,
	'PUBLIC may use no type of the extension');
SELECT is_empty(
	$$SELECT c.relname::text FROM pg_class c
	  WHERE c.relnamespace = 'credentialing'::regnamespace AND c.relkind IN ('r', 'p')
		AND NOT c.relrowsecurity$$,
	'every table of the extension has row-level security enabled');
SELECT is_empty(
	$$SELECT c.relname::text FROM pg_class c
	  WHERE c.relnamespace = 'credentialing'::regnamespace AND c.relkind IN ('r', 'p')
		AND NOT EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid
						AND 'credentialing_admin'::regrole = ANY (p.polroles))$$,
	'every table has a policy that gives credentialing_admin all its rows');
SELECT is_empty(
	$$SELECT p.oid::regprocedure::text FROM pg_proc p
	  WHERE p.pronamespace = 'credentialing'::regnamespace AND p.prosecdef
		AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false)$$,
	'every SECURITY DEFINER function of the extension has a fixed search_path');
SELECT is_empty(
	$$SELECT p.oid::regprocedure::text FROM pg_proc p
	  WHERE p.pronamespace = 'credentialing'::regnamespace
		AND p.prorettype <> 'trigger'::regtype AND p.provolatile <> 'i'
		AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false)$$,
	'every function a client calls that reads or writes tables runs with search_path pg_catalog, pg_temp');
SELECT is_empty(
	$$SELECT p.oid::regprocedure::text FROM pg_proc p
	  WHERE p.pronamespace = 'credentialing'::regnamespace
		AND p.prorettype <> 'trigger'::regtype
		AND NOT has_function_privilege('credentialing_admin', p.oid, 'EXECUTE')$$,
	'credentialing_admin may execute every function of the extension');
SELECT is_empty(
	$$SELECT p.oid::regprocedure::text, r.rolname::text FROM pg_proc p
	  CROSS JOIN pg_roles r
	  WHERE p.pronamespace = 'credentialing'::regnamespace
		AND p.prorettype = 'trigger'::regtype
		AND r.rolname IN ('credentialing_viewer', 'credentialing_provider')
		AND has_function_privilege(r.oid, p.oid, 'EXECUTE')$$,
	'trigger functions are executable by no role but credentialing_admin (triggers fire regardless)');
SELECT is(
	(SELECT array_agg(column_name::text ORDER BY column_name::text)
	 FROM information_schema.column_privileges
	 WHERE grantee = 'credentialing_provider' AND table_schema = 'credentialing'
	   AND table_name = 'provider_credentialing_tasks' AND privilege_type = 'UPDATE'),
	ARRAY['notes', 'task_status', 'uploaded_document_url'],
	'a provider may update exactly notes, task_status and uploaded_document_url of tasks');

/* ------------------------------------------------------------------------
 * Identity: current_provider_id() reads either API layer's claims.
 * ------------------------------------------------------------------------ */

SET LOCAL ROLE credentialing_provider;
SET LOCAL request.jwt.claims = '';
SELECT is(credentialing.current_provider_id(), NULL::uuid,
	'with no JWT, a provider has no provider id');
SELECT is_empty('SELECT * FROM credentialing.provider_credentialing_tasks',
	'with no JWT, a provider sees no task');
SELECT is_empty('SELECT * FROM credentialing.providers',
	'with no JWT, a provider sees no provider');
SET LOCAL jwt.claims.provider_id = 'b0000000-0000-0000-0000-00000000000b';
SELECT is(credentialing.current_provider_id(), 'b0000000-0000-0000-0000-00000000000b'::uuid,
	'PostGraphile''s jwt.claims.provider_id identifies the provider');
SELECT results_eq('SELECT last_name FROM credentialing.providers', ARRAY['Baker'],
	'with PostGraphile''s claims, provider B sees their own row');
SET LOCAL request.jwt.claims = '{"provider_id": "a0000000-0000-0000-0000-00000000000a"}';
SELECT is(credentialing.current_provider_id(), 'a0000000-0000-0000-0000-00000000000a'::uuid,
	'request.jwt.claims (PostgREST) is read before jwt.claims.provider_id');
SET LOCAL request.jwt.claims = '';
SET LOCAL jwt.claims.provider_id = '';
SELECT is(credentialing.current_provider_id(), NULL::uuid,
	'claims set and then emptied read back as no provider id');

/* ------------------------------------------------------------------------
 * Self-service end to end: provider A completes a task.  The trigger's
 * bookkeeping (audit row) is written although A may not insert events.
 * ------------------------------------------------------------------------ */

SET LOCAL request.jwt.claims = '{"provider_id": "a0000000-0000-0000-0000-00000000000a", "sub": "ann@example.org"}';
SELECT lives_ok(
	$$UPDATE credentialing.provider_credentialing_tasks
	  SET task_status = 'completed', notes = 'Portal account created',
		  uploaded_document_url = 'https://files.example.org/portal.pdf'
	  WHERE id = 'a2000000-0000-0000-0000-000000000001'$$,
	'provider A completes their own task, with a note and a document');
SELECT results_eq(
	$$SELECT task_status, completed_date IS NOT NULL, notes
	  FROM credentialing.provider_credentialing_tasks WHERE id = 'a2000000-0000-0000-0000-000000000001'$$,
	$$VALUES ('completed', true, 'Portal account created')$$,
	'the completed task carries its completion date and note');
SELECT results_eq(
	$$SELECT actor, action, old_value, new_value FROM credentialing.credentialing_events
	  WHERE entity_id = 'a2000000-0000-0000-0000-000000000001'$$,
	$$VALUES ('credentialing_provider (sub ann@example.org)', 'status_changed', 'pending', 'completed')$$,
	'the completion is audited with the session''s role and the JWT sub');
SELECT throws_ok(
	$$UPDATE credentialing.provider_credentialing_tasks SET title = 'Done'
	  WHERE id = 'a2000000-0000-0000-0000-000000000001'$$,
	'42501', 'permission denied for table provider_credentialing_tasks',
	'provider A may not change the title of their own task');
SELECT throws_ok(
	$$INSERT INTO credentialing.credentialing_events (entity, entity_id, action)
	  VALUES ('task', 'a2000000-0000-0000-0000-000000000001', 'forged')$$,
	'42501', 'permission denied for table credentialing_events',
	'provider A may not write audit events directly');
SELECT is_empty(
	$$SELECT * FROM credentialing.get_provider_credentialing_progress('b0000000-0000-0000-0000-00000000000b', '2026-01-05')$$,
	'provider A gets nothing from the progress of provider B');
SELECT is(
	credentialing.submit_appeal('CLM-A2', 'MEDICAL_NECESSITY', 'The visit was medically necessary.')->>'status',
	'queued', 'provider A submits an appeal of their own denied claim');
SELECT results_eq(
	$$SELECT status, submitted_by FROM credentialing.appeals
	  WHERE claim_id = 'a6000000-0000-0000-0000-000000000002'$$,
	$$VALUES ('queued', 'credentialing_provider (sub ann@example.org)')$$,
	'the appeal is queued under the provider''s role and JWT sub');
SELECT throws_ok('SELECT count(*) FROM credentialing.appeal_outbox',
	'42501', 'permission denied for table appeal_outbox',
	'provider A cannot read the outbox');
SELECT throws_ok(
	$$SELECT credentialing.submit_appeal('CLM-B1', 'OTHER', 'Please review this claim again.')$$,
	'P0002', 'claim CLM-B1 not found',
	'provider A cannot appeal a claim of provider B: it does not exist for them');
SELECT throws_ok(
	$$SELECT credentialing.submit_appeal('CLM-A1', 'OTHER', 'Please review this claim again.',
										 p_as_of => CURRENT_DATE - 365)$$,
	'42501', 'a provider cannot set p_as_of of submit_appeal',
	'provider A cannot backdate an appeal to slip under a deadline');
RESET ROLE;
SELECT is(
	(SELECT count(*) FROM credentialing.appeal_outbox o
	 JOIN credentialing.appeals a ON a.id = o.appeal_id
	 WHERE a.claim_id = 'a6000000-0000-0000-0000-000000000002'),
	1::bigint, 'the appeal''s outbox message was written although the provider may not write the outbox');

SELECT * FROM finish();
ROLLBACK;
