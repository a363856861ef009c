/*
 * test/bench/credentialing_generate.sql
 *		The benchmark data set, generated set-based (INSERT ... SELECT over
 *		generate_series) into the extension's tables, with deterministic ids
 *		(credentialing_bench.id) so that runs and scales are comparable.
 *		Run by test/bench/credentialing.sh after credentialing_setup.sql, with
 *		psql variables:
 *		  scale          1 = 20,000 providers, 50 payers, 200,000 applications,
 *		                 about 1,000,000 tasks (0.1 = a tenth of the providers)
 *		  as_of          the date the data set is "today" at
 *		  overdue_tasks  open tasks made overdue (default 1000)
 *		  overdue_apps   open applications made overdue (default 200)
 *		  rounds         how many times each throughput figure is measured
 *		                 (default 3; fresh providers and approval pools for each)
 *
 *		The shape is a mature system: most applications are decided (their
 *		tasks completed or not_applicable), about 30 % are open with tasks
 *		due in the future, and a fixed-size worklist of overdue tasks and
 *		applications that does not grow with the history, so that the
 *		latency of the overdue reports can be compared across scales.
 *
 *		The extension's BEFORE INSERT triggers run on every row; every date
 *		and derived field is given explicitly, so they have nothing to fill.
 */

\set ON_ERROR_STOP on
\if :{?overdue_tasks}
\else
\set overdue_tasks 1000
\endif
\if :{?overdue_apps}
\else
\set overdue_apps 200
\endif

\if :{?rounds}
\else
\set rounds 3
\endif

SELECT greatest(10, round(20000 * :scale))::integer AS providers,
	   greatest(30, round(1000 * :scale))::integer AS fresh_providers
\gset

/* ---- payers and workflows: every workflow type, custom templates, fallbacks ---- */

INSERT INTO credentialing.payers
	(id, name, payer_type, state, x12_payer_id, requires_individual_contract,
	 allows_supervised, requires_attending, supervision_level)
SELECT credentialing_bench.id(credentialing_bench.kind('payer'), i),
	   'Bench Payer ' || lpad(i::text, 2, '0'),
	   (ARRAY['medicaid', 'medicare', 'commercial', 'tricare', 'other'])[1 + i % 5],
	   (ARRAY['UT', 'ID', 'NV', 'AZ', 'CO', 'WY'])[1 + i % 6],
	   'BP' || lpad(i::text, 4, '0'),
	   i % 10 <> 0, i % 4 = 0, i % 7 = 0,
	   (ARRAY['none', 'sign_off_only', 'first_visit_in_person', 'co_visit_required'])[1 + i % 4]
  FROM generate_series(1, 50) AS i;

-- Payers 13, 26 and 39 have no workflow row (the fallback applies); every
-- tenth payer joins by notification; payers 1, 5, 9, ... have templates.
INSERT INTO credentialing.payer_credentialing_workflows
	(payer_id, workflow_type, task_templates, portal_url, submission_email,
	 excel_submission_email, typical_approval_days)
SELECT credentialing_bench.id(credentialing_bench.kind('payer'), i), w.type,
	   CASE WHEN i % 4 = 1 AND w.type <> 'instant_network' THEN
		   '[{"title": "Update CAQH profile of {provider_name}", "order": 1, "estimated_days": 1, "task_type": "caqh_update"},
			 {"title": "Submit application to {payer_name}", "description": "Portal: {portal_url}", "order": 2, "estimated_days": 2},
			 {"title": "Record application ID", "order": 3, "estimated_days": 0, "task_type": "record_application_id"},
			 {"title": "Follow up after 30 days", "description": "Write to {submission_email}", "order": 4, "estimated_days": 30, "task_type": "follow_up"}]'::jsonb
		   ELSE '[]'::jsonb END,
	   CASE WHEN w.type = 'online_portal' THEN 'https://portal.example.com/payer' || i END,
	   CASE WHEN w.type = 'pdf_form_submission' THEN 'forms' || i || '@payer.example.com' END,
	   CASE WHEN w.type = 'excel_submission' THEN 'rosters' || i || '@payer.example.com' END,
	   (ARRAY[30, 45, 60, 90, NULL])[1 + i % 5]
  FROM generate_series(1, 50) AS i
 CROSS JOIN LATERAL (SELECT CASE WHEN i % 10 = 0 THEN 'instant_network'
								 ELSE (ARRAY['online_portal', 'excel_submission', 'pdf_form_submission'])[1 + i % 3]
							END AS type) AS w
 WHERE i % 13 <> 0;

