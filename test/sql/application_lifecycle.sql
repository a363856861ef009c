-- test/sql/application_lifecycle.sql: the application trigger (DESIGN 4.3):
-- the transition table, the override, the automatic dates, the expected
-- decision date and the contract created on approval.
BEGIN;
LOAD 'credentialing';
SELECT plan(122);

-- A provider, and payers with and without a workflow.
INSERT INTO credentialing.providers (id, first_name, last_name, npi)
VALUES ('00000000-0000-0000-0000-000000000001', 'Ann', 'Lee', '1000001010');
INSERT INTO credentialing.payers (id, name) VALUES
	('00000000-0000-0000-0000-0000000000a1', 'Thirty Day Health'),
	('00000000-0000-0000-0000-0000000000a2', 'No Workflow Mutual'),
	('00000000-0000-0000-0000-0000000000a3', 'Silent Workflow Care');
INSERT INTO credentialing.payer_credentialing_workflows (payer_id, workflow_type, typical_approval_days) VALUES
	('00000000-0000-0000-0000-0000000000a1', 'online_portal', 30),
	('00000000-0000-0000-0000-0000000000a3', 'excel_submission', NULL);

-- A new payer (with the 30-day workflow) and an application with it in the
-- given status, inserted directly with timestamps of 2020; returns the
-- application's id.
CREATE FUNCTION pg_temp.new_application(p_status text, p_eligible boolean DEFAULT true)
RETURNS uuid LANGUAGE sql AS $$
	WITH payer AS (
		INSERT INTO credentialing.payers (name)
		VALUES ('Payer ' || gen_random_uuid())
		RETURNING id
	), workflow AS (
		INSERT INTO credentialing.payer_credentialing_workflows (payer_id, workflow_type, typical_approval_days)
		SELECT id, 'online_portal', 30 FROM payer
	)
	INSERT INTO credentialing.provider_payer_applications
		(provider_id, payer_id, application_status, reapplication_eligible, status_changed_at, updated_at)
	SELECT '00000000-0000-0000-0000-000000000001', id, p_status, p_eligible,
		   '2020-01-01 00:00+00', '2020-01-01 00:00+00'
	FROM payer
	RETURNING id
$$;

-- The UPDATE that moves an application to a status.
CREATE FUNCTION pg_temp.move_sql(p_id uuid, p_status text)
RETURNS text LANGUAGE sql AS $$
	SELECT format('UPDATE credentialing.provider_payer_applications SET application_status = %L WHERE id = %L',
				  p_status, p_id)
$$;

-- SQLSTATE, message, detail and hint of the error a statement raises.
CREATE FUNCTION pg_temp.error_of(p_sql text)
RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
	v_state text;
	v_message text;
	v_detail text;
	v_hint text;
BEGIN
	EXECUTE p_sql;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT,
		v_detail = PG_EXCEPTION_DETAIL, v_hint = PG_EXCEPTION_HINT;
	RETURN ARRAY[v_state, v_message, v_detail, v_hint];
END
$$;

-- Every allowed transition of the table, each on its own application.
CREATE TEMP TABLE allowed_move AS
SELECT row_number() OVER () AS n, t.from_status, t.to_status,
	   pg_temp.new_application(t.from_status) AS id
FROM (VALUES
	('not_started', 'in_progress'), ('not_started', 'submitted'),
	('not_started', 'on_hold'), ('not_started', 'withdrawn'),
	('in_progress', 'submitted'), ('in_progress', 'on_hold'),
	('in_progress', 'withdrawn'), ('in_progress', 'not_started'),
	('submitted', 'under_review'), ('submitted', 'approved'),
	('submitted', 'denied'), ('submitted', 'on_hold'),
	('submitted', 'withdrawn'), ('submitted', 'in_progress'),
	('under_review', 'approved'), ('under_review', 'denied'),
	('under_review', 'on_hold'), ('under_review', 'withdrawn'),
	('under_review', 'submitted'),
	('on_hold', 'in_progress'), ('on_hold', 'submitted'),
	('on_hold', 'under_review'), ('on_hold', 'withdrawn'),
	('denied', 'in_progress'), ('denied', 'withdrawn'),
	('withdrawn', 'not_started'), ('withdrawn', 'in_progress')
) AS t(from_status, to_status);
SELECT lives_ok(pg_temp.move_sql(m.id, m.to_status),
				format('an application may move from %s to %s', m.from_status, m.to_status))
