-- test/sql/task_updates.sql: the task PATCH of the admin surface (DESIGN
-- §4.5): update_credentialing_task (keys left out are kept, null clears,
-- every mistake is 22023 naming the key and value, one UPDATE so the task
-- triggers fire once) and bulk_update_credentialing_tasks (all or nothing).
BEGIN;
SELECT plan(47);

INSERT INTO credentialing.providers (id, first_name, last_name, npi) VALUES
	('00000000-0000-0000-0000-000000000001', 'Jane', 'Doe', '1234567893');
INSERT INTO credentialing.payers (id, name) VALUES
	('00000000-0000-0000-0000-000000000101', 'Molina Healthcare of Utah');
INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, application_started_date) VALUES
	('00000000-0000-0000-0000-000000000201', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'in_progress', '2024-05-01');
INSERT INTO credentialing.provider_credentialing_tasks
	(id, provider_id, payer_id, task_type, title, task_status, task_order, due_date, notes, assigned_to) VALUES
	('00000000-0000-0000-0000-000000000301', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'record_application_id', 'Record application ID',
	 'pending', 3, '2024-05-04', 'Call on Tuesday', 'ops@example.com'),
	('00000000-0000-0000-0000-000000000302', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'workflow_task', 'Update CAQH profile',
	 'pending', 1, '2024-05-02', NULL, NULL),
	('00000000-0000-0000-0000-000000000303', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'workflow_task', 'Submit application in portal',
	 'pending', 2, '2024-05-04', NULL, NULL),
	('00000000-0000-0000-0000-000000000304', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'workflow_task', 'Follow up after 30 days',
	 'blocked', 4, '2024-06-03', NULL, NULL);

-- SQLSTATE, message and detail of the error a statement raises.
CREATE FUNCTION pg_temp.error_of(p_sql text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	v_state text;
	v_message text;
	v_detail text;
BEGIN
	EXECUTE p_sql;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT,
							v_detail = PG_EXCEPTION_DETAIL;
	RETURN v_state || ': ' || v_message || ' | ' || v_detail;
END
$$;

SELECT volatility_is('credentialing', 'update_credentialing_task', ARRAY['uuid', 'jsonb'], 'volatile',
	'update_credentialing_task is VOLATILE');
SELECT volatility_is('credentialing', 'bulk_update_credentialing_tasks', ARRAY['uuid[]', 'jsonb'], 'volatile',
	'bulk_update_credentialing_tasks is VOLATILE');

-- One patch: status, application number and notes at once
CREATE TEMP TABLE patched AS
SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000301',
	'{"task_status": "completed", "application_id": "MOL-12345",
	  "notes": "Application submitted successfully"}') AS r;

SELECT is(
	(SELECT r - 'created_at' - 'updated_at' - 'completed_date' FROM patched),
	'{"id": "00000000-0000-0000-0000-000000000301",
	  "provider_id": "00000000-0000-0000-0000-000000000001",
	  "payer_id": "00000000-0000-0000-0000-000000000101",
	  "task_type": "record_application_id", "title": "Record application ID", "description": null,
	  "task_status": "completed", "task_order": 3, "estimated_days": null, "due_date": "2024-05-04",
	  "notes": "Application submitted successfully", "uploaded_document_url": null,
	  "assigned_to": "ops@example.com", "application_id": "MOL-12345", "portal_url": null}'::jsonb,
	'the patched keys change, the others keep their values, and the task comes back');

SELECT is(
	(SELECT array_agg(k ORDER BY k) FROM patched, jsonb_object_keys(r) AS k),
	(SELECT array_agg(column_name::text ORDER BY column_name::text) FROM information_schema.columns
	 WHERE table_schema = 'credentialing' AND table_name = 'provider_credentialing_tasks'),
	'the returned task has every column of the task table');

SELECT is(
	(SELECT (r->>'completed_date')::date FROM patched),
	current_date,
	'the returned task shows what the task trigger did (completed today)');

SELECT is(
	(SELECT count(*)::integer FROM credentialing.credentialing_events
	 WHERE entity_id = '00000000-0000-0000-0000-000000000301' AND action = 'status_changed'),
	1,
	'one patch is one UPDATE: the status change is audited once');