-- The ten payers of every credential_payers call: custom templates (1, 5,
-- 9), excel, pdf, portal, instant network (10) and no workflow (13).
INSERT INTO credentialing_bench.ten_payers
SELECT row_number() OVER (ORDER BY i), credentialing_bench.id(credentialing_bench.kind('payer'), i)
  FROM unnest(ARRAY[1, 2, 3, 4, 5, 6, 7, 9, 10, 13]) AS i;

/* ---- providers: the generated ones and the fresh ones credential_payers starts from ---- */

INSERT INTO credentialing.providers (id, first_name, last_name, role, npi, is_attending, email)
SELECT credentialing_bench.id(credentialing_bench.kind('provider'), n),
	   (ARRAY['Ann', 'Bob', 'Cara', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivan', 'Jo',
			  'Kai', 'Lea', 'Max', 'Nia', 'Oto', 'Pia', 'Quin', 'Rae', 'Sam', 'Tia'])[1 + n % 20],
	   (ARRAY['Lee', 'Young', 'Diaz', 'Park', 'Smith', 'Nguyen', 'Brown', 'Garcia', 'Khan',
			  'Olsen', 'Moreau', 'Rossi', 'Sato', 'Kowalski', 'Haddad'])[1 + (n / 20) % 15] || ' ' || n,
	   (ARRAY['Psychiatrist', 'Resident', 'PMHNP', 'Psychologist'])[1 + n % 4],
	   credentialing_bench.npi(100000000 + n),
	   n % 3 = 0,
	   'provider' || n || '@clinic.example.com'
  FROM generate_series(1, :providers) AS n;

-- Fresh providers 1-20 warm the plans up; each round times the next
-- fresh_providers.
INSERT INTO credentialing.providers (id, first_name, last_name, role, npi)
SELECT credentialing_bench.id(credentialing_bench.kind('fresh'), n), 'Fresh', 'Provider ' || n,
	   'PMHNP', credentialing_bench.npi(110000000 + n)
  FROM generate_series(1, 20 + :rounds * :fresh_providers) AS n;

/* ---- applications: ten per provider, statuses of a mature system ---- */

CREATE UNLOGGED TABLE credentialing_bench.gen_app AS
SELECT s.a, s.p,
	   credentialing_bench.id(credentialing_bench.kind('application'), s.a) AS id,
	   credentialing_bench.id(credentialing_bench.kind('provider'), s.p) AS provider_id,
	   credentialing_bench.id(credentialing_bench.kind('payer'), 1 + (s.p * 7 + s.k * 5) % 50) AS payer_id,
	   st.status,
	   CASE WHEN st.status IN ('approved', 'denied', 'withdrawn')
			THEN :'as_of'::date - (200 + s.a % 900)
			ELSE :'as_of'::date - (60 + s.a % 120) END AS started,
	   3 + s.a % 5 AS ntasks
  FROM (SELECT (p - 1) * 10 + k + 1 AS a, p, k
		  FROM generate_series(1, :providers) AS p, generate_series(0, 9) AS k) AS s
 CROSS JOIN LATERAL (SELECT CASE
		WHEN h < 62 THEN 'approved' WHEN h < 67 THEN 'denied' WHEN h < 70 THEN 'withdrawn'
		WHEN h < 77 THEN 'in_progress' WHEN h < 84 THEN 'submitted' WHEN h < 90 THEN 'under_review'
		WHEN h < 94 THEN 'on_hold' ELSE 'not_started' END AS status
	  FROM (SELECT (s.a::bigint * 2654435761) % 100 AS h) AS hh) AS st;

