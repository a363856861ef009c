-- test/sql/task_generation.sql: credential_payers (DESIGN 4.1): default and
-- custom task lists, placeholders and due dates, the fallback workflow,
-- skips, reopening, the result document, the audit events and the errors.
BEGIN;
LOAD 'credentialing';
SELECT plan(57);

-- Providers.
INSERT INTO credentialing.providers (id, first_name, last_name) VALUES
	('00000000-0000-0000-0000-000000000011', 'Jane', 'Doe'),
	('00000000-0000-0000-0000-000000000012', 'Sam', 'Rivera'),
	('00000000-0000-0000-0000-000000000013', 'Priya', 'Shah'),
	('00000000-0000-0000-0000-000000000014', 'Omar', 'Haddad'),
	('00000000-0000-0000-0000-000000000015', 'Lee', 'Park'),
	('00000000-0000-0000-0000-000000000016', 'Kim', 'Cho');

-- Payers: one per workflow shape, the examples of DESIGN 4.6, payers
-- without a workflow row, and payers for the skip and reopen cases.
INSERT INTO credentialing.payers (id, name, requires_individual_contract) VALUES
	('00000000-0000-0000-0000-0000000000c1', 'Instant Network Health', false),
	('00000000-0000-0000-0000-0000000000c2', 'Roster Health', true),
	('00000000-0000-0000-0000-0000000000c3', 'Portal Ninety Health', true),
	('00000000-0000-0000-0000-0000000000c4', 'Portal Plain Health', true),
	('00000000-0000-0000-0000-0000000000c5', 'Form Health', true),
	('00000000-0000-0000-0000-0000000000c6', 'Molina Healthcare of Utah', true),
	('00000000-0000-0000-0000-0000000000c7', 'Regence BlueCross BlueShield of Utah', true),
	('00000000-0000-0000-0000-0000000000c8', 'Notify Only Mutual', false),
	('00000000-0000-0000-0000-0000000000c9', 'Contract Required Mutual', true),
	('00000000-0000-0000-0000-0000000000ca', 'Template Quirks Health', true),
	('00000000-0000-0000-0000-0000000000cb', 'Unordered Roster Health', true),
	('00000000-0000-0000-0000-0000000000d1', 'Contracted Health', true),
	('00000000-0000-0000-0000-0000000000d2', 'Approved Health', true),
	('00000000-0000-0000-0000-0000000000d3', 'Not Started Health', true),
	('00000000-0000-0000-0000-0000000000d4', 'In Progress Health', true),
	('00000000-0000-0000-0000-0000000000d5', 'Submitted Health', true),
	('00000000-0000-0000-0000-0000000000d6', 'Under Review Health', true),
	('00000000-0000-0000-0000-0000000000d7', 'On Hold Health', true),
	('00000000-0000-0000-0000-0000000000d8', 'Denied For Good Health', true),
	('00000000-0000-0000-0000-0000000000d9', 'Withdrawn For Good Health', true),
	('00000000-0000-0000-0000-0000000000e1', 'Denied Health', true),
	('00000000-0000-0000-0000-0000000000e2', 'Withdrawn Health', true);

INSERT INTO credentialing.payer_credentialing_workflows
	(payer_id, workflow_type, typical_approval_days, portal_url, submission_email,
	 excel_submission_email, task_templates)
VALUES
	('00000000-0000-0000-0000-0000000000c1', 'instant_network', 0, NULL, NULL, NULL, '[]'),
	('00000000-0000-0000-0000-0000000000c2', 'excel_submission', 45, NULL, NULL, 'roster@roster.example', '[]'),
	('00000000-0000-0000-0000-0000000000c3', 'online_portal', 90, 'https://portal.ninety.example', NULL, NULL, '[]'),
	('00000000-0000-0000-0000-0000000000c4', 'online_portal', NULL, NULL, NULL, NULL, '[]'),
	('00000000-0000-0000-0000-0000000000c5', 'pdf_form_submission', 60, NULL, 'forms@form.example', NULL, '[]'),
	('00000000-0000-0000-0000-0000000000c6', 'online_portal', 30, 'https://provider.molinahealthcare.com', NULL, NULL,
	 '[{"title": "Update CAQH profile", "description": "Ensure CAQH profile is current", "order": 1, "estimated_days": 1},
	   {"title": "Submit application in portal", "description": "Complete Molina provider application for {provider_name} at {portal_url}", "order": 2, "estimated_days": 2},
	   {"title": "Record application ID", "description": "Save confirmation number", "order": 3, "estimated_days": 0, "task_type": "record_application_id"},
	   {"title": "Follow up after 30 days", "description": "Check portal for status", "order": 4, "estimated_days": 30}]'),
	('00000000-0000-0000-0000-0000000000c7', 'excel_submission', 45, NULL, NULL, 'provider.network@regence.com',
	 '[{"title": "Download Regence roster template", "description": "Get latest Excel template", "order": 1, "estimated_days": 0},
	   {"title": "Add provider to roster", "description": "Fill in all required fields for {provider_name}", "order": 2, "estimated_days": 1},
	   {"title": "Submit roster via email", "description": "Send to {submission_email}", "order": 3, "estimated_days": 0},
	   {"title": "Request confirmation", "description": "Confirm receipt from {payer_name}", "order": 4, "estimated_days": 3}]'),
	('00000000-0000-0000-0000-0000000000ca', 'online_portal', 30, NULL, 'primary@quirks.example', 'excel@quirks.example',
	 '[{"title": "Last step for {payer_name}", "order": 30, "estimated_days": 5},
	   {"title": "First step {unknown} {provider_name}", "description": "Mail {submission_email}, portal [{portal_url}]", "order": 10},
	   {"title": "Middle step", "description": null, "order": 20, "estimated_days": 2, "task_type": "custom_check"}]'),
	('00000000-0000-0000-0000-0000000000cb', 'excel_submission', NULL, NULL, NULL, 'excel@unordered.example',
	 '[{"title": "Send roster to {submission_email}"}, {"title": "Confirm", "estimated_days": 3}]'),
	('00000000-0000-0000-0000-0000000000e1', 'online_portal', 45, NULL, NULL, NULL, '[]'),
	('00000000-0000-0000-0000-0000000000e2', 'pdf_form_submission', NULL, NULL, NULL, NULL, '[]');

