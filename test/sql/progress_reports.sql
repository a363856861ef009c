-- test/sql/progress_reports.sql: the read-only reporting helpers (DESIGN §4.4):
-- per-provider progress, the pipeline summary, overdue applications and
-- overdue tasks, on a fixed data set reported as of 2024-06-01.
BEGIN;
SELECT plan(37);

-- Day boundaries of status_changed_at are taken in the session's time zone.
SET LOCAL TimeZone = 'UTC';

INSERT INTO credentialing.providers (id, first_name, last_name, npi) VALUES
	('00000000-0000-0000-0000-000000000001', 'Ann', 'Lee', '1234567893'),
	('00000000-0000-0000-0000-000000000002', 'Bob', 'Young', '1245319599'),
	('00000000-0000-0000-0000-000000000003', 'Cara', 'Diaz', '1234567802'),
	('00000000-0000-0000-0000-000000000004', 'Dana', 'Park', '1234567810');

INSERT INTO credentialing.payers (id, name, payer_type, state) VALUES
	('00000000-0000-0000-0000-000000000101', 'Aetna', 'commercial', 'UT'),
	('00000000-0000-0000-0000-000000000102', 'Blue Shield', 'commercial', 'UT'),
	('00000000-0000-0000-0000-000000000103', 'Cigna', 'commercial', 'UT'),
	('00000000-0000-0000-0000-000000000104', 'Delta Health', 'medicaid', 'UT'),
	('00000000-0000-0000-0000-000000000105', 'Evergreen Health', 'other', 'UT');

-- Every date the helpers read is set here; nothing is left to a trigger.
INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, status_changed_at,
	 application_started_date, application_submitted_date, expected_decision_date,
	 approval_date, denial_date) VALUES
	-- Ann Lee
	('00000000-0000-0000-0000-000000000201', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'in_progress', '2024-05-01 09:00+00',
	 '2024-05-01', NULL, NULL, NULL, NULL),
	('00000000-0000-0000-0000-000000000202', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'submitted', '2024-04-15 12:00+00',
	 '2024-04-01', '2024-04-15', '2024-05-15', NULL, NULL),
	('00000000-0000-0000-0000-000000000203', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000103', 'approved', '2024-03-01 12:00+00',
	 '2024-01-02', '2024-01-05', '2024-02-01', '2024-03-01', NULL),
	('00000000-0000-0000-0000-000000000204', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'not_started', '2024-05-30 08:00+00',
	 NULL, NULL, NULL, NULL, NULL),
	('00000000-0000-0000-0000-000000000205', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000105', 'on_hold', '2024-05-10 12:00+00',
	 '2024-04-20', '2024-04-25', '2024-05-20', NULL, NULL),
	-- Bob Young
	('00000000-0000-0000-0000-000000000206', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000101', 'under_review', '2024-05-11 15:00+00',
	 '2024-03-20', '2024-04-01', '2024-05-15', NULL, NULL),
	('00000000-0000-0000-0000-000000000207', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000102', 'submitted', '2024-05-25 00:00+00',
	 '2024-05-20', '2024-05-25', '2024-07-24', NULL, NULL),
	('00000000-0000-0000-0000-000000000208', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000103', 'in_progress', '2024-02-01 12:00+00',
	 '2024-02-01', NULL, '2024-03-01', NULL, NULL),
	('00000000-0000-0000-0000-000000000209', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000104', 'denied', '2024-01-01 12:00+00',
	 '2023-10-01', '2023-10-15', '2023-12-01', NULL, '2024-01-01'),
	-- Dana Park
	('00000000-0000-0000-0000-000000000210', '00000000-0000-0000-0000-000000000004',
	 '00000000-0000-0000-0000-000000000101', 'under_review', '2024-05-20 12:00+00',
	 '2024-04-01', '2024-04-02', '2024-06-01', NULL, NULL),
	('00000000-0000-0000-0000-000000000211', '00000000-0000-0000-0000-000000000004',
	 '00000000-0000-0000-0000-000000000102', 'under_review', '2024-05-30 23:59+00',
	 '2024-04-01', '2024-04-02', '2024-07-01', NULL, NULL);