INSERT INTO credentialing.provider_payer_applications
	(id, provider_id, payer_id, application_status, status_changed_at,
	 application_started_date, application_submitted_date, expected_decision_date,
	 approval_date, denial_date, effective_date, reapplication_eligible)
SELECT g.id, g.provider_id, g.payer_id, g.status,
	   (CASE g.status
			WHEN 'approved' THEN g.started + 45 + g.a % 60
			WHEN 'denied' THEN g.started + 60
			WHEN 'withdrawn' THEN g.started + 30
			ELSE :'as_of'::date - g.a % 60 END) + time '08:00' + (g.a % 600) * interval '1 minute',
	   CASE WHEN g.status <> 'not_started' THEN g.started END,
	   CASE WHEN g.status IN ('submitted', 'under_review', 'approved', 'denied') THEN g.started + 15 END,
	   CASE WHEN g.status IN ('submitted', 'under_review') THEN :'as_of'::date + 1 + g.a % 90
			WHEN g.status = 'on_hold' THEN :'as_of'::date + 30
			WHEN g.status IN ('approved', 'denied') THEN g.started + 75 END,
	   CASE WHEN g.status = 'approved' THEN g.started + 45 + g.a % 60 END,
	   CASE WHEN g.status = 'denied' THEN g.started + 60 END,
	   CASE WHEN g.status = 'approved' THEN g.started + 45 + g.a % 60 END,
	   g.a % 2 = 0
  FROM credentialing_bench.gen_app AS g
 ORDER BY g.id;

INSERT INTO credentialing.provider_payer_networks
	(provider_id, payer_id, status, effective_date, application_id, notes)
SELECT g.provider_id, g.payer_id, 'in_network', g.started + 45 + g.a % 60, g.id,
	   'Created from approved application ' || g.id
  FROM credentialing_bench.gen_app AS g
 WHERE g.status = 'approved';

/* ---- tasks: 3 to 7 per application (about 5) ---- */

INSERT INTO credentialing.provider_credentialing_tasks
	(id, provider_id, payer_id, task_type, title, task_status, task_order,
	 estimated_days, due_date, completed_date)
SELECT credentialing_bench.id(credentialing_bench.kind('task'), (g.a - 1) * 8 + j),
	   g.provider_id, g.payer_id,
	   (ARRAY['portal_credentials', 'submit_application', 'record_application_id', 'follow_up',
			  'download_form', 'fill_form', 'confirm_receipt'])[j],
	   (ARRAY['Obtain portal credentials', 'Submit provider application', 'Record application ID',
			  'Follow up on application status', 'Download application form',
			  'Complete application form', 'Confirm receipt of application'])[j],
	   ts.status, j, (j * 3) % 7,
	   CASE WHEN ts.status IN ('completed', 'not_applicable') THEN g.started + j * 5
			ELSE :'as_of'::date + j * 7 + g.a % 30 + 1 END,
	   CASE WHEN ts.status = 'completed' THEN g.started + j * 5 END
  FROM credentialing_bench.gen_app AS g
 CROSS JOIN LATERAL generate_series(1, g.ntasks) AS j
 CROSS JOIN LATERAL (SELECT CASE
		WHEN g.status = 'approved' THEN 'completed'
		WHEN g.status IN ('denied', 'withdrawn') THEN
			CASE WHEN j <= g.ntasks / 2 THEN 'completed' ELSE 'not_applicable' END
		WHEN g.status = 'not_started' THEN 'pending'
		WHEN j <= g.a % g.ntasks THEN 'completed'
		WHEN j = g.a % g.ntasks + 1 THEN CASE WHEN g.a % 11 = 0 THEN 'blocked' ELSE 'in_progress' END
		ELSE 'pending' END AS status) AS ts
 ORDER BY 1;

/* ---- the overdue worklist: a fixed number of open tasks and applications ---- */

UPDATE credentialing.provider_credentialing_tasks AS t
   SET due_date = :'as_of'::date - (1 + x.rn % 60)::integer
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn
		  FROM credentialing.provider_credentialing_tasks
		 WHERE task_status IN ('pending', 'in_progress', 'blocked')
		 ORDER BY id
		 LIMIT :overdue_tasks) AS x
 WHERE t.id = x.id;