-- A provider's tasks with one payer, in task order.
CREATE FUNCTION pg_temp.tasks_of(p_provider uuid, p_payer uuid)
RETURNS TABLE (task_order integer, task_type text, title text, description text,
			   estimated_days integer, due_date date, task_status text)
LANGUAGE sql AS $$
	SELECT t.task_order, t.task_type, t.title, t.description, t.estimated_days, t.due_date, t.task_status
	FROM credentialing.provider_credentialing_tasks t
	WHERE t.provider_id = p_provider AND t.payer_id = p_payer
	ORDER BY t.task_order, t.title
$$;

-- The details of a result without the (random) application ids.
CREATE FUNCTION pg_temp.details_of(p_result jsonb)
RETURNS jsonb LANGUAGE sql AS $$
	SELECT jsonb_agg(d.value - 'applicationId' ORDER BY d.ord)
	FROM jsonb_array_elements(p_result -> 'details') WITH ORDINALITY AS d(value, ord)
$$;

-- How many details carry the id of the provider's application with their payer.
CREATE FUNCTION pg_temp.matching_application_ids(p_result jsonb, p_provider uuid)
RETURNS bigint LANGUAGE sql AS $$
	SELECT count(*)
	FROM jsonb_array_elements(p_result -> 'details') AS d(value)
	JOIN credentialing.provider_payer_applications a
	  ON a.id = (d.value ->> 'applicationId')::uuid
	 AND a.payer_id = (d.value ->> 'payerId')::uuid
	 AND a.provider_id = p_provider
$$;

-- SQLSTATE, message and context of the error a statement raises.
CREATE FUNCTION pg_temp.error_of(p_sql text)
RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
	v_state text;
	v_message text;
	v_context text;
BEGIN
	EXECUTE p_sql;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT,
		v_context = PG_EXCEPTION_CONTEXT;
	RETURN ARRAY[v_state, v_message, v_context];
END $$;

/* ---- Default task lists (Jane Doe, five workflows) ---------------------- */

CREATE TEMP TABLE jane AS
SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000011',
	ARRAY['00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000c2',
		  '00000000-0000-0000-0000-0000000000c3', '00000000-0000-0000-0000-0000000000c4',
		  '00000000-0000-0000-0000-0000000000c5']::uuid[], '2026-03-02') AS r;

SELECT is((SELECT r - 'details' FROM jane), '{"tasksCreated": 17, "applicationsCreated": 5}'::jsonb,
	'five new applications get 17 default tasks between them');
SELECT is((SELECT pg_temp.details_of(r) FROM jane),
	'[{"payerId": "00000000-0000-0000-0000-0000000000c1", "payerName": "Instant Network Health", "workflowType": "instant_network", "status": "created", "reason": null, "taskCount": 1},
	  {"payerId": "00000000-0000-0000-0000-0000000000c2", "payerName": "Roster Health", "workflowType": "excel_submission", "status": "created", "reason": null, "taskCount": 4},
	  {"payerId": "00000000-0000-0000-0000-0000000000c3", "payerName": "Portal Ninety Health", "workflowType": "online_portal", "status": "created", "reason": null, "taskCount": 4},
	  {"payerId": "00000000-0000-0000-0000-0000000000c4", "payerName": "Portal Plain Health", "workflowType": "online_portal", "status": "created", "reason": null, "taskCount": 4},
	  {"payerId": "00000000-0000-0000-0000-0000000000c5", "payerName": "Form Health", "workflowType": "pdf_form_submission", "status": "created", "reason": null, "taskCount": 4}]'::jsonb,
	'the details list every payer in the order given, with workflow, status and task count');