FROM allowed_move m ORDER BY m.n;
SELECT is((SELECT count(*) FROM allowed_move m
		   JOIN credentialing.provider_payer_applications a ON a.id = m.id
		   WHERE a.application_status = m.to_status AND a.status_changed_at = now()),
		  27::bigint, 'each of the 27 allowed transitions reached its new status');

-- Every forbidden transition, refused with SQLSTATE 23514 and a
-- message that lists the statuses allowed next.
SELECT throws_ok(pg_temp.move_sql(pg_temp.new_application(t.from_status), t.to_status),
				 '23514',
				 format('application status cannot change from "%s" to "%s" (allowed: %s)',
						t.from_status, t.to_status, t.allowed),
				 format('an application may not move from %s to %s', t.from_status, t.to_status))
FROM (VALUES
	('not_started', 'under_review', 'in_progress, submitted, on_hold, withdrawn'),
	('not_started', 'approved', 'in_progress, submitted, on_hold, withdrawn'),
	('not_started', 'denied', 'in_progress, submitted, on_hold, withdrawn'),
	('in_progress', 'under_review', 'submitted, on_hold, withdrawn, not_started'),
	('in_progress', 'approved', 'submitted, on_hold, withdrawn, not_started'),
	('in_progress', 'denied', 'submitted, on_hold, withdrawn, not_started'),
	('submitted', 'not_started', 'under_review, approved, denied, on_hold, withdrawn, in_progress'),
	('under_review', 'not_started', 'approved, denied, on_hold, withdrawn, submitted'),
	('under_review', 'in_progress', 'approved, denied, on_hold, withdrawn, submitted'),
	('on_hold', 'not_started', 'in_progress, submitted, under_review, withdrawn'),
	('on_hold', 'approved', 'in_progress, submitted, under_review, withdrawn'),
	('on_hold', 'denied', 'in_progress, submitted, under_review, withdrawn'),
	('denied', 'submitted', 'in_progress, not_started, withdrawn'),
	('denied', 'under_review', 'in_progress, not_started, withdrawn'),
	('denied', 'approved', 'in_progress, not_started, withdrawn'),
	('denied', 'on_hold', 'in_progress, not_started, withdrawn'),
	('withdrawn', 'submitted', 'not_started, in_progress'),
	('withdrawn', 'under_review', 'not_started, in_progress'),
	('withdrawn', 'approved', 'not_started, in_progress'),
	('withdrawn', 'denied', 'not_started, in_progress'),
	('withdrawn', 'on_hold', 'not_started, in_progress'),
	('approved', 'not_started', 'none'),
	('approved', 'in_progress', 'none'),
	('approved', 'submitted', 'none'),
	('approved', 'under_review', 'none'),
	('approved', 'denied', 'none'),
	('approved', 'on_hold', 'none'),
	('approved', 'withdrawn', 'none')
) AS t(from_status, to_status, allowed);

-- The detail and hint of a refusal.
SELECT is(pg_temp.error_of(pg_temp.move_sql(pg_temp.new_application('approved'), 'submitted')),
		  ARRAY['23514',
				'application status cannot change from "approved" to "submitted" (allowed: none)',
				'Allowed next statuses: none (approved is final).',
				'An approved application stays approved; to correct data, a DBA can SET credentialing.enforce_transitions = off.'],
		  'an approved application is final, and the hint names the override');
SELECT is((pg_temp.error_of(pg_temp.move_sql(pg_temp.new_application('not_started'), 'denied')))[3],
		  'Allowed next statuses: in_progress, submitted, on_hold, withdrawn.',
		  'the detail lists the statuses allowed next');
SELECT matches((pg_temp.error_of(pg_temp.move_sql(pg_temp.new_application('not_started'), 'denied')))[4],
			   'SET credentialing\.enforce_transitions = off',
			   'the hint tells a DBA how to correct data');

