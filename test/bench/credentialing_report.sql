/*
 * test/bench/credentialing_report.sql
 *		Prints the credentialing benchmark's figures (credentialing_bench.results
 *		of the full-scale database, the tenth-scale helper latencies copied in)
 *		and their ratios against the targets.  Run by test/bench/credentialing.sh
 *		with psql variables c_tg and c_tr (yes/no: whether the C task generation
 *		and the C triggers were implemented when the benchmark ran).
 */

\set QUIET on
\pset footer off
\pset null '-'

-- Throughput figures are the best of their rounds (metric.rN).
CREATE TEMP VIEW best AS
SELECT regexp_replace(metric, '\.r[0-9]+$', '') AS metric, min(value) AS value,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median, max(value) AS worst,
	   count(*) AS rounds
  FROM credentialing_bench.results
 GROUP BY 1;

WITH r AS (
	SELECT metric, value FROM best
),
v AS (
	SELECT nullif((SELECT value FROM r WHERE metric = 'gen.fresh_providers'), 0) AS fresh,
		   nullif((SELECT value FROM r WHERE metric = 'cp.c'), 0) AS cp_c,
		   nullif((SELECT value FROM r WHERE metric = 'cp.plpgsql'), 0) AS cp_pl,
		   nullif((SELECT value FROM r WHERE metric = 'upd.task.rows'), 0) AS task_rows,
		   nullif((SELECT value FROM r WHERE metric = 'upd.task.c'), 0) AS task_c,
		   nullif((SELECT value FROM r WHERE metric = 'upd.task.floor'), 0) AS task_floor,
		   nullif((SELECT value FROM r WHERE metric = 'upd.task.plpgsql'), 0) AS task_pl,
		   nullif((SELECT value FROM r WHERE metric = 'upd.app.rows'), 0) AS app_rows,
		   nullif((SELECT value FROM r WHERE metric = 'upd.app.c'), 0) AS app_c,
		   nullif((SELECT value FROM r WHERE metric = 'upd.app.floor'), 0) AS app_floor,
		   nullif((SELECT value FROM r WHERE metric = 'upd.app.plpgsql'), 0) AS app_pl,
		   nullif((SELECT value FROM r WHERE metric = 'bulk.task.c'), 0) AS btask_c,
		   nullif((SELECT value FROM r WHERE metric = 'bulk.task.floor'), 0) AS btask_floor,
		   nullif((SELECT value FROM r WHERE metric = 'bulk.task.plpgsql'), 0) AS btask_pl,
		   nullif((SELECT value FROM r WHERE metric = 'bulk.app.c'), 0) AS bapp_c,
		   nullif((SELECT value FROM r WHERE metric = 'bulk.app.floor'), 0) AS bapp_floor,
		   nullif((SELECT value FROM r WHERE metric = 'bulk.app.plpgsql'), 0) AS bapp_pl
),
rows AS (
	SELECT 1 AS ord, 'credential_payers, 10 payers (calls/s)' AS measure,
		   round((fresh / (cp_c / 1000))::numeric, 0)::text AS c,
		   NULL::text AS floor,
		   round((fresh / (cp_pl / 1000))::numeric, 0)::text AS plpgsql,
		   round((cp_pl / cp_c)::numeric, 2) || 'x C vs PL/pgSQL' AS ratio,
		   '>= 1.0x' AS target,
		   CASE WHEN cp_c IS NULL THEN 'n/a' WHEN cp_pl / cp_c >= 1.0 THEN 'met' ELSE 'MISSED' END AS verdict
	  FROM v
	UNION ALL
	SELECT 2, 'task status UPDATE, one per row (us/row)',
		   round((task_c * 1000 / task_rows)::numeric, 1)::text,
		   round((task_floor * 1000 / task_rows)::numeric, 1)::text,
		   round((task_pl * 1000 / task_rows)::numeric, 1)::text,
		   round((task_c / task_floor)::numeric, 2) || 'x of floor',
		   '<= 1.2x floor',
		   CASE WHEN task_c / task_floor <= 1.2 THEN 'met' ELSE 'MISSED' END
	  FROM v
	UNION ALL
	SELECT 3, '', NULL, NULL, NULL,
		   round((task_pl / task_c)::numeric, 2) || 'x C vs PL/pgSQL',
		   '>= 1.5x',
		   CASE WHEN task_pl / task_c >= 1.5 THEN 'met' ELSE 'MISSED' END
	  FROM v
	UNION ALL
	SELECT 4, 'application approval, one per row (us/row)',
		   round((app_c * 1000 / app_rows)::numeric, 1)::text,
		   round((app_floor * 1000 / app_rows)::numeric, 1)::text,
		   round((app_pl * 1000 / app_rows)::numeric, 1)::text,
		   round((app_c / app_floor)::numeric, 2) || 'x of floor',
		   '<= 1.2x floor',
		   CASE WHEN app_c / app_floor <= 1.2 THEN 'met' ELSE 'MISSED' END
	  FROM v
	UNION ALL
	SELECT 5, '', NULL, NULL, NULL,
		   round((app_pl / app_c)::numeric, 2) || 'x C vs PL/pgSQL',
		   '>= 1.5x',
		   CASE WHEN app_pl / app_c >= 1.5 THEN 'met' ELSE 'MISSED' END
	  FROM v
	UNION ALL
	SELECT 6, 'task status UPDATE, one statement (us/row)',
		   round((btask_c * 1000 / task_rows)::numeric, 1)::text,
		   round((btask_floor * 1000 / task_rows)::numeric, 1)::text,
		   round((btask_pl * 1000 / task_rows)::numeric, 1)::text,
		   round((btask_c / btask_floor)::numeric, 2) || 'x of floor',
		   '<= 1.2x floor',
		   CASE WHEN btask_c / btask_floor <= 1.2 THEN 'met' ELSE 'MISSED' END
	  FROM v
	UNION ALL
	SELECT 7, '', NULL, NULL, NULL,
		   round((btask_pl / btask_c)::numeric, 2) || 'x C vs PL/pgSQL',
		   '>= 1.5x',
		   CASE WHEN btask_pl / btask_c >= 1.5 THEN 'met' ELSE 'MISSED' END
	  FROM v
	UNION ALL
	SELECT 8, 'application approval, one statement (us/row)',
		   round((bapp_c * 1000 / app_rows)::numeric, 1)::text,
		   round((bapp_floor * 1000 / app_rows)::numeric, 1)::text,
		   round((bapp_pl * 1000 / app_rows)::numeric, 1)::text,
		   round((bapp_c / bapp_floor)::numeric, 2) || 'x of floor',
		   '<= 1.2x floor',
		   CASE WHEN bapp_c / bapp_floor <= 1.2 THEN 'met' ELSE 'MISSED' END
	  FROM v
	UNION ALL
	SELECT 9, '', NULL, NULL, NULL,
		   round((bapp_pl / bapp_c)::numeric, 2) || 'x C vs PL/pgSQL',
		   '>= 1.5x',
		   CASE WHEN bapp_pl / bapp_c >= 1.5 THEN 'met' ELSE 'MISSED' END
	  FROM v
	UNION ALL
	SELECT 3.5, '  trigger work above the floor (us/row)',
		   round(((task_c - task_floor) * 1000 / task_rows)::numeric, 1)::text, NULL,
		   round(((task_pl - task_floor) * 1000 / task_rows)::numeric, 1)::text,
		   CASE WHEN task_c > task_floor THEN round(((task_pl - task_floor) / (task_c - task_floor))::numeric, 2) || 'x less in C' ELSE 'C within noise of the floor' END,
		   'information', ''
	  FROM v
	UNION ALL
	SELECT 5.5, '  trigger work above the floor (us/row)',
		   round(((app_c - app_floor) * 1000 / app_rows)::numeric, 1)::text, NULL,
		   round(((app_pl - app_floor) * 1000 / app_rows)::numeric, 1)::text,
		   CASE WHEN app_c > app_floor THEN round(((app_pl - app_floor) / (app_c - app_floor))::numeric, 2) || 'x less in C' ELSE 'C within noise of the floor' END,
		   'information', ''
	  FROM v
	UNION ALL
	SELECT 7.5, '  trigger work above the floor (us/row)',
		   round(((btask_c - btask_floor) * 1000 / task_rows)::numeric, 1)::text, NULL,
		   round(((btask_pl - btask_floor) * 1000 / task_rows)::numeric, 1)::text,
		   CASE WHEN btask_c > btask_floor THEN round(((btask_pl - btask_floor) / (btask_c - btask_floor))::numeric, 2) || 'x less in C' ELSE 'C within noise of the floor' END,
		   'information', ''
	  FROM v
	UNION ALL
	SELECT 9.5, '  trigger work above the floor (us/row)',
		   round(((bapp_c - bapp_floor) * 1000 / app_rows)::numeric, 1)::text, NULL,
		   round(((bapp_pl - bapp_floor) * 1000 / app_rows)::numeric, 1)::text,
		   CASE WHEN bapp_c > bapp_floor THEN round(((bapp_pl - bapp_floor) / (bapp_c - bapp_floor))::numeric, 2) || 'x less in C' ELSE 'C within noise of the floor' END,
		   'information', ''
	  FROM v
)
SELECT measure AS "measure", c AS "C", floor AS "floor", plpgsql AS "PL/pgSQL",
	   ratio AS "ratio", target AS "target", verdict AS "verdict"
  FROM rows ORDER BY ord;

