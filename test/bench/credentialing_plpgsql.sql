/*
 * test/bench/credentialing_plpgsql.sql
 *		The benchmark's baseline: task generation (credential_payers) and the
 *		application and task triggers of DESIGN 4.1-4.3 written in PL/pgSQL,
 *		as a careful team would ship them in migrations, in schema
 *		credentialing_plpgsql over copies of the credentialing tables.
 *
 *		Run by test/bench/credentialing.sh in the benchmark database after the
 *		generator has filled schema credentialing: the tables are created with
 *		the same shapes, the data is copied, the foreign keys are added, and
 *		only then are the triggers created (as a migration over existing data
 *		would).  Nothing here is part of the extension.
 */

\set ON_ERROR_STOP on

DROP SCHEMA IF EXISTS credentialing_plpgsql CASCADE;
CREATE SCHEMA credentialing_plpgsql;

/* ------------------------------------------------------------------------
 * Tables: same columns, defaults, CHECK constraints and indexes
 * ------------------------------------------------------------------------ */

CREATE TABLE credentialing_plpgsql.providers
	(LIKE credentialing.providers INCLUDING ALL);
CREATE TABLE credentialing_plpgsql.payers
	(LIKE credentialing.payers INCLUDING ALL);
CREATE TABLE credentialing_plpgsql.payer_credentialing_workflows
	(LIKE credentialing.payer_credentialing_workflows INCLUDING ALL);
CREATE TABLE credentialing_plpgsql.provider_payer_applications
	(LIKE credentialing.provider_payer_applications INCLUDING ALL);
CREATE TABLE credentialing_plpgsql.provider_payer_networks
	(LIKE credentialing.provider_payer_networks INCLUDING ALL);
CREATE TABLE credentialing_plpgsql.provider_credentialing_tasks
	(LIKE credentialing.provider_credentialing_tasks INCLUDING ALL);
CREATE TABLE credentialing_plpgsql.credentialing_events (
	id bigserial PRIMARY KEY,
	occurred_at timestamptz NOT NULL DEFAULT now(),
	actor text NOT NULL DEFAULT CURRENT_USER,
	entity text NOT NULL CHECK (entity IN ('application', 'task', 'network')),
	entity_id uuid NOT NULL,
	provider_id uuid,
	payer_id uuid,
	action text NOT NULL,
	old_value text,
	new_value text,
	details jsonb
);
CREATE INDEX ON credentialing_plpgsql.credentialing_events (entity_id, id);
CREATE INDEX ON credentialing_plpgsql.credentialing_events (provider_id);

/* The data, copied before any trigger or foreign key exists. */
INSERT INTO credentialing_plpgsql.providers SELECT * FROM credentialing.providers;
INSERT INTO credentialing_plpgsql.payers SELECT * FROM credentialing.payers;
INSERT INTO credentialing_plpgsql.payer_credentialing_workflows
	SELECT * FROM credentialing.payer_credentialing_workflows;
INSERT INTO credentialing_plpgsql.provider_payer_applications
	SELECT * FROM credentialing.provider_payer_applications;
INSERT INTO credentialing_plpgsql.provider_payer_networks
	SELECT * FROM credentialing.provider_payer_networks;
INSERT INTO credentialing_plpgsql.provider_credentialing_tasks
	SELECT * FROM credentialing.provider_credentialing_tasks;

/* The same foreign keys as the extension's tables. */
ALTER TABLE credentialing_plpgsql.payer_credentialing_workflows
	ADD FOREIGN KEY (payer_id) REFERENCES credentialing_plpgsql.payers (id) ON DELETE CASCADE;
ALTER TABLE credentialing_plpgsql.provider_payer_applications
	ADD FOREIGN KEY (provider_id) REFERENCES credentialing_plpgsql.providers (id) ON DELETE CASCADE,
	ADD FOREIGN KEY (payer_id) REFERENCES credentialing_plpgsql.payers (id) ON DELETE CASCADE;
ALTER TABLE credentialing_plpgsql.provider_payer_networks
	ADD FOREIGN KEY (provider_id) REFERENCES credentialing_plpgsql.providers (id) ON DELETE CASCADE,
	ADD FOREIGN KEY (payer_id) REFERENCES credentialing_plpgsql.payers (id) ON DELETE CASCADE,
	ADD FOREIGN KEY (application_id) REFERENCES credentialing_plpgsql.provider_payer_applications (id)
		ON DELETE SET NULL;