-- Bob's tasks first, so that task ids do not follow the expected order.
INSERT INTO credentialing.provider_credentialing_tasks
	(id, provider_id, payer_id, task_type, title, task_status, task_order,
	 due_date, completed_date) VALUES
	-- Bob Young, Aetna: 2 of 3 completed
	('00000000-0000-0000-0000-000000000301', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000101', 'portal_credentials', 'Obtain portal credentials',
	 'completed', 1, '2024-03-21', '2024-03-21'),
	('00000000-0000-0000-0000-000000000302', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000101', 'submit_application', 'Submit provider application',
	 'completed', 2, '2024-03-23', '2024-04-01'),
	('00000000-0000-0000-0000-000000000303', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000101', 'follow_up', 'Follow up on application status',
	 'in_progress', 3, '2024-05-20', NULL),
	-- Bob Young, Cigna: two open tasks due the same day (order 2 has the smaller id)
	('00000000-0000-0000-0000-000000000304', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000103', 'submit_application', 'Submit provider application',
	 'blocked', 2, '2024-05-25', NULL),
	('00000000-0000-0000-0000-000000000305', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000103', 'portal_credentials', 'Obtain portal credentials',
	 'pending', 1, '2024-05-25', NULL),
	-- Bob Young, Delta Health (denied): an old task left not_applicable
	('00000000-0000-0000-0000-000000000306', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000104', 'notify_payer', 'Notify payer of provider addition',
	 'not_applicable', 1, '2024-01-15', NULL),
	-- Ann Lee, Aetna: 2 of 4 completed, one not_applicable task left out
	('00000000-0000-0000-0000-000000000311', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'portal_credentials', 'Obtain portal credentials',
	 'completed', 1, '2024-05-02', '2024-05-02'),
	('00000000-0000-0000-0000-000000000312', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'submit_application', 'Submit provider application',
	 'completed', 2, '2024-05-04', '2024-05-05'),
	('00000000-0000-0000-0000-000000000313', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'record_application_id', 'Record application ID',
	 'pending', 3, '2024-05-20', NULL),
	('00000000-0000-0000-0000-000000000314', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'follow_up', 'Follow up on application status',
	 'in_progress', 4, '2024-06-10', NULL),
	('00000000-0000-0000-0000-000000000315', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'workflow_task', 'Fax the signature page',
	 'not_applicable', 5, '2024-04-01', NULL),
	-- Ann Lee, Blue Shield: 2 of 4 completed; one blocked, one due on the report date
	('00000000-0000-0000-0000-000000000321', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'download_template', 'Download Excel roster template',
	 'completed', 1, '2024-04-01', '2024-04-01'),
	('00000000-0000-0000-0000-000000000322', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'fill_template', 'Add provider to Excel roster',
	 'blocked', 2, '2024-05-31', NULL),
	('00000000-0000-0000-0000-000000000323', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'submit_roster', 'Submit roster to payer',
	 'pending', 3, '2024-06-01', NULL),
	('00000000-0000-0000-0000-000000000324', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'confirm_receipt', 'Confirm receipt of roster',
	 'completed', 4, '2024-06-04', '2024-04-20'),
	-- Ann Lee, Cigna (approved): everything done; a not_applicable task left out
	('00000000-0000-0000-0000-000000000331', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000103', 'portal_credentials', 'Obtain portal credentials',
	 'completed', 1, '2024-01-03', '2024-01-03'),
	('00000000-0000-0000-0000-000000000332', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000103', 'submit_application', 'Submit provider application',
	 'completed', 2, '2024-01-10', '2024-01-05'),
	('00000000-0000-0000-0000-000000000333', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000103', 'record_application_id', 'Record application ID',
	 'not_applicable', 3, '2024-01-10', NULL),
	-- Ann Lee, Evergreen Health (on hold): 1 of 3 completed
	('00000000-0000-0000-0000-000000000341', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000105', 'download_form', 'Download application form',
	 'completed', 1, '2024-04-20', '2024-04-20'),
	('00000000-0000-0000-0000-000000000342', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000105', 'fill_form', 'Complete application form',
	 'pending', 2, '2024-05-25', NULL),
	('00000000-0000-0000-0000-000000000343', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000105', 'submit_form', 'Email completed form to payer',
	 'pending', 3, '2024-07-01', NULL);

