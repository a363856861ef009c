/*
 * test/bench/credentialing_setup.sql
 *		Schema credentialing_bench: the benchmark's helpers (deterministic
 *		ids, the results table) and the drivers that time credential_payers,
 *		task status changes, approvals and the read-only helpers inside the
 *		server.  Loaded by test/bench/credentialing.sh into each benchmark
 *		database before the generator (credentialing_generate.sql).
 *
 *		The update drivers run either one statement per row from a PL/pgSQL
 *		loop (static SQL, so every variant runs cached plans) or one statement
 *		for a whole pool, and return the elapsed milliseconds measured with
 *		clock_timestamp().
 */

\set ON_ERROR_STOP on

DROP SCHEMA IF EXISTS credentialing_bench CASCADE;
CREATE SCHEMA credentialing_bench;

-- A deterministic uuid: kind in the first group, n in the last.
CREATE FUNCTION credentialing_bench.id(p_kind integer, p_n bigint)
RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT (lpad(to_hex(p_kind), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(p_n), 12, '0'))::uuid
$$;

-- Id kinds.
CREATE FUNCTION credentialing_bench.kind(p_name text)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT CASE p_name WHEN 'payer' THEN 1 WHEN 'provider' THEN 2 WHEN 'application' THEN 3
					   WHEN 'task' THEN 4 WHEN 'fresh' THEN 5 WHEN 'memory' THEN 6 END
$$;

-- A ten-digit NPI for 9-digit prefix p_prefix: the check digit is the one
-- that npi_is_valid accepts (Luhn over 80840 and the prefix).
CREATE FUNCTION credentialing_bench.npi(p_prefix bigint)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT p_prefix::text || d::text
	  FROM generate_series(0, 9) AS d
	 WHERE credentialing.npi_is_valid(p_prefix::text || d::text)
$$;

-- Figures measured in this database.
CREATE TABLE credentialing_bench.results (
	metric text PRIMARY KEY,
	value double precision,
	unit text,
	detail text
);

-- Record (or replace) one figure.
CREATE FUNCTION credentialing_bench.record(p_metric text, p_value double precision,
										   p_unit text, p_detail text DEFAULT NULL)
RETURNS double precision
LANGUAGE sql
AS $$
	INSERT INTO credentialing_bench.results VALUES (p_metric, p_value, p_unit, p_detail)
	ON CONFLICT (metric) DO UPDATE SET value = EXCLUDED.value, unit = EXCLUDED.unit,
									   detail = EXCLUDED.detail
	RETURNING value
$$;

-- Rows the update drivers work through: pool name, position, id.
CREATE TABLE credentialing_bench.pool (
	pool text NOT NULL,
	n integer NOT NULL,
	id uuid NOT NULL,
	old_status text NOT NULL,
	PRIMARY KEY (pool, n)
);

-- Ten payers, one of each workflow shape, for credential_payers calls.
CREATE TABLE credentialing_bench.ten_payers (
	n integer PRIMARY KEY,
	id uuid NOT NULL
);

/*
 * credential_payers for each provider id in p_providers (kind 'fresh'
 * providers p_from .. p_to) with the ten payers: 'c' runs the extension,
 * 'plpgsql' the baseline.  Returns milliseconds.
 */
CREATE FUNCTION credentialing_bench.time_credential_payers(p_impl text, p_from integer, p_to integer,
														   p_as_of date)
RETURNS double precision
LANGUAGE plpgsql
AS $$
DECLARE
	v_payers uuid[] := ARRAY(SELECT id FROM credentialing_bench.ten_payers ORDER BY n);
	v_start timestamptz;
	v_result jsonb;
	i integer;