SELECT format('per round: %s fresh providers x 10 payers; %s task status changes; %s approvals; best of %s rounds shown',
			  (SELECT value FROM credentialing_bench.results WHERE metric = 'gen.fresh_providers'),
			  (SELECT value FROM credentialing_bench.results WHERE metric = 'upd.task.rows'),
			  (SELECT value FROM credentialing_bench.results WHERE metric = 'upd.app.rows'),
			  (SELECT value FROM credentialing_bench.results WHERE metric = 'gen.rounds'))
	   AS "workload";

SELECT metric AS "timed run", round(value::numeric, 1) AS "best ms",
	   round(median::numeric, 1) AS "median ms", round(worst::numeric, 1) AS "worst ms"
  FROM best
 WHERE rounds > 1 OR metric LIKE 'cp.%' OR metric LIKE 'upd.%.%.%' OR metric LIKE 'bulk.%'
 ORDER BY metric;

WITH h(ord, helper, label, limit_ms) AS (
	VALUES (1, 'progress', 'get_provider_credentialing_progress', 10.0),
		   (2, 'overdue_tasks', 'get_overdue_tasks', 10.0),
		   (3, 'overdue_applications', 'get_overdue_applications', 10.0),
		   (4, 'pipeline', 'get_credentialing_pipeline_summary', NULL)
),
f AS (
	SELECT h.*,
		   (SELECT value FROM credentialing_bench.results WHERE metric = 'full.' || helper || '.median') AS full_ms,
		   (SELECT value FROM credentialing_bench.results WHERE metric = 'full.' || helper || '.p95') AS full_p95,
		   (SELECT value FROM credentialing_bench.results WHERE metric = 'full.' || helper || '.rows') AS full_rows,
		   (SELECT value FROM credentialing_bench.results WHERE metric = 'tenth.' || helper || '.median') AS tenth_ms,
		   (SELECT value FROM credentialing_bench.results WHERE metric = 'tenth.' || helper || '.rows') AS tenth_rows
	  FROM h
)
SELECT label AS "helper",
	   round(full_ms::numeric, 3) AS "median ms",
	   round(full_p95::numeric, 3) AS "p95 ms",
	   full_rows::bigint AS "rows",
	   round(tenth_ms::numeric, 3) AS "median ms (1/10)",
	   tenth_rows::bigint AS "rows (1/10)",
	   round((full_ms / nullif(tenth_ms, 0))::numeric, 2) || 'x' AS "full / tenth",
	   CASE WHEN limit_ms IS NULL THEN 'no target (reads every open application)'
			WHEN full_ms < limit_ms AND full_ms / nullif(tenth_ms, 0) <= 2.0 THEN 'met (< 10 ms, <= 2x)'
			ELSE 'MISSED (< 10 ms, <= 2x)' END AS "verdict"
  FROM f ORDER BY ord;