ALTER TABLE credentialing_plpgsql.provider_credentialing_tasks
	ADD FOREIGN KEY (provider_id, payer_id)
		REFERENCES credentialing_plpgsql.provider_payer_applications (provider_id, payer_id)
		ON DELETE CASCADE;

/* ------------------------------------------------------------------------
 * Audit trail
 * ------------------------------------------------------------------------ */

-- The caller's role, plus the JWT sub when an API layer set one.
CREATE FUNCTION credentialing_plpgsql.audit_actor()
RETURNS text
LANGUAGE plpgsql STABLE
AS $$
DECLARE
	v_claims text := nullif(current_setting('request.jwt.claims', true), '');
	v_sub text;
BEGIN
	IF v_claims IS NOT NULL THEN
		v_sub := v_claims::jsonb ->> 'sub';
	END IF;
	v_sub := coalesce(nullif(v_sub, ''), nullif(current_setting('jwt.claims.sub', true), ''));
	RETURN CASE WHEN v_sub IS NULL THEN current_user::text
				ELSE current_user || ' (sub ' || v_sub || ')' END;
END
$$;

-- Append one event whatever the caller's privileges on the audit table.
CREATE FUNCTION credentialing_plpgsql.audit_record(
	p_actor text, p_entity text, p_entity_id uuid, p_provider_id uuid, p_payer_id uuid,
	p_action text, p_old_value text, p_new_value text, p_details jsonb)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	INSERT INTO credentialing_plpgsql.credentialing_events
		(actor, entity, entity_id, provider_id, payer_id, action, old_value, new_value, details)
	VALUES (p_actor, p_entity, p_entity_id, p_provider_id, p_payer_id, p_action,
			p_old_value, p_new_value, p_details);
END
$$;

CREATE FUNCTION credentialing_plpgsql.refuse_audit_change()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	RAISE EXCEPTION 'credentialing_events is append-only'
		USING ERRCODE = '42501', DETAIL = TG_OP || ' is not allowed on the audit trail.',
			  HINT = 'Record a correcting event instead.';
END
$$;

CREATE FUNCTION credentialing_plpgsql.set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	NEW.updated_at := now();
	RETURN NEW;
END
$$;

/* ------------------------------------------------------------------------
 * Application state machine
 * ------------------------------------------------------------------------ */

-- The statuses allowed after p_from (DESIGN 4.3).
CREATE FUNCTION credentialing_plpgsql.allowed_next_statuses(p_from text, p_reapplication_eligible boolean)
RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT CASE p_from
		WHEN 'not_started' THEN '{in_progress,submitted,on_hold,withdrawn}'::text[]
		WHEN 'in_progress' THEN '{submitted,on_hold,withdrawn,not_started}'::text[]
		WHEN 'submitted' THEN '{under_review,approved,denied,on_hold,withdrawn,in_progress}'::text[]
		WHEN 'under_review' THEN '{approved,denied,on_hold,withdrawn,submitted}'::text[]
		WHEN 'on_hold' THEN '{in_progress,submitted,under_review,withdrawn}'::text[]
		WHEN 'denied' THEN CASE WHEN p_reapplication_eligible
								THEN '{in_progress,not_started,withdrawn}'::text[]
								ELSE '{in_progress,withdrawn}'::text[] END
		WHEN 'withdrawn' THEN '{not_started,in_progress}'::text[]
		ELSE '{}'::text[]
	END
$$;

-- BEFORE INSERT OR UPDATE on applications: transitions and automatic dates.
CREATE FUNCTION credentialing_plpgsql.application_before_write()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	v_from text;
	v_allowed text[];
	v_days integer;