BEGIN
	v_start := clock_timestamp();
	FOR i IN p_from .. p_to LOOP
		IF p_impl = 'c' THEN
			v_result := credentialing.credential_payers(
				credentialing_bench.id(credentialing_bench.kind('fresh'), i), v_payers, p_as_of);
		ELSE
			v_result := credentialing_plpgsql.credential_payers(
				credentialing_bench.id(credentialing_bench.kind('fresh'), i), v_payers, p_as_of);
		END IF;
		IF (v_result ->> 'applicationsCreated')::integer <> 10 THEN
			RAISE EXCEPTION 'credential_payers (%) created % applications for fresh provider %, expected 10',
				p_impl, v_result ->> 'applicationsCreated', i;
		END IF;
	END LOOP;
	RETURN extract(epoch FROM clock_timestamp() - v_start) * 1000;
END
$$;

/*
 * Toggle the status of every task of pool p_pool (pending <-> in_progress):
 * one UPDATE per task, or with p_bulk one UPDATE for the whole pool.
 * 'c': the extension's table and triggers; 'plpgsql': the baseline's table
 * and triggers; 'floor': the extension's table with its user triggers
 * disabled by the caller, doing in the same statement what the triggers
 * owe (updated_at and the audit row).  Returns milliseconds.
 */
CREATE FUNCTION credentialing_bench.time_task_updates(p_impl text, p_pool text, p_bulk boolean)
RETURNS double precision
LANGUAGE plpgsql
AS $$
DECLARE
	r record;
	v_start timestamptz;
BEGIN
	v_start := clock_timestamp();
	IF p_bulk THEN
		IF p_impl = 'c' THEN
			UPDATE credentialing.provider_credentialing_tasks AS t
			   SET task_status = CASE t.task_status WHEN 'pending' THEN 'in_progress' ELSE 'pending' END
			  FROM credentialing_bench.pool AS p
			 WHERE p.pool = p_pool AND t.id = p.id;
		ELSIF p_impl = 'plpgsql' THEN
			UPDATE credentialing_plpgsql.provider_credentialing_tasks AS t
			   SET task_status = CASE t.task_status WHEN 'pending' THEN 'in_progress' ELSE 'pending' END
			  FROM credentialing_bench.pool AS p
			 WHERE p.pool = p_pool AND t.id = p.id;
		ELSE
			WITH u AS (
				UPDATE credentialing.provider_credentialing_tasks AS t
				   SET task_status = CASE t.task_status WHEN 'pending' THEN 'in_progress' ELSE 'pending' END,
					   updated_at = now()
				  FROM credentialing_bench.pool AS p
				 WHERE p.pool = p_pool AND t.id = p.id
				RETURNING t.id, t.provider_id, t.payer_id, t.task_status, t.task_type)
			INSERT INTO credentialing.credentialing_events
				(actor, entity, entity_id, provider_id, payer_id, action, old_value, new_value, details)
			SELECT current_user, 'task', u.id, u.provider_id, u.payer_id, 'status_changed',
				   CASE u.task_status WHEN 'pending' THEN 'in_progress' ELSE 'pending' END, u.task_status,
				   jsonb_build_object('task_type', u.task_type)
			  FROM u;
		END IF;
		RETURN extract(epoch FROM clock_timestamp() - v_start) * 1000;
	END IF;

	FOR r IN SELECT p.id FROM credentialing_bench.pool p WHERE p.pool = p_pool ORDER BY p.n LOOP
		IF p_impl = 'c' THEN
			UPDATE credentialing.provider_credentialing_tasks
			   SET task_status = CASE task_status WHEN 'pending' THEN 'in_progress' ELSE 'pending' END
			 WHERE id = r.id;
		ELSIF p_impl = 'plpgsql' THEN
			UPDATE credentialing_plpgsql.provider_credentialing_tasks
			   SET task_status = CASE task_status WHEN 'pending' THEN 'in_progress' ELSE 'pending' END
			 WHERE id = r.id;
		ELSE
			WITH u AS (
				UPDATE credentialing.provider_credentialing_tasks
				   SET task_status = CASE task_status WHEN 'pending' THEN 'in_progress' ELSE 'pending' END,
					   updated_at = now()
				 WHERE id = r.id
				RETURNING id, provider_id, payer_id, task_status, task_type)
			INSERT INTO credentialing.credentialing_events
				(actor, entity, entity_id, provider_id, payer_id, action, old_value, new_value, details)
			SELECT current_user, 'task', u.id, u.provider_id, u.payer_id, 'status_changed',
				   CASE u.task_status WHEN 'pending' THEN 'in_progress' ELSE 'pending' END, u.task_status,
				   jsonb_build_object('task_type', u.task_type)
			  FROM u;
		END IF;
	END LOOP;
	RETURN extract(epoch FROM clock_timestamp() - v_start) * 1000;