SELECT is((SELECT array_agg(k ORDER BY k) FROM jane, jsonb_array_elements(r -> 'details') d,
		   jsonb_object_keys(d) k WHERE d ->> 'payerName' = 'Form Health'),
	ARRAY['applicationId', 'payerId', 'payerName', 'reason', 'status', 'taskCount', 'workflowType'],
	'a detail has exactly the keys of DESIGN 4.1');
SELECT is((SELECT pg_temp.matching_application_ids(r, '00000000-0000-0000-0000-000000000011') FROM jane), 5::bigint,
	'each detail carries the id of the application it created');
SELECT results_eq(
	$$SELECT application_status, count(*) FROM credentialing.provider_payer_applications
	  WHERE provider_id = '00000000-0000-0000-0000-000000000011' GROUP BY 1$$,
	$$VALUES ('not_started'::text, 5::bigint)$$,
	'new applications start as not_started');

SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000011', '00000000-0000-0000-0000-0000000000c1')$$,
	$$VALUES (1, 'notify_payer', 'Notify payer of provider addition', NULL::text, 1, '2026-03-03'::date, 'pending')$$,
	'instant_network: one notify_payer task due the next day');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000011', '00000000-0000-0000-0000-0000000000c2')$$,
	$$VALUES (1, 'download_template', 'Download Excel roster template', NULL::text, 0, '2026-03-02'::date, 'pending'),
			 (2, 'fill_template', 'Add provider to Excel roster', NULL, 1, '2026-03-03', 'pending'),
			 (3, 'submit_roster', 'Submit roster to payer', NULL, 0, '2026-03-03', 'pending'),
			 (4, 'confirm_receipt', 'Confirm receipt of roster', NULL, 3, '2026-03-06', 'pending')$$,
	'excel_submission: the four roster tasks, due dates accumulating 0, 1, 0 and 3 days');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000011', '00000000-0000-0000-0000-0000000000c3')$$,
	$$VALUES (1, 'portal_credentials', 'Obtain portal credentials', NULL::text, 1, '2026-03-03'::date, 'pending'),
			 (2, 'submit_application', 'Submit provider application', NULL, 2, '2026-03-05', 'pending'),
			 (3, 'record_application_id', 'Record application ID', NULL, 0, '2026-03-05', 'pending'),
			 (4, 'follow_up', 'Follow up on application status', NULL, 90, '2026-06-03', 'pending')$$,
	'online_portal: the follow-up takes the workflow''s typical_approval_days (90)');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000011', '00000000-0000-0000-0000-0000000000c4')$$,
	$$VALUES (1, 'portal_credentials', 'Obtain portal credentials', NULL::text, 1, '2026-03-03'::date, 'pending'),
			 (2, 'submit_application', 'Submit provider application', NULL, 2, '2026-03-05', 'pending'),
			 (3, 'record_application_id', 'Record application ID', NULL, 0, '2026-03-05', 'pending'),
			 (4, 'follow_up', 'Follow up on application status', NULL, 30, '2026-04-04', 'pending')$$,
	'online_portal without typical_approval_days: the follow-up takes 30 days');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000011', '00000000-0000-0000-0000-0000000000c5')$$,
	$$VALUES (1, 'download_form', 'Download application form', NULL::text, 0, '2026-03-02'::date, 'pending'),
			 (2, 'fill_form', 'Complete application form', NULL, 1, '2026-03-03', 'pending'),
			 (3, 'submit_form', 'Email completed form to payer', NULL, 0, '2026-03-03', 'pending'),
			 (4, 'confirm_receipt', 'Confirm receipt of application', NULL, 3, '2026-03-06', 'pending')$$,
	'pdf_form_submission: the four form tasks');
SELECT results_eq(
	$$SELECT DISTINCT portal_url FROM credentialing.provider_credentialing_tasks
	  WHERE provider_id = '00000000-0000-0000-0000-000000000011'
		AND payer_id = '00000000-0000-0000-0000-0000000000c3'$$,
	$$VALUES ('https://portal.ninety.example'::text)$$,
	'tasks carry the workflow''s portal URL');

SELECT results_eq(
	$$SELECT p.name, e.entity, e.action, e.old_value, e.new_value, e.details
	  FROM credentialing.credentialing_events e
	  JOIN credentialing.payers p ON p.id = e.payer_id
	  JOIN credentialing.provider_payer_applications a ON a.id = e.entity_id
	   AND a.provider_id = e.provider_id AND a.payer_id = e.payer_id
	  WHERE e.provider_id = '00000000-0000-0000-0000-000000000011' AND e.action = 'created'
	  ORDER BY e.id$$,
	$$VALUES ('Instant Network Health'::text, 'application'::text, 'created'::text, NULL::text, 'not_started'::text,
			  '{"reopened": false, "taskCount": 1, "workflowType": "instant_network"}'::jsonb),
			 ('Roster Health', 'application', 'created', NULL, 'not_started',
			  '{"reopened": false, "taskCount": 4, "workflowType": "excel_submission"}'),
			 ('Portal Ninety Health', 'application', 'created', NULL, 'not_started',
			  '{"reopened": false, "taskCount": 4, "workflowType": "online_portal"}'),
			 ('Portal Plain Health', 'application', 'created', NULL, 'not_started',
			  '{"reopened": false, "taskCount": 4, "workflowType": "online_portal"}'),
			 ('Form Health', 'application', 'created', NULL, 'not_started',
			  '{"reopened": false, "taskCount": 4, "workflowType": "pdf_form_submission"}')$$,
	'each new application gets one created event on itself, in payer order');

