-- test/sql/audit_trail.sql: the audit trail (DESIGN 3, 4.2, 4.3, 6): every
-- status change and contract creation is an event with the caller as actor;
-- INSERTs write none; the trail is append-only; callers need no privilege
-- on it.
BEGIN;
LOAD 'credentialing';
SELECT plan(26);

INSERT INTO credentialing.providers (id, first_name, last_name, npi) VALUES
	('00000000-0000-0000-0000-000000000001', 'Ann', 'Lee', '1000001010'),
	('00000000-0000-0000-0000-000000000002', 'Bo', 'Diaz', '1000001051');
INSERT INTO credentialing.payers (id, name) VALUES
	('00000000-0000-0000-0000-0000000000a1', 'Audit Health'),
	('00000000-0000-0000-0000-0000000000a2', 'Audit Mutual'),
	('00000000-0000-0000-0000-0000000000a3', 'Audit Care');
INSERT INTO credentialing.provider_payer_applications (id, provider_id, payer_id, application_status, effective_date)
VALUES
	('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-0000000000a1', 'not_started', '2025-03-01'),
	('00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-0000000000a2', 'submitted', '2025-04-01'),
	('00000000-0000-0000-0000-0000000000c3', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-0000000000a3', 'submitted', NULL),
	('00000000-0000-0000-0000-0000000000c4', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-0000000000a1', 'in_progress', NULL),
	('00000000-0000-0000-0000-0000000000c5', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-0000000000a2', 'submitted', NULL);
INSERT INTO credentialing.provider_payer_networks (id, provider_id, payer_id, status, effective_date, expiration_date)
VALUES
	('00000000-0000-0000-0000-0000000000b2', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-0000000000a2', 'terminated', '2020-01-01', '2021-01-01'),
	('00000000-0000-0000-0000-0000000000b3', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-0000000000a3', 'in_network', '2021-01-01', NULL);
INSERT INTO credentialing.provider_credentialing_tasks
	(id, provider_id, payer_id, task_type, title, task_order, task_status)
VALUES
	('00000000-0000-0000-0000-0000000000d1', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-0000000000a1', 'record_application_id', 'Record application ID', 1, 'pending'),
	('00000000-0000-0000-0000-0000000000d2', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-0000000000a1', 'follow_up', 'Follow up', 2, 'completed');

-- The events of the rows created above (ids are fixed, the trail is shared).
CREATE TEMP VIEW trail AS
SELECT e.*
FROM credentialing.credentialing_events e
WHERE e.provider_id IN ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002');

SELECT is((SELECT count(*) FROM trail), 0::bigint,
		  'inserting applications, contracts and tasks writes no event (a restore adds nothing)');

-- An application walks to approval.
UPDATE credentialing.provider_payer_applications SET application_status = 'in_progress'
WHERE id = '00000000-0000-0000-0000-0000000000c1';
UPDATE credentialing.provider_payer_applications SET notes = 'Waiting for the CAQH attestation'
WHERE id = '00000000-0000-0000-0000-0000000000c1';
UPDATE credentialing.provider_payer_applications SET application_status = 'submitted'
WHERE id = '00000000-0000-0000-0000-0000000000c1';
UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
WHERE id = '00000000-0000-0000-0000-0000000000c1';

SELECT results_eq(
	$$SELECT entity, action, old_value, new_value FROM trail
	  WHERE entity_id = '00000000-0000-0000-0000-0000000000c1' ORDER BY id$$,
	$$VALUES ('application', 'status_changed', 'not_started', 'in_progress'),
			 ('application', 'status_changed', 'in_progress', 'submitted'),
			 ('application', 'status_changed', 'submitted', 'approved')$$,
	'each status change is one event with the old and new status, and other edits write none');
SELECT is((SELECT count(*) FROM trail
		   WHERE entity_id = '00000000-0000-0000-0000-0000000000c1'
			 AND actor = current_user
			 AND provider_id = '00000000-0000-0000-0000-000000000001'
			 AND payer_id = '00000000-0000-0000-0000-0000000000a1'
			 AND details IS NULL),
		  3::bigint, 'the events name the caller as actor, and the provider and payer');
SELECT is((SELECT ROW(e.entity, e.old_value, e.new_value, e.actor)::text
		   FROM trail e JOIN credentialing.provider_payer_networks n ON n.id = e.entity_id
		   WHERE e.action = 'network_created' AND n.payer_id = '00000000-0000-0000-0000-0000000000a1'
			 AND n.provider_id = '00000000-0000-0000-0000-000000000001'),
		  ROW('network', NULL::text, 'in_network', current_user::text COLLATE "default")::text,
		  'the contract created on approval is a network_created event about the contract');
SELECT is((SELECT details FROM trail WHERE action = 'network_created'
			 AND payer_id = '00000000-0000-0000-0000-0000000000a1'
			 AND provider_id = '00000000-0000-0000-0000-000000000001'),
		  '{"application_id": "00000000-0000-0000-0000-0000000000c1", "effective_date": "2025-03-01"}'::jsonb,
		  'the network_created event names the application and the effective date');
SELECT ok((SELECT max(id) FROM trail WHERE entity_id = '00000000-0000-0000-0000-0000000000c1')
		  < (SELECT id FROM trail WHERE action = 'network_created'
			   AND payer_id = '00000000-0000-0000-0000-0000000000a1'
			   AND provider_id = '00000000-0000-0000-0000-000000000001'),
		  'the approval is recorded before the contract it creates');

-- Reactivation of a terminated contract, and an in_network one left alone.
UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
WHERE id IN ('00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-0000000000c3');
SELECT results_eq(
	$$SELECT entity, action, old_value, new_value, details FROM trail
	  WHERE entity_id = '00000000-0000-0000-0000-0000000000b2' ORDER BY id$$,
	$$VALUES ('network', 'network_reactivated', 'terminated', 'in_network',
			  '{"application_id": "00000000-0000-0000-0000-0000000000c2", "effective_date": "2025-04-01"}'::jsonb)$$,
	'reactivating a terminated contract is a network_reactivated event from its old status');
SELECT is((SELECT count(*) FROM trail WHERE entity_id = '00000000-0000-0000-0000-0000000000b3'), 0::bigint,
		  'a contract already in network gets no event');
SELECT is((SELECT count(*) FROM trail WHERE entity_id = '00000000-0000-0000-0000-0000000000c3'
			 AND action = 'status_changed'), 1::bigint,
		  'the approval itself is still recorded');

-- A DBA correction is marked as such.
SET LOCAL credentialing.enforce_transitions = off;
UPDATE credentialing.provider_payer_applications SET application_status = 'under_review'
WHERE id = '00000000-0000-0000-0000-0000000000c3';
UPDATE credentialing.provider_payer_applications SET application_status = 'on_hold'
WHERE id = '00000000-0000-0000-0000-0000000000c3';
SET LOCAL credentialing.enforce_transitions = on;
SELECT results_eq(
	$$SELECT old_value, new_value, details FROM trail
	  WHERE entity_id = '00000000-0000-0000-0000-0000000000c3' ORDER BY id$$,
	$$VALUES ('submitted', 'approved', NULL::jsonb),
			 ('approved', 'under_review', '{"transition_override": true}'::jsonb),
			 ('under_review', 'on_hold', NULL::jsonb)$$,
	'a change outside the table made with enforce_transitions off is marked as an override');

-- A refused change writes nothing.
SELECT throws_ok($$UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
				   WHERE id = '00000000-0000-0000-0000-0000000000c4'$$,
				 '23514', NULL, 'a forbidden change is refused');
SELECT is((SELECT count(*) FROM trail WHERE entity_id = '00000000-0000-0000-0000-0000000000c4'), 0::bigint,
		  'a refused change leaves no event');

-- Tasks.
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'in_progress'
WHERE id = '00000000-0000-0000-0000-0000000000d1';
UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed', application_id = 'AUD-42'
WHERE id = '00000000-0000-0000-0000-0000000000d1';
UPDATE credentialing.provider_credentialing_tasks SET notes = 'Filed'
WHERE id = '00000000-0000-0000-0000-0000000000d2';
SELECT results_eq(
	$$SELECT entity, action, old_value, new_value, details, actor FROM trail
	  WHERE entity_id = '00000000-0000-0000-0000-0000000000d1' ORDER BY id$$,
	$$VALUES ('task', 'status_changed', 'pending', 'in_progress',
			  '{"task_type": "record_application_id"}'::jsonb, current_user::text COLLATE "default"),
			 ('task', 'status_changed', 'in_progress', 'completed',
			  '{"task_type": "record_application_id"}'::jsonb, current_user::text COLLATE "default")$$,
	'each task status change is one event about the task');
SELECT is((SELECT count(*) FROM trail WHERE entity_id = '00000000-0000-0000-0000-0000000000d2'), 0::bigint,
		  'editing a task without changing its status writes no event');
SELECT results_eq(
	$$SELECT entity, entity_id, old_value, new_value, details, actor FROM trail
	  WHERE action = 'application_id_recorded' ORDER BY id$$,
	$$VALUES ('application', '00000000-0000-0000-0000-0000000000c1'::uuid, NULL::text, 'AUD-42',
			  '{"task_id": "00000000-0000-0000-0000-0000000000d1"}'::jsonb, current_user::text COLLATE "default")$$,
	'recording the payer''s application number is an event about the application');

-- The JWT subject an API layer sets is part of the actor.
SELECT set_config('request.jwt.claims', '{"sub": "user-42", "role": "web"}', true);
UPDATE credentialing.provider_payer_applications SET application_status = 'submitted'
WHERE id = '00000000-0000-0000-0000-0000000000c4';
SELECT set_config('request.jwt.claims', '', true);
SELECT is((SELECT actor FROM trail WHERE entity_id = '00000000-0000-0000-0000-0000000000c4'),
		  current_user || ' (sub user-42)',
		  'the actor is the session''s role followed by the JWT subject');

-- The trail is append-only, for superusers too.
SELECT ok((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), 'these checks run as a superuser');
SELECT throws_ok($$UPDATE credentialing.credentialing_events SET actor = 'someone else'
				   WHERE entity_id = '00000000-0000-0000-0000-0000000000c1'$$,
				 '42501', 'credentialing_events is append-only', 'an event cannot be updated');
SELECT throws_ok($$DELETE FROM credentialing.credentialing_events
				   WHERE entity_id = '00000000-0000-0000-0000-0000000000c1'$$,
				 '42501', 'credentialing_events is append-only', 'an event cannot be deleted');
SELECT throws_ok($$TRUNCATE credentialing.credentialing_events$$,
				 '42501', 'credentialing_events is append-only', 'the trail cannot be truncated');
SELECT is((SELECT count(*) FROM trail WHERE entity_id = '00000000-0000-0000-0000-0000000000c1'), 4::bigint,
		  'the application''s four events are still there');

-- A caller without any privilege on the trail still leaves events.
CREATE ROLE credentialing_test_auditee NOLOGIN;
GRANT USAGE ON SCHEMA credentialing TO credentialing_test_auditee;
GRANT SELECT (id), UPDATE ON credentialing.provider_payer_applications TO credentialing_test_auditee;
CREATE POLICY test_auditee ON credentialing.provider_payer_applications
	TO credentialing_test_auditee USING (true) WITH CHECK (true);
SELECT ok(NOT has_table_privilege('credentialing_test_auditee', 'credentialing.credentialing_events',
								  'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')
		  AND NOT has_table_privilege('credentialing_test_auditee', 'credentialing.provider_payer_networks',
									  'SELECT, INSERT, UPDATE'),
		  'the test role has no privilege on the trail or the contracts');
SET LOCAL ROLE credentialing_test_auditee;
UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
WHERE id = '00000000-0000-0000-0000-0000000000c5';
RESET ROLE;
SELECT results_eq(
	$$SELECT entity, action, old_value, new_value, actor FROM trail
	  WHERE provider_id = '00000000-0000-0000-0000-000000000002'
		AND payer_id = '00000000-0000-0000-0000-0000000000a2' ORDER BY id$$,
	$$VALUES ('application', 'status_changed', 'submitted', 'approved', 'credentialing_test_auditee'),
			 ('network', 'network_created', NULL, 'in_network', 'credentialing_test_auditee')$$,
	'an approval by a caller without privilege on the trail is recorded, with that caller as actor');
SELECT is((SELECT count(*) FROM credentialing.provider_payer_networks
		   WHERE provider_id = '00000000-0000-0000-0000-000000000002'
			 AND payer_id = '00000000-0000-0000-0000-0000000000a2' AND status = 'in_network'),
		  1::bigint, 'and the contract exists');

-- Every status change in this file left exactly one event.
SELECT is((SELECT count(*) FROM trail WHERE action = 'status_changed'), 11::bigint,
		  'eleven status changes (nine of applications, two of a task), eleven status_changed events');
SELECT is((SELECT count(*) FROM trail WHERE entity = 'network'), 3::bigint,
		  'two contracts created and one reactivated, three network events');

SELECT * FROM finish();
ROLLBACK;
