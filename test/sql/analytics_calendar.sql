-- test/sql/analytics_calendar.sql: credentialing_time_by_payer (approval
-- times per payer) and credentialing_calendar (the RFC 5545 feed of open
-- due dates and expected decisions), DESIGN §4.5, on a fixed data set.
BEGIN;
SELECT plan(29);

INSERT INTO credentialing.providers (id, first_name, last_name, npi) VALUES
	('00000000-0000-0000-0000-000000000001', 'Jane', 'Doe', '1000000004'),
	('00000000-0000-0000-0000-000000000002', 'Bob', 'Young', '1000000012'),
	('00000000-0000-0000-0000-000000000003', 'Cal', 'Reyes', '1000000020'),
	('00000000-0000-0000-0000-000000000004', 'Dee', 'Olsen', '1000000038');

INSERT INTO credentialing.payers (id, name) VALUES
	('00000000-0000-0000-0000-000000000101', 'Molina Healthcare of Utah'),
	('00000000-0000-0000-0000-000000000102', 'Regence BlueCross BlueShield of Utah'),
	('00000000-0000-0000-0000-000000000103', 'Cigna'),
	('00000000-0000-0000-0000-000000000104', 'Delta Health, Inc.');

INSERT INTO credentialing.payer_credentialing_workflows (payer_id, workflow_type, typical_approval_days) VALUES
	('00000000-0000-0000-0000-000000000101', 'online_portal', 30),
	('00000000-0000-0000-0000-000000000102', 'excel_submission', 45);

INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, application_started_date,
	 application_submitted_date, expected_decision_date, approval_date,
	 payer_application_id, updated_at) VALUES
	-- Molina: 38, 45 and 11 days, and one approval without a submitted date
	('00000000-0000-0000-0000-000000000211', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000101', 'approved', '2024-01-15', '2024-02-01', NULL, '2024-03-10', NULL, '2024-03-10 12:00+00'),
	('00000000-0000-0000-0000-000000000212', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000101', 'approved', '2024-02-15', '2024-03-01', NULL, '2024-04-15', NULL, '2024-04-15 12:00+00'),
	('00000000-0000-0000-0000-000000000213', '00000000-0000-0000-0000-000000000003',
	 '00000000-0000-0000-0000-000000000101', 'approved', '2024-04-10', '2024-04-20', NULL, '2024-05-01', NULL, '2024-05-01 12:00+00'),
	('00000000-0000-0000-0000-000000000214', '00000000-0000-0000-0000-000000000004',
	 '00000000-0000-0000-0000-000000000101', 'approved', NULL, NULL, NULL, '2024-04-01', NULL, '2024-04-01 12:00+00'),
	-- Regence: 31 days (approved on p_from) and 50 days; two outside the range
	('00000000-0000-0000-0000-000000000221', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000102', 'approved', '2023-12-20', '2024-01-01', NULL, '2024-02-01', NULL, '2024-02-01 12:00+00'),
	('00000000-0000-0000-0000-000000000222', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000102', 'approved', '2024-03-20', '2024-04-01', NULL, '2024-05-21', NULL, '2024-05-21 12:00+00'),
	('00000000-0000-0000-0000-000000000223', '00000000-0000-0000-0000-000000000003',
	 '00000000-0000-0000-0000-000000000102', 'approved', '2023-11-20', '2023-12-01', NULL, '2024-01-31', NULL, '2024-01-31 12:00+00'),
	('00000000-0000-0000-0000-000000000224', '00000000-0000-0000-0000-000000000004',
	 '00000000-0000-0000-0000-000000000102', 'approved', '2024-04-20', '2024-05-01', NULL, '2024-06-15', NULL, '2024-06-15 12:00+00'),
	-- Cigna: Jane approved on p_to after one day; Bob still in progress
	('00000000-0000-0000-0000-000000000231', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000103', 'approved', '2024-05-29', '2024-05-30', NULL, '2024-05-31', NULL, '2024-05-31 12:00+00'),
	('00000000-0000-0000-0000-000000000232', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000103', 'in_progress', '2024-05-01', NULL, '2024-06-10', NULL, NULL, '2024-05-01 09:30+00'),
	-- Delta Health: Jane submitted; Cal's was withdrawn after an approval date was typed in
	('00000000-0000-0000-0000-000000000241', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'submitted', '2024-05-01', '2024-05-15', '2024-06-20', NULL, 'DH-77', '2024-05-15 18:00+00'),
	('00000000-0000-0000-0000-000000000243', '00000000-0000-0000-0000-000000000003',
	 '00000000-0000-0000-0000-000000000104', 'withdrawn', '2024-01-01', '2024-01-10', '2024-03-01', '2024-03-01', NULL, '2024-03-02 12:00+00');

INSERT INTO credentialing.provider_credentialing_tasks
	(id, provider_id, payer_id, task_type, title, description, task_status, task_order,
	 due_date, assigned_to, updated_at) VALUES
	-- Jane, Delta Health
	('00000000-0000-0000-0000-000000000401', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'submit_application', 'Submit application in portal',
	 E'Use the portal; sign, date\\initial\nthen upload', 'pending', 2, '2024-06-03',
	 'ops@example.com', '2024-05-30 07:05:09+00'),
	('00000000-0000-0000-0000-000000000402', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'submit_form',
	 'Envoyer le formulaire signé à l’assureur équipé avant la date limite — vérifier la réception',
	 NULL, 'in_progress', 3, '2024-06-03', NULL, '2024-05-31 12:00:00-06'),
	('00000000-0000-0000-0000-000000000403', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'workflow_task', 'Update CAQH profile',
	 NULL, 'completed', 1, '2024-06-01', NULL, '2024-05-20 12:00+00'),
	('00000000-0000-0000-0000-000000000404', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'workflow_task', 'Fax the signature page',
	 NULL, 'not_applicable', 4, '2024-06-04', NULL, '2024-05-20 12:00+00'),
	('00000000-0000-0000-0000-000000000405', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'workflow_task', 'Request confirmation',
	 NULL, 'blocked', 5, NULL, NULL, '2024-05-20 12:00+00'),
	('00000000-0000-0000-0000-000000000406', '00000000-0000-0000-0000-000000000001',
	 '00000000-0000-0000-0000-000000000104', 'workflow_task', 'Send malpractice certificate',
	 '', 'blocked', 6, '2024-05-20', NULL, '2024-05-18 23:59:59+00'),
	-- Bob, Cigna
	('00000000-0000-0000-0000-000000000411', '00000000-0000-0000-0000-000000000002',
	 '00000000-0000-0000-0000-000000000103', 'portal_credentials', 'Obtain portal credentials',
	 NULL, 'pending', 1, '2024-06-05', NULL, '2024-05-01 09:30+00');

-- Approval times
SELECT volatility_is('credentialing', 'credentialing_time_by_payer', ARRAY['date', 'date'], 'stable',
	'credentialing_time_by_payer is STABLE');

SELECT results_eq(
	$$SELECT payer_name, applications_approved, median_days, mean_days, typical_approval_days
	  FROM credentialing.credentialing_time_by_payer('2024-02-01', '2024-05-31')$$,
	$$VALUES ('Cigna', 1, 1.0, 1.0, NULL::integer),
			 ('Molina Healthcare of Utah', 4, 38.0, 31.3, 30),
			 ('Regence BlueCross BlueShield of Utah', 2, 40.5, 40.5, 45)$$,
	'per payer by name: approvals in the range (both ends included), median and mean days from submission, and the typical days');

SELECT is(
	(SELECT payer_id FROM credentialing.credentialing_time_by_payer('2024-02-01', '2024-05-31')
	 WHERE payer_name = 'Cigna'),
	'00000000-0000-0000-0000-000000000103'::uuid,
	'each row carries the payer''s id');

SELECT is(
	(SELECT array_agg(median_days::text || '/' || mean_days::text ORDER BY payer_name)
	 FROM credentialing.credentialing_time_by_payer('2024-02-01', '2024-05-31')),
	ARRAY['1.0/1.0', '38.0/31.3', '40.5/40.5'],
	'median and mean are rounded to one decimal');

SELECT results_eq(
	$$SELECT payer_name, applications_approved, median_days, mean_days
	  FROM credentialing.credentialing_time_by_payer('2024-04-01', '2024-04-01')$$,
	$$VALUES ('Molina Healthcare of Utah', 1, NULL::numeric, NULL::numeric)$$,
	'an approval without a submitted date is counted but has no duration');

SELECT is(
	(SELECT count(*)::integer FROM credentialing.credentialing_time_by_payer('2024-02-01', '2024-05-31')
	 WHERE payer_name LIKE 'Delta%'),
	0,
	'an application that is not approved does not count, whatever its approval date says');

SELECT is(
	(SELECT count(*)::integer FROM credentialing.credentialing_time_by_payer('2023-01-01', '2023-12-31')),
	0,
	'a range without approvals gives no rows');

SELECT throws_ok(
	$$SELECT * FROM credentialing.credentialing_time_by_payer('2024-06-01', '2024-05-31')$$,
	'22023', 'p_from must not be after p_to',
	'a range that ends before it starts is an error');

SELECT throws_ok(
	$$SELECT * FROM credentialing.credentialing_time_by_payer(NULL, '2024-05-31')$$,
	'22004', 'p_from must not be NULL',
	'a NULL start is an error');

SELECT throws_ok(
	$$SELECT * FROM credentialing.credentialing_time_by_payer('2024-01-01', NULL)$$,
	'22004', 'p_to must not be NULL',
	'a NULL end is an error');

SELECT lives_ok(
	$$SELECT * FROM credentialing.credentialing_time_by_payer('-infinity', 'infinity')$$,
	'an unbounded range works');

-- Calendar
SELECT volatility_is('credentialing', 'credentialing_calendar', ARRAY['uuid'], 'stable',
	'credentialing_calendar is STABLE');

CREATE TEMP TABLE cal AS
SELECT credentialing.credentialing_calendar('00000000-0000-0000-0000-000000000001') AS c;

SELECT is(
	(SELECT c FROM cal),
	E'BEGIN:VCALENDAR\r\n'
	'VERSION:2.0\r\n'
	'PRODID:-//credentialing//EN\r\n'
	'CALSCALE:GREGORIAN\r\n'
	'BEGIN:VEVENT\r\n'
	'UID:task-00000000-0000-0000-0000-000000000406@credentialing\r\n'
	'DTSTAMP:20240518T235959Z\r\n'
	'DTSTART;VALUE=DATE:20240520\r\n'
	'SUMMARY:Delta Health\\, Inc.: Send malpractice certificate (Jane Doe)\r\n'
	'DESCRIPTION:Task status: blocked\r\n'
	'TRANSP:TRANSPARENT\r\n'
	'END:VEVENT\r\n'
	'BEGIN:VEVENT\r\n'
	'UID:task-00000000-0000-0000-0000-000000000401@credentialing\r\n'
	'DTSTAMP:20240530T070509Z\r\n'
	'DTSTART;VALUE=DATE:20240603\r\n'
	'SUMMARY:Delta Health\\, Inc.: Submit application in portal (Jane Doe)\r\n'
	'DESCRIPTION:Task status: pending\\nUse the portal\\; sign\\, date\\\\initial\\nth\r\n'
	' en upload\\nAssigned to: ops@example.com\r\n'
	'TRANSP:TRANSPARENT\r\n'
	'END:VEVENT\r\n'
	'BEGIN:VEVENT\r\n'
	'UID:task-00000000-0000-0000-0000-000000000402@credentialing\r\n'
	'DTSTAMP:20240531T180000Z\r\n'
	'DTSTART;VALUE=DATE:20240603\r\n'
	'SUMMARY:Delta Health\\, Inc.: Envoyer le formulaire signé à l’assureur \r\n'
	' équipé avant la date limite — vérifier la réception (Jane Doe)\r\n'
	'DESCRIPTION:Task status: in_progress\r\n'
	'TRANSP:TRANSPARENT\r\n'
	'END:VEVENT\r\n'
	'BEGIN:VEVENT\r\n'
	'UID:application-00000000-0000-0000-0000-000000000241@credentialing\r\n'
	'DTSTAMP:20240515T180000Z\r\n'
	'DTSTART;VALUE=DATE:20240620\r\n'
	'SUMMARY:Delta Health\\, Inc.: Expected credentialing decision (Jane Doe)\r\n'
	'DESCRIPTION:Application status: submitted\\nSubmitted: 2024-05-15\\nPayer app\r\n'
	' lication ID: DH-77\r\n'
	'TRANSP:TRANSPARENT\r\n'
	'END:VEVENT\r\n'
	'END:VCALENDAR\r\n',
	'one provider''s feed: one all-day event per open due date and expected decision, by date, escaped and folded');

SELECT is(
	(SELECT position(E'\n' IN replace(c, E'\r\n', '')) + position(E'\r' IN replace(c, E'\r\n', '')) FROM cal),
	0,
	'every line ends with CRLF and no bare CR or LF is left');

SELECT is(
	(SELECT right(c, 2) FROM cal),
	E'\r\n',
	'the last line ends with CRLF too');

SELECT cmp_ok(
	(SELECT max(octet_length(l)) FROM cal, regexp_split_to_table(c, E'\r\n') AS l),
	'<=', 75,
	'no line is longer than 75 octets');

SELECT is(
	(SELECT array_agg(octet_length(l) ORDER BY n)
	 FROM cal, regexp_split_to_table(c, E'\r\n') WITH ORDINALITY AS e(l, n)
	 WHERE octet_length(l) > 73),
	ARRAY[75, 74, 75],
	'long lines are folded after 75 octets, or after 74 when a two-octet character would cross octet 75');

SELECT ok(
	(SELECT position(
		'SUMMARY:Delta Health\, Inc.: Envoyer le formulaire signé à l’assureur équipé avant la date limite — vérifier la réception (Jane Doe)'
		IN replace(c, E'\r\n ', '')) > 0 FROM cal),
	'unfolding (removing CRLF and one space) gives back the whole summary');

SELECT ok(
	(SELECT bool_and(convert_from(convert_to(l, 'UTF8'), 'UTF8') = l)
	 FROM cal, regexp_split_to_table(c, E'\r\n') AS l),
	'every line is valid UTF-8 on its own: folding never splits a character');

SELECT is(
	(SELECT count(*)::integer FROM cal, regexp_split_to_table(c, E'\r\n') AS l
	 WHERE l IN ('UID:task-00000000-0000-0000-0000-000000000403@credentialing',
				 'UID:task-00000000-0000-0000-0000-000000000404@credentialing',
				 'UID:task-00000000-0000-0000-0000-000000000405@credentialing')),
	0,
	'completed, not_applicable and undated tasks are left out');

SELECT is(
	(SELECT array_agg(substr(l, 5) ORDER BY n)
	 FROM regexp_split_to_table(credentialing.credentialing_calendar(NULL), E'\r\n') WITH ORDINALITY AS e(l, n)
	 WHERE l LIKE 'UID:%'),
	ARRAY['task-00000000-0000-0000-0000-000000000406@credentialing',
		  'task-00000000-0000-0000-0000-000000000401@credentialing',
		  'task-00000000-0000-0000-0000-000000000402@credentialing',
		  'task-00000000-0000-0000-0000-000000000411@credentialing',
		  'application-00000000-0000-0000-0000-000000000232@credentialing',
		  'application-00000000-0000-0000-0000-000000000241@credentialing'],
	'everyone''s feed holds every provider''s open dates, ordered by date, then UID');

SELECT is(
	credentialing.credentialing_calendar(),
	credentialing.credentialing_calendar(NULL),
	'p_provider_id defaults to everyone');

SELECT is(
	credentialing.credentialing_calendar('00000000-0000-0000-0000-000000000003'),
	E'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//credentialing//EN\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n',
	'a provider with nothing open gets an empty calendar');

SET LOCAL TimeZone = 'America/Denver';
SET LOCAL DateStyle = 'SQL, DMY';
SELECT is(
	credentialing.credentialing_calendar('00000000-0000-0000-0000-000000000001'),
	(SELECT c FROM cal),
	'the feed does not depend on the session''s time zone or DateStyle');
RESET TimeZone;
RESET DateStyle;

UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed'
WHERE id = '00000000-0000-0000-0000-000000000406';
SELECT is(
	(SELECT count(*)::integer
	 FROM regexp_split_to_table(credentialing.credentialing_calendar('00000000-0000-0000-0000-000000000001'), E'\r\n') AS l
	 WHERE l = 'BEGIN:VEVENT'),
	3,
	'a task leaves the feed once completed');

UPDATE credentialing.provider_payer_applications SET application_status = 'under_review'
WHERE id = '00000000-0000-0000-0000-000000000241';
SELECT ok(
	position('UID:application-00000000-0000-0000-0000-000000000241@credentialing'
			 IN credentialing.credentialing_calendar('00000000-0000-0000-0000-000000000001')) > 0,
	'an application under review keeps its expected decision in the feed');

UPDATE credentialing.provider_payer_applications SET application_status = 'approved'
WHERE id = '00000000-0000-0000-0000-000000000241';
SELECT ok(
	position('UID:application-' IN credentialing.credentialing_calendar('00000000-0000-0000-0000-000000000001')) = 0,
	'a decided application leaves the feed');

SELECT throws_ok(
	$$SELECT credentialing.credentialing_calendar('00000000-0000-0000-0000-0000000000ff')$$,
	'P0002', 'provider 00000000-0000-0000-0000-0000000000ff does not exist',
	'an unknown provider is an error');

SET LOCAL transaction_read_only = on;
SELECT lives_ok(
	$$SELECT credentialing.credentialing_calendar(NULL)$$,
	'the feed is built in a read-only transaction');

SELECT * FROM finish();
ROLLBACK;