BEGIN
	IF TG_OP = 'INSERT' THEN
		v_from := 'not_started';
		IF NEW.status_changed_at IS NULL THEN
			NEW.status_changed_at := now();
		END IF;
	ELSE
		NEW.updated_at := now();
		IF NEW.application_status IS NOT DISTINCT FROM OLD.application_status THEN
			RETURN NEW;
		END IF;
		v_from := OLD.application_status;
		IF coalesce(current_setting('credentialing.enforce_transitions', true), 'on') <> 'off' THEN
			v_allowed := credentialing_plpgsql.allowed_next_statuses(v_from, NEW.reapplication_eligible);
			IF NOT NEW.application_status = ANY (v_allowed) THEN
				RAISE EXCEPTION 'application status cannot change from "%" to "%" (allowed: %)',
					v_from, NEW.application_status,
					coalesce(nullif(array_to_string(v_allowed, ', '), ''), 'none')
					USING ERRCODE = '23514',
						  HINT = 'Move the application through an allowed status; to correct data, a DBA can SET credentialing.enforce_transitions = off.';
			END IF;
		END IF;
		NEW.status_changed_at := now();
	END IF;

	IF NEW.application_status IS DISTINCT FROM v_from OR TG_OP = 'INSERT' THEN
		IF v_from = 'not_started' AND NEW.application_status <> 'not_started'
		   AND NEW.application_started_date IS NULL THEN
			NEW.application_started_date := current_date;
		END IF;
		IF NEW.application_status IN ('submitted', 'under_review')
		   AND NEW.application_submitted_date IS NULL THEN
			NEW.application_submitted_date := current_date;
		END IF;
		IF NEW.application_status = 'submitted' AND NEW.expected_decision_date IS NULL THEN
			SELECT w.typical_approval_days INTO v_days
			  FROM credentialing_plpgsql.payer_credentialing_workflows w
			 WHERE w.payer_id = NEW.payer_id;
			NEW.expected_decision_date := NEW.application_submitted_date
				+ coalesce(v_days, current_setting('credentialing.default_approval_days', true)::integer, 60);
		END IF;
		IF NEW.application_status = 'approved' AND NEW.approval_date IS NULL THEN
			NEW.approval_date := current_date;
		END IF;
		IF NEW.application_status = 'denied' AND NEW.denial_date IS NULL THEN
			NEW.denial_date := current_date;
		END IF;
	END IF;
	RETURN NEW;
END
$$;

-- AFTER UPDATE on applications: audit, and the contract on approval.
CREATE FUNCTION credentialing_plpgsql.application_after_update()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	v_actor text;
	v_effective date;
	v_contract record;
	v_contract_id uuid;
	v_details jsonb;
BEGIN
	IF NEW.application_status IS NOT DISTINCT FROM OLD.application_status THEN
		RETURN NULL;
	END IF;
	v_actor := credentialing_plpgsql.audit_actor();
	IF NOT NEW.application_status = ANY (
			credentialing_plpgsql.allowed_next_statuses(OLD.application_status, NEW.reapplication_eligible)) THEN
		v_details := '{"transition_override": true}';
	END IF;
	PERFORM credentialing_plpgsql.audit_record(v_actor, 'application', NEW.id, NEW.provider_id,
		NEW.payer_id, 'status_changed', OLD.application_status, NEW.application_status, v_details);

	IF NEW.application_status <> 'approved' THEN
		RETURN NULL;
	END IF;

	v_effective := coalesce(NEW.effective_date, NEW.approval_date, current_date);
	v_details := jsonb_build_object('application_id', NEW.id, 'effective_date', v_effective);
	INSERT INTO credentialing_plpgsql.provider_payer_networks
		(provider_id, payer_id, status, effective_date, application_id, notes)
	VALUES (NEW.provider_id, NEW.payer_id, 'in_network', v_effective, NEW.id,
			'Created from approved application ' || NEW.id)
	ON CONFLICT (provider_id, payer_id) DO NOTHING
	RETURNING id INTO v_contract_id;
	IF FOUND THEN
		PERFORM credentialing_plpgsql.audit_record(v_actor, 'network', v_contract_id, NEW.provider_id,
			NEW.payer_id, 'network_created', NULL, 'in_network', v_details);
		RETURN NULL;
	END IF;

	SELECT n.id, n.status, n.notes INTO v_contract
	  FROM credentialing_plpgsql.provider_payer_networks n
	 WHERE n.provider_id = NEW.provider_id AND n.payer_id = NEW.payer_id
	   FOR UPDATE;
	IF v_contract.status <> 'in_network' THEN
		UPDATE credentialing_plpgsql.provider_payer_networks
		   SET status = 'in_network', effective_date = v_effective, expiration_date = NULL,
			   application_id = NEW.id,
			   notes = concat_ws(E'\n', nullif(v_contract.notes, ''),
								 'Reactivated from approved application ' || NEW.id)
		 WHERE id = v_contract.id;
		PERFORM credentialing_plpgsql.audit_record(v_actor, 'network', v_contract.id, NEW.provider_id,
			NEW.payer_id, 'network_reactivated', v_contract.status, 'in_network', v_details);
	END IF;
	RETURN NULL;
