-- test/sql/search_path_attack.sql: objects planted in schema public (and
-- pg_temp) under the names the extension uses -- now(), gen_random_uuid(),
-- current_provider_id(), tables named like its tables, operators and
-- polymorphic functions with closer argument types than pg_catalog's -- do
-- not change what the extension's functions and triggers do, even with
-- search_path = public, credentialing.  Every planted function raises an
-- error naming itself, so a hijack cannot pass unnoticed.
BEGIN;
LOAD 'credentialing';
SELECT plan(45);

/* ------------------------------------------------------------------------
 * The trap: look-alikes in public and pg_temp.
 * ------------------------------------------------------------------------ */

CREATE FUNCTION public.hijacked(p_name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'hijacked: public.% was called', p_name;
END
$$;

CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('now()'); RETURN '2000-01-01'; END $$;
CREATE FUNCTION public.gen_random_uuid() RETURNS uuid LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('gen_random_uuid()'); RETURN NULL; END $$;
CREATE FUNCTION public.current_provider_id() RETURNS uuid LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('current_provider_id()'); RETURN NULL; END $$;
CREATE FUNCTION public.npi_is_valid(text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('npi_is_valid(text)'); RETURN true; END $$;

-- Exact-type overloads of polymorphic or "any" built-ins: these would beat
-- pg_catalog's for an unqualified call, whatever the path order.
CREATE FUNCTION public.unnest(text[]) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('unnest(text[])'); END $$;
CREATE FUNCTION public.unnest(uuid[]) RETURNS SETOF uuid LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('unnest(uuid[])'); END $$;
CREATE FUNCTION public.unnest(integer[]) RETURNS SETOF integer LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('unnest(integer[])'); END $$;
CREATE FUNCTION public.unnest(date[]) RETURNS SETOF date LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('unnest(date[])'); END $$;
CREATE FUNCTION public.array_length(uuid[], integer) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('array_length(uuid[], integer)'); RETURN 0; END $$;
CREATE FUNCTION public.cardinality(uuid[]) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('cardinality(uuid[])'); RETURN 0; END $$;
CREATE FUNCTION public.to_jsonb(text) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('to_jsonb(text)'); RETURN NULL; END $$;
CREATE FUNCTION public.jsonb_build_object(text, text) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('jsonb_build_object(text, text)'); RETURN NULL; END $$;
CREATE FUNCTION public.hijack_count_sfunc(bigint, uuid) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('count(uuid)'); RETURN 0; END $$;
CREATE AGGREGATE public.count(uuid) (SFUNC = public.hijack_count_sfunc, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION public.hijack_array_agg_sfunc(uuid[], uuid) RETURNS uuid[] LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('array_agg(uuid)'); RETURN NULL; END $$;
CREATE AGGREGATE public.array_agg(uuid) (SFUNC = public.hijack_array_agg_sfunc, STYPE = uuid[]);

-- Operators with the signatures the extension compares with, and with
-- mixed types an implicit cast would otherwise reach.
CREATE FUNCTION public.hijack_eq_text(text, text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('=(text, text)'); RETURN true; END $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hijack_eq_text);
CREATE FUNCTION public.hijack_eq_uuid(uuid, uuid) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('=(uuid, uuid)'); RETURN true; END $$;
CREATE OPERATOR public.= (LEFTARG = uuid, RIGHTARG = uuid, FUNCTION = public.hijack_eq_uuid);
CREATE FUNCTION public.hijack_eq_uuid_text(uuid, text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('=(uuid, text)'); RETURN true; END $$;
CREATE OPERATOR public.= (LEFTARG = uuid, RIGHTARG = text, FUNCTION = public.hijack_eq_uuid_text);
CREATE FUNCTION public.hijack_ne_text(text, text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('<>(text, text)'); RETURN true; END $$;
CREATE OPERATOR public.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hijack_ne_text);
CREATE FUNCTION public.hijack_lt_date(date, date) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('<(date, date)'); RETURN true; END $$;
CREATE OPERATOR public.< (LEFTARG = date, RIGHTARG = date, FUNCTION = public.hijack_lt_date);
CREATE FUNCTION public.hijack_plus_date(date, integer) RETURNS date LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('+(date, integer)'); RETURN NULL; END $$;
CREATE OPERATOR public.+ (LEFTARG = date, RIGHTARG = integer, FUNCTION = public.hijack_plus_date);
CREATE FUNCTION public.hijack_concat(text, text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN PERFORM public.hijacked('||(text, text)'); RETURN NULL; END $$;
CREATE OPERATOR public.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hijack_concat);

-- Tables named like the extension's, in public and in pg_temp (searched
-- first for tables when the path does not name it).
CREATE TABLE public.providers (id uuid, first_name text, last_name text, npi text);
INSERT INTO public.providers VALUES ('d0000000-0000-0000-0000-00000000000d', 'Evil', 'Twin', '1234567893');
CREATE TABLE public.payers (id uuid, name text);
CREATE TABLE public.provider_payer_applications (id uuid, provider_id uuid, payer_id uuid);
CREATE TABLE public.provider_credentialing_tasks (id uuid, provider_id uuid, payer_id uuid, task_status text);
CREATE TABLE public.credentialing_events (id bigint, actor text, action text);
CREATE TABLE public.provider_payer_networks (id uuid, provider_id uuid, payer_id uuid);
CREATE TEMP TABLE provider_credentialing_tasks (id uuid, provider_id uuid, payer_id uuid, task_status text);
CREATE TEMP TABLE credentialing_events (id bigint, actor text, action text);
CREATE TEMP TABLE providers (id uuid, first_name text, last_name text, npi text);

/* ------------------------------------------------------------------------
 * The extension at work with the trap set.
 * ------------------------------------------------------------------------ */

SET LOCAL search_path = public, credentialing;

SELECT is(current_setting('search_path'), 'public, credentialing',
	'the caller''s search_path puts public before credentialing');
SELECT throws_ok($$SELECT unnest(ARRAY['x']::text[])$$, 'P0001', 'hijacked: public.unnest(text[]) was called',
	'an unqualified call would reach the look-alikes (the trap is armed)');

INSERT INTO credentialing.payers (id, name, x12_payer_id) VALUES
	('e1000000-0000-0000-0000-000000000001', 'Trap Payer One', 'TRAP1'),
	('e1000000-0000-0000-0000-000000000002', 'Trap Payer Two', 'TRAP2');
INSERT INTO credentialing.payer_credentialing_workflows (payer_id, workflow_type, typical_approval_days)
VALUES ('e1000000-0000-0000-0000-000000000001', 'online_portal', 30),
	   ('e1000000-0000-0000-0000-000000000002', 'excel_submission', 45);
SELECT lives_ok(
	$$INSERT INTO credentialing.providers (id, first_name, last_name, npi)
	  VALUES ('a1000000-0000-0000-0000-00000000000a', 'Ann', 'Able', '1245319599')$$,
	'a provider is stored with the NPI check, defaults and triggers of the extension');
SELECT is((SELECT created_at FROM credentialing.providers WHERE id = 'a1000000-0000-0000-0000-00000000000a'),
	pg_catalog.now(), 'created_at comes from pg_catalog.now(), not public.now()');

-- Task generation.
SELECT is(
	credentialing.credential_payers('a1000000-0000-0000-0000-00000000000a',
		ARRAY['e1000000-0000-0000-0000-000000000001', 'e1000000-0000-0000-0000-000000000002']::uuid[],
		'2026-01-05') OPERATOR(pg_catalog.->>) 'tasksCreated',
	'8', 'credential_payers creates the usual 8 tasks');
SELECT is(
	(SELECT pg_catalog.count(*) FROM credentialing.provider_credentialing_tasks
	 WHERE provider_id OPERATOR(pg_catalog.=) 'a1000000-0000-0000-0000-00000000000a'),
	8::bigint, 'the tasks are in credentialing.provider_credentialing_tasks');
SELECT is(
	(SELECT pg_catalog.count(*) FROM credentialing.provider_credentialing_tasks
	 WHERE id IS NULL OR id OPERATOR(pg_catalog.=) 'd0000000-0000-0000-0000-00000000000d'),
	0::bigint, 'every task got a real uuid from pg_catalog.gen_random_uuid()');
SELECT is(
	(SELECT pg_catalog.array_agg(due_date ORDER BY task_order)
	 FROM credentialing.provider_credentialing_tasks
	 WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000001'),
	ARRAY['2026-01-06', '2026-01-08', '2026-01-08', '2026-02-07']::date[],
	'the due dates are the running sums of the default online_portal tasks');
SELECT is(
	(SELECT pg_catalog.count(*) FROM credentialing.credentialing_events
	 WHERE provider_id OPERATOR(pg_catalog.=) 'a1000000-0000-0000-0000-00000000000a'
	   AND action OPERATOR(pg_catalog.=) 'created'),
	2::bigint, 'the created events are in credentialing.credentialing_events');

-- Helpers.
SELECT results_eq(
	$$SELECT payer_name, total_tasks, completion_percentage, next_due_date
	  FROM credentialing.get_provider_credentialing_progress('a1000000-0000-0000-0000-00000000000a', '2026-01-05')$$,
	$$VALUES ('Trap Payer One'::text, 4, 0.0::numeric, '2026-01-06'::date),
			 ('Trap Payer Two'::text, 4, 0.0::numeric, '2026-01-05'::date)$$,
	'get_provider_credentialing_progress reports both applications');
SELECT results_eq(
	$$SELECT application_status, application_count
	  FROM credentialing.get_credentialing_pipeline_summary('2026-01-05')$$,
	$$VALUES ('under_review'::text, 0), ('submitted', 0), ('in_progress', 0), ('on_hold', 0), ('not_started', 2)$$,
	'get_credentialing_pipeline_summary reports the five open statuses');
SELECT results_eq(
	$$SELECT title, days_overdue FROM credentialing.get_overdue_tasks('2026-01-07')$$,
	$$VALUES ('Download Excel roster template'::text, 2), ('Obtain portal credentials', 1),
			 ('Add provider to Excel roster', 1), ('Submit roster to payer', 1)$$,
	'get_overdue_tasks lists the overdue tasks');

-- Custom task templates are validated and filled in.
SELECT lives_ok(
	$$INSERT INTO credentialing.payers (id, name) VALUES ('e1000000-0000-0000-0000-000000000003', 'Trap Payer Three');
	  INSERT INTO credentialing.payer_credentialing_workflows (payer_id, workflow_type, task_templates)
	  VALUES ('e1000000-0000-0000-0000-000000000003', 'pdf_form_submission',
			  '[{"title": "Fill the form for {provider_name}", "order": 1, "estimated_days": 2},
				{"title": "Mail it to {payer_name}", "order": 2, "estimated_days": 1, "task_type": "mail_form"}]')$$,
	'a workflow with custom task templates is accepted');
SELECT is(
	credentialing.credential_payers('a1000000-0000-0000-0000-00000000000a',
		ARRAY['e1000000-0000-0000-0000-000000000003']::uuid[], '2026-01-05') OPERATOR(pg_catalog.->>) 'tasksCreated',
	'2', 'credential_payers creates the 2 templated tasks');
SELECT results_eq(
	$$SELECT task_type, title, due_date FROM credentialing.provider_credentialing_tasks
	  WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000003' ORDER BY task_order$$,
	$$VALUES ('workflow_task'::text, 'Fill the form for Ann Able'::text, '2026-01-07'::date),
			 ('mail_form', 'Mail it to Trap Payer Three', '2026-01-08')$$,
	'the templated tasks have their placeholders filled and their due dates summed');

-- Triggers: a task completed, an application submitted and approved.
SELECT lives_ok(
	$$UPDATE credentialing.provider_credentialing_tasks SET task_status = 'completed'
	  WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000001'
		AND task_order OPERATOR(pg_catalog.=) 1$$,
	'a task is completed');
SELECT is(
	(SELECT completed_date FROM credentialing.provider_credentialing_tasks
	 WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000001'
	   AND task_order OPERATOR(pg_catalog.=) 1),
	CURRENT_DATE, 'the task trigger dates the completion today');
SELECT is(
	(SELECT pg_catalog.count(*) FROM credentialing.credentialing_events
	 WHERE entity OPERATOR(pg_catalog.=) 'task' AND action OPERATOR(pg_catalog.=) 'status_changed'),
	1::bigint, 'the task trigger audits the completion in credentialing.credentialing_events');
SELECT lives_ok(
	$$UPDATE credentialing.provider_credentialing_tasks
	  SET task_status = 'completed', application_id = 'TRAP-APP-1'
	  WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000001'
		AND task_type OPERATOR(pg_catalog.=) 'record_application_id'$$,
	'the record_application_id task is completed with the payer''s number');
SELECT is(
	(SELECT payer_application_id FROM credentialing.provider_payer_applications
	 WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000001'),
	'TRAP-APP-1', 'the task trigger copies the number to credentialing.provider_payer_applications');
SELECT lives_ok(
	$$UPDATE credentialing.provider_payer_applications SET application_status = 'submitted',
		  application_submitted_date = '2026-01-10'
	  WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000001'$$,
	'the application is submitted');
SELECT is(
	(SELECT expected_decision_date FROM credentialing.provider_payer_applications
	 WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000001'),
	'2026-02-09'::date, 'the application trigger sets the expected decision from the workflow''s 30 days');
SELECT results_eq(
	$$SELECT application_status, days_overdue FROM credentialing.get_overdue_applications('2026-03-01')$$,
	$$VALUES ('submitted'::text, 20)$$,
	'get_overdue_applications finds the submitted application 20 days overdue');
SELECT lives_ok(
	$$UPDATE credentialing.provider_payer_applications SET application_status = 'approved',
		  approval_date = '2026-02-20', effective_date = '2026-03-01'
	  WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000001'$$,
	'the application is approved');
SELECT results_eq(
	$$SELECT status, effective_date FROM credentialing.provider_payer_networks
	  WHERE provider_id OPERATOR(pg_catalog.=) 'a1000000-0000-0000-0000-00000000000a'$$,
	$$VALUES ('in_network'::text, '2026-03-01'::date)$$,
	'the application trigger creates the contract in credentialing.provider_payer_networks');

-- Admin surface.
SELECT is(
	credentialing.credentialing_dashboard('a1000000-0000-0000-0000-00000000000a', '2026-01-05')
	OPERATOR(pg_catalog.#>>) '{overall_stats,total_tasks}',
	'10', 'credentialing_dashboard counts the provider''s 10 tasks');
SELECT is(
	credentialing.update_credentialing_task(
		(SELECT id FROM credentialing.provider_credentialing_tasks
		 WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000002'
		   AND task_order OPERATOR(pg_catalog.=) 1),
		'{"task_status": "in_progress", "notes": "started"}') OPERATOR(pg_catalog.->>) 'notes',
	'started', 'update_credentialing_task patches a task');
SELECT is(
	credentialing.bulk_update_credentialing_tasks(
		ARRAY(SELECT id FROM credentialing.provider_credentialing_tasks
			  WHERE payer_id OPERATOR(pg_catalog.=) 'e1000000-0000-0000-0000-000000000003'),
		'{"assigned_to": "office"}'),
	2, 'bulk_update_credentialing_tasks patches both templated tasks');
SELECT is(
	(SELECT pg_catalog.count(*) FROM credentialing.payer_selection_stats(NULL, '2026-01-05')),
	3::bigint, 'payer_selection_stats lists the three payers');
SELECT is(
	(SELECT pg_catalog.count(*) FROM credentialing.credentialing_time_by_payer('2026-01-01', '2026-12-31')),
	1::bigint, 'credentialing_time_by_payer reports the payer with the approved application');
SELECT ok(
	pg_catalog.strpos(credentialing.credentialing_calendar('a1000000-0000-0000-0000-00000000000a'),
					  'BEGIN:VCALENDAR') OPERATOR(pg_catalog.=) 1,
	'credentialing_calendar writes an iCalendar feed');
SELECT is(
	(SELECT pg_catalog.count(*) FROM credentialing.notify_overdue('2026-01-07')),
	3::bigint, 'notify_overdue reports the three open tasks still overdue');

-- Claims and appeals.
\set x277 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260110*1200*^*00501*000000001*0*P*:~GS*HN*SENDER*RECEIVER*20260110*1200*1*X*005010X212~ST*277*0001*005010X212~BHT*0010*08*123*20260110*1200*DG~HL*1**20*1~NM1*PR*2*TRAP PAYER ONE*****PI*TRAP1~HL*2*1*21*1~NM1*41*2*CLINIC*****46*X~HL*3*2*19*1~NM1*1P*2*ANN ABLE*****XX*1245319599~HL*4*3*22*0~NM1*IL*1*DOE*JOHN****MI*M1~TRN*2*CLM-T1~STC*F2:65*20260110**100*0*20260110~REF*1K*CLM-T1~DTP*472*D8*20260101~SE*15*0001~GE*1*1~IEA*1*000000001~'
SELECT results_eq(
	format('SELECT claim_number, claim_status, inserted FROM credentialing.ingest_277(%L)', :'x277'),
	$$VALUES ('CLM-T1'::text, 'Denied'::text, true)$$,
	'ingest_277 stores the denied claim');
SELECT is(
	credentialing.ecs_value_adds('{"claimStatus": "Denied", "payerId": "TRAP1", "finalizedDate": "20260110"}',
								 '2026-01-20') OPERATOR(pg_catalog.->>) 'appealTimelyFilingDate',
	'20260709', 'ecs_value_adds computes the 180-day deadline');
SELECT results_eq(
	$$SELECT can_appeal, deadline FROM credentialing.appeal_status('CLM-T1', NULL, '2026-01-20')$$,
	$$VALUES (true, '2026-07-09'::date)$$,
	'appeal_status finds the claim appealable until 2026-07-09');
SELECT is(
	credentialing.appeal_prefill('CLM-T1') OPERATOR(pg_catalog.->>) 'providerNpi',
	'1245319599', 'appeal_prefill fills in the claim');
SELECT is(
	credentialing.submit_appeal('CLM-T1', 'MEDICAL_NECESSITY', 'The visit was medically necessary.',
								p_as_of => '2026-01-20') OPERATOR(pg_catalog.->>) 'status',
	'queued', 'submit_appeal queues the appeal');
SELECT is(
	(SELECT (credentialing.appeal_outbox_ack(m.id)).topic FROM credentialing.appeal_outbox_claim(1) m),
	'appeals-in', 'the outbox hands out and acknowledges its message');
SELECT is(
	credentialing.record_appeal_decision(
		(SELECT id FROM credentialing.appeals), 'overturned', 100) OPERATOR(pg_catalog.->>) 'status',
	'decided', 'record_appeal_decision decides the published appeal');
SELECT is(
	(credentialing.appeal_metrics('2000-01-01', '2100-12-31') OPERATOR(pg_catalog.->>) 'appealSuccessRate')::numeric,
	1::numeric, 'appeal_metrics counts the overturned appeal a success');
SELECT lives_ok(
	$$INSERT INTO credentialing.appeal_settings (timely_filing_days) VALUES (120)$$,
	'an INSERT into appeal_settings is merged into its one row');
SELECT is(
	(SELECT pg_catalog.array_agg(timely_filing_days) FROM credentialing.appeal_settings),
	ARRAY[120], 'appeal_settings keeps one row, with the new timely filing days');
SELECT is(
	credentialing.apply_integration_config('{"appeals": {"enabled": false}}')
	OPERATOR(pg_catalog.#>>) '{settings,appeals_enabled,new}',
	'false', 'apply_integration_config imports the configuration');

-- Row-level security reads the real current_provider_id().
SET LOCAL request.jwt.claims = '{"provider_id": "a1000000-0000-0000-0000-00000000000a"}';
SET LOCAL ROLE credentialing_provider;
SELECT is(
	(SELECT pg_catalog.count(*) FROM credentialing.provider_credentialing_tasks),
	10::bigint, 'a provider''s policies use credentialing.current_provider_id()');
RESET ROLE;

-- The look-alikes were never touched.
SELECT is(
	(SELECT pg_catalog.count(*) FROM public.credentialing_events)
	OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM pg_temp.credentialing_events)
	OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM public.provider_credentialing_tasks)
	OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM pg_temp.provider_credentialing_tasks)
	OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM public.provider_payer_networks),
	0::bigint, 'nothing was written to the look-alike tables');

SELECT * FROM finish();
ROLLBACK;