-- The helpers are readers.
SELECT volatility_is('credentialing', 'get_provider_credentialing_progress', ARRAY['uuid', 'date'],
	'stable', 'the progress report is a STABLE reader');
SELECT volatility_is('credentialing', 'get_credentialing_pipeline_summary', ARRAY['date'],
	'stable', 'the pipeline summary is a STABLE reader');
SELECT volatility_is('credentialing', 'get_overdue_applications', ARRAY['date'],
	'stable', 'the overdue applications report is a STABLE reader');
SELECT volatility_is('credentialing', 'get_overdue_tasks', ARRAY['date'],
	'stable', 'the overdue tasks report is a STABLE reader');

/* ---- get_provider_credentialing_progress ---- */

SELECT results_eq(
	$$SELECT payer_id, payer_name, application_status, total_tasks, completed_tasks,
	         in_progress_tasks, pending_tasks, blocked_tasks, completion_percentage,
	         next_due_date, overdue_tasks
	    FROM credentialing.get_provider_credentialing_progress(
	         '00000000-0000-0000-0000-000000000001', '2024-06-01')$$,
	$$VALUES
	('00000000-0000-0000-0000-000000000103'::uuid, 'Cigna'::text, 'approved'::text,
	 2, 2, 0, 0, 0, 100.0::numeric, NULL::date, 0),
	('00000000-0000-0000-0000-000000000101'::uuid, 'Aetna', 'in_progress',
	 4, 2, 1, 1, 0, 50.0, '2024-05-20'::date, 1),
	('00000000-0000-0000-0000-000000000102'::uuid, 'Blue Shield', 'submitted',
	 4, 2, 0, 1, 1, 50.0, '2024-05-31'::date, 1),
	('00000000-0000-0000-0000-000000000105'::uuid, 'Evergreen Health', 'on_hold',
	 3, 1, 0, 2, 0, 33.3, '2024-05-25'::date, 1),
	('00000000-0000-0000-0000-000000000104'::uuid, 'Delta Health', 'not_started',
	 0, 0, 0, 0, 0, 0.0, NULL::date, 0)$$,
	'progress has one row per application, most complete first, equal percentages by payer name, not_applicable tasks left out');

SELECT results_eq(
	$$SELECT payer_name, total_tasks, completed_tasks, in_progress_tasks, pending_tasks,
	         blocked_tasks, completion_percentage, next_due_date, overdue_tasks
	    FROM credentialing.get_provider_credentialing_progress(
	         '00000000-0000-0000-0000-000000000002', '2024-06-01')$$,
	$$VALUES
	('Aetna'::text, 3, 2, 1, 0, 0, 66.7::numeric, '2024-05-20'::date, 1),
	('Blue Shield', 0, 0, 0, 0, 0, 0.0, NULL::date, 0),
	('Cigna', 2, 0, 0, 1, 1, 0.0, '2024-05-25'::date, 2),
	('Delta Health', 0, 0, 0, 0, 0, 0.0, NULL::date, 0)$$,
	'two of three tasks is 66.7 %; applications whose tasks are all not_applicable count 0 of 0');

SELECT is(
	(SELECT string_agg(completion_percentage::text, ' ')
	   FROM credentialing.get_provider_credentialing_progress(
	        '00000000-0000-0000-0000-000000000001', '2024-06-01')),
	'100.0 50.0 50.0 33.3 0.0',
	'the completion percentage always shows one decimal, 0.0 when there are no tasks');

SELECT is(
	(SELECT count(*) FROM (SELECT credentialing.get_provider_credentialing_progress(
	        '00000000-0000-0000-0000-000000000001', '2024-06-01') AS r) s),
	5::bigint,
	'the progress report can also be called in the select list');