-- A second call changes nothing.
CREATE TEMP TABLE jane_again AS
SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000011',
	ARRAY['00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000c5']::uuid[], '2026-04-01') AS r;
SELECT is((SELECT pg_temp.details_of(r) FROM jane_again),
	'[{"payerId": "00000000-0000-0000-0000-0000000000c1", "payerName": "Instant Network Health", "workflowType": "instant_network", "status": "skipped", "reason": "already_credentialing", "taskCount": 0},
	  {"payerId": "00000000-0000-0000-0000-0000000000c5", "payerName": "Form Health", "workflowType": "pdf_form_submission", "status": "skipped", "reason": "already_credentialing", "taskCount": 0}]'::jsonb,
	'calling again skips the payers already being credentialed');
SELECT is((SELECT pg_temp.matching_application_ids(r, '00000000-0000-0000-0000-000000000011') FROM jane_again), 2::bigint,
	'a skipped payer''s detail carries the existing application''s id');
SELECT is((SELECT count(*) FROM credentialing.provider_credentialing_tasks
		   WHERE provider_id = '00000000-0000-0000-0000-000000000011'), 17::bigint,
	'calling again adds no task');

/* ---- Custom templates (Sam Rivera, DESIGN 4.6) -------------------------- */

CREATE TEMP TABLE sam AS
SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000012',
	ARRAY['00000000-0000-0000-0000-0000000000c6', '00000000-0000-0000-0000-0000000000c7',
		  '00000000-0000-0000-0000-0000000000ca', '00000000-0000-0000-0000-0000000000cb']::uuid[], '2026-03-02') AS r;

SELECT is((SELECT r - 'details' FROM sam), '{"tasksCreated": 13, "applicationsCreated": 4}'::jsonb,
	'templates give 4 + 4 + 3 + 2 tasks');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000012', '00000000-0000-0000-0000-0000000000c6')$$,
	$$VALUES (1, 'workflow_task', 'Update CAQH profile', 'Ensure CAQH profile is current'::text, 1, '2026-03-03'::date, 'pending'),
			 (2, 'workflow_task', 'Submit application in portal',
			  'Complete Molina provider application for Sam Rivera at https://provider.molinahealthcare.com', 2, '2026-03-05', 'pending'),
			 (3, 'record_application_id', 'Record application ID', 'Save confirmation number', 0, '2026-03-05', 'pending'),
			 (4, 'workflow_task', 'Follow up after 30 days', 'Check portal for status', 30, '2026-04-04', 'pending')$$,
	'Molina: template tasks with provider name and portal URL filled in, due dates accumulating 1, 2, 0 and 30 days');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000012', '00000000-0000-0000-0000-0000000000c7')$$,
	$$VALUES (1, 'workflow_task', 'Download Regence roster template', 'Get latest Excel template'::text, 0, '2026-03-02'::date, 'pending'),
			 (2, 'workflow_task', 'Add provider to roster', 'Fill in all required fields for Sam Rivera', 1, '2026-03-03', 'pending'),
			 (3, 'workflow_task', 'Submit roster via email', 'Send to provider.network@regence.com', 0, '2026-03-03', 'pending'),
			 (4, 'workflow_task', 'Request confirmation', 'Confirm receipt from Regence BlueCross BlueShield of Utah', 3, '2026-03-06', 'pending')$$,
	'Regence: {submission_email} falls back to excel_submission_email and {payer_name} is the payer''s name');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000012', '00000000-0000-0000-0000-0000000000ca')$$,
	$$VALUES (10, 'workflow_task', 'First step {unknown} Sam Rivera', 'Mail primary@quirks.example, portal []'::text, 0, '2026-03-02'::date, 'pending'),
			 (20, 'custom_check', 'Middle step', NULL, 2, '2026-03-04', 'pending'),
			 (30, 'workflow_task', 'Last step for Template Quirks Health', NULL, 5, '2026-03-09', 'pending')$$,
	'templates are sorted by order, keep their order numbers, count missing days as 0, leave unknown placeholders, prefer submission_email and fill a missing portal URL with nothing');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000012', '00000000-0000-0000-0000-0000000000cb')$$,
	$$VALUES (1, 'workflow_task', 'Send roster to excel@unordered.example', NULL::text, 0, '2026-03-02'::date, 'pending'),
			 (2, 'workflow_task', 'Confirm', NULL, 3, '2026-03-05', 'pending')$$,
	'templates without order take their position in the array');
