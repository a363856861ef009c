-- test/sql/notify_overdue.sql: notify_overdue, one NOTIFY on channel
-- credentialing_overdue per overdue application and task (as the overdue
-- helpers report them), returned as rows; on a fixed data set as of
-- 2024-06-01.  Delivery to a listener after commit is checked by the
-- isolation spec test/specs/notify_overdue_listen.spec.
BEGIN;
SELECT plan(12);

INSERT INTO credentialing.providers (id, first_name, last_name, npi) VALUES
	('00000000-0000-0000-0000-000000000001', 'Jane', 'Doe', '1234567893'),
	('00000000-0000-0000-0000-000000000002', 'Bob', 'Young', '1245319599');
INSERT INTO credentialing.payers (id, name) VALUES
	('00000000-0000-0000-0000-000000000101', 'Aetna'),
	('00000000-0000-0000-0000-000000000102', 'Molina Healthcare of Utah');

INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, application_started_date,
	 application_submitted_date, expected_decision_date) VALUES
	-- overdue: 17 and 7 days
	('00000000-0000-0000-0000-000000000201', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'submitted', '2024-04-01', '2024-04-15', '2024-05-15'),
	('00000000-0000-0000-0000-000000000202', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000101', 'under_review', '2024-04-01', '2024-04-25', '2024-05-25'),
	-- not overdue: on hold, and due on p_as_of itself
	('00000000-0000-0000-0000-000000000203', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'on_hold', '2024-03-01', '2024-03-05', '2024-05-01'),
	('00000000-0000-0000-0000-000000000204', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000102', 'in_progress', '2024-05-01', NULL, '2024-06-01');

INSERT INTO credentialing.provider_credentialing_tasks
	(id, provider_id, payer_id, task_type, title, task_status, task_order, due_date, completed_date) VALUES
	('00000000-0000-0000-0000-000000000301', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'follow_up', 'Follow up after 30 days',
	 'pending', 4, '2024-05-20', NULL),
	('00000000-0000-0000-0000-000000000302', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'workflow_task', 'Update CAQH profile',
	 'completed', 1, '2024-05-01', '2024-05-01'),
	('00000000-0000-0000-0000-000000000303', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000101', 'submit_application', 'Submit provider application',
	 'blocked', 2, '2024-05-31', NULL),
	('00000000-0000-0000-0000-000000000304', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000101', 'workflow_task', 'Fax the signature page',
	 'not_applicable', 3, '2024-05-01', NULL),
	-- a title of 3000 four-octet characters: cut in the payload
	('00000000-0000-0000-0000-000000000305', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'workflow_task', repeat('📅', 3000),
	 'in_progress', 1, '2024-05-30', NULL);

SELECT volatility_is('credentialing', 'notify_overdue', ARRAY['date'], 'volatile',
	'notify_overdue is VOLATILE');

CREATE TEMP TABLE sent AS
SELECT row_number() OVER () AS n, * FROM credentialing.notify_overdue('2024-06-01');

SELECT results_eq(
	$$SELECT kind, id FROM sent ORDER BY n$$,
	$$VALUES ('application', '00000000-0000-0000-0000-000000000201'::uuid),
			 ('application', '00000000-0000-0000-0000-000000000202'::uuid),
			 ('task', '00000000-0000-0000-0000-000000000301'::uuid),
			 ('task', '00000000-0000-0000-0000-000000000305'::uuid),
			 ('task', '00000000-0000-0000-0000-000000000303'::uuid)$$,
	'one notification per overdue application, then per overdue task, most overdue first');

SELECT is(
	(SELECT payload FROM sent WHERE id = '00000000-0000-0000-0000-000000000201'),
	'{"kind": "application", "id": "00000000-0000-0000-0000-000000000201",
	  "provider_id": "00000000-0000-0000-0000-000000000001", "provider": "Jane Doe",
	  "payer_id": "00000000-0000-0000-0000-000000000102", "payer": "Molina Healthcare of Utah",
	  "status": "submitted", "submitted_date": "2024-04-15",
	  "expected_decision_date": "2024-05-15", "days_overdue": 17, "as_of": "2024-06-01"}'::jsonb,
	'an application''s payload names it, its provider and payer, its dates and how many days it is overdue');

SELECT is(
	(SELECT payload FROM sent WHERE id = '00000000-0000-0000-0000-000000000303'),
	'{"kind": "task", "id": "00000000-0000-0000-0000-000000000303",
	  "provider_id": "00000000-0000-0000-0000-000000000002", "provider": "Bob Young",
	  "payer_id": "00000000-0000-0000-0000-000000000101", "payer": "Aetna",
	  "title": "Submit provider application", "status": "blocked",
	  "due_date": "2024-05-31", "days_overdue": 1, "as_of": "2024-06-01"}'::jsonb,
	'a task''s payload names it, its provider and payer, its status, due date and days overdue');

SELECT is(
	(SELECT array_agg(id ORDER BY id) FROM sent WHERE kind = 'application'),
	(SELECT array_agg(application_id ORDER BY application_id)
	 FROM credentialing.get_overdue_applications('2024-06-01')),
	'the overdue applications are exactly those get_overdue_applications reports');

SELECT is(
	(SELECT array_agg(id ORDER BY id) FROM sent WHERE kind = 'task'),
	(SELECT array_agg(task_id ORDER BY task_id) FROM credentialing.get_overdue_tasks('2024-06-01')),
	'the overdue tasks are exactly those get_overdue_tasks reports');

SELECT is(
	(SELECT payload->>'title' FROM sent WHERE id = '00000000-0000-0000-0000-000000000305'),
	repeat('📅', 200),
	'a long title is cut to 200 characters in the payload');

SELECT cmp_ok(
	(SELECT max(octet_length(payload::text)) FROM sent),
	'<', 8000,
	'every payload stays under NOTIFY''s 8000-byte limit');

SELECT is(
	(SELECT count(*)::integer FROM credentialing.notify_overdue('2024-05-01')),
	0,
	'nothing is overdue before the first due date');

SELECT is(
	(SELECT count(*)::integer FROM credentialing.notify_overdue('2024-06-01')),
	5,
	'a second call in the same transaction returns the same rows (NOTIFY folds the duplicate notifications)');

SELECT throws_ok(
	$$SELECT * FROM credentialing.notify_overdue(NULL)$$,
	'22004', 'p_as_of must not be NULL',
	'a NULL p_as_of is an error');

SELECT lives_ok(
	$$SELECT * FROM credentialing.notify_overdue()$$,
	'p_as_of defaults to today');

SELECT * FROM finish();
ROLLBACK;