END
$$;

/*
 * Approve every application of pool p_pool (submitted or under_review):
 * one UPDATE per application, or with p_bulk one for the whole pool; the
 * approval creates the contract.  'floor' does in the same statement what
 * the triggers owe: the dates, the contract (INSERT ... ON CONFLICT DO
 * NOTHING, as the trigger does) and the two audit rows.
 */
CREATE FUNCTION credentialing_bench.time_approvals(p_impl text, p_pool text, p_bulk boolean)
RETURNS double precision
LANGUAGE plpgsql
AS $$
DECLARE
	r record;
	v_start timestamptz;
BEGIN
	v_start := clock_timestamp();
	IF p_bulk THEN
		IF p_impl = 'c' THEN
			UPDATE credentialing.provider_payer_applications AS a
			   SET application_status = 'approved'
			  FROM credentialing_bench.pool AS p
			 WHERE p.pool = p_pool AND a.id = p.id;
		ELSIF p_impl = 'plpgsql' THEN
			UPDATE credentialing_plpgsql.provider_payer_applications AS a
			   SET application_status = 'approved'
			  FROM credentialing_bench.pool AS p
			 WHERE p.pool = p_pool AND a.id = p.id;
		ELSE
			WITH u AS (
				UPDATE credentialing.provider_payer_applications AS a
				   SET application_status = 'approved',
					   approval_date = coalesce(a.approval_date, current_date),
					   status_changed_at = now(),
					   updated_at = now()
				  FROM credentialing_bench.pool AS p
				 WHERE p.pool = p_pool AND a.id = p.id
				RETURNING a.id, a.provider_id, a.payer_id, p.old_status,
						  coalesce(a.effective_date, a.approval_date) AS effective),
			n AS (
				INSERT INTO credentialing.provider_payer_networks
					(provider_id, payer_id, status, effective_date, application_id, notes)
				SELECT u.provider_id, u.payer_id, 'in_network', u.effective, u.id,
					   'Created from approved application ' || u.id
				  FROM u
				ON CONFLICT (provider_id, payer_id) DO NOTHING
				RETURNING id, provider_id, payer_id, application_id, effective_date)
			INSERT INTO credentialing.credentialing_events
				(actor, entity, entity_id, provider_id, payer_id, action, old_value, new_value, details)
			SELECT current_user, 'application', u.id, u.provider_id, u.payer_id, 'status_changed',
				   u.old_status, 'approved', NULL::jsonb
			  FROM u
			UNION ALL
			SELECT current_user, 'network', n.id, n.provider_id, n.payer_id, 'network_created',
				   NULL, 'in_network',
				   jsonb_build_object('application_id', n.application_id, 'effective_date', n.effective_date)
			  FROM n;
		END IF;
		RETURN extract(epoch FROM clock_timestamp() - v_start) * 1000;
	END IF;

	FOR r IN SELECT p.id, p.old_status FROM credentialing_bench.pool p
			  WHERE p.pool = p_pool ORDER BY p.n LOOP
		IF p_impl = 'c' THEN
			UPDATE credentialing.provider_payer_applications
			   SET application_status = 'approved'
			 WHERE id = r.id;
		ELSIF p_impl = 'plpgsql' THEN
			UPDATE credentialing_plpgsql.provider_payer_applications
			   SET application_status = 'approved'
			 WHERE id = r.id;
		ELSE
			WITH u AS (
				UPDATE credentialing.provider_payer_applications AS a
				   SET application_status = 'approved',
					   approval_date = coalesce(a.approval_date, current_date),
					   status_changed_at = now(),
					   updated_at = now()
				 WHERE a.id = r.id
				RETURNING a.id, a.provider_id, a.payer_id,
						  coalesce(a.effective_date, a.approval_date) AS effective),
			n AS (
				INSERT INTO credentialing.provider_payer_networks
					(provider_id, payer_id, status, effective_date, application_id, notes)
				SELECT u.provider_id, u.payer_id, 'in_network', u.effective, u.id,
					   'Created from approved application ' || u.id
				  FROM u
				ON CONFLICT (provider_id, payer_id) DO NOTHING
				RETURNING id, provider_id, payer_id, application_id, effective_date)
			INSERT INTO credentialing.credentialing_events
				(actor, entity, entity_id, provider_id, payer_id, action, old_value, new_value, details)
			SELECT current_user, 'application', u.id, u.provider_id, u.payer_id, 'status_changed',
				   r.old_status, 'approved', NULL::jsonb
			  FROM u
			UNION ALL
			SELECT current_user, 'network', n.id, n.provider_id, n.payer_id, 'network_created',
				   NULL, 'in_network',
				   jsonb_build_object('application_id', n.application_id, 'effective_date', n.effective_date)
			  FROM n;
		END IF;
	END LOOP;
	RETURN extract(epoch FROM clock_timestamp() - v_start) * 1000;