SELECT is((SELECT d ->> 'workflowType' FROM sam, jsonb_array_elements(r -> 'details') d
		   WHERE d ->> 'payerName' = 'Regence BlueCross BlueShield of Utah'), 'excel_submission',
	'a payer with templates reports its workflow type');
SELECT is((SELECT details FROM credentialing.credentialing_events
		   WHERE provider_id = '00000000-0000-0000-0000-000000000012'
			 AND payer_id = '00000000-0000-0000-0000-0000000000ca' AND action = 'created'),
	'{"reopened": false, "taskCount": 3, "workflowType": "online_portal"}'::jsonb,
	'the created event counts the template tasks');

/* ---- No workflow row, duplicate ids (Kim Cho) --------------------------- */

CREATE TEMP TABLE kim AS
SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000016',
	ARRAY['00000000-0000-0000-0000-0000000000c8', '00000000-0000-0000-0000-0000000000c9',
		  '00000000-0000-0000-0000-0000000000c8']::uuid[], '2026-03-02') AS r;

SELECT is((SELECT r #- '{details,0,applicationId}' #- '{details,1,applicationId}' FROM kim),
	'{"tasksCreated": 5, "applicationsCreated": 2,
	  "details": [{"payerId": "00000000-0000-0000-0000-0000000000c8", "payerName": "Notify Only Mutual", "workflowType": "instant_network", "status": "created", "reason": null, "taskCount": 1},
				  {"payerId": "00000000-0000-0000-0000-0000000000c9", "payerName": "Contract Required Mutual", "workflowType": "online_portal", "status": "created", "reason": null, "taskCount": 4}]}'::jsonb,
	'duplicate payer ids are folded (first occurrence kept) and payers without a workflow fall back by their contract rule');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000016', '00000000-0000-0000-0000-0000000000c8')$$,
	$$VALUES (1, 'notify_payer', 'Notify payer of provider addition', NULL::text, 1, '2026-03-03'::date, 'pending')$$,
	'a payer without a workflow that needs no individual contract gets the instant_network task');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000016', '00000000-0000-0000-0000-0000000000c9')$$,
	$$VALUES (1, 'portal_credentials', 'Obtain portal credentials', NULL::text, 1, '2026-03-03'::date, 'pending'),
			 (2, 'submit_application', 'Submit provider application', NULL, 2, '2026-03-05', 'pending'),
			 (3, 'record_application_id', 'Record application ID', NULL, 0, '2026-03-05', 'pending'),
			 (4, 'follow_up', 'Follow up on application status', NULL, 30, '2026-04-04', 'pending')$$,
	'a payer without a workflow that needs an individual contract gets the online_portal tasks with a 30-day follow-up');
SELECT is((SELECT count(*) FROM credentialing.provider_payer_applications
		   WHERE provider_id = '00000000-0000-0000-0000-000000000016'), 2::bigint,
	'folded duplicates create one application per payer');
SELECT is((SELECT count(*) FROM credentialing.credentialing_events
		   WHERE provider_id = '00000000-0000-0000-0000-000000000016' AND action = 'created'), 2::bigint,
	'folded duplicates write one created event per application');

/* ---- Skips (Priya Shah) ------------------------------------------------- */

INSERT INTO credentialing.provider_payer_networks (provider_id, payer_id, status, effective_date) VALUES
	('00000000-0000-0000-0000-000000000013', '00000000-0000-0000-0000-0000000000d1', 'in_network', '2025-01-01');
INSERT INTO credentialing.provider_payer_applications
	(provider_id, payer_id, application_status, reapplication_eligible) VALUES
	('00000000-0000-0000-0000-000000000013', '00000000-0000-0000-0000-0000000000d2', 'approved', true),
	('00000000-0000-0000-0000-000000000013', '00000000-0000-0000-0000-0000000000d3', 'not_started', true),
	('00000000-0000-0000-0000-000000000013', '00000000-0000-0000-0000-0000000000d4', 'in_progress', true),
	('00000000-0000-0000-0000-000000000013', '00000000-0000-0000-0000-0000000000d5', 'submitted', true),
	('00000000-0000-0000-0000-000000000013', '00000000-0000-0000-0000-0000000000d6', 'under_review', true),
	('00000000-0000-0000-0000-000000000013', '00000000-0000-0000-0000-0000000000d7', 'on_hold', true),
	('00000000-0000-0000-0000-000000000013', '00000000-0000-0000-0000-0000000000d8', 'denied', false),
	('00000000-0000-0000-0000-000000000013', '00000000-0000-0000-0000-0000000000d9', 'withdrawn', false);
INSERT INTO credentialing.provider_payer_networks (provider_id, payer_id, status, effective_date, expiration_date) VALUES
	('00000000-0000-0000-0000-000000000013', '00000000-0000-0000-0000-0000000000d2', 'terminated', '2024-01-01', '2025-01-01');