-- denied -> not_started depends on reapplication_eligible (the new row's).
SELECT lives_ok(pg_temp.move_sql(pg_temp.new_application('denied', true), 'not_started'),
				'a denied application eligible for reapplication may restart at not_started');
SELECT throws_ok(pg_temp.move_sql(pg_temp.new_application('denied', false), 'not_started'),
				 '23514',
				 'application status cannot change from "denied" to "not_started" (allowed: in_progress, withdrawn)',
				 'a denied application not eligible for reapplication may not restart');
SELECT is((pg_temp.error_of(pg_temp.move_sql(pg_temp.new_application('denied', false), 'not_started')))[3],
		  'Allowed next statuses: in_progress, withdrawn. A denied application restarts at not_started only when reapplication_eligible is true.',
		  'the refusal explains that reapplication eligibility is missing');
SELECT lives_ok(format('UPDATE credentialing.provider_payer_applications
						SET application_status = ''not_started'', reapplication_eligible = true WHERE id = %L',
					   pg_temp.new_application('denied', false)),
				'making an application eligible in the same UPDATE lets it restart');
SELECT throws_ok(format('UPDATE credentialing.provider_payer_applications
						 SET application_status = ''not_started'', reapplication_eligible = false WHERE id = %L',
						pg_temp.new_application('denied', true)),
				 '23514', NULL,
				 'making an application ineligible in the same UPDATE keeps it from restarting');
SELECT lives_ok(pg_temp.move_sql(pg_temp.new_application('denied', false), 'in_progress'),
				'an ineligible denied application may still move to in_progress');

-- credentialing.enforce_transitions = off lets a DBA correct data.
SELECT pg_temp.new_application('not_started') AS overridden_id \gset
SET LOCAL credentialing.enforce_transitions = off;
SELECT lives_ok(pg_temp.move_sql(pg_temp.new_application('approved'), 'submitted'),
				'with enforce_transitions off an approved application can be moved back');
SELECT lives_ok(pg_temp.move_sql(:'overridden_id', 'denied'),
				'with enforce_transitions off any status change passes');
SELECT lives_ok(pg_temp.move_sql(pg_temp.new_application('denied', false), 'not_started'),
				'with enforce_transitions off an ineligible application can restart');
SET LOCAL credentialing.enforce_transitions = on;
SELECT is((SELECT ARRAY[application_started_date, denial_date] FROM credentialing.provider_payer_applications
		   WHERE id = :'overridden_id'),
		  ARRAY[current_date, current_date],
		  'an overridden change still fills its automatic dates');
SELECT throws_ok(pg_temp.move_sql(pg_temp.new_application('approved'), 'submitted'),
				 '23514', NULL, 'turning enforce_transitions back on enforces the table again');

-- Applications for the date tests, each with its own payer; all start with
-- timestamps of 2020 (an INSERT keeps what it is given).
SELECT pg_temp.new_application('not_started') AS started_id,
	   pg_temp.new_application('not_started') AS started_kept_id,
	   pg_temp.new_application('in_progress') AS submitted_id,
	   pg_temp.new_application('in_progress') AS submitted_kept_id,
	   pg_temp.new_application('on_hold') AS review_id,
	   pg_temp.new_application('submitted') AS approved_id,
	   pg_temp.new_application('submitted') AS approved_kept_id,
	   pg_temp.new_application('under_review') AS denied_id,
	   pg_temp.new_application('under_review') AS denied_kept_id,
	   pg_temp.new_application('submitted') AS held_id,
	   pg_temp.new_application('in_progress') AS notes_id \gset
UPDATE credentialing.provider_payer_applications SET application_started_date = '2024-01-02'
WHERE id = :'started_kept_id';
UPDATE credentialing.provider_payer_applications SET application_submitted_date = '2024-02-01'
WHERE id = :'submitted_kept_id';
UPDATE credentialing.provider_payer_applications SET approval_date = '2024-03-04'
WHERE id = :'approved_kept_id';
UPDATE credentialing.provider_payer_applications SET denial_date = '2024-04-05'
WHERE id = :'denied_kept_id';

UPDATE credentialing.provider_payer_applications SET application_status = 'in_progress'
WHERE id IN (:'started_id', :'started_kept_id');
UPDATE credentialing.provider_payer_applications SET application_status = 'submitted'
WHERE id IN (:'submitted_id', :'submitted_kept_id');
UPDATE credentialing.provider_payer_applications SET application_status = 'under_review'
WHERE id = :'review_id';
UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
WHERE id IN (:'approved_id', :'approved_kept_id');
UPDATE credentialing.provider_payer_applications SET application_status = 'denied'
WHERE id IN (:'denied_id', :'denied_kept_id');
UPDATE credentialing.provider_payer_applications SET application_status = 'on_hold'
WHERE id = :'held_id';
UPDATE credentialing.provider_payer_applications SET notes = 'Called the payer'
WHERE id = :'notes_id';

-- Automatic dates.
SELECT is((SELECT application_started_date FROM credentialing.provider_payer_applications WHERE id = :'started_id'),
		  current_date, 'leaving not_started sets the started date to today');
SELECT is((SELECT application_started_date FROM credentialing.provider_payer_applications WHERE id = :'started_kept_id'),
		  '2024-01-02'::date, 'a started date already set is kept');
SELECT is((SELECT application_submitted_date FROM credentialing.provider_payer_applications WHERE id = :'submitted_id'),
		  current_date, 'entering submitted sets the submitted date to today');
SELECT is((SELECT application_submitted_date FROM credentialing.provider_payer_applications WHERE id = :'submitted_kept_id'),
		  '2024-02-01'::date, 'a submitted date already set is kept');
SELECT is((SELECT application_submitted_date FROM credentialing.provider_payer_applications WHERE id = :'review_id'),
		  current_date, 'entering under_review sets the submitted date when it is missing');
SELECT is((SELECT expected_decision_date FROM credentialing.provider_payer_applications WHERE id = :'review_id'),
		  NULL::date, 'entering under_review does not set an expected decision date');
SELECT is((SELECT approval_date FROM credentialing.provider_payer_applications WHERE id = :'approved_id'),
		  current_date, 'entering approved sets the approval date to today');
SELECT is((SELECT approval_date FROM credentialing.provider_payer_applications WHERE id = :'approved_kept_id'),
		  '2024-03-04'::date, 'an approval date already set is kept');
SELECT is((SELECT denial_date FROM credentialing.provider_payer_applications WHERE id = :'denied_id'),
		  current_date, 'entering denied sets the denial date to today');
SELECT is((SELECT denial_date FROM credentialing.provider_payer_applications WHERE id = :'denied_kept_id'),
		  '2024-04-05'::date, 'a denial date already set is kept');
SELECT is((SELECT count(*) FROM credentialing.provider_payer_applications
		   WHERE id IN (:'started_id', :'submitted_id', :'review_id', :'approved_id', :'denied_id', :'held_id')
			 AND status_changed_at = now()),
		  6::bigint, 'every status change stamps status_changed_at with the transaction time');
SELECT is((SELECT ARRAY[status_changed_at, updated_at] FROM credentialing.provider_payer_applications
		   WHERE id = :'notes_id'),
		  ARRAY['2020-01-01 00:00+00', now()],
		  'an update that keeps the status stamps updated_at but keeps status_changed_at');
SELECT is((SELECT updated_at FROM credentialing.provider_payer_applications WHERE id = :'held_id'),
		  now(), 'a status change stamps updated_at');
SELECT is((SELECT ARRAY[application_started_date, application_submitted_date, approval_date, denial_date]
		   FROM credentialing.provider_payer_applications WHERE id = :'held_id'),
		  ARRAY[current_date, current_date, NULL, NULL],
		  'entering on_hold sets no date and keeps the earlier ones');
SELECT is((SELECT denial_date FROM credentialing.provider_payer_applications WHERE id = :'approved_id'),
		  NULL::date, 'approval does not set a denial date');

-- The expected decision date.
INSERT INTO credentialing.provider_payer_applications (id, provider_id, payer_id, application_status)
VALUES ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-000000000001',
		'00000000-0000-0000-0000-0000000000a1', 'in_progress'),
	   ('00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-000000000001',
		'00000000-0000-0000-0000-0000000000a2', 'in_progress'),
	   ('00000000-0000-0000-0000-0000000000c3', '00000000-0000-0000-0000-000000000001',
		'00000000-0000-0000-0000-0000000000a3', 'in_progress');