SELECT is(
	(SELECT payer_application_id FROM credentialing.provider_payer_applications
	 WHERE id = '00000000-0000-0000-0000-000000000201'),
	'MOL-12345',
	'completing the record_application_id task through a patch records the number on the application');

SELECT is(
	credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000301', '{"notes": null}')->'notes',
	'null'::jsonb,
	'JSON null clears a column');

SELECT is(
	(SELECT ROW(task_status, assigned_to, application_id, due_date)::text
	 FROM credentialing.provider_credentialing_tasks WHERE id = '00000000-0000-0000-0000-000000000301'),
	ROW('completed', 'ops@example.com', 'MOL-12345', '2024-05-04'::date)::text,
	'clearing one column leaves the others as they were');

SELECT is(
	credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000302',
		'{"due_date": "2024-07-01", "uploaded_document_url": "https://files.example.com/caqh.pdf"}')
		->> 'due_date',
	'2024-07-01',
	'a due date is set from a YYYY-MM-DD string');

SELECT is(
	(SELECT due_date FROM credentialing.provider_credentialing_tasks
	 WHERE id = '00000000-0000-0000-0000-000000000302'),
	'2024-07-01'::date,
	'the due date is stored');

SELECT is(
	credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000302', '{"due_date": null}')
		->> 'due_date',
	NULL,
	'a null due date clears it');

SELECT is(
	credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000302', '{}'),
	(SELECT to_jsonb(t) FROM credentialing.provider_credentialing_tasks t
	 WHERE id = '00000000-0000-0000-0000-000000000302'),
	'an empty patch changes nothing and returns the task');

SELECT is(
	credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000302',
		'{"task_status": "not_applicable", "assigned_to": "", "notes": "Done by the payer, \"auto\""}')
		- 'created_at' - 'updated_at' - 'id' - 'provider_id' - 'payer_id' - 'title' - 'task_type'
		- 'task_order' - 'description' - 'estimated_days' - 'portal_url',
	'{"task_status": "not_applicable", "assigned_to": "", "notes": "Done by the payer, \"auto\"",
	  "application_id": null, "due_date": null, "completed_date": null,
	  "uploaded_document_url": "https://files.example.com/caqh.pdf"}'::jsonb,
	'strings are stored as given, the empty string included');

-- Mistakes: 22023 naming the key and the value; nothing is written
SELECT is(
	pg_temp.error_of($$SELECT credentialing.update_credentialing_task(
		'00000000-0000-0000-0000-000000000303', '{"notes": "x", "priority": "high"}')$$),
	'22023: unknown key "priority" in the task patch | The patch has "priority": "high"; a patch may set only task_status, notes, assigned_to, application_id, due_date and uploaded_document_url.',
	'an unknown key is refused, naming the key and its value');

SELECT is(
	(SELECT notes FROM credentialing.provider_credentialing_tasks
	 WHERE id = '00000000-0000-0000-0000-000000000303'),
	NULL,
	'a refused patch writes nothing, not even its valid keys');

SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000303', '{"id": "x"}')$$,
	'22023', 'unknown key "id" in the task patch',
	'a column outside the patchable six is refused as an unknown key');

SELECT is(
	pg_temp.error_of($$SELECT credentialing.update_credentialing_task(
		'00000000-0000-0000-0000-000000000303', '{"notes": 5}')$$),
	'22023: "notes" in the task patch must be a string or null | The patch has "notes": 5, a number.',
	'a number where text belongs is refused, naming the key, the value and its type');

SELECT is(
	pg_temp.error_of($$SELECT credentialing.update_credentialing_task(
		'00000000-0000-0000-0000-000000000303', '{"assigned_to": {"name": "Amy"}}')$$),
	'22023: "assigned_to" in the task patch must be a string or null | The patch has "assigned_to": {"name": "Amy"}, an object.',
	'an object where text belongs is refused');

SELECT is(
	pg_temp.error_of($$SELECT credentialing.update_credentialing_task(
		'00000000-0000-0000-0000-000000000303', '{"task_status": true}')$$),
	'22023: "task_status" in the task patch must be a string | The patch has "task_status": true, a boolean.',
	'a boolean status is refused');

SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000303', '{"task_status": null}')$$,
	'22023', '"task_status" in the task patch must not be null',
	'the status cannot be cleared');

SELECT is(
	pg_temp.error_of($$SELECT credentialing.update_credentialing_task(
		'00000000-0000-0000-0000-000000000303', '{"task_status": "done"}')$$),
	'22023: invalid task status in the task patch | The patch has "task_status": "done"; a task status is pending, in_progress, completed, blocked or not_applicable.',
	'an unknown status is refused, listing the statuses');

SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000303', '{"task_status": "Completed"}')$$,
	'22023', 'invalid task status in the task patch',
	'statuses are case-sensitive');

SELECT is(
	pg_temp.error_of($$SELECT credentialing.update_credentialing_task(
		'00000000-0000-0000-0000-000000000303', '{"due_date": "2024-02-30"}')$$),
	'22023: invalid date in "due_date" of the task patch | The patch has "due_date": "2024-02-30"; a due date is a calendar date written YYYY-MM-DD.',
	'a date that is not in the calendar is refused');

SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000303', '{"due_date": "06/01/2024"}')$$,
	'22023', 'invalid date in "due_date" of the task patch',
	'a date in another spelling than YYYY-MM-DD is refused');

SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000303', '{"due_date": 20240601}')$$,
	'22023', '"due_date" in the task patch must be a date string or null',
	'a numeric date is refused');

SELECT is(
	(SELECT due_date FROM credentialing.provider_credentialing_tasks
	 WHERE id = '00000000-0000-0000-0000-000000000303'),
	'2024-05-04'::date,
	'refused dates leave the due date as it was');

SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000303', NULL)$$,
	'22023', 'the task patch must not be NULL',
	'a NULL patch is refused');

SELECT is(
	pg_temp.error_of($$SELECT credentialing.update_credentialing_task(
		'00000000-0000-0000-0000-000000000303', '["task_status", "completed"]')$$),
	'22023: the task patch must be a JSON object | p_patch is ["task_status", "completed"].',
	'an array is not a patch');

SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000303', '"completed"')$$,
	'22023', 'the task patch must be a JSON object',
	'a bare string is not a patch');

SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-0000000003ff', '{"notes": "x"}')$$,
	'P0002', 'task 00000000-0000-0000-0000-0000000003ff does not exist',
	'a task that does not exist is an error');

SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-0000000003ff', '{}')$$,
	'P0002', 'task 00000000-0000-0000-0000-0000000003ff does not exist',
	'an empty patch of a task that does not exist is an error too');

SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task(NULL, '{"notes": "x"}')$$,
	'22004', 'p_task_id must not be NULL',
	'a NULL task id is an error');

-- Bulk
SELECT is(
	credentialing.bulk_update_credentialing_tasks(
		ARRAY['00000000-0000-0000-0000-000000000303', '00000000-0000-0000-0000-000000000304',
			  '00000000-0000-0000-0000-000000000303', '00000000-0000-0000-0000-000000000301']::uuid[],
		'{"task_status": "in_progress", "assigned_to": "amy@example.com"}'),
	3,
	'a bulk patch returns how many tasks it updated, duplicates folded');

SELECT results_eq(
	$$SELECT id, task_status, assigned_to FROM credentialing.provider_credentialing_tasks
	  WHERE id IN ('00000000-0000-0000-0000-000000000301', '00000000-0000-0000-0000-000000000303',
				   '00000000-0000-0000-0000-000000000304')
	  ORDER BY id$$,
	$$VALUES ('00000000-0000-0000-0000-000000000301'::uuid, 'in_progress', 'amy@example.com'),
			 ('00000000-0000-0000-0000-000000000303'::uuid, 'in_progress', 'amy@example.com'),
			 ('00000000-0000-0000-0000-000000000304'::uuid, 'in_progress', 'amy@example.com')$$,
	'every listed task gets the patch');

SELECT is(
	(SELECT completed_date FROM credentialing.provider_credentialing_tasks
	 WHERE id = '00000000-0000-0000-0000-000000000301'),
	NULL,
	'the task trigger runs for each task of a bulk patch (leaving completed clears the date)');