SELECT results_eq(
	$$SELECT payer_name, next_due_date, overdue_tasks
	    FROM credentialing.get_provider_credentialing_progress(
	         '00000000-0000-0000-0000-000000000001', '2024-06-11')$$,
	$$VALUES ('Cigna'::text, NULL::date, 0), ('Aetna', '2024-05-20'::date, 2),
	         ('Blue Shield', '2024-05-31'::date, 2), ('Evergreen Health', '2024-05-25'::date, 1),
	         ('Delta Health', NULL::date, 0)$$,
	'overdue tasks are counted as of p_as_of: a task due on the report date is not yet overdue');

SELECT results_eq(
	$$SELECT payer_name, overdue_tasks
	    FROM credentialing.get_provider_credentialing_progress(
	         '00000000-0000-0000-0000-000000000001', '2024-05-01')$$,
	$$VALUES ('Cigna'::text, 0), ('Aetna', 0), ('Blue Shield', 0),
	         ('Evergreen Health', 0), ('Delta Health', 0)$$,
	'nothing is overdue before the first open due date, and a not_applicable task never is');

SELECT is_empty(
	$$SELECT * FROM credentialing.get_provider_credentialing_progress(
	  '00000000-0000-0000-0000-000000000003', '2024-06-01')$$,
	'a provider with no applications has no progress rows');

SELECT is_empty(
	$$SELECT * FROM credentialing.get_provider_credentialing_progress(
	  '00000000-0000-0000-0000-000000000999', '2024-06-01')$$,
	'an unknown provider has no progress rows');

SELECT is_empty(
	$$SELECT * FROM credentialing.get_provider_credentialing_progress(NULL, '2024-06-01')$$,
	'a NULL provider has no progress rows');

SELECT is(
	(SELECT count(*) FROM credentialing.get_provider_credentialing_progress(
	        '00000000-0000-0000-0000-000000000001')),
	5::bigint,
	'p_as_of defaults to today');

SELECT throws_ok(
	$$SELECT * FROM credentialing.get_provider_credentialing_progress(
	  '00000000-0000-0000-0000-000000000001', NULL)$$,
	'22004', 'p_as_of must not be NULL',
	'a NULL p_as_of is refused');

/* ---- get_credentialing_pipeline_summary ---- */

SELECT results_eq(
	$$SELECT application_status, application_count, avg_days_in_status,
	         oldest_in_status_since, overdue_count
	    FROM credentialing.get_credentialing_pipeline_summary('2024-06-01')$$,
	$$VALUES
	('under_review'::text, 3, 11.7::numeric, '2024-05-11'::date, 1),
	('submitted', 2, 27.0, '2024-04-15'::date, 1),
	('in_progress', 2, 76.0, '2024-02-01'::date, 1),
	('on_hold', 1, 22.0, '2024-05-10'::date, 1),
	('not_started', 1, 2.0, '2024-05-30'::date, 0)$$,
	'the pipeline has the five open statuses in order, with counts, average days in status rounded to one decimal, oldest date and overdue count');

SELECT is(
	(SELECT string_agg(avg_days_in_status::text, ' ')
	   FROM credentialing.get_credentialing_pipeline_summary('2024-06-01')),
	'11.7 27.0 76.0 22.0 2.0',
	'average days in status show one decimal');

SELECT results_eq(
	$$SELECT application_status, application_count, avg_days_in_status, overdue_count
	    FROM credentialing.get_credentialing_pipeline_summary('2024-07-02')$$,
	$$VALUES
	('under_review'::text, 3, 42.7::numeric, 3),
	('submitted', 2, 58.0, 1),
	('in_progress', 2, 107.0, 1),
	('on_hold', 1, 53.0, 1),
	('not_started', 1, 33.0, 0)$$,
	'days in status and overdue counts are measured from p_as_of');

SELECT is(
	(SELECT avg_days_in_status FROM credentialing.get_credentialing_pipeline_summary('2024-06-01')
	  WHERE application_status = 'under_review'),
	(SELECT round(avg(date '2024-06-01' - status_changed_at::date), 1)
	   FROM credentialing.provider_payer_applications WHERE application_status = 'under_review'),
	'average days in status agree with p_as_of minus the day of status_changed_at in the session time zone');