UPDATE credentialing.provider_payer_applications
SET application_status = 'submitted', application_submitted_date = '2025-01-10'
WHERE id = '00000000-0000-0000-0000-0000000000c1';
UPDATE credentialing.provider_payer_applications SET application_status = 'submitted'
WHERE id = '00000000-0000-0000-0000-0000000000c2';
SELECT is((SELECT expected_decision_date FROM credentialing.provider_payer_applications
		   WHERE id = '00000000-0000-0000-0000-0000000000c1'),
		  '2025-02-09'::date,
		  'the expected decision is the submitted date plus the workflow''s typical approval days');
SELECT is((SELECT expected_decision_date FROM credentialing.provider_payer_applications
		   WHERE id = '00000000-0000-0000-0000-0000000000c2'),
		  current_date + 60,
		  'a payer without a workflow gets credentialing.default_approval_days (60)');
SET LOCAL credentialing.default_approval_days = 10;
UPDATE credentialing.provider_payer_applications SET application_status = 'submitted'
WHERE id = '00000000-0000-0000-0000-0000000000c3';
SELECT is((SELECT expected_decision_date FROM credentialing.provider_payer_applications
		   WHERE id = '00000000-0000-0000-0000-0000000000c3'),
		  current_date + 10,
		  'a workflow without typical approval days uses credentialing.default_approval_days');
