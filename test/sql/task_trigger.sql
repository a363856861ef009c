-- test/sql/task_trigger.sql: the task trigger (DESIGN 4.2): completed_date
-- and updated_at follow the task's status, and a completed
-- record_application_id task records the payer's application number on its
-- application.
BEGIN;
LOAD 'credentialing';
SELECT plan(29);

INSERT INTO credentialing.providers (id, first_name, last_name, npi)
VALUES ('00000000-0000-0000-0000-000000000001', 'Ann', 'Lee', '1000001010');

-- A new payer, an application with it (with the given payer application
-- number) and one task of the given type and status on it, inserted
-- directly with updated_at in 2020; returns the task's id.
CREATE FUNCTION pg_temp.new_task(p_type text, p_status text, p_payer_number text DEFAULT NULL,
								 p_completed date DEFAULT NULL, p_number text DEFAULT NULL)
RETURNS uuid LANGUAGE sql AS $$
	WITH payer AS (
		INSERT INTO credentialing.payers (name)
		VALUES ('Payer ' || gen_random_uuid())
		RETURNING id
	), application AS (
		INSERT INTO credentialing.provider_payer_applications (provider_id, payer_id, payer_application_id)
		SELECT '00000000-0000-0000-0000-000000000001', id, p_payer_number FROM payer
		RETURNING provider_id, payer_id
	)
	INSERT INTO credentialing.provider_credentialing_tasks
		(provider_id, payer_id, task_type, title, task_status, task_order, completed_date,
		 application_id, updated_at)
	SELECT provider_id, payer_id, p_type, 'Task', p_status, 1, p_completed, p_number,
		   '2020-01-01 00:00+00'
	FROM application
	RETURNING id
$$;

-- The payer application number of a task's application.
CREATE FUNCTION pg_temp.payer_number(p_task uuid)
RETURNS text LANGUAGE sql AS $$
	SELECT a.payer_application_id
	FROM credentialing.provider_credentialing_tasks t
	JOIN credentialing.provider_payer_applications a USING (provider_id, payer_id)
	WHERE t.id = p_task
$$;

-- A task's completed_date.
CREATE FUNCTION pg_temp.completed(p_task uuid)
RETURNS date LANGUAGE sql AS $$
	SELECT completed_date FROM credentialing.provider_credentialing_tasks WHERE id = p_task
$$;

-- Inserting fills only a missing completed date.
SELECT pg_temp.new_task('follow_up', 'completed') AS ins_completed,
	   pg_temp.new_task('follow_up', 'completed', NULL, '2024-05-01') AS ins_dated,
	   pg_temp.new_task('follow_up', 'pending') AS ins_pending,
	   pg_temp.new_task('follow_up', 'pending', NULL, '2023-01-01') AS ins_stale \gset
SELECT is(pg_temp.completed(:'ins_completed'), current_date,
		  'a task inserted as completed without a date is completed today');
SELECT is(pg_temp.completed(:'ins_dated'), '2024-05-01'::date,
		  'a task inserted as completed keeps the date it was given');
SELECT is(pg_temp.completed(:'ins_pending'), NULL::date,
		  'a task inserted as pending has no completed date');
SELECT is(pg_temp.completed(:'ins_stale'), '2023-01-01'::date,
		  'an INSERT never clears what it is given (restore safety)');
SELECT is((SELECT updated_at FROM credentialing.provider_credentialing_tasks WHERE id = :'ins_dated'),
		  '2020-01-01 00:00+00'::timestamptz, 'an INSERT keeps the updated_at it is given');

-- Status changes.
SELECT pg_temp.new_task('follow_up', 'pending') AS done_today,
	   pg_temp.new_task('follow_up', 'in_progress') AS done_dated,
	   pg_temp.new_task('follow_up', 'completed', NULL, '2024-05-01') AS reopened,
	   pg_temp.new_task('follow_up', 'completed', NULL, '2024-05-01') AS dropped,
	   pg_temp.new_task('follow_up', 'completed', NULL, '2024-05-01') AS noted,
	   pg_temp.new_task('follow_up', 'completed', NULL, '2024-05-01') AS cleared,
	   pg_temp.new_task('follow_up', 'completed', NULL, '2024-05-01') AS redated,
	   pg_temp.new_task('follow_up', 'completed', NULL, '2024-05-01') AS reopened_dated,
	   pg_temp.new_task('follow_up', 'pending', NULL, '2023-01-01') AS stale \gset
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed' WHERE id = :'done_today';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed', completed_date = '2024-06-01'
WHERE id = :'done_dated';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'in_progress' WHERE id = :'reopened';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'not_applicable' WHERE id = :'dropped';
UPDATE credentialing.provider_credentialing_tasks SET notes = 'Confirmed by phone' WHERE id = :'noted';
UPDATE credentialing.provider_credentialing_tasks SET completed_date = NULL WHERE id = :'cleared';
UPDATE credentialing.provider_credentialing_tasks SET completed_date = '2024-07-01' WHERE id = :'redated';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'pending', completed_date = '2024-08-01'
WHERE id = :'reopened_dated';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed' WHERE id = :'stale';

SELECT is(pg_temp.completed(:'done_today'), current_date,
		  'completing a task sets its completed date to today');
SELECT is(pg_temp.completed(:'done_dated'), '2024-06-01'::date,
		  'completing a task with a given date keeps that date');
SELECT is(pg_temp.completed(:'reopened'), NULL::date,
		  'reopening a completed task clears its completed date');
SELECT is(pg_temp.completed(:'dropped'), NULL::date,
		  'marking a completed task not applicable clears its completed date');