CREATE TEMP TABLE priya AS
SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000013',
	ARRAY['00000000-0000-0000-0000-0000000000d1', '00000000-0000-0000-0000-0000000000d2',
		  '00000000-0000-0000-0000-0000000000d3', '00000000-0000-0000-0000-0000000000d4',
		  '00000000-0000-0000-0000-0000000000d5', '00000000-0000-0000-0000-0000000000d6',
		  '00000000-0000-0000-0000-0000000000d7', '00000000-0000-0000-0000-0000000000d8',
		  '00000000-0000-0000-0000-0000000000d9']::uuid[], '2026-03-02') AS r;

SELECT is((SELECT r - 'details' FROM priya), '{"tasksCreated": 0, "applicationsCreated": 0}'::jsonb,
	'a call where every payer is skipped creates nothing');
SELECT is((SELECT jsonb_agg(jsonb_build_array(d ->> 'payerName', d ->> 'status', d ->> 'reason', d -> 'taskCount', d ->> 'workflowType'))
		   FROM priya, jsonb_array_elements(r -> 'details') d),
	'[["Contracted Health", "skipped", "already_contracted", 0, "online_portal"],
	  ["Approved Health", "skipped", "already_approved", 0, "online_portal"],
	  ["Not Started Health", "skipped", "already_credentialing", 0, "online_portal"],
	  ["In Progress Health", "skipped", "already_credentialing", 0, "online_portal"],
	  ["Submitted Health", "skipped", "already_credentialing", 0, "online_portal"],
	  ["Under Review Health", "skipped", "already_credentialing", 0, "online_portal"],
	  ["On Hold Health", "skipped", "already_credentialing", 0, "online_portal"],
	  ["Denied For Good Health", "skipped", "not_eligible_for_reapplication", 0, "online_portal"],
	  ["Withdrawn For Good Health", "skipped", "not_eligible_for_reapplication", 0, "online_portal"]]'::jsonb,
	'each skip gives its reason: in network, approved with a lapsed contract, open in any of five statuses, not eligible for reapplication');
SELECT is((SELECT d -> 'applicationId' FROM priya, jsonb_array_elements(r -> 'details') d
		   WHERE d ->> 'payerName' = 'Contracted Health'), 'null'::jsonb,
	'a skipped payer without an application has a null applicationId');
SELECT is((SELECT pg_temp.matching_application_ids(r, '00000000-0000-0000-0000-000000000013') FROM priya), 8::bigint,
	'the other skipped payers carry their existing application ids');
SELECT is((SELECT count(*) FROM credentialing.provider_credentialing_tasks
		   WHERE provider_id = '00000000-0000-0000-0000-000000000013'), 0::bigint,
	'skipped payers get no tasks');
SELECT is((SELECT count(*) FROM credentialing.credentialing_events
		   WHERE provider_id = '00000000-0000-0000-0000-000000000013' AND action = 'created'), 0::bigint,
	'skipped payers get no created event');
SELECT results_eq(
	$$SELECT application_status, count(*) FROM credentialing.provider_payer_applications
	  WHERE provider_id = '00000000-0000-0000-0000-000000000013' GROUP BY 1 ORDER BY 1$$,
	$$VALUES ('approved'::text, 1::bigint), ('denied', 1), ('in_progress', 1), ('not_started', 1),
			 ('on_hold', 1), ('submitted', 1), ('under_review', 1), ('withdrawn', 1)$$,
	'skipped applications keep their status');

/* ---- Reopening (Omar Haddad) -------------------------------------------- */

INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, application_started_date, application_submitted_date,
	 expected_decision_date, denial_date, effective_date, denial_reason, payer_application_id, reapplication_eligible)
VALUES
	('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-000000000014', '00000000-0000-0000-0000-0000000000e1',
	 'denied', '2025-01-02', '2025-01-10', '2025-02-24', '2025-02-20', '2025-04-01', 'Incomplete CAQH profile', 'MOL-1', true),
	('00000000-0000-0000-0000-0000000000a2', '00000000-0000-0000-0000-000000000014', '00000000-0000-0000-0000-0000000000e2',
	 'withdrawn', '2025-01-02', NULL, NULL, NULL, NULL, NULL, NULL, true);
INSERT INTO credentialing.provider_credentialing_tasks
	(provider_id, payer_id, task_type, title, task_status, task_order, completed_date) VALUES
	('00000000-0000-0000-0000-000000000014', '00000000-0000-0000-0000-0000000000e1', 'old', 'Old completed', 'completed', 1, '2025-01-05'),
	('00000000-0000-0000-0000-000000000014', '00000000-0000-0000-0000-0000000000e1', 'old', 'Old pending', 'pending', 2, NULL),
	('00000000-0000-0000-0000-000000000014', '00000000-0000-0000-0000-0000000000e1', 'old', 'Old in progress', 'in_progress', 3, NULL),
	('00000000-0000-0000-0000-000000000014', '00000000-0000-0000-0000-0000000000e1', 'old', 'Old blocked', 'blocked', 4, NULL),
	('00000000-0000-0000-0000-000000000014', '00000000-0000-0000-0000-0000000000e1', 'old', 'Old not applicable', 'not_applicable', 5, NULL),
	('00000000-0000-0000-0000-000000000014', '00000000-0000-0000-0000-0000000000e2', 'old', 'Old withdrawn pending', 'pending', 1, NULL);