UPDATE credentialing.provider_payer_applications SET application_status = 'on_hold'
WHERE id = '00000000-0000-0000-0000-0000000000c1';
UPDATE credentialing.provider_payer_applications SET application_status = 'submitted'
WHERE id = '00000000-0000-0000-0000-0000000000c1';
SELECT is((SELECT expected_decision_date FROM credentialing.provider_payer_applications
		   WHERE id = '00000000-0000-0000-0000-0000000000c1'),
		  '2025-02-09'::date,
		  'an expected decision date already set is kept on resubmission');
UPDATE credentialing.provider_payer_applications
SET application_status = 'in_progress', expected_decision_date = NULL
WHERE id = '00000000-0000-0000-0000-0000000000c1';
UPDATE credentialing.provider_payer_applications SET application_status = 'submitted'
WHERE id = '00000000-0000-0000-0000-0000000000c1';
SELECT is((SELECT expected_decision_date FROM credentialing.provider_payer_applications
		   WHERE id = '00000000-0000-0000-0000-0000000000c1'),
		  '2025-02-09'::date,
		  'a cleared expected date is computed again from the kept submitted date');
UPDATE credentialing.provider_payer_applications
SET application_status = 'in_progress', expected_decision_date = NULL
WHERE id = '00000000-0000-0000-0000-0000000000c2';
UPDATE credentialing.provider_payer_applications
SET application_status = 'submitted', expected_decision_date = '2030-06-30'
WHERE id = '00000000-0000-0000-0000-0000000000c2';
SELECT is((SELECT expected_decision_date FROM credentialing.provider_payer_applications
		   WHERE id = '00000000-0000-0000-0000-0000000000c2'),
		  '2030-06-30'::date,
		  'an expected decision date given by the writer is kept');
SET LOCAL credentialing.default_approval_days = 60;

-- Inserting never rejects and only fills what the inserted status implies.
INSERT INTO credentialing.providers (id, first_name, last_name, npi)
VALUES ('00000000-0000-0000-0000-000000000002', 'Bo', 'Diaz', '1000001051');
INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, application_submitted_date)
VALUES ('00000000-0000-0000-0000-0000000000d1', '00000000-0000-0000-0000-000000000002',
		'00000000-0000-0000-0000-0000000000a1', 'submitted', '2025-05-01');
SELECT is((SELECT ARRAY[application_started_date, application_submitted_date, expected_decision_date,
						approval_date, denial_date]
		   FROM credentialing.provider_payer_applications WHERE id = '00000000-0000-0000-0000-0000000000d1'),
		  ARRAY[current_date, '2025-05-01', '2025-05-31', NULL, NULL]::date[],
		  'an application inserted as submitted gets its missing dates, counted from its submitted date');
SELECT lives_ok($$INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, application_started_date,
	 application_submitted_date, approval_date, status_changed_at, updated_at)
	VALUES ('00000000-0000-0000-0000-0000000000d2', '00000000-0000-0000-0000-000000000002',
			'00000000-0000-0000-0000-0000000000a2', 'approved', '2023-01-01', '2023-02-01',
			'2023-03-01', '2023-03-01 10:00+00', '2023-03-02 10:00+00')$$,
				'a row is inserted as approved, as a restore does');
SELECT is((SELECT ARRAY[application_started_date, application_submitted_date, expected_decision_date, approval_date]
		   FROM credentialing.provider_payer_applications WHERE id = '00000000-0000-0000-0000-0000000000d2'),
		  ARRAY['2023-01-01', '2023-02-01', NULL, '2023-03-01']::date[],
		  'an inserted row keeps its dates exactly');

SELECT is((SELECT ARRAY[status_changed_at, updated_at]
		   FROM credentialing.provider_payer_applications WHERE id = '00000000-0000-0000-0000-0000000000d2'),
		  ARRAY['2023-03-01 10:00+00', '2023-03-02 10:00+00']::timestamptz[],
		  'an inserted row keeps its timestamps');