SELECT is(
	(SELECT count(*) FROM credentialing.get_credentialing_pipeline_summary()),
	5::bigint,
	'the pipeline always has exactly five rows, p_as_of defaulting to today');

SELECT throws_ok(
	$$SELECT * FROM credentialing.get_credentialing_pipeline_summary(NULL)$$,
	'22004', 'p_as_of must not be NULL',
	'the pipeline refuses a NULL p_as_of');

SELECT throws_ok(
	$$SELECT * FROM credentialing.get_credentialing_pipeline_summary('infinity')$$,
	'22023', 'p_as_of must be a finite date',
	'the pipeline refuses an infinite p_as_of');

/* ---- get_overdue_applications ---- */

SELECT results_eq(
	$$SELECT application_id, provider_id, provider_name, payer_id, payer_name,
	         application_status, application_submitted_date, expected_decision_date,
	         days_overdue
	    FROM credentialing.get_overdue_applications('2024-06-01')$$,
	$$VALUES
	('00000000-0000-0000-0000-000000000208'::uuid, '00000000-0000-0000-0000-000000000002'::uuid,
	 'Bob Young'::text, '00000000-0000-0000-0000-000000000103'::uuid, 'Cigna'::text,
	 'in_progress'::text, NULL::date, '2024-03-01'::date, 92),
	('00000000-0000-0000-0000-000000000206'::uuid, '00000000-0000-0000-0000-000000000002'::uuid,
	 'Bob Young', '00000000-0000-0000-0000-000000000101'::uuid, 'Aetna',
	 'under_review', '2024-04-01'::date, '2024-05-15'::date, 17),
	('00000000-0000-0000-0000-000000000202'::uuid, '00000000-0000-0000-0000-000000000001'::uuid,
	 'Ann Lee', '00000000-0000-0000-0000-000000000102'::uuid, 'Blue Shield',
	 'submitted', '2024-04-15'::date, '2024-05-15'::date, 17)$$,
	'overdue applications are the submitted, under_review and in_progress ones past their expected decision, most overdue first, then by payer name');

SELECT is_empty(
	$$SELECT * FROM credentialing.get_overdue_applications('2024-03-01')$$,
	'an application whose expected decision is on the report date is not yet overdue');

SELECT results_eq(
	$$SELECT application_id, days_overdue FROM credentialing.get_overdue_applications('2024-06-02')$$,
	$$VALUES ('00000000-0000-0000-0000-000000000208'::uuid, 93),
	         ('00000000-0000-0000-0000-000000000206'::uuid, 18),
	         ('00000000-0000-0000-0000-000000000202'::uuid, 18),
	         ('00000000-0000-0000-0000-000000000210'::uuid, 1)$$,
	'a day later the application expected on 2024-06-01 is one day overdue');

SELECT ok(
	NOT EXISTS (SELECT 1 FROM credentialing.get_overdue_applications('2025-01-01')
	             WHERE application_status NOT IN ('submitted', 'under_review', 'in_progress')),
	'approved, denied, on_hold and not_started applications are never overdue');

SELECT throws_ok(
	$$SELECT * FROM credentialing.get_overdue_applications(NULL)$$,
	'22004', 'p_as_of must not be NULL',
	'overdue applications refuse a NULL p_as_of');

/* ---- get_overdue_tasks ---- */