CREATE TEMP TABLE omar AS
SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000014',
	ARRAY['00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000e2']::uuid[], '2026-03-02') AS r;

SELECT is((SELECT r FROM omar),
	'{"tasksCreated": 8, "applicationsCreated": 0,
	  "details": [{"payerId": "00000000-0000-0000-0000-0000000000e1", "payerName": "Denied Health", "workflowType": "online_portal", "status": "reopened", "reason": null, "taskCount": 4, "applicationId": "00000000-0000-0000-0000-0000000000a1"},
				  {"payerId": "00000000-0000-0000-0000-0000000000e2", "payerName": "Withdrawn Health", "workflowType": "pdf_form_submission", "status": "reopened", "reason": null, "taskCount": 4, "applicationId": "00000000-0000-0000-0000-0000000000a2"}]}'::jsonb,
	'denied and withdrawn applications are reopened under their own ids and not counted as created');
SELECT results_eq(
	$$SELECT application_status, application_started_date, application_submitted_date, expected_decision_date,
			 approval_date, denial_date, denial_reason, effective_date, payer_application_id, reapplication_eligible
	  FROM credentialing.provider_payer_applications WHERE id = '00000000-0000-0000-0000-0000000000a1'$$,
	$$VALUES ('not_started'::text, NULL::date, NULL::date, NULL::date, NULL::date, NULL::date, NULL::text,
			  NULL::date, 'MOL-1'::text, true)$$,
	'a reopened application is not_started with its dates (the effective date too) and denial reason cleared');
SELECT is((SELECT application_status FROM credentialing.provider_payer_applications
		   WHERE id = '00000000-0000-0000-0000-0000000000a2'), 'not_started',
	'a withdrawn application is reopened as not_started');
SELECT results_eq(
	$$SELECT title, task_status FROM credentialing.provider_credentialing_tasks
	  WHERE provider_id = '00000000-0000-0000-0000-000000000014' AND task_type = 'old' ORDER BY payer_id, task_order$$,
	$$VALUES ('Old completed'::text, 'completed'::text), ('Old pending', 'not_applicable'),
			 ('Old in progress', 'not_applicable'), ('Old blocked', 'not_applicable'),
			 ('Old not applicable', 'not_applicable'), ('Old withdrawn pending', 'not_applicable')$$,
	'the old open tasks (pending, in progress, blocked) become not_applicable; completed ones stay');
SELECT results_eq(
	$$SELECT * FROM pg_temp.tasks_of('00000000-0000-0000-0000-000000000014', '00000000-0000-0000-0000-0000000000e1')
	  WHERE task_type <> 'old'$$,
	$$VALUES (1, 'portal_credentials', 'Obtain portal credentials', NULL::text, 1, '2026-03-03'::date, 'pending'),
			 (2, 'submit_application', 'Submit provider application', NULL, 2, '2026-03-05', 'pending'),
			 (3, 'record_application_id', 'Record application ID', NULL, 0, '2026-03-05', 'pending'),
			 (4, 'follow_up', 'Follow up on application status', NULL, 45, '2026-04-19', 'pending')$$,
	'a reopened application gets a new checklist from the as-of date');
SELECT results_eq(
	$$SELECT e.entity_id, e.old_value, e.new_value, e.details FROM credentialing.credentialing_events e
	  WHERE e.provider_id = '00000000-0000-0000-0000-000000000014' AND e.action = 'created' ORDER BY e.id$$,
	$$VALUES ('00000000-0000-0000-0000-0000000000a1'::uuid, 'denied'::text, 'not_started'::text,
			  '{"reopened": true, "taskCount": 4, "workflowType": "online_portal"}'::jsonb),
			 ('00000000-0000-0000-0000-0000000000a2', 'withdrawn', 'not_started',
			  '{"reopened": true, "taskCount": 4, "workflowType": "pdf_form_submission"}')$$,
	'a reopened application gets a created event saying so, with the status it left');
SELECT is((SELECT pg_temp.details_of(credentialing.credential_payers('00000000-0000-0000-0000-000000000014',
		   ARRAY['00000000-0000-0000-0000-0000000000e1']::uuid[], '2026-03-03')) -> 0 ->> 'reason'),
	'already_credentialing',
	'a reopened application is then being credentialed');

/* ---- Bad input: errors, nothing written (Lee Park) ---------------------- */

