-- test/sql/dashboard.sql: credentialing_dashboard (DESIGN §4.5), one
-- provider's credentialing as the original dashboard API's JSON: provider,
-- overall statistics, and per payer the progress figures and the task
-- checklist; on a fixed data set as of 2024-06-01.
BEGIN;
SELECT plan(20);

INSERT INTO credentialing.providers (id, first_name, last_name, role, npi, is_attending, email) VALUES
	('00000000-0000-0000-0000-000000000001', 'Jane', 'Doe', 'Psychiatrist', '1234567893', true, 'jane.doe@example.com'),
	('00000000-0000-0000-0000-000000000002', 'Bob', 'Young', 'PMHNP', '1245319599', false, NULL),
	('00000000-0000-0000-0000-000000000003', 'Nia', 'New', NULL, NULL, false, NULL);

INSERT INTO credentialing.payers (id, name, payer_type, state) VALUES
	('00000000-0000-0000-0000-000000000101', 'Aetna', 'commercial', 'UT'),
	('00000000-0000-0000-0000-000000000102', 'Cigna', 'commercial', 'UT'),
	('00000000-0000-0000-0000-000000000103', 'Delta Health', 'medicaid', 'UT'),
	('00000000-0000-0000-0000-000000000104', 'Molina Healthcare of Utah', 'medicaid', 'UT'),
	('00000000-0000-0000-0000-000000000105', 'Regence BlueCross BlueShield of Utah', 'commercial', 'UT');

INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, application_started_date,
	 application_submitted_date, expected_decision_date, approval_date) VALUES
	('00000000-0000-0000-0000-000000000201', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'not_started', NULL, NULL, NULL, NULL),
	('00000000-0000-0000-0000-000000000202', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'approved', '2024-01-02', '2024-01-05', '2024-02-04', '2024-03-01'),
	('00000000-0000-0000-0000-000000000203', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000103', 'under_review', '2024-04-01', '2024-04-15', '2024-07-15', NULL),
	('00000000-0000-0000-0000-000000000204', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'submitted', '2024-05-01', '2024-05-21', '2024-06-20', NULL),
	('00000000-0000-0000-0000-000000000205', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000105', 'in_progress', '2024-05-15', NULL, NULL, NULL),
	('00000000-0000-0000-0000-000000000206', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000104', 'in_progress', '2024-05-15', NULL, NULL, NULL);

INSERT INTO credentialing.provider_credentialing_tasks
	(id, provider_id, payer_id, task_type, title, description, task_status, task_order,
	 due_date, completed_date, notes, assigned_to, application_id, uploaded_document_url) VALUES
	-- Cigna (approved): its one task done
	('00000000-0000-0000-0000-000000000321', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'notify_payer', 'Notify payer of provider addition', NULL,
	 'completed', 1, '2024-01-03', '2024-01-03', NULL, NULL, NULL, NULL),
	-- Delta Health (under review): one blocked and overdue, one without a due date
	('00000000-0000-0000-0000-000000000332', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000103', 'workflow_task', 'Send malpractice certificate', NULL,
	 'pending', 2, NULL, NULL, NULL, NULL, NULL, NULL),
	('00000000-0000-0000-0000-000000000331', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000103', 'workflow_task', 'Sign the participation agreement', NULL,
	 'blocked', 1, '2024-05-01', NULL, 'Waiting for the payer''s countersignature', NULL, NULL, NULL),
	-- Molina (submitted): three of four done
	('00000000-0000-0000-0000-000000000341', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'workflow_task', 'Update CAQH profile', 'Ensure CAQH profile is current',
	 'completed', 1, '2024-05-02', '2024-05-02', NULL, 'ops@example.com', NULL, NULL),
	('00000000-0000-0000-0000-000000000342', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'workflow_task', 'Submit application in portal', 'Complete Molina provider application',
	 'completed', 2, '2024-05-04', '2024-05-20', NULL, 'ops@example.com', NULL, 'https://files.example.com/molina.pdf'),
	('00000000-0000-0000-0000-000000000343', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'record_application_id', 'Record application ID', 'Save confirmation number',
	 'completed', 3, '2024-05-04', '2024-05-21', NULL, NULL, 'MOL-778', NULL),
	('00000000-0000-0000-0000-000000000344', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'workflow_task', 'Follow up after 30 days', 'Check portal for status',
	 'pending', 4, '2024-07-10', NULL, NULL, NULL, NULL, NULL),
	-- Regence (in progress): one done, one overdue, one due later, one not applicable
	('00000000-0000-0000-0000-000000000354', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000105', 'workflow_task', 'Request confirmation', NULL,
	 'not_applicable', 4, '2024-05-01', NULL, 'Regence confirms by mail', NULL, NULL, NULL),
	('00000000-0000-0000-0000-000000000351', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000105', 'download_template', 'Download Regence roster template', NULL,
	 'completed', 1, '2024-05-20', '2024-05-21', NULL, NULL, NULL, NULL),
	('00000000-0000-0000-0000-000000000352', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000105', 'fill_template', 'Add provider to roster', 'Fill in all required fields',
	 'in_progress', 2, '2024-05-30', NULL, NULL, 'ops@example.com', NULL, NULL),
	('00000000-0000-0000-0000-000000000353', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000105', 'submit_roster', 'Submit roster via email', NULL,
	 'pending', 3, '2024-06-05', NULL, NULL, NULL, NULL, NULL),
	-- Bob's task, which Jane's dashboard must not show
	('00000000-0000-0000-0000-000000000361', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000104', 'workflow_task', 'Update CAQH profile', NULL,
	 'pending', 1, '2024-05-16', NULL, NULL, NULL, NULL, NULL);

CREATE TEMP TABLE dash AS
SELECT credentialing.credentialing_dashboard('00000000-0000-0000-0000-000000000001', '2024-06-01') AS d;

SELECT volatility_is('credentialing', 'credentialing_dashboard', ARRAY['uuid', 'date'], 'stable',
	'credentialing_dashboard is STABLE');

SELECT is(
	(SELECT array_agg(k ORDER BY k) FROM dash, jsonb_object_keys(d) AS k),
	ARRAY['overall_stats', 'payers', 'provider'],
	'the dashboard has the provider, the overall statistics and the payers');

SELECT is(
	(SELECT d->'provider' FROM dash),
	'{"id": "00000000-0000-0000-0000-000000000001", "first_name": "Jane", "last_name": "Doe",
	  "role": "Psychiatrist", "npi": "1234567893", "is_attending": true,
	  "email": "jane.doe@example.com"}'::jsonb,
	'the provider object names the provider');

SELECT is(
	(SELECT d->'overall_stats' FROM dash),
	'{"total_payers": 5, "total_tasks": 10, "completed_tasks": 5, "in_progress_payers": 1,
	  "approved_payers": 1, "pending_approval": 2}'::jsonb,
	'overall statistics: applications, tasks without not_applicable ones, and payers in progress, approved and awaiting a decision');

SELECT is(
	(SELECT jsonb_agg(p - 'tasks' ORDER BY n)
	 FROM dash, jsonb_array_elements(d->'payers') WITH ORDINALITY AS e(p, n)),
	'[{"payer_id": "00000000-0000-0000-0000-000000000102", "payer_name": "Cigna",
	   "application_status": "approved", "expected_decision_date": "2024-02-04",
	   "completion_percentage": 100.0, "total_tasks": 1, "completed_tasks": 1},
	  {"payer_id": "00000000-0000-0000-0000-000000000104", "payer_name": "Molina Healthcare of Utah",
	   "application_status": "submitted", "expected_decision_date": "2024-06-20",
	   "completion_percentage": 75.0, "total_tasks": 4, "completed_tasks": 3},
	  {"payer_id": "00000000-0000-0000-0000-000000000105", "payer_name": "Regence BlueCross BlueShield of Utah",
	   "application_status": "in_progress", "expected_decision_date": null,
	   "completion_percentage": 33.3, "total_tasks": 3, "completed_tasks": 1},
	  {"payer_id": "00000000-0000-0000-0000-000000000101", "payer_name": "Aetna",
	   "application_status": "not_started", "expected_decision_date": null,
	   "completion_percentage": 0.0, "total_tasks": 0, "completed_tasks": 0},
	  {"payer_id": "00000000-0000-0000-0000-000000000103", "payer_name": "Delta Health",
	   "application_status": "under_review", "expected_decision_date": "2024-07-15",
	   "completion_percentage": 0.0, "total_tasks": 2, "completed_tasks": 0}]'::jsonb,
	'payers come by completion percentage, then name, each with its status, decision date and task counts');