SELECT is(
	(SELECT count(*)::integer FROM credentialing.credentialing_events
	 WHERE entity_id IN ('00000000-0000-0000-0000-000000000301', '00000000-0000-0000-0000-000000000303',
						 '00000000-0000-0000-0000-000000000304')
	   AND action = 'status_changed'),
	4,
	'each task''s status change is audited once (301 had one before)');

SELECT is(
	pg_temp.error_of($$SELECT credentialing.bulk_update_credentialing_tasks(
		ARRAY['00000000-0000-0000-0000-000000000303', '00000000-0000-0000-0000-0000000003fe',
			  '00000000-0000-0000-0000-000000000304', '00000000-0000-0000-0000-0000000003ff',
			  '00000000-0000-0000-0000-0000000003fe']::uuid[],
		'{"task_status": "completed"}')$$),
	'P0002: tasks 00000000-0000-0000-0000-0000000003fe, 00000000-0000-0000-0000-0000000003ff do not exist | p_task_ids holds 2 ids with no row in credentialing.provider_credentialing_tasks; nothing was written.',
	'unknown ids make the whole bulk patch fail, listing them once each in the order given');

SELECT throws_ok(
	$$SELECT credentialing.bulk_update_credentialing_tasks(
		ARRAY['00000000-0000-0000-0000-0000000003ff']::uuid[], '{"notes": "x"}')$$,
	'P0002', 'task 00000000-0000-0000-0000-0000000003ff does not exist',
	'a single unknown id is named');

SELECT is(
	(SELECT array_agg(task_status ORDER BY id) FROM credentialing.provider_credentialing_tasks
	 WHERE id IN ('00000000-0000-0000-0000-000000000303', '00000000-0000-0000-0000-000000000304')),
	ARRAY['in_progress', 'in_progress'],
	'a failed bulk patch writes nothing: the known tasks keep their status');

SELECT throws_ok(
	$$SELECT credentialing.bulk_update_credentialing_tasks(
		ARRAY['00000000-0000-0000-0000-000000000303']::uuid[], '{"task_status": "finished"}')$$,
	'22023', 'invalid task status in the task patch',
	'a bulk patch is checked like a single one');

SELECT is(
	credentialing.bulk_update_credentialing_tasks(
		ARRAY['00000000-0000-0000-0000-000000000303', '00000000-0000-0000-0000-000000000303']::uuid[], '{}'),
	1,
	'an empty bulk patch changes nothing and counts the tasks');

SELECT is(
	credentialing.bulk_update_credentialing_tasks('{}'::uuid[], '{"notes": "x"}'),
	0,
	'an empty id list updates nothing');

SELECT throws_ok(
	$$SELECT credentialing.bulk_update_credentialing_tasks(NULL, '{"notes": "x"}')$$,
	'22004', 'p_task_ids must not be NULL',
	'a NULL id list is an error');

SELECT throws_ok(
	$$SELECT credentialing.bulk_update_credentialing_tasks(
		ARRAY['00000000-0000-0000-0000-000000000303', NULL]::uuid[], '{"notes": "x"}')$$,
	'22004', 'p_task_ids must not contain NULL',
	'a NULL id in the list is an error');

-- A patch needs UPDATE privilege on exactly the columns it sets: a provider
-- (who may update notes, task_status and uploaded_document_url of their own
-- tasks) can patch notes but not assigned_to.
GRANT EXECUTE ON FUNCTION credentialing.update_credentialing_task(uuid, jsonb) TO credentialing_provider;
SET LOCAL request.jwt.claims = '{"provider_id": "00000000-0000-0000-0000-000000000001"}';
SET LOCAL ROLE credentialing_provider;
SELECT is(
	credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000303',
		'{"notes": "Portal was down"}')->>'notes',
	'Portal was down',
	'a patch of notes needs only the privilege to update notes');
SELECT throws_ok(
	$$SELECT credentialing.update_credentialing_task('00000000-0000-0000-0000-000000000303',
		'{"assigned_to": "me"}')$$,
	'42501', NULL,
	'a patch of a column the caller may not update is refused by the column privileges');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