END
$$;

/* ------------------------------------------------------------------------
 * Task triggers
 * ------------------------------------------------------------------------ */

-- BEFORE INSERT OR UPDATE on tasks: completed_date and updated_at.
CREATE FUNCTION credentialing_plpgsql.task_before_write()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		IF NEW.task_status = 'completed' AND NEW.completed_date IS NULL THEN
			NEW.completed_date := current_date;
		END IF;
		RETURN NEW;
	END IF;

	IF NEW.task_status = 'completed' THEN
		IF NEW.completed_date IS NULL
		   OR (OLD.task_status <> 'completed' AND NEW.completed_date = OLD.completed_date) THEN
			NEW.completed_date := current_date;
		END IF;
	ELSIF OLD.task_status = 'completed' AND NEW.completed_date IS NOT NULL THEN
		NEW.completed_date := NULL;
	END IF;
	NEW.updated_at := now();
	RETURN NEW;
END
$$;

-- AFTER UPDATE on tasks: audit, and a recorded application number.
CREATE FUNCTION credentialing_plpgsql.task_after_update()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	v_actor text;
	v_application_id uuid;
BEGIN
	IF NEW.task_status IS DISTINCT FROM OLD.task_status THEN
		v_actor := credentialing_plpgsql.audit_actor();
		PERFORM credentialing_plpgsql.audit_record(v_actor, 'task', NEW.id, NEW.provider_id,
			NEW.payer_id, 'status_changed', OLD.task_status, NEW.task_status,
			jsonb_build_object('task_type', NEW.task_type));
	END IF;

	IF NEW.task_type = 'record_application_id' AND NEW.task_status = 'completed'
	   AND btrim(coalesce(NEW.application_id, '')) <> ''
	   AND (OLD.task_status <> 'completed' OR OLD.application_id IS DISTINCT FROM NEW.application_id) THEN
		UPDATE credentialing_plpgsql.provider_payer_applications a
		   SET payer_application_id = NEW.application_id
		 WHERE a.provider_id = NEW.provider_id AND a.payer_id = NEW.payer_id
		   AND coalesce(a.payer_application_id, '') = ''
		RETURNING a.id INTO v_application_id;
		IF FOUND THEN
			PERFORM credentialing_plpgsql.audit_record(coalesce(v_actor, credentialing_plpgsql.audit_actor()),
				'application', v_application_id, NEW.provider_id, NEW.payer_id,
				'application_id_recorded', NULL, NEW.application_id,
				jsonb_build_object('task_id', NEW.id));
		END IF;
	END IF;
	RETURN NULL;
END
$$;

/* ------------------------------------------------------------------------
 * Task generation
 * ------------------------------------------------------------------------ */