END
$$;

/*
 * Latency of one helper: p_reps calls (after one warm-up call), returning
 * the median and the 95th percentile in milliseconds, and the rows of one
 * call.  'progress' calls get_provider_credentialing_progress for p_reps
 * providers spread over the generated ones.
 */
CREATE FUNCTION credentialing_bench.time_helper(p_helper text, p_reps integer, p_as_of date,
												OUT median_ms double precision,
												OUT p95_ms double precision,
												OUT result_rows bigint)
LANGUAGE plpgsql
AS $$
DECLARE
	v_times double precision[] := '{}';
	v_start timestamptz;
	v_providers integer;
	v_provider uuid;
	v_rows bigint;
	i integer;
BEGIN
	SELECT count(*) INTO v_providers FROM credentialing.providers
	 WHERE id BETWEEN credentialing_bench.id(credentialing_bench.kind('provider'), 0)
				  AND credentialing_bench.id(credentialing_bench.kind('provider'), 281474976710655);
	result_rows := 0;
	FOR i IN 0 .. p_reps LOOP
		v_provider := credentialing_bench.id(credentialing_bench.kind('provider'),
											 1 + (i::bigint * 7919) % greatest(v_providers, 1));
		v_start := clock_timestamp();
		IF p_helper = 'progress' THEN
			SELECT count(*) INTO v_rows
			  FROM credentialing.get_provider_credentialing_progress(v_provider, p_as_of);
		ELSIF p_helper = 'pipeline' THEN
			SELECT count(*) INTO v_rows FROM credentialing.get_credentialing_pipeline_summary(p_as_of);
		ELSIF p_helper = 'overdue_applications' THEN
			SELECT count(*) INTO v_rows FROM credentialing.get_overdue_applications(p_as_of);
		ELSE
			SELECT count(*) INTO v_rows FROM credentialing.get_overdue_tasks(p_as_of);
		END IF;
		IF i > 0 THEN			-- call 0 prepares the plans
			v_times := v_times || extract(epoch FROM clock_timestamp() - v_start) * 1000;
			result_rows := greatest(result_rows, v_rows);
		END IF;
	END LOOP;
	SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t),
		   percentile_cont(0.95) WITHIN GROUP (ORDER BY t)
	  INTO median_ms, p95_ms
	  FROM unnest(v_times) AS t;
END
$$;

-- Backend memory: anonymous resident set (kB, from /proc) and the sum of
-- the memory contexts (bytes).
CREATE FUNCTION credentialing_bench.backend_memory(OUT rss_anon_kb bigint, OUT contexts_bytes bigint)
LANGUAGE sql
AS $$
	SELECT (regexp_match(pg_read_file('/proc/self/status'), 'RssAnon:\s+(\d+)'))[1]::bigint,
		   (SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts)
$$;