SELECT results_eq(
	$$SELECT task_id, provider_id, provider_name, payer_id, payer_name, title,
	         task_status, due_date, days_overdue
	    FROM credentialing.get_overdue_tasks('2024-06-01')$$,
	$$VALUES
	('00000000-0000-0000-0000-000000000313'::uuid, '00000000-0000-0000-0000-000000000001'::uuid,
	 'Ann Lee'::text, '00000000-0000-0000-0000-000000000101'::uuid, 'Aetna'::text,
	 'Record application ID'::text, 'pending'::text, '2024-05-20'::date, 12),
	('00000000-0000-0000-0000-000000000303'::uuid, '00000000-0000-0000-0000-000000000002'::uuid,
	 'Bob Young', '00000000-0000-0000-0000-000000000101'::uuid, 'Aetna',
	 'Follow up on application status', 'in_progress', '2024-05-20'::date, 12),
	('00000000-0000-0000-0000-000000000342'::uuid, '00000000-0000-0000-0000-000000000001'::uuid,
	 'Ann Lee', '00000000-0000-0000-0000-000000000105'::uuid, 'Evergreen Health',
	 'Complete application form', 'pending', '2024-05-25'::date, 7),
	('00000000-0000-0000-0000-000000000305'::uuid, '00000000-0000-0000-0000-000000000002'::uuid,
	 'Bob Young', '00000000-0000-0000-0000-000000000103'::uuid, 'Cigna',
	 'Obtain portal credentials', 'pending', '2024-05-25'::date, 7),
	('00000000-0000-0000-0000-000000000304'::uuid, '00000000-0000-0000-0000-000000000002'::uuid,
	 'Bob Young', '00000000-0000-0000-0000-000000000103'::uuid, 'Cigna',
	 'Submit provider application', 'blocked', '2024-05-25'::date, 7),
	('00000000-0000-0000-0000-000000000322'::uuid, '00000000-0000-0000-0000-000000000001'::uuid,
	 'Ann Lee', '00000000-0000-0000-0000-000000000102'::uuid, 'Blue Shield',
	 'Add provider to Excel roster', 'blocked', '2024-05-31'::date, 1)$$,
	'overdue tasks are the open ones due before p_as_of, most overdue first, then by provider name, payer name and task order');

SELECT is_empty(
	$$SELECT * FROM credentialing.get_overdue_tasks('2024-05-20')$$,
	'a task due on the report date is not yet overdue');

SELECT ok(
	NOT EXISTS (SELECT 1 FROM credentialing.get_overdue_tasks('2025-01-01')
	             WHERE task_status NOT IN ('pending', 'in_progress', 'blocked')),
	'completed and not_applicable tasks are never overdue');

SELECT is(
	(SELECT count(*) FROM credentialing.get_overdue_tasks()),
	(SELECT count(*) FROM credentialing.get_overdue_tasks(current_date)),
	'overdue tasks default p_as_of to today');

SELECT throws_ok(
	$$SELECT * FROM credentialing.get_overdue_tasks('-infinity')$$,
	'22023', 'p_as_of must be a finite date',
	'overdue tasks refuse an infinite p_as_of');

/* ---- a status with no applications ---- */

DELETE FROM credentialing.provider_payer_applications
 WHERE id = '00000000-0000-0000-0000-000000000205';

SELECT results_eq(
	$$SELECT application_status, application_count, avg_days_in_status,
	         oldest_in_status_since, overdue_count
	    FROM credentialing.get_credentialing_pipeline_summary('2024-06-01')
	   WHERE application_status = 'on_hold'$$,
	$$VALUES ('on_hold'::text, 0, NULL::numeric, NULL::date, 0)$$,
	'a status with no applications still has its row: count 0, no average, no oldest date');

/* ---- read-only: the helpers run where writes are refused (as on a standby) ---- */

SET LOCAL transaction_read_only = on;

SELECT lives_ok(
	$$SELECT * FROM credentialing.get_provider_credentialing_progress(
	  '00000000-0000-0000-0000-000000000001', '2024-06-01')$$,
	'the progress report runs in a read-only transaction');
SELECT lives_ok(
	$$SELECT * FROM credentialing.get_credentialing_pipeline_summary('2024-06-01')$$,
	'the pipeline summary runs in a read-only transaction');
SELECT lives_ok(
	$$SELECT * FROM credentialing.get_overdue_applications('2024-06-01')$$,
	'the overdue applications report runs in a read-only transaction');
SELECT lives_ok(
	$$SELECT * FROM credentialing.get_overdue_tasks('2024-06-01')$$,
	'the overdue tasks report runs in a read-only transaction');

SELECT * FROM finish();
ROLLBACK;