SELECT is(
	(SELECT array_agg(p->>'completion_percentage' ORDER BY n)
	 FROM dash, jsonb_array_elements(d->'payers') WITH ORDINALITY AS e(p, n)),
	ARRAY['100.0', '75.0', '33.3', '0.0', '0.0'],
	'percentages are written with one decimal');

SELECT results_eq(
	$$SELECT (p->>'payer_id')::uuid, (p->>'completion_percentage')::numeric,
			 (p->>'total_tasks')::integer, (p->>'completed_tasks')::integer
	  FROM dash, jsonb_array_elements(d->'payers') WITH ORDINALITY AS e(p, n) ORDER BY n$$,
	$$SELECT payer_id, completion_percentage, total_tasks, completed_tasks
	  FROM credentialing.get_provider_credentialing_progress('00000000-0000-0000-0000-000000000001', '2024-06-01')$$,
	'the dashboard agrees with get_provider_credentialing_progress: same payers, order, counts and percentages');

SELECT is(
	(SELECT p->'tasks' FROM dash, jsonb_array_elements(d->'payers') AS p
	 WHERE p->>'payer_name' LIKE 'Regence%'),
	'[{"id": "00000000-0000-0000-0000-000000000351", "task_type": "download_template",
	   "title": "Download Regence roster template", "description": null, "task_status": "completed",
	   "task_order": 1, "due_date": "2024-05-20", "completed_date": "2024-05-21", "notes": null,
	   "assigned_to": null, "application_id": null, "uploaded_document_url": null, "is_overdue": false},
	  {"id": "00000000-0000-0000-0000-000000000352", "task_type": "fill_template",
	   "title": "Add provider to roster", "description": "Fill in all required fields",
	   "task_status": "in_progress", "task_order": 2, "due_date": "2024-05-30", "completed_date": null,
	   "notes": null, "assigned_to": "ops@example.com", "application_id": null,
	   "uploaded_document_url": null, "is_overdue": true},
	  {"id": "00000000-0000-0000-0000-000000000353", "task_type": "submit_roster",
	   "title": "Submit roster via email", "description": null, "task_status": "pending",
	   "task_order": 3, "due_date": "2024-06-05", "completed_date": null, "notes": null,
	   "assigned_to": null, "application_id": null, "uploaded_document_url": null, "is_overdue": false},
	  {"id": "00000000-0000-0000-0000-000000000354", "task_type": "workflow_task",
	   "title": "Request confirmation", "description": null, "task_status": "not_applicable",
	   "task_order": 4, "due_date": "2024-05-01", "completed_date": null,
	   "notes": "Regence confirms by mail", "assigned_to": null, "application_id": null,
	   "uploaded_document_url": null, "is_overdue": false}]'::jsonb,
	'a payer''s checklist lists every task in task order, not_applicable ones included, with its overdue flag');