-- The default task list of a workflow type (DESIGN 4.1).
CREATE FUNCTION credentialing_plpgsql.default_task_templates(p_workflow_type text, p_approval_days integer)
RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT CASE p_workflow_type
		WHEN 'instant_network' THEN jsonb_build_array(
			jsonb_build_object('order', 1, 'task_type', 'notify_payer',
							   'title', 'Notify payer of provider addition', 'estimated_days', 1))
		WHEN 'excel_submission' THEN jsonb_build_array(
			jsonb_build_object('order', 1, 'task_type', 'download_template',
							   'title', 'Download Excel roster template', 'estimated_days', 0),
			jsonb_build_object('order', 2, 'task_type', 'fill_template',
							   'title', 'Add provider to Excel roster', 'estimated_days', 1),
			jsonb_build_object('order', 3, 'task_type', 'submit_roster',
							   'title', 'Submit roster to payer', 'estimated_days', 0),
			jsonb_build_object('order', 4, 'task_type', 'confirm_receipt',
							   'title', 'Confirm receipt of roster', 'estimated_days', 3))
		WHEN 'pdf_form_submission' THEN jsonb_build_array(
			jsonb_build_object('order', 1, 'task_type', 'download_form',
							   'title', 'Download application form', 'estimated_days', 0),
			jsonb_build_object('order', 2, 'task_type', 'fill_form',
							   'title', 'Complete application form', 'estimated_days', 1),
			jsonb_build_object('order', 3, 'task_type', 'submit_form',
							   'title', 'Email completed form to payer', 'estimated_days', 0),
			jsonb_build_object('order', 4, 'task_type', 'confirm_receipt',
							   'title', 'Confirm receipt of application', 'estimated_days', 3))
		ELSE jsonb_build_array(
			jsonb_build_object('order', 1, 'task_type', 'portal_credentials',
							   'title', 'Obtain portal credentials', 'estimated_days', 1),
			jsonb_build_object('order', 2, 'task_type', 'submit_application',
							   'title', 'Submit provider application', 'estimated_days', 2),
			jsonb_build_object('order', 3, 'task_type', 'record_application_id',
							   'title', 'Record application ID', 'estimated_days', 0),
			jsonb_build_object('order', 4, 'task_type', 'follow_up',
							   'title', 'Follow up on application status',
							   'estimated_days', coalesce(p_approval_days, 30)))
	END
$$;