SELECT is((SELECT count(*) FROM credentialing.provider_payer_networks
		   WHERE provider_id = '00000000-0000-0000-0000-000000000002'),
		  0::bigint, 'inserting an approved application creates no contract');
INSERT INTO credentialing.provider_payer_applications (id, provider_id, payer_id)
VALUES ('00000000-0000-0000-0000-0000000000d3', '00000000-0000-0000-0000-000000000002',
		'00000000-0000-0000-0000-0000000000a3');
SELECT is((SELECT ARRAY[application_started_date, application_submitted_date, expected_decision_date,
						approval_date, denial_date]
		   FROM credentialing.provider_payer_applications WHERE id = '00000000-0000-0000-0000-0000000000d3'),
		  ARRAY[NULL, NULL, NULL, NULL, NULL]::date[],
		  'a new not_started application has no dates');

-- Contracts created on approval.
INSERT INTO credentialing.providers (id, first_name, last_name, npi) VALUES
	('00000000-0000-0000-0000-000000000003', 'Cy', 'Ortiz', '1000001101'),
	('00000000-0000-0000-0000-000000000004', 'Di', 'Park', '1000001002');
INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, effective_date)
VALUES
	-- effective date given
	('00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-000000000003',
	 '00000000-0000-0000-0000-0000000000a1', 'under_review', '2025-03-01'),
	-- no effective date: the approval date
	('00000000-0000-0000-0000-0000000000e2', '00000000-0000-0000-0000-000000000003',
	 '00000000-0000-0000-0000-0000000000a2', 'submitted', NULL),
	-- an in_network contract exists
	('00000000-0000-0000-0000-0000000000e3', '00000000-0000-0000-0000-000000000003',
	 '00000000-0000-0000-0000-0000000000a3', 'submitted', '2025-03-01'),
	-- a terminated contract exists
	('00000000-0000-0000-0000-0000000000e4', '00000000-0000-0000-0000-000000000004',
	 '00000000-0000-0000-0000-0000000000a1', 'submitted', '2025-04-01'),
	-- a pending contract exists
	('00000000-0000-0000-0000-0000000000e5', '00000000-0000-0000-0000-000000000004',
	 '00000000-0000-0000-0000-0000000000a2', 'under_review', NULL);
INSERT INTO credentialing.provider_payer_networks
	(provider_id, payer_id, status, effective_date, expiration_date, notes)
VALUES
	('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-0000000000a3',
	 'in_network', '2021-07-01', NULL, 'Signed in 2021'),
	('00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-0000000000a1',
	 'terminated', '2020-01-01', '2022-12-31', 'Terminated for inactivity'),
	('00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-0000000000a2',
	 'pending', '2024-01-01', NULL, NULL);
UPDATE credentialing.provider_payer_applications SET approval_date = '2025-02-14'
WHERE id = '00000000-0000-0000-0000-0000000000e2';
UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
WHERE id IN ('00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000e2',
			 '00000000-0000-0000-0000-0000000000e3', '00000000-0000-0000-0000-0000000000e4',
			 '00000000-0000-0000-0000-0000000000e5');

CREATE TEMP VIEW contract AS
SELECT a.id AS app, n.*
FROM credentialing.provider_payer_applications a
JOIN credentialing.provider_payer_networks n USING (provider_id, payer_id);

SELECT is((SELECT count(*) FROM contract WHERE app = '00000000-0000-0000-0000-0000000000e1'), 1::bigint,
		  'approval creates one contract');
SELECT is((SELECT ROW(status, effective_date, expiration_date, application_id)::text FROM contract
		   WHERE app = '00000000-0000-0000-0000-0000000000e1'),
		  ROW('in_network', '2025-03-01'::date, NULL::date, '00000000-0000-0000-0000-0000000000e1'::uuid)::text,
		  'the contract is in network from the application''s effective date and names the application');
SELECT is((SELECT notes FROM contract WHERE app = '00000000-0000-0000-0000-0000000000e1'),
		  'Created from approved application 00000000-0000-0000-0000-0000000000e1',
		  'the contract''s note says which approval created it');
SELECT is((SELECT effective_date FROM contract WHERE app = '00000000-0000-0000-0000-0000000000e2'),
		  '2025-02-14'::date,
		  'without an effective date the contract starts on the approval date');