SELECT is(
	(SELECT p->'tasks'->2 FROM dash, jsonb_array_elements(d->'payers') AS p
	 WHERE p->>'payer_name' LIKE 'Molina%'),
	'{"id": "00000000-0000-0000-0000-000000000343", "task_type": "record_application_id",
	  "title": "Record application ID", "description": "Save confirmation number",
	  "task_status": "completed", "task_order": 3, "due_date": "2024-05-04",
	  "completed_date": "2024-05-21", "notes": null, "assigned_to": null,
	  "application_id": "MOL-778", "uploaded_document_url": null, "is_overdue": false}'::jsonb,
	'a completed task past its due date is not overdue, and shows the recorded application number');

SELECT is(
	(SELECT array_agg(t->>'title' ORDER BY n)
	 FROM dash, jsonb_array_elements(d->'payers') AS p,
		  jsonb_array_elements(p->'tasks') WITH ORDINALITY AS e(t, n)
	 WHERE p->>'payer_name' = 'Delta Health'),
	ARRAY['Sign the participation agreement', 'Send malpractice certificate'],
	'tasks are in task order whatever order they were written in');

SELECT is(
	(SELECT array_agg(t->>'is_overdue' ORDER BY n)
	 FROM dash, jsonb_array_elements(d->'payers') AS p,
		  jsonb_array_elements(p->'tasks') WITH ORDINALITY AS e(t, n)
	 WHERE p->>'payer_name' = 'Delta Health'),
	ARRAY['true', 'false'],
	'a blocked task past its due date is overdue; a task without a due date is not');

SELECT is(
	(SELECT p->'tasks' FROM dash, jsonb_array_elements(d->'payers') AS p
	 WHERE p->>'payer_name' = 'Aetna'),
	'[]'::jsonb,
	'an application without tasks has an empty checklist');

SELECT is(
	(SELECT count(*)::integer
	 FROM dash, jsonb_array_elements(d->'payers') AS p, jsonb_array_elements(p->'tasks') AS t),
	11,
	'the checklists hold the provider''s tasks and no one else''s');

SELECT is(
	(SELECT credentialing.credentialing_dashboard('00000000-0000-0000-0000-000000000001', '2024-05-01')
			#>> '{payers,4,tasks,0,is_overdue}'),
	'false',
	'a task due on p_as_of is not overdue yet');

SET LOCAL DateStyle = 'SQL, DMY';
SELECT is(
	credentialing.credentialing_dashboard('00000000-0000-0000-0000-000000000001', '2024-06-01'),
	(SELECT d FROM dash),
	'dates are ISO 8601 whatever DateStyle says');
RESET DateStyle;

SELECT is(
	credentialing.credentialing_dashboard('00000000-0000-0000-0000-000000000003', '2024-06-01'),
	'{"provider": {"id": "00000000-0000-0000-0000-000000000003", "first_name": "Nia", "last_name": "New",
				   "role": null, "npi": null, "is_attending": false, "email": null},
	  "overall_stats": {"total_payers": 0, "total_tasks": 0, "completed_tasks": 0,
						"in_progress_payers": 0, "approved_payers": 0, "pending_approval": 0},
	  "payers": []}'::jsonb,
	'a provider with no applications has zero statistics and no payers');

SELECT throws_ok(
	$$SELECT credentialing.credentialing_dashboard('00000000-0000-0000-0000-0000000000ff', '2024-06-01')$$,
	'P0002', 'provider 00000000-0000-0000-0000-0000000000ff does not exist',
	'an unknown provider is an error');

SELECT throws_ok(
	$$SELECT credentialing.credentialing_dashboard(NULL, '2024-06-01')$$,
	'22004', 'p_provider_id must not be NULL',
	'a NULL provider is an error');

SELECT throws_ok(
	$$SELECT credentialing.credentialing_dashboard('00000000-0000-0000-0000-000000000001', NULL)$$,
	'22004', 'p_as_of must not be NULL',
	'a NULL p_as_of is an error');

SET LOCAL transaction_read_only = on;
SELECT lives_ok(
	$$SELECT credentialing.credentialing_dashboard('00000000-0000-0000-0000-000000000001')$$,
	'the dashboard runs in a read-only transaction, with p_as_of defaulting to today');

SELECT * FROM finish();
ROLLBACK;