SELECT is(pg_temp.completed(:'noted'), '2024-05-01'::date,
		  'editing a completed task keeps its completed date');
SELECT is(pg_temp.completed(:'cleared'), current_date,
		  'a completed task whose date is cleared gets today, so completed tasks always have a date');
SELECT is(pg_temp.completed(:'redated'), '2024-07-01'::date,
		  'the completed date of a completed task can be corrected');
SELECT is(pg_temp.completed(:'reopened_dated'), NULL::date,
		  'leaving completed clears the date even when the writer gives one');
SELECT is(pg_temp.completed(:'stale'), current_date,
		  'completing a task replaces a leftover date the writer did not set');
SELECT is((SELECT count(*) FROM credentialing.provider_credentialing_tasks
		   WHERE id IN (:'done_today', :'done_dated', :'reopened', :'dropped', :'noted',
						:'cleared', :'redated', :'reopened_dated', :'stale')
			 AND updated_at = now()),
		  9::bigint, 'every update stamps updated_at with the transaction time');

-- The payer's application number recorded by a record_application_id task.
SELECT pg_temp.new_task('record_application_id', 'in_progress') AS recorded,
	   pg_temp.new_task('record_application_id', 'completed') AS late_number,
	   pg_temp.new_task('record_application_id', 'in_progress', 'EXISTING-1') AS existing,
	   pg_temp.new_task('record_application_id', 'in_progress', '') AS empty_number,
	   pg_temp.new_task('submit_application', 'in_progress') AS other_type,
	   pg_temp.new_task('record_application_id', 'pending') AS not_done,
	   pg_temp.new_task('record_application_id', 'in_progress') AS blank,
	   pg_temp.new_task('record_application_id', 'completed', NULL, '2024-05-01', 'RESTORED-1') AS restored,
	   pg_temp.new_task('record_application_id', 'in_progress') AS by_provider \gset
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed', application_id = 'MOL-123'
WHERE id = :'recorded';
UPDATE credentialing.provider_credentialing_tasks SET application_id = 'MOL-456' WHERE id = :'late_number';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed', application_id = 'MOL-789'
WHERE id = :'existing';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed', application_id = 'MOL-321'
WHERE id = :'empty_number';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed', application_id = 'MOL-654'
WHERE id = :'other_type';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'in_progress', application_id = 'MOL-987'
WHERE id = :'not_done';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed', application_id = '   '
WHERE id = :'blank';
UPDATE credentialing.provider_credentialing_tasks SET notes = 'Restored' WHERE id = :'restored';

SELECT is(pg_temp.payer_number(:'recorded'), 'MOL-123',
		  'completing a record_application_id task records the number on the application');
SELECT is(pg_temp.payer_number(:'late_number'), 'MOL-456',
		  'a number added to an already completed task is recorded');
SELECT is(pg_temp.payer_number(:'existing'), 'EXISTING-1',
		  'an application number already recorded is never overwritten');
SELECT is(pg_temp.payer_number(:'empty_number'), 'MOL-321',
		  'an empty application number counts as missing');
SELECT is(pg_temp.payer_number(:'other_type'), NULL,
		  'only record_application_id tasks record the number');
SELECT is(pg_temp.payer_number(:'not_done'), NULL,
		  'a task that is not completed records nothing');
SELECT is(pg_temp.payer_number(:'blank'), NULL,
		  'a blank number is not recorded');
SELECT is(pg_temp.payer_number(:'restored'), NULL,
		  'a task inserted completed with a number records nothing, and neither does a later edit');

UPDATE credentialing.provider_credentialing_tasks SET application_id = 'MOL-999' WHERE id = :'recorded';
SELECT is(pg_temp.payer_number(:'recorded'), 'MOL-123',
		  'changing the task''s number later does not overwrite the recorded one');
UPDATE credentialing.provider_payer_applications SET payer_application_id = NULL
WHERE (provider_id, payer_id) = (SELECT provider_id, payer_id FROM credentialing.provider_credentialing_tasks
								 WHERE id = :'recorded');
UPDATE credentialing.provider_credentialing_tasks SET application_id = 'MOL-1000' WHERE id = :'recorded';
SELECT is(pg_temp.payer_number(:'recorded'), 'MOL-1000',
		  'a changed number is recorded once the application''s number was cleared');

-- A role that may update tasks but not applications.
CREATE ROLE credentialing_test_assistant NOLOGIN;
GRANT USAGE ON SCHEMA credentialing TO credentialing_test_assistant;
GRANT SELECT, UPDATE ON credentialing.provider_credentialing_tasks TO credentialing_test_assistant;
CREATE POLICY test_assistant ON credentialing.provider_credentialing_tasks
	TO credentialing_test_assistant USING (true) WITH CHECK (true);
SET LOCAL ROLE credentialing_test_assistant;
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed', application_id = 'MOL-555'
WHERE id = :'by_provider';
RESET ROLE;
SELECT ok(NOT has_table_privilege('credentialing_test_assistant',
								  'credentialing.provider_payer_applications', 'UPDATE'),
		  'the assistant may not update applications');
SELECT is(pg_temp.payer_number(:'by_provider'), 'MOL-555',
		  'the number is recorded even when the task''s writer may not update applications');
SELECT is(pg_temp.completed(:'by_provider'), current_date,
		  'the assistant''s completed task is dated today');

-- The application's own fields are left alone by the recording.
SELECT is((SELECT a.application_status FROM credentialing.provider_credentialing_tasks t
		   JOIN credentialing.provider_payer_applications a USING (provider_id, payer_id)
		   WHERE t.id = :'recorded'),
		  'not_started', 'recording the number does not move the application');

SELECT * FROM finish();
ROLLBACK;