SELECT is((SELECT ROW(status, effective_date, application_id, notes)::text FROM contract
		   WHERE app = '00000000-0000-0000-0000-0000000000e3'),
		  ROW('in_network', '2021-07-01'::date, NULL::uuid, 'Signed in 2021')::text,
		  'an in_network contract is left as it is, its effective date included');
SELECT is((SELECT ROW(status, effective_date, expiration_date, application_id)::text FROM contract
		   WHERE app = '00000000-0000-0000-0000-0000000000e4'),
		  ROW('in_network', '2025-04-01'::date, NULL::date, '00000000-0000-0000-0000-0000000000e4'::uuid)::text,
		  'a terminated contract is reactivated from the new effective date, without expiration');
SELECT is((SELECT notes FROM contract WHERE app = '00000000-0000-0000-0000-0000000000e4'),
		  E'Terminated for inactivity\nReactivated from approved application 00000000-0000-0000-0000-0000000000e4',
		  'reactivation adds its note after the earlier ones');
SELECT is((SELECT ROW(status, effective_date, application_id, notes)::text FROM contract
		   WHERE app = '00000000-0000-0000-0000-0000000000e5'),
		  ROW('in_network', current_date, '00000000-0000-0000-0000-0000000000e5'::uuid,
			  'Reactivated from approved application 00000000-0000-0000-0000-0000000000e5')::text,
		  'a pending contract is made in network from the approval date');