SELECT (SELECT value FROM credentialing_bench.results WHERE metric = 'mem.calls')::bigint AS "credential_payers calls",
	   round(((SELECT value FROM credentialing_bench.results WHERE metric = 'mem.ms')
			  / nullif((SELECT value FROM credentialing_bench.results WHERE metric = 'mem.calls'), 0))::numeric, 3)
		   AS "ms/call (1 payer)",
	   (SELECT value FROM credentialing_bench.results WHERE metric = 'mem.rss_first')::bigint AS "RssAnon kB after 1000",
	   (SELECT value FROM credentialing_bench.results WHERE metric = 'mem.rss_half')::bigint AS "at half",
	   (SELECT value FROM credentialing_bench.results WHERE metric = 'mem.rss_last')::bigint AS "at end",
	   round((((SELECT value FROM credentialing_bench.results WHERE metric = 'mem.ctx_last')
			 - (SELECT value FROM credentialing_bench.results WHERE metric = 'mem.ctx_first')) / 1024)::numeric, 0)
		   AS "contexts growth kB",
	   CASE WHEN (SELECT value FROM credentialing_bench.results WHERE metric = 'mem.rss_last') IS NULL THEN 'n/a'
			WHEN (SELECT value FROM credentialing_bench.results WHERE metric = 'mem.rss_last')
				 - (SELECT value FROM credentialing_bench.results WHERE metric = 'mem.rss_first') <= 4096
			THEN 'met (growth <= 4 MB)' ELSE 'MISSED (growth <= 4 MB)' END AS "verdict";

\if :{?c_tr}
SELECT CASE WHEN :'c_tg' = 'yes' AND :'c_tr' = 'yes' THEN 'C task generation and triggers: implemented'
			ELSE 'NOTE: C task generation implemented: ' || :'c_tg' || ', C triggers implemented: '
				 || :'c_tr' || ' -- figures involving placeholders are not meaningful' END AS "code under test";
\endif