SELECT throws_ok(
	$$SELECT credentialing.credential_payers('00000000-0000-0000-0000-0000000000ff',
		ARRAY['00000000-0000-0000-0000-0000000000c1']::uuid[], '2026-03-02')$$,
	'P0002', 'provider 00000000-0000-0000-0000-0000000000ff does not exist',
	'an unknown provider is an error naming it');
SELECT throws_ok(
	$$SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000015',
		ARRAY['00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000fe',
			  '00000000-0000-0000-0000-0000000000c2']::uuid[], '2026-03-02')$$,
	'P0002', 'payer 00000000-0000-0000-0000-0000000000fe does not exist',
	'one unknown payer among known ones is an error naming it');
SELECT throws_ok(
	$$SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000015',
		ARRAY['00000000-0000-0000-0000-0000000000fd', '00000000-0000-0000-0000-0000000000c1',
			  '00000000-0000-0000-0000-0000000000fc', '00000000-0000-0000-0000-0000000000fd']::uuid[], '2026-03-02')$$,
	'P0002', 'payers 00000000-0000-0000-0000-0000000000fd, 00000000-0000-0000-0000-0000000000fc do not exist',
	'several unknown payers are all named, once each');
SELECT throws_ok(
	$$SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000015', '{}'::uuid[], '2026-03-02')$$,
	'22023', 'p_payer_ids must not be empty',
	'an empty payer list is an error');
SELECT throws_ok(
	$$SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000015', NULL, '2026-03-02')$$,
	'22004', 'p_payer_ids must not be NULL',
	'a NULL payer list is an error');
SELECT throws_ok(
	$$SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000015',
		ARRAY['00000000-0000-0000-0000-0000000000c1', NULL]::uuid[], '2026-03-02')$$,
	'22004', 'p_payer_ids must not contain NULL',
	'a NULL payer id is an error');
SELECT throws_ok(
	$$SELECT credentialing.credential_payers(NULL, ARRAY['00000000-0000-0000-0000-0000000000c1']::uuid[], '2026-03-02')$$,
	'22004', 'p_provider_id must not be NULL',
	'a NULL provider is an error');
SELECT throws_ok(
	$$SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000015',
		ARRAY['00000000-0000-0000-0000-0000000000c1']::uuid[], 'infinity')$$,
	'22023', 'p_as_of must be a finite date',
	'an infinite as-of date is an error');
SELECT throws_ok(
	$$SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000015',
		ARRAY['00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000c6']::uuid[], '5874897-12-01')$$,
	'22008', 'due date of task "Follow up after 30 days" with payer "Molina Healthcare of Utah" is out of range',
	'a due date beyond the date range is an error');

-- Stored templates that break the rules (written with the check switched
-- off) are refused when tasks are made from them.
ALTER TABLE credentialing.payer_credentialing_workflows DISABLE TRIGGER payer_credentialing_workflows_before_write;
UPDATE credentialing.payer_credentialing_workflows SET task_templates = '[{"title": "Fine"}, {"title": "Bad", "estimated_days": -1}]'
WHERE payer_id = '00000000-0000-0000-0000-0000000000cb';
ALTER TABLE credentialing.payer_credentialing_workflows ENABLE TRIGGER payer_credentialing_workflows_before_write;
SELECT is((pg_temp.error_of($$SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000015',
		ARRAY['00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000cb']::uuid[], '2026-03-02')$$))[1:2],
	ARRAY['22023', 'task_templates[2].estimated_days must be an integer >= 0'],
	'invalid stored templates are an error naming the element and field');
SELECT matches((pg_temp.error_of($$SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000015',
		ARRAY['00000000-0000-0000-0000-0000000000cb']::uuid[], '2026-03-02')$$))[3],
	'^task templates of payer "Unordered Roster Health"',
	'the error context names the payer whose templates are invalid');

SELECT is((SELECT count(*) FROM credentialing.provider_payer_applications
		   WHERE provider_id = '00000000-0000-0000-0000-000000000015'), 0::bigint,
	'after the errors Lee Park has no application');
SELECT is((SELECT count(*) FROM credentialing.provider_credentialing_tasks
		   WHERE provider_id = '00000000-0000-0000-0000-000000000015'), 0::bigint,
	'after the errors Lee Park has no task');
SELECT is((SELECT count(*) FROM credentialing.credentialing_events
		   WHERE provider_id = '00000000-0000-0000-0000-000000000015'), 0::bigint,
	'after the errors Lee Park has no event');

/* ---- p_as_of defaults to today ------------------------------------------ */

SELECT is((SELECT credentialing.credential_payers('00000000-0000-0000-0000-000000000015',
		   ARRAY['00000000-0000-0000-0000-0000000000c1']::uuid[]) ->> 'tasksCreated'), '1',
	'p_as_of may be left out');
SELECT is((SELECT due_date - current_date FROM credentialing.provider_credentialing_tasks
		   WHERE provider_id = '00000000-0000-0000-0000-000000000015'), 1,
	'without p_as_of due dates count from today');

SELECT * FROM finish();
ROLLBACK;