UPDATE credentialing.provider_payer_applications AS a
   SET expected_decision_date = :'as_of'::date - (1 + x.rn % 90)::integer
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn
		  FROM credentialing.provider_payer_applications
		 WHERE application_status IN ('submitted', 'under_review', 'in_progress')
		 ORDER BY id
		 LIMIT :overdue_apps) AS x
 WHERE a.id = x.id;

/*
 * ---- pools for the update benchmarks (the newest rows, away from the worklist) ----
 * Tasks toggle between pending and in_progress, so a pool can be run again;
 * an approval is final, so each approval run has its own pool.
 */

SELECT least(200, count(*) / 10)::integer AS task_warm,
	   least(greatest(200, round(20000 * :scale)), (count(*) - least(200, count(*) / 10)) / 2)::integer AS task_pool
  FROM credentialing.provider_credentialing_tasks
 WHERE task_status IN ('pending', 'in_progress') AND task_type <> 'record_application_id'
\gset
SELECT least(100, count(*) / 10)::integer AS app_warm,
	   least(greatest(50, round(2000 * :scale)),
			 (count(*) - 2 * least(100, count(*) / 10)) / (4 * :rounds))::integer AS app_pool
  FROM credentialing.provider_payer_applications
 WHERE application_status IN ('submitted', 'under_review')
\gset

INSERT INTO credentialing_bench.pool (pool, n, id, old_status)
SELECT CASE WHEN rn <= :task_warm THEN 'task_warm'
			WHEN rn <= :task_warm + :task_pool THEN 'task_a' ELSE 'task_b' END,
	   rn, id, task_status
  FROM (SELECT id, task_status, row_number() OVER (ORDER BY id DESC) AS rn
		  FROM credentialing.provider_credentialing_tasks
		 WHERE task_status IN ('pending', 'in_progress') AND task_type <> 'record_application_id'
		 ORDER BY id DESC
		 LIMIT :task_warm + 2 * :task_pool) AS s;

-- Approval pools app_a_rK (C, and PL/pgSQL on its copy), app_b_rK (floor),
-- app_bulk_a_rK and app_bulk_b_rK for rounds K = 1 .. rounds.
INSERT INTO credentialing_bench.pool (pool, n, id, old_status)
SELECT CASE WHEN rn <= :app_warm THEN 'app_warm_a'
			WHEN rn <= 2 * :app_warm THEN 'app_warm_b'
			ELSE (ARRAY['app_a', 'app_b', 'app_bulk_a', 'app_bulk_b'])[1 + ((rn - 2 * :app_warm - 1) / :app_pool) % 4]
				 || '_r' || (1 + (rn - 2 * :app_warm - 1) / :app_pool / 4) END,
	   rn, id, application_status
  FROM (SELECT id, application_status, row_number() OVER (ORDER BY id DESC) AS rn
		  FROM credentialing.provider_payer_applications
		 WHERE application_status IN ('submitted', 'under_review')
		 ORDER BY id DESC
		 LIMIT 2 * :app_warm + 4 * :rounds * :app_pool) AS s;

DROP TABLE credentialing_bench.gen_app;

SELECT credentialing_bench.record('gen.providers', :providers, 'rows');
SELECT credentialing_bench.record('gen.fresh_providers', :fresh_providers, 'rows');
SELECT credentialing_bench.record('gen.rounds', :rounds, 'rounds');
SELECT credentialing_bench.record('gen.applications',
	(SELECT count(*) FROM credentialing.provider_payer_applications), 'rows');
SELECT credentialing_bench.record('gen.tasks',
	(SELECT count(*) FROM credentialing.provider_credentialing_tasks), 'rows');

-- Vacuumed as autovacuum would leave a settled system (visibility map set).
VACUUM ANALYZE credentialing.providers, credentialing.payers, credentialing.payer_credentialing_workflows,
	credentialing.provider_payer_applications, credentialing.provider_payer_networks,
	credentialing.provider_credentialing_tasks, credentialing.credentialing_events,
	credentialing_bench.pool;