-- Fill the placeholders of a task title or description.
CREATE FUNCTION credentialing_plpgsql.fill_placeholders(
	p_text text, p_payer_name text, p_provider_name text, p_portal_url text, p_submission_email text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT CASE WHEN strpos(p_text, '{') = 0 THEN p_text
		ELSE replace(replace(replace(replace(p_text,
			'{payer_name}', coalesce(p_payer_name, '')),
			'{provider_name}', coalesce(p_provider_name, '')),
			'{portal_url}', coalesce(p_portal_url, '')),
			'{submission_email}', coalesce(p_submission_email, ''))
	END
$$;

-- credential_payers (DESIGN 4.1): applications and task checklists.
CREATE FUNCTION credentialing_plpgsql.credential_payers(
	p_provider_id uuid, p_payer_ids uuid[], p_as_of date DEFAULT current_date)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
	v_payer_ids uuid[];
	v_missing text;
	v_provider_name text;
	v_actor text := credentialing_plpgsql.audit_actor();
	r record;
	v_workflow text;
	v_action text;
	v_reason text;
	v_application_id uuid;
	v_templates jsonb;
	v_count integer;
	v_tasks_created integer := 0;
	v_applications_created integer := 0;
	v_details jsonb[] := '{}';
BEGIN
	IF p_provider_id IS NULL THEN
		RAISE EXCEPTION 'p_provider_id must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF p_as_of IS NULL OR NOT isfinite(p_as_of) THEN
		RAISE EXCEPTION 'p_as_of must be a finite date' USING ERRCODE = '22023';
	END IF;

	-- Duplicates folded, first occurrence kept.
	SELECT array_agg(d.id ORDER BY d.ord) INTO v_payer_ids
	  FROM (SELECT DISTINCT ON (u.id) u.id, u.ord
			  FROM unnest(p_payer_ids) WITH ORDINALITY AS u(id, ord)
			 ORDER BY u.id, u.ord) d;
	IF v_payer_ids IS NULL OR array_position(v_payer_ids, NULL) IS NOT NULL THEN
		RAISE EXCEPTION 'p_payer_ids must hold at least one payer id and no NULL'
			USING ERRCODE = '22023';
	END IF;

	-- Serialise calls for the same provider.
	SELECT p.first_name || ' ' || p.last_name INTO v_provider_name
	  FROM credentialing_plpgsql.providers p
	 WHERE p.id = p_provider_id
	   FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'provider % does not exist', p_provider_id USING ERRCODE = 'P0002';
	END IF;

	SELECT string_agg(u.id::text, ', ') INTO v_missing
	  FROM unnest(v_payer_ids) AS u(id)
	 WHERE NOT EXISTS (SELECT 1 FROM credentialing_plpgsql.payers p WHERE p.id = u.id);
	IF v_missing IS NOT NULL THEN
		RAISE EXCEPTION 'payers do not exist: %', v_missing USING ERRCODE = 'P0002';
	END IF;

	FOR r IN
		SELECT u.id AS payer_id, p.name, p.requires_individual_contract,
			   w.payer_id IS NOT NULL AS has_workflow, w.workflow_type, w.task_templates,
			   w.portal_url, coalesce(w.submission_email, w.excel_submission_email) AS submission_email,
			   w.typical_approval_days,
			   a.id AS application_id, a.application_status, a.reapplication_eligible,
			   n.status AS network_status
		  FROM unnest(v_payer_ids) WITH ORDINALITY AS u(id, ord)
		  JOIN credentialing_plpgsql.payers p ON p.id = u.id
		  LEFT JOIN credentialing_plpgsql.payer_credentialing_workflows w ON w.payer_id = p.id
		  LEFT JOIN credentialing_plpgsql.provider_payer_applications a
				 ON a.provider_id = p_provider_id AND a.payer_id = p.id
		  LEFT JOIN credentialing_plpgsql.provider_payer_networks n
				 ON n.provider_id = p_provider_id AND n.payer_id = p.id
		 ORDER BY u.ord
	LOOP
		v_workflow := CASE WHEN r.has_workflow THEN r.workflow_type
						   WHEN r.requires_individual_contract THEN 'online_portal'
						   ELSE 'instant_network' END;
		v_reason := NULL;
		v_count := 0;
		v_application_id := r.application_id;
		IF r.network_status = 'in_network' THEN
			v_action := 'skipped'; v_reason := 'already_contracted';
		ELSIF r.application_id IS NULL THEN
			v_action := 'created';
		ELSIF r.application_status = 'approved' THEN
			v_action := 'skipped'; v_reason := 'already_approved';
		ELSIF r.application_status IN ('denied', 'withdrawn') THEN
			IF r.reapplication_eligible THEN
				v_action := 'reopened';
			ELSE
				v_action := 'skipped'; v_reason := 'not_eligible_for_reapplication';
			END IF;
		ELSE
			v_action := 'skipped'; v_reason := 'already_credentialing';
		END IF;

		IF v_action = 'created' THEN
			INSERT INTO credentialing_plpgsql.provider_payer_applications
				(provider_id, payer_id, application_status)
			VALUES (p_provider_id, r.payer_id, 'not_started')
			RETURNING id INTO v_application_id;
			v_applications_created := v_applications_created + 1;
		ELSIF v_action = 'reopened' THEN
			UPDATE credentialing_plpgsql.provider_payer_applications
			   SET application_status = 'not_started', application_started_date = NULL,
				   application_submitted_date = NULL, expected_decision_date = NULL,
				   approval_date = NULL, denial_date = NULL, denial_reason = NULL
			 WHERE id = r.application_id
			   AND application_status IN ('denied', 'withdrawn') AND reapplication_eligible;
			IF NOT FOUND THEN
				RAISE EXCEPTION 'could not reopen the application with payer "%": it changed concurrently', r.name
					USING ERRCODE = '40001', HINT = 'Retry the call.';
			END IF;
			UPDATE credentialing_plpgsql.provider_credentialing_tasks
			   SET task_status = 'not_applicable'
			 WHERE provider_id = p_provider_id AND payer_id = r.payer_id
			   AND task_status IN ('pending', 'in_progress', 'blocked');
		END IF;

		IF v_action <> 'skipped' THEN
			v_templates := CASE WHEN r.has_workflow AND jsonb_array_length(r.task_templates) > 0
								THEN r.task_templates
								ELSE credentialing_plpgsql.default_task_templates(v_workflow, r.typical_approval_days)
						   END;
			INSERT INTO credentialing_plpgsql.provider_credentialing_tasks
				(provider_id, payer_id, task_type, title, description, task_order,
				 estimated_days, due_date, portal_url)
			SELECT p_provider_id, r.payer_id, t.task_type,
				   credentialing_plpgsql.fill_placeholders(t.title, r.name, v_provider_name,
														   r.portal_url, r.submission_email),
				   credentialing_plpgsql.fill_placeholders(t.description, r.name, v_provider_name,
														   r.portal_url, r.submission_email),
				   t.task_order, t.estimated_days,
				   p_as_of + (sum(coalesce(t.estimated_days, 0))
								  OVER (ORDER BY t.task_order ROWS UNBOUNDED PRECEDING))::integer,
				   r.portal_url
			  FROM (SELECT coalesce(e.value ->> 'task_type', 'workflow_task') AS task_type,
						   e.value ->> 'title' AS title, e.value ->> 'description' AS description,
						   coalesce((e.value ->> 'order')::integer, e.ord::integer) AS task_order,
						   (e.value ->> 'estimated_days')::integer AS estimated_days
					  FROM jsonb_array_elements(v_templates) WITH ORDINALITY AS e(value, ord)) t;
			GET DIAGNOSTICS v_count = ROW_COUNT;
			v_tasks_created := v_tasks_created + v_count;

			PERFORM credentialing_plpgsql.audit_record(v_actor, 'application', v_application_id,
				p_provider_id, r.payer_id, 'created',
				CASE WHEN v_action = 'reopened' THEN r.application_status END, 'not_started',
				jsonb_build_object('reopened', v_action = 'reopened', 'taskCount', v_count,
								   'workflowType', v_workflow));
		END IF;

		v_details := v_details || jsonb_build_object(
			'payerId', r.payer_id, 'payerName', r.name, 'workflowType', v_workflow,
			'status', v_action, 'reason', v_reason, 'taskCount', v_count,
			'applicationId', v_application_id);
	END LOOP;

	RETURN jsonb_build_object('tasksCreated', v_tasks_created,
							  'applicationsCreated', v_applications_created,
							  'details', to_jsonb(v_details));
END
$$;

/* ------------------------------------------------------------------------
 * Triggers, created over the copied data
 * ------------------------------------------------------------------------ */

CREATE TRIGGER providers_set_updated_at
	BEFORE UPDATE ON credentialing_plpgsql.providers
	FOR EACH ROW EXECUTE FUNCTION credentialing_plpgsql.set_updated_at();
CREATE TRIGGER payers_set_updated_at
	BEFORE UPDATE ON credentialing_plpgsql.payers
	FOR EACH ROW EXECUTE FUNCTION credentialing_plpgsql.set_updated_at();
CREATE TRIGGER provider_payer_networks_set_updated_at
	BEFORE UPDATE ON credentialing_plpgsql.provider_payer_networks
	FOR EACH ROW EXECUTE FUNCTION credentialing_plpgsql.set_updated_at();
CREATE TRIGGER provider_payer_applications_before_write
	BEFORE INSERT OR UPDATE ON credentialing_plpgsql.provider_payer_applications
	FOR EACH ROW EXECUTE FUNCTION credentialing_plpgsql.application_before_write();
CREATE TRIGGER provider_payer_applications_after_update
	AFTER UPDATE ON credentialing_plpgsql.provider_payer_applications
	FOR EACH ROW EXECUTE FUNCTION credentialing_plpgsql.application_after_update();
CREATE TRIGGER provider_credentialing_tasks_before_write
	BEFORE INSERT OR UPDATE ON credentialing_plpgsql.provider_credentialing_tasks
	FOR EACH ROW EXECUTE FUNCTION credentialing_plpgsql.task_before_write();
CREATE TRIGGER provider_credentialing_tasks_after_update
	AFTER UPDATE ON credentialing_plpgsql.provider_credentialing_tasks
	FOR EACH ROW EXECUTE FUNCTION credentialing_plpgsql.task_after_update();
CREATE TRIGGER credentialing_events_append_only
	BEFORE UPDATE OR DELETE ON credentialing_plpgsql.credentialing_events
	FOR EACH ROW EXECUTE FUNCTION credentialing_plpgsql.refuse_audit_change();

ANALYZE credentialing_plpgsql.providers, credentialing_plpgsql.payers,
	credentialing_plpgsql.payer_credentialing_workflows,
	credentialing_plpgsql.provider_payer_applications,
	credentialing_plpgsql.provider_payer_networks,
	credentialing_plpgsql.provider_credentialing_tasks;