SELECT is((SELECT count(*) FROM credentialing.provider_payer_networks
		   WHERE provider_id IN ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000004')),
		  5::bigint, 'each provider and payer has exactly one contract');

-- Approving again (after a DBA correction) never adds a contract.
SET LOCAL credentialing.enforce_transitions = off;
UPDATE credentialing.provider_payer_applications SET application_status = 'submitted', effective_date = '2026-01-01'
WHERE id = '00000000-0000-0000-0000-0000000000e1';
UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
WHERE id = '00000000-0000-0000-0000-0000000000e1';
SET LOCAL credentialing.enforce_transitions = on;
SELECT is((SELECT count(*) FROM contract WHERE app = '00000000-0000-0000-0000-0000000000e1'), 1::bigint,
		  'approving an application twice keeps one contract');
SELECT is((SELECT effective_date FROM contract WHERE app = '00000000-0000-0000-0000-0000000000e1'),
		  '2025-03-01'::date, 'a second approval does not move the contract''s effective date');
UPDATE credentialing.provider_payer_networks SET status = 'terminated', expiration_date = '2025-12-31'
WHERE provider_id = '00000000-0000-0000-0000-000000000003' AND payer_id = '00000000-0000-0000-0000-0000000000a1';
SET LOCAL credentialing.enforce_transitions = off;
UPDATE credentialing.provider_payer_applications SET application_status = 'submitted'
WHERE id = '00000000-0000-0000-0000-0000000000e1';
UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
WHERE id = '00000000-0000-0000-0000-0000000000e1';
SET LOCAL credentialing.enforce_transitions = on;
SELECT is((SELECT ROW(status, effective_date, expiration_date)::text FROM contract
		   WHERE app = '00000000-0000-0000-0000-0000000000e1'),
		  ROW('in_network', '2026-01-01'::date, NULL::date)::text,
		  're-approval after termination reactivates the same contract');
SELECT is((SELECT count(*) FROM credentialing.provider_payer_networks
		   WHERE provider_id = '00000000-0000-0000-0000-000000000003'),
		  3::bigint, 'reactivation never adds a second contract');

-- An approval in the same transaction as a new pending contract.
INSERT INTO credentialing.provider_payer_applications (id, provider_id, payer_id, application_status)
VALUES ('00000000-0000-0000-0000-0000000000e6', '00000000-0000-0000-0000-000000000004',
		'00000000-0000-0000-0000-0000000000a3', 'submitted');
INSERT INTO credentialing.provider_payer_networks (provider_id, payer_id, status, effective_date)
VALUES ('00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-0000000000a3', 'pending', '2024-06-01');
UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
WHERE id = '00000000-0000-0000-0000-0000000000e6';
SELECT is((SELECT ROW(status, effective_date)::text FROM contract
		   WHERE app = '00000000-0000-0000-0000-0000000000e6'),
		  ROW('in_network', current_date)::text,
		  'a contract inserted earlier in the same transaction is reactivated, not duplicated');

-- A clerk who may only update applications can approve one.
CREATE ROLE credentialing_test_clerk NOLOGIN;
GRANT USAGE ON SCHEMA credentialing TO credentialing_test_clerk;
GRANT SELECT, UPDATE ON credentialing.provider_payer_applications TO credentialing_test_clerk;
CREATE POLICY test_clerk ON credentialing.provider_payer_applications
	TO credentialing_test_clerk USING (true) WITH CHECK (true);
INSERT INTO credentialing.providers (id, first_name, last_name, npi)
VALUES ('00000000-0000-0000-0000-000000000005', 'Ed', 'Quinn', '1000001093');
INSERT INTO credentialing.provider_payer_applications (id, provider_id, payer_id, application_status)
VALUES ('00000000-0000-0000-0000-0000000000e7', '00000000-0000-0000-0000-000000000005',
		'00000000-0000-0000-0000-0000000000a1', 'in_progress');
SET LOCAL ROLE credentialing_test_clerk;
UPDATE credentialing.provider_payer_applications SET application_status = 'submitted'
WHERE id = '00000000-0000-0000-0000-0000000000e7';
UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
WHERE id = '00000000-0000-0000-0000-0000000000e7';
RESET ROLE;
SELECT ok(NOT has_table_privilege('credentialing_test_clerk', 'credentialing.provider_payer_networks', 'INSERT')
		  AND NOT has_table_privilege('credentialing_test_clerk', 'credentialing.payer_credentialing_workflows', 'SELECT'),
		  'the clerk may neither add contracts nor read workflows');
SELECT ok(NOT has_parameter_privilege('credentialing_test_clerk', 'credentialing.enforce_transitions', 'SET'),
		  'only a superuser (or a role granted it) may turn the transition check off');
SELECT is((SELECT expected_decision_date FROM credentialing.provider_payer_applications
		   WHERE id = '00000000-0000-0000-0000-0000000000e7'),
		  current_date + 30, 'the clerk''s submission still gets the workflow''s expected decision date');
SELECT is((SELECT ROW(status, application_id)::text FROM contract WHERE app = '00000000-0000-0000-0000-0000000000e7'),
		  ROW('in_network', '00000000-0000-0000-0000-0000000000e7'::uuid)::text,
		  'the clerk''s approval still creates the contract');

-- Behaviour at the edges.
SELECT throws_ok($$UPDATE credentialing.provider_payer_applications SET application_status = 'lost'
				   WHERE id = '00000000-0000-0000-0000-0000000000c3'$$,
				 '23514', NULL, 'an unknown status is refused by the check constraint');
SELECT lives_ok(pg_temp.move_sql(:'notes_id', 'in_progress'),
				'setting the status it already has is not a transition');
SELECT is((SELECT status_changed_at FROM credentialing.provider_payer_applications WHERE id = :'notes_id'),
		  '2020-01-01 00:00+00'::timestamptz, 'status_changed_at reflects the last real change only');
SELECT lives_ok($$UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
				  WHERE id = '00000000-0000-0000-0000-0000000000e1'$$,
				'an approved application may be "set" to approved again');
SELECT throws_ok($$UPDATE credentialing.provider_payer_applications SET application_status = 'submitted'
				   WHERE id = '00000000-0000-0000-0000-0000000000e1'$$,
				 '23514',
				 'application status cannot change from "approved" to "submitted" (allowed: none)',
				 'a refused change names the statuses allowed next');

-- A row always carries the dates its status implies, so that a dump of it
-- restores unchanged: an UPDATE that clears one gets it back.
CREATE TEMP TABLE implied AS SELECT pg_temp.new_application('approved') AS id;
UPDATE credentialing.provider_payer_applications
SET approval_date = NULL, application_started_date = NULL
WHERE id = (SELECT id FROM implied);
SELECT results_eq(
	$$SELECT approval_date IS NOT NULL, application_started_date IS NOT NULL
	  FROM credentialing.provider_payer_applications WHERE id = (SELECT id FROM implied)$$,
	$$VALUES (true, true)$$,
	'an approved application whose dates are cleared by an UPDATE gets them back');
SELECT is(
	(SELECT count(*)::int FROM credentialing.provider_payer_applications a
	 WHERE a.application_status = 'approved' AND (a.approval_date IS NULL OR a.application_started_date IS NULL)),
	0, 'no approved application is left without its approval and start dates');

SELECT * FROM finish();
ROLLBACK;
