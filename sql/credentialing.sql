/*
 * sql/credentialing.sql
 *		Source of the credentialing install script: schema objects, tables,
 *		triggers, function declarations and comments.  The logic behind every
 *		function and trigger is in C (src/); the Makefile copies this file to
 *		the versioned install script credentialing--<version>.sql.
 */

\echo Use "CREATE EXTENSION credentialing" to load this file. \quit

/* ------------------------------------------------------------------------
 * Shared trigger functions and checks
 * ------------------------------------------------------------------------ */

CREATE FUNCTION credentialing.set_updated_at()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'set_updated_at';
COMMENT ON FUNCTION credentialing.set_updated_at() IS
'Row trigger: sets updated_at to the transaction time on every UPDATE.';

CREATE FUNCTION credentialing.npi_is_valid(p_npi text)
RETURNS boolean
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'npi_is_valid';
COMMENT ON FUNCTION credentialing.npi_is_valid(text) IS
'True when p_npi is ten digits whose last digit is the Luhn check digit over "80840" and the first nine.';

/* ------------------------------------------------------------------------
 * Providers, payers and contracts
 * ------------------------------------------------------------------------ */

CREATE TABLE credentialing.providers (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	first_name text NOT NULL,
	last_name text NOT NULL,
	role text,
	npi text UNIQUE
		CONSTRAINT providers_npi_valid CHECK (credentialing.npi_is_valid(npi)),
	is_attending boolean NOT NULL DEFAULT false,
	is_active boolean NOT NULL DEFAULT true,
	email text,
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE credentialing.providers IS
'Clinicians who are credentialed with payers.';
COMMENT ON COLUMN credentialing.providers.role IS
'Clinical role, e.g. Psychiatrist, Resident, PMHNP.';
COMMENT ON COLUMN credentialing.providers.npi IS
'National Provider Identifier: 10 digits with a valid check digit.';
COMMENT ON COLUMN credentialing.providers.is_attending IS
'True for attending physicians (some payers require one).';

CREATE TABLE credentialing.payers (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	name text NOT NULL UNIQUE,
	payer_type text
		CONSTRAINT payers_payer_type_check
		CHECK (payer_type IN ('medicaid', 'medicare', 'commercial', 'tricare', 'other')),
	state text
		CONSTRAINT payers_state_check CHECK (state ~ '^[A-Z]{2}$'),
	x12_payer_id text UNIQUE,
	requires_individual_contract boolean NOT NULL DEFAULT true,
	allows_supervised boolean NOT NULL DEFAULT false,
	requires_attending boolean NOT NULL DEFAULT false,
	supervision_level text
		CONSTRAINT payers_supervision_level_check
		CHECK (supervision_level IN ('none', 'sign_off_only', 'first_visit_in_person', 'co_visit_required')),
	is_active boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE credentialing.payers IS
'Insurance payers providers are credentialed with.';
COMMENT ON COLUMN credentialing.payers.state IS
'Two-letter state code (upper case).';
COMMENT ON COLUMN credentialing.payers.x12_payer_id IS
'The payer identifier a 277 carries in NM1*PR; matches payer_appeal_rules.payer_code.';
COMMENT ON COLUMN credentialing.payers.requires_individual_contract IS
'False when providers join the payer''s network by notification alone (instant network).';
COMMENT ON COLUMN credentialing.payers.allows_supervised IS
'True when a non-contracted provider may see the payer''s patients under a contracted attending.';

CREATE TABLE credentialing.provider_payer_applications (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	provider_id uuid NOT NULL REFERENCES credentialing.providers (id) ON DELETE CASCADE,
	payer_id uuid NOT NULL REFERENCES credentialing.payers (id) ON DELETE CASCADE,
	application_status text NOT NULL DEFAULT 'not_started'
		CONSTRAINT provider_payer_applications_status_check
		CHECK (application_status IN ('not_started', 'in_progress', 'submitted', 'under_review',
									  'approved', 'denied', 'on_hold', 'withdrawn')),
	status_changed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	application_started_date date,
	application_submitted_date date,
	expected_decision_date date,
	approval_date date,
	denial_date date,
	effective_date date,
	caqh_application_id text,
	payer_application_id text,
	portal_reference text,
	denial_reason text,
	notes text,
	reapplication_eligible boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT provider_payer_applications_provider_payer_key UNIQUE (provider_id, payer_id)
);
COMMENT ON TABLE credentialing.provider_payer_applications IS
'One credentialing application per provider and payer, with its life cycle.';
COMMENT ON COLUMN credentialing.provider_payer_applications.status_changed_at IS
'When application_status last changed (set by trigger).';
COMMENT ON COLUMN credentialing.provider_payer_applications.expected_decision_date IS
'Set on submission: submitted date + the workflow''s typical_approval_days (or credentialing.default_approval_days).';
COMMENT ON COLUMN credentialing.provider_payer_applications.effective_date IS
'Contract effective date to use on approval (else the approval date).';
COMMENT ON COLUMN credentialing.provider_payer_applications.payer_application_id IS
'The payer''s application number (filled from a completed record_application_id task when empty).';
COMMENT ON COLUMN credentialing.provider_payer_applications.reapplication_eligible IS
'Whether a denied or withdrawn application may be reopened.';

CREATE TABLE credentialing.provider_payer_networks (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	provider_id uuid NOT NULL REFERENCES credentialing.providers (id) ON DELETE CASCADE,
	payer_id uuid NOT NULL REFERENCES credentialing.payers (id) ON DELETE CASCADE,
	status text NOT NULL DEFAULT 'in_network'
		CONSTRAINT provider_payer_networks_status_check
		CHECK (status IN ('in_network', 'pending', 'terminated')),
	effective_date date NOT NULL,
	expiration_date date,
	application_id uuid REFERENCES credentialing.provider_payer_applications (id) ON DELETE SET NULL,
	notes text,
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT provider_payer_networks_provider_payer_key UNIQUE (provider_id, payer_id),
	CONSTRAINT provider_payer_networks_dates_check
		CHECK (expiration_date IS NULL OR expiration_date >= effective_date)
);
COMMENT ON TABLE credentialing.provider_payer_networks IS
'Network contracts: a provider is in network with a payer from effective_date.';
COMMENT ON COLUMN credentialing.provider_payer_networks.application_id IS
'The approved application that created or last reactivated the contract.';

CREATE TABLE credentialing.supervision_relationships (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	supervisor_id uuid NOT NULL REFERENCES credentialing.providers (id) ON DELETE CASCADE,
	supervisee_id uuid NOT NULL REFERENCES credentialing.providers (id) ON DELETE CASCADE,
	payer_id uuid REFERENCES credentialing.payers (id) ON DELETE CASCADE,
	supervision_level text
		CONSTRAINT supervision_relationships_level_check
		CHECK (supervision_level IN ('none', 'sign_off_only', 'first_visit_in_person', 'co_visit_required')),
	start_date date NOT NULL DEFAULT CURRENT_DATE,
	end_date date,
	is_active boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT supervision_relationships_key UNIQUE NULLS NOT DISTINCT (supervisor_id, supervisee_id, payer_id, start_date),
	CONSTRAINT supervision_relationships_distinct_check CHECK (supervisor_id <> supervisee_id),
	CONSTRAINT supervision_relationships_dates_check CHECK (end_date IS NULL OR end_date >= start_date)
);
COMMENT ON TABLE credentialing.supervision_relationships IS
'Who supervises whom, for which payer (NULL payer: any payer), and when.';

CREATE TABLE credentialing.appointments (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	patient_id text NOT NULL,
	provider_id uuid NOT NULL REFERENCES credentialing.providers (id) ON DELETE CASCADE,
	payer_id uuid REFERENCES credentialing.payers (id) ON DELETE CASCADE,
	starts_at timestamptz NOT NULL,
	status text NOT NULL DEFAULT 'scheduled'
		CONSTRAINT appointments_status_check
		CHECK (status IN ('scheduled', 'completed', 'cancelled', 'no_show')),
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE credentialing.appointments IS
'Patient appointments; they feed each payer''s census.';
COMMENT ON COLUMN credentialing.appointments.patient_id IS
'The scheduling system''s patient identifier.';

/* ------------------------------------------------------------------------
 * Workflows, tasks and audit
 * ------------------------------------------------------------------------ */

CREATE TABLE credentialing.payer_credentialing_workflows (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	payer_id uuid NOT NULL UNIQUE REFERENCES credentialing.payers (id) ON DELETE CASCADE,
	workflow_type text NOT NULL
		CONSTRAINT payer_credentialing_workflows_type_check
		CHECK (workflow_type IN ('instant_network', 'online_portal', 'excel_submission', 'pdf_form_submission')),
	task_templates jsonb NOT NULL DEFAULT '[]',
	portal_url text,
	portal_instructions text,
	excel_template_url text,
	excel_submission_email text,
	form_template_url text,
	submission_email text,
	credentialing_contact_name text,
	credentialing_contact_email text,
	credentialing_contact_phone text,
	notes text,
	typical_approval_days integer
		CONSTRAINT payer_credentialing_workflows_days_check CHECK (typical_approval_days >= 0),
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE credentialing.payer_credentialing_workflows IS
'How each payer credentials a provider: the workflow type and optional task templates.';
COMMENT ON COLUMN credentialing.payer_credentialing_workflows.task_templates IS
'Array of {"title", "description", "order", "estimated_days", "task_type"}; empty: the workflow type''s default tasks.';
COMMENT ON COLUMN credentialing.payer_credentialing_workflows.typical_approval_days IS
'Days from submission to decision; sets expected_decision_date and the default follow-up task.';

CREATE TABLE credentialing.provider_credentialing_tasks (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	provider_id uuid NOT NULL,
	payer_id uuid NOT NULL,
	task_type text NOT NULL,
	title text NOT NULL,
	description text,
	task_status text NOT NULL DEFAULT 'pending'
		CONSTRAINT provider_credentialing_tasks_status_check
		CHECK (task_status IN ('pending', 'in_progress', 'completed', 'blocked', 'not_applicable')),
	task_order integer NOT NULL,
	estimated_days integer
		CONSTRAINT provider_credentialing_tasks_days_check CHECK (estimated_days >= 0),
	due_date date,
	completed_date date,
	notes text,
	uploaded_document_url text,
	assigned_to text,
	application_id text,
	portal_url text,
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT provider_credentialing_tasks_application_fkey
		FOREIGN KEY (provider_id, payer_id)
		REFERENCES credentialing.provider_payer_applications (provider_id, payer_id)
		ON DELETE CASCADE
);
COMMENT ON TABLE credentialing.provider_credentialing_tasks IS
'The checklist of one provider''s application with one payer.';
COMMENT ON COLUMN credentialing.provider_credentialing_tasks.application_id IS
'The payer''s application number, as recorded by a task (text, not a reference).';
COMMENT ON COLUMN credentialing.provider_credentialing_tasks.completed_date IS
'Set when the task enters completed (unless given), cleared when it leaves.';

CREATE TABLE credentialing.credentialing_events (
	id bigserial PRIMARY KEY,
	occurred_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	actor text NOT NULL DEFAULT CURRENT_USER,
	entity text NOT NULL
		CONSTRAINT credentialing_events_entity_check
		CHECK (entity IN ('application', 'task', 'network')),
	entity_id uuid NOT NULL,
	provider_id uuid,
	payer_id uuid,
	action text NOT NULL,
	old_value text,
	new_value text,
	details jsonb
);
COMMENT ON TABLE credentialing.credentialing_events IS
'Append-only audit trail of applications, tasks and contracts.';
COMMENT ON COLUMN credentialing.credentialing_events.actor IS
'The session''s role, followed by " (sub <jwt sub>)" when the API layer set a JWT.';
COMMENT ON COLUMN credentialing.credentialing_events.action IS
'created, status_changed, network_created, network_reactivated, application_id_recorded, ...';

/* ------------------------------------------------------------------------
 * Indexes
 * ------------------------------------------------------------------------ */

-- (payer_id, provider_id) rather than (payer_id) alone: the foreign key check
-- of every task insert looks up (provider_id, payer_id), and a plan that
-- picks this index must not have to filter every application of the payer.
CREATE INDEX provider_payer_applications_payer_idx
	ON credentialing.provider_payer_applications (payer_id, provider_id);
CREATE INDEX provider_payer_applications_open_decision_idx
	ON credentialing.provider_payer_applications (expected_decision_date)
	WHERE application_status IN ('submitted', 'under_review', 'in_progress');
CREATE INDEX provider_payer_applications_status_idx
	ON credentialing.provider_payer_applications (application_status, status_changed_at)
	INCLUDE (expected_decision_date);
CREATE INDEX provider_payer_networks_payer_idx
	ON credentialing.provider_payer_networks (payer_id);
CREATE INDEX provider_credentialing_tasks_provider_payer_idx
	ON credentialing.provider_credentialing_tasks (provider_id, payer_id, task_order);
CREATE INDEX provider_credentialing_tasks_payer_idx
	ON credentialing.provider_credentialing_tasks (payer_id);
CREATE INDEX provider_credentialing_tasks_open_due_idx
	ON credentialing.provider_credentialing_tasks (due_date)
	WHERE task_status IN ('pending', 'in_progress', 'blocked');
CREATE INDEX supervision_relationships_supervisee_idx
	ON credentialing.supervision_relationships (supervisee_id);
CREATE INDEX supervision_relationships_payer_idx
	ON credentialing.supervision_relationships (payer_id);
CREATE INDEX appointments_provider_idx
	ON credentialing.appointments (provider_id);
CREATE INDEX appointments_payer_idx
	ON credentialing.appointments (payer_id);
CREATE INDEX appointments_patient_idx
	ON credentialing.appointments (patient_id, starts_at);
CREATE INDEX credentialing_events_entity_idx
	ON credentialing.credentialing_events (entity_id, id);
CREATE INDEX credentialing_events_provider_idx
	ON credentialing.credentialing_events (provider_id);

/* ------------------------------------------------------------------------
 * Triggers
 * ------------------------------------------------------------------------ */

CREATE TRIGGER providers_set_updated_at
	BEFORE UPDATE ON credentialing.providers
	FOR EACH ROW EXECUTE FUNCTION credentialing.set_updated_at();
CREATE TRIGGER payers_set_updated_at
	BEFORE UPDATE ON credentialing.payers
	FOR EACH ROW EXECUTE FUNCTION credentialing.set_updated_at();
CREATE TRIGGER provider_payer_networks_set_updated_at
	BEFORE UPDATE ON credentialing.provider_payer_networks
	FOR EACH ROW EXECUTE FUNCTION credentialing.set_updated_at();
CREATE TRIGGER supervision_relationships_set_updated_at
	BEFORE UPDATE ON credentialing.supervision_relationships
	FOR EACH ROW EXECUTE FUNCTION credentialing.set_updated_at();
CREATE TRIGGER appointments_set_updated_at
	BEFORE UPDATE ON credentialing.appointments
	FOR EACH ROW EXECUTE FUNCTION credentialing.set_updated_at();

CREATE FUNCTION credentialing.workflow_before_write()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'workflow_before_write';
COMMENT ON FUNCTION credentialing.workflow_before_write() IS
'Row trigger on payer_credentialing_workflows: validates task_templates and maintains updated_at.';
CREATE TRIGGER payer_credentialing_workflows_before_write
	BEFORE INSERT OR UPDATE ON credentialing.payer_credentialing_workflows
	FOR EACH ROW EXECUTE FUNCTION credentialing.workflow_before_write();

CREATE FUNCTION credentialing.application_before_write()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'application_before_write';
COMMENT ON FUNCTION credentialing.application_before_write() IS
'Row trigger on provider_payer_applications: enforces the status transitions and fills the automatic dates.';
CREATE TRIGGER provider_payer_applications_before_write
	BEFORE INSERT OR UPDATE ON credentialing.provider_payer_applications
	FOR EACH ROW EXECUTE FUNCTION credentialing.application_before_write();

CREATE FUNCTION credentialing.application_after_update()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'application_after_update';
COMMENT ON FUNCTION credentialing.application_after_update() IS
'Statement trigger on provider_payer_applications (transition tables old_applications, new_applications): audits the statement''s status changes set-based and creates or reactivates the contracts of the approved applications.';
CREATE TRIGGER provider_payer_applications_after_update
	AFTER UPDATE ON credentialing.provider_payer_applications
	REFERENCING OLD TABLE AS old_applications NEW TABLE AS new_applications
	FOR EACH STATEMENT EXECUTE FUNCTION credentialing.application_after_update();

CREATE FUNCTION credentialing.task_before_write()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'task_before_write';
COMMENT ON FUNCTION credentialing.task_before_write() IS
'Row trigger on provider_credentialing_tasks: maintains completed_date and updated_at.';
CREATE TRIGGER provider_credentialing_tasks_before_write
	BEFORE INSERT OR UPDATE ON credentialing.provider_credentialing_tasks
	FOR EACH ROW EXECUTE FUNCTION credentialing.task_before_write();

CREATE FUNCTION credentialing.task_after_update()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'task_after_update';
COMMENT ON FUNCTION credentialing.task_after_update() IS
'Statement trigger on provider_credentialing_tasks (transition tables old_tasks, new_tasks): audits the statement''s status changes set-based and propagates a recorded application number.';
CREATE TRIGGER provider_credentialing_tasks_after_update
	AFTER UPDATE ON credentialing.provider_credentialing_tasks
	REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks
	FOR EACH STATEMENT EXECUTE FUNCTION credentialing.task_after_update();

CREATE FUNCTION credentialing.refuse_audit_change()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'refuse_audit_change';
COMMENT ON FUNCTION credentialing.refuse_audit_change() IS
'Trigger on credentialing_events: refuses UPDATE, DELETE and TRUNCATE (the audit trail is append-only).';
CREATE TRIGGER credentialing_events_append_only
	BEFORE UPDATE OR DELETE ON credentialing.credentialing_events
	FOR EACH ROW EXECUTE FUNCTION credentialing.refuse_audit_change();
CREATE TRIGGER credentialing_events_no_truncate
	BEFORE TRUNCATE ON credentialing.credentialing_events
	FOR EACH STATEMENT EXECUTE FUNCTION credentialing.refuse_audit_change();

/* ------------------------------------------------------------------------
 * Task generation
 * ------------------------------------------------------------------------ */

CREATE FUNCTION credentialing.credential_payers(
	p_provider_id uuid,
	p_payer_ids uuid[],
	p_as_of date DEFAULT CURRENT_DATE)
RETURNS jsonb
LANGUAGE C VOLATILE
AS 'MODULE_PATHNAME', 'credential_payers';
COMMENT ON FUNCTION credentialing.credential_payers(uuid, uuid[], date) IS
'Creates (or reopens) the provider''s application with each payer and its task checklist; all or nothing. Returns {"tasksCreated", "applicationsCreated", "details": [...]}.';

/* ------------------------------------------------------------------------
 * Progress, pipeline and overdue helpers
 * ------------------------------------------------------------------------ */

CREATE FUNCTION credentialing.get_provider_credentialing_progress(
	p_provider_id uuid,
	p_as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (
	payer_id uuid,
	payer_name text,
	application_status text,
	total_tasks integer,
	completed_tasks integer,
	in_progress_tasks integer,
	pending_tasks integer,
	blocked_tasks integer,
	completion_percentage numeric(5,1),
	next_due_date date,
	overdue_tasks integer)
LANGUAGE C STABLE
AS 'MODULE_PATHNAME', 'get_provider_credentialing_progress';
COMMENT ON FUNCTION credentialing.get_provider_credentialing_progress(uuid, date) IS
'Per payer: task counts (not_applicable left out), completion percentage, next due date and overdue tasks of one provider.';

CREATE FUNCTION credentialing.get_credentialing_pipeline_summary(
	p_as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (
	application_status text,
	application_count integer,
	avg_days_in_status numeric,
	oldest_in_status_since date,
	overdue_count integer)
LANGUAGE C STABLE
AS 'MODULE_PATHNAME', 'get_credentialing_pipeline_summary';
COMMENT ON FUNCTION credentialing.get_credentialing_pipeline_summary(date) IS
'One row per open application status (under_review, submitted, in_progress, on_hold, not_started), zero counts included.';

CREATE FUNCTION credentialing.get_overdue_applications(
	p_as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (
	application_id uuid,
	provider_id uuid,
	provider_name text,
	payer_id uuid,
	payer_name text,
	application_status text,
	application_submitted_date date,
	expected_decision_date date,
	days_overdue integer)
LANGUAGE C STABLE
AS 'MODULE_PATHNAME', 'get_overdue_applications';
COMMENT ON FUNCTION credentialing.get_overdue_applications(date) IS
'Submitted, under_review and in_progress applications whose expected decision date is before p_as_of, most overdue first.';

CREATE FUNCTION credentialing.get_overdue_tasks(
	p_as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (
	task_id uuid,
	provider_id uuid,
	provider_name text,
	payer_id uuid,
	payer_name text,
	title text,
	task_status text,
	due_date date,
	days_overdue integer)
LANGUAGE C STABLE
AS 'MODULE_PATHNAME', 'get_overdue_tasks';
COMMENT ON FUNCTION credentialing.get_overdue_tasks(date) IS
'Open tasks (pending, in_progress, blocked) whose due date is before p_as_of, most overdue first.';

/* ------------------------------------------------------------------------
 * Admin surface
 * ------------------------------------------------------------------------ */

CREATE FUNCTION credentialing.payer_selection_stats(
	p_provider_id uuid DEFAULT NULL,
	p_as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (
	id uuid,
	name text,
	payer_type text,
	state text,
	requires_individual_contract boolean,
	allows_supervised boolean,
	requires_attending boolean,
	supervision_level text,
	total_contracts integer,
	bookable_providers integer,
	current_census integer,
	workflow_type text,
	typical_approval_days integer,
	already_credentialing boolean,
	already_contracted boolean,
	is_recommended boolean)
LANGUAGE C STABLE
AS 'MODULE_PATHNAME', 'payer_selection_stats';
COMMENT ON FUNCTION credentialing.payer_selection_stats(uuid, date) IS
'One row per active payer, by name: contracts in force on p_as_of, bookable providers (contracted, or supervised by a contracted attending), census, workflow; with a provider also already_credentialing, already_contracted, is_recommended.';

CREATE FUNCTION credentialing.credentialing_dashboard(
	p_provider_id uuid,
	p_as_of date DEFAULT CURRENT_DATE)
RETURNS jsonb
LANGUAGE C STABLE
AS 'MODULE_PATHNAME', 'credentialing_dashboard';
COMMENT ON FUNCTION credentialing.credentialing_dashboard(uuid, date) IS
'One provider''s credentialing as {"provider", "overall_stats", "payers": [{..., "tasks": [...]}]}, with the figures and order of get_provider_credentialing_progress.';

CREATE FUNCTION credentialing.update_credentialing_task(
	p_task_id uuid,
	p_patch jsonb)
RETURNS jsonb
LANGUAGE C VOLATILE
AS 'MODULE_PATHNAME', 'update_credentialing_task';
COMMENT ON FUNCTION credentialing.update_credentialing_task(uuid, jsonb) IS
'PATCH of one task: task_status, notes, assigned_to, application_id, due_date (YYYY-MM-DD), uploaded_document_url; absent keys are kept, null clears (not task_status). Returns the updated task.';

CREATE FUNCTION credentialing.bulk_update_credentialing_tasks(
	p_task_ids uuid[],
	p_patch jsonb)
RETURNS integer
LANGUAGE C VOLATILE
AS 'MODULE_PATHNAME', 'bulk_update_credentialing_tasks';
COMMENT ON FUNCTION credentialing.bulk_update_credentialing_tasks(uuid[], jsonb) IS
'Applies one task patch (as update_credentialing_task) to every listed task, all or nothing; duplicates folded. Returns the number of tasks updated.';

CREATE FUNCTION credentialing.credentialing_time_by_payer(
	p_from date,
	p_to date)
RETURNS TABLE (
	payer_id uuid,
	payer_name text,
	applications_approved integer,
	median_days numeric,
	mean_days numeric,
	typical_approval_days integer)
LANGUAGE C STABLE
AS 'MODULE_PATHNAME', 'credentialing_time_by_payer';
COMMENT ON FUNCTION credentialing.credentialing_time_by_payer(date, date) IS
'Per payer: applications approved between p_from and p_to (inclusive), median and mean days from submission to approval, and the workflow''s typical_approval_days.';

CREATE FUNCTION credentialing.credentialing_calendar(
	p_provider_id uuid DEFAULT NULL)
RETURNS text
LANGUAGE C STABLE
AS 'MODULE_PATHNAME', 'credentialing_calendar';
COMMENT ON FUNCTION credentialing.credentialing_calendar(uuid) IS
'iCalendar (RFC 5545) feed of open task due dates and open applications'' expected decision dates, of one provider or (NULL) everyone.';

CREATE FUNCTION credentialing.notify_overdue(
	p_as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (
	kind text,
	id uuid,
	payload jsonb)
LANGUAGE C VOLATILE
AS 'MODULE_PATHNAME', 'notify_overdue';
COMMENT ON FUNCTION credentialing.notify_overdue(date) IS
'Sends NOTIFY credentialing_overdue with a JSON payload for each overdue application and task (as get_overdue_applications and get_overdue_tasks report them) and returns them.';

/* ------------------------------------------------------------------------
 * Caller identity
 * ------------------------------------------------------------------------ */

CREATE FUNCTION credentialing.current_provider_id()
RETURNS uuid
LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'current_provider_id';
COMMENT ON FUNCTION credentialing.current_provider_id() IS
'The provider_id claim of the caller''s JWT (request.jwt.claims or jwt.claims.provider_id); NULL when unset or empty.';

/* ------------------------------------------------------------------------
 * Claim status (X12 277) and appeals: types and tables
 * ------------------------------------------------------------------------ */

CREATE TYPE credentialing.claim_status_277 AS (
	interchange_control_number text,
	transaction_control_number text,
	implementation text,
	payer_name text,
	payer_id text,
	provider_name text,
	provider_npi text,
	subscriber_id text,
	patient_last_name text,
	patient_first_name text,
	is_dependent boolean,
	trace_number text,
	payer_claim_control_number text,
	patient_account_number text,
	bill_type text,
	category_code text,
	status_code text,
	entity_code text,
	status_codes text[],
	status_date date,
	action_code text,
	total_charge numeric,
	payment_amount numeric,
	finalized_date date,
	remittance_date date,
	check_number text,
	free_text text,
	service_from date,
	service_to date,
	service_lines jsonb,
	claim_status text,
	is_rejection boolean,
	segment_number integer
);
COMMENT ON TYPE credentialing.claim_status_277 IS
'One claim of a 277 claim-status response, as parse_277 returns it.';

CREATE TABLE credentialing.appeal_settings (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	singleton boolean NOT NULL DEFAULT true
		CONSTRAINT appeal_settings_singleton_check CHECK (singleton)
		CONSTRAINT appeal_settings_singleton_key UNIQUE,
	appeals_enabled boolean NOT NULL DEFAULT true,
	include_appeal_metadata boolean NOT NULL DEFAULT true,
	timely_filing_days integer NOT NULL DEFAULT 180
		CONSTRAINT appeal_settings_timely_filing_days_check CHECK (timely_filing_days >= 0),
	default_appeal_type text NOT NULL DEFAULT 'Reconsideration',
	deadline_warning_days integer NOT NULL DEFAULT 30
		CONSTRAINT appeal_settings_deadline_warning_days_check CHECK (deadline_warning_days >= 0),
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE credentialing.appeal_settings IS
'The global appeal settings: exactly one row (an INSERT replaces its values).';
COMMENT ON COLUMN credentialing.appeal_settings.default_appeal_type IS
'Reconsideration, Redetermination or Administrative Review; anything else falls back to Reconsideration with a WARNING.';
COMMENT ON COLUMN credentialing.appeal_settings.deadline_warning_days IS
'Below this many days left, appeal messages warn that the deadline is near.';

CREATE TABLE credentialing.payer_appeal_rules (
	payer_code text PRIMARY KEY,
	payer_name text,
	appeals_enabled boolean,
	timely_filing_days integer
		CONSTRAINT payer_appeal_rules_timely_filing_days_check CHECK (timely_filing_days >= 0),
	default_appeal_type text,
	notice_grace_days integer NOT NULL DEFAULT 0
		CONSTRAINT payer_appeal_rules_notice_grace_days_check CHECK (notice_grace_days >= 0),
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE credentialing.payer_appeal_rules IS
'Per-payer overrides of the appeal settings; NULL columns use the global value.';
COMMENT ON COLUMN credentialing.payer_appeal_rules.payer_code IS
'Matches payers.x12_payer_id and a claim''s payer id (NM1*PR).';
COMMENT ON COLUMN credentialing.payer_appeal_rules.notice_grace_days IS
'Days added to the timely filing deadline (e.g. for mailing of notices).';

CREATE TABLE credentialing.claims (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	payer_code text NOT NULL,
	claim_number text NOT NULL,
	payer_name text,
	payer_id uuid REFERENCES credentialing.payers (id) ON DELETE SET NULL,
	patient_account_number text,
	trace_number text,
	member_id text,
	provider_npi text,
	claim_status text NOT NULL
		CONSTRAINT claims_claim_status_check
		CHECK (claim_status IN ('Adjusted', 'Forwarded', 'Partially Paid', 'Denied', 'Paid', 'Rejected',
								'Not Found', 'Suspended', 'Pending', 'In Process', 'Error')),
	category_code text,
	status_code text,
	status_codes text[],
	billed numeric,
	allowed numeric,
	paid numeric,
	reason_codes text[],
	comment text,
	diagnosis_codes text[],
	procedure_code text,
	modifiers text[],
	service_from date,
	service_to date,
	finalized_date date,
	remittance_date date,
	status_date date,
	last_status_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	source text NOT NULL DEFAULT 'manual'
		CONSTRAINT claims_source_check CHECK (source IN ('x12_277', 'ecs_json', 'manual')),
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	CONSTRAINT claims_payer_claim_key UNIQUE (payer_code, claim_number)
);
COMMENT ON TABLE credentialing.claims IS
'The latest known status of each claim, per payer and claim number.';
COMMENT ON COLUMN credentialing.claims.claim_number IS
'The payer''s claim control number (REF*1K), else the trace number (TRN02).';
COMMENT ON COLUMN credentialing.claims.remittance_date IS
'Remittance or processed date (STC08); second choice for the appeal deadline anchor.';
COMMENT ON COLUMN credentialing.claims.last_status_at IS
'When the status was last observed.';

CREATE TABLE credentialing.claim_status_history (
	id bigserial PRIMARY KEY,
	claim_id uuid NOT NULL REFERENCES credentialing.claims (id) ON DELETE CASCADE,
	observed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	source text NOT NULL,
	claim_status text NOT NULL,
	category_code text,
	status_code text,
	status_codes text[],
	billed numeric,
	paid numeric,
	status_date date,
	finalized_date date,
	trace_number text,
	details jsonb
);
COMMENT ON TABLE credentialing.claim_status_history IS
'Every status observation of every claim, in arrival order.';

CREATE TABLE credentialing.appeals (
	id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	claim_id uuid NOT NULL REFERENCES credentialing.claims (id) ON DELETE RESTRICT,
	appeal_type text NOT NULL
		CONSTRAINT appeals_appeal_type_check
		CHECK (appeal_type IN ('Reconsideration', 'Redetermination', 'Administrative Review')),
	status text NOT NULL DEFAULT 'queued'
		CONSTRAINT appeals_status_check
		CHECK (status IN ('queued', 'submitted', 'in_review', 'decided', 'withdrawn', 'failed')),
	decision text
		CONSTRAINT appeals_decision_check
		CHECK (decision IN ('overturned', 'partially_overturned', 'upheld')),
	request_reason text NOT NULL
		CONSTRAINT appeals_request_reason_check
		CHECK (request_reason IN ('DENIAL_OF_COVERAGE', 'PAYMENT_AMOUNT', 'MEDICAL_NECESSITY',
								  'OUT_OF_NETWORK', 'PRIOR_AUTHORIZATION', 'TIMELY_FILING',
								  'CODING_DISPUTE', 'DUPLICATE_CLAIM', 'COORDINATION_OF_BENEFITS',
								  'OTHER')),
	narrative text NOT NULL
		CONSTRAINT appeals_narrative_length_check
		CHECK (pg_catalog.char_length(narrative) BETWEEN 10 AND 4000),
	attachments jsonb NOT NULL DEFAULT '[]',
	contact jsonb,
	source text NOT NULL DEFAULT 'ECS',
	submitted_by text,
	submitted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	deadline date,
	decided_at timestamptz,
	approved_amount numeric
		CONSTRAINT appeals_approved_amount_check CHECK (approved_amount >= 0),
	created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	updated_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE credentialing.appeals IS
'Appeals of claims, from submission (queued) to decision.';
COMMENT ON COLUMN credentialing.appeals.status IS
'queued (waiting in the outbox), submitted (published), in_review, decided, withdrawn, failed (publishing gave up).';
COMMENT ON COLUMN credentialing.appeals.submitted_by IS
'The submitting role, plus the JWT sub when present.';
COMMENT ON COLUMN credentialing.appeals.deadline IS
'The timely filing deadline computed at submission.';

CREATE UNIQUE INDEX appeals_one_active_per_claim
	ON credentialing.appeals (claim_id)
	WHERE status NOT IN ('withdrawn', 'failed');
COMMENT ON INDEX credentialing.appeals_one_active_per_claim IS
'At most one appeal per claim that is neither withdrawn nor failed.';

CREATE TABLE credentialing.appeal_outbox (
	id bigserial PRIMARY KEY,
	topic text NOT NULL,
	appeal_id uuid REFERENCES credentialing.appeals (id) ON DELETE CASCADE,
	payload jsonb NOT NULL,
	enqueued_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	available_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	attempts integer NOT NULL DEFAULT 0,
	published_at timestamptz,
	last_error text
);
COMMENT ON TABLE credentialing.appeal_outbox IS
'Durable outbox of appeal messages for an outside publisher (appeal_outbox_claim / _ack / _nack).';
COMMENT ON COLUMN credentialing.appeal_outbox.available_at IS
'When the message may next be claimed: after a claim, the end of its lease; after a nack, the retry time.';
COMMENT ON COLUMN credentialing.appeal_outbox.attempts IS
'How many times the message has been claimed.';

CREATE INDEX claims_claim_number_idx ON credentialing.claims (claim_number);
CREATE INDEX claims_provider_npi_idx ON credentialing.claims (provider_npi);
CREATE INDEX claims_finalized_date_idx ON credentialing.claims (finalized_date);
CREATE INDEX claim_status_history_claim_idx ON credentialing.claim_status_history (claim_id, id);
CREATE INDEX appeals_submitted_at_idx ON credentialing.appeals (submitted_at);
CREATE INDEX appeal_outbox_pending_idx ON credentialing.appeal_outbox (available_at, id)
	WHERE published_at IS NULL;
CREATE INDEX appeal_outbox_appeal_idx ON credentialing.appeal_outbox (appeal_id);

CREATE TRIGGER payer_appeal_rules_set_updated_at
	BEFORE UPDATE ON credentialing.payer_appeal_rules
	FOR EACH ROW EXECUTE FUNCTION credentialing.set_updated_at();
CREATE TRIGGER claims_set_updated_at
	BEFORE UPDATE ON credentialing.claims
	FOR EACH ROW EXECUTE FUNCTION credentialing.set_updated_at();
CREATE TRIGGER appeals_set_updated_at
	BEFORE UPDATE ON credentialing.appeals
	FOR EACH ROW EXECUTE FUNCTION credentialing.set_updated_at();

/* ------------------------------------------------------------------------
 * Claim status and appeals: rules, value-adds and appeal status
 * ------------------------------------------------------------------------ */

CREATE FUNCTION credentialing.appeal_settings_merge()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'appeal_settings_merge';
COMMENT ON FUNCTION credentialing.appeal_settings_merge() IS
'Row trigger (BEFORE INSERT on appeal_settings): when the singleton row exists, the inserted values (id and timestamps included) replace its values and the INSERT is skipped, so a pg_dump restore and a plain INSERT both leave exactly one row.';

CREATE TRIGGER appeal_settings_merge
	BEFORE INSERT ON credentialing.appeal_settings
	FOR EACH ROW EXECUTE FUNCTION credentialing.appeal_settings_merge();
COMMENT ON TRIGGER appeal_settings_merge ON credentialing.appeal_settings IS
'An INSERT while the singleton row exists replaces that row''s values (INSERT reports 0 rows).';

/* updated_at follows every UPDATE unless the writer sets it: the merge of a
 * restored row keeps the dumped timestamp. */
CREATE TRIGGER appeal_settings_set_updated_at
	BEFORE UPDATE ON credentialing.appeal_settings
	FOR EACH ROW
	WHEN (NEW.updated_at OPERATOR(pg_catalog.=) OLD.updated_at)
	EXECUTE FUNCTION credentialing.set_updated_at();
COMMENT ON TRIGGER appeal_settings_set_updated_at ON credentialing.appeal_settings IS
'Sets updated_at on UPDATE, unless the statement sets updated_at itself.';

INSERT INTO credentialing.appeal_settings DEFAULT VALUES;

CREATE FUNCTION credentialing.apply_integration_config(p_config jsonb)
RETURNS jsonb
LANGUAGE C VOLATILE
AS 'MODULE_PATHNAME', 'apply_integration_config';
COMMENT ON FUNCTION credentialing.apply_integration_config(jsonb) IS
'Imports the integration configuration document: ecs.valueAdds277.appealConfiguration {timelyFilingDays, includeAppealMetadata, defaultAppealType, deadlineWarningDays}, appeals.enabled and ecs.valueAdds277.integrationFlags.appeals (appeals stay enabled unless either is false) into appeal_settings, and payerSpecificOverrides.<key> {payerId (else the key), payerName, ecsValueAdds277Override {integrationFlags.appeals, appealConfiguration {timelyFilingDays, defaultAppealType, noticeGraceDays}}} into payer_appeal_rules. Absent keys leave values unchanged; null in an override means "use the global value". Validates everything first (SQLSTATE 22023 naming the JSON path), then writes, all or nothing. Returns {"settings": {column: {"old", "new"}}, "payerRules": {"inserted": [codes], "updated": [{"payerCode", "changes"}], "unchanged": [codes]}}.';

CREATE FUNCTION credentialing.ingest_ecs_claims(p_response jsonb)
RETURNS TABLE (claim_id uuid, claim_number text, claim_status text,
			   eligible_for_appeal boolean, inserted boolean)
LANGUAGE C VOLATILE
AS 'MODULE_PATHNAME', 'ingest_ecs_claims';
COMMENT ON FUNCTION credentialing.ingest_ecs_claims(jsonb) IS
'Stores every claim of an ECS claim-status response {"claims": [...]} in claims (upsert by payer code and claim number) and claim_status_history, in one transaction. Each claim needs claimNumber, claimStatus (a §5.2 name, any case) and a payer code: its payerId or payerCode, else the response''s payerId or payerCode. eligible_for_appeal: Denied or Partially Paid with appeals enabled for the payer.';

CREATE FUNCTION credentialing.ecs_value_adds(p_claim jsonb, p_as_of date DEFAULT CURRENT_DATE)
RETURNS jsonb
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'ecs_value_adds';
COMMENT ON FUNCTION credentialing.ecs_value_adds(jsonb, date) IS
'The claim object with the ValueAdds277 fields: eligibleForAppeal (Denied or Partially Paid, appeals enabled for the claim''s payerId/payerCode), and when eligible and include_appeal_metadata: appealMessage, appealType, appealTimelyFilingDate (CCYYMMDD), appealDaysRemaining (as of p_as_of); eligibleForCorrection (Rejected, Adjusted), eligibleForAttachment (Pending, In Process, Suspended), eligibleForRemittanceViewer (Paid, Partially Paid). Dates are read as CCYYMMDD or YYYY-MM-DD.';

CREATE FUNCTION credentialing.appeal_status(p_claim_number text, p_payer_code text DEFAULT NULL,
											p_as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (can_appeal boolean, reason text, appeal_type text, deadline date,
			   days_remaining integer, message text)
LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'appeal_status';
COMMENT ON FUNCTION credentialing.appeal_status(text, text, date) IS
'Whether the stored claim can be appealed as of p_as_of; reason is the first failing check: Claim status does not allow appeals, Appeals are disabled for this payer, Timely filing deadline has passed, Provider is not authorized for this claim, Claim has already been appealed. Deadline = finalized (else remittance/processed, else status) date + timely filing days + notice grace days. message: the appeal message, or a warning when fewer than deadline_warning_days remain. A claim number held by several payers needs p_payer_code.';

CREATE FUNCTION credentialing.appeal_prefill(p_claim_number text, p_payer_code text DEFAULT NULL)
RETURNS jsonb
LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'appeal_prefill';
COMMENT ON FUNCTION credentialing.appeal_prefill(text, text) IS
'The data that pre-populates an appeal of the stored claim: {appealType, claimNumber, patientAccountNumber, memberId, providerNpi, claimStatus, denialReasons, denialComment, billedAmount, timelyFilingDeadline, serviceFromDate, serviceToDate, diagnosisCodes, procedureCode, modifiers}; dates as CCYYMMDD; unknown lists are [], other unknown values null.';

/* ------------------------------------------------------------------------
 * Claim status (X12 277): reading and ingesting
 * ------------------------------------------------------------------------ */

CREATE FUNCTION credentialing.parse_277(p_x12 text)
RETURNS SETOF credentialing.claim_status_277
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'parse_277';
COMMENT ON FUNCTION credentialing.parse_277(text) IS
'Reads an X12 277 (005010X212 claim status or 005010X214 277CA): one row per claim. Malformed input is an error (22P02) naming the segment and element; envelope mismatches are WARNINGs.';

CREATE FUNCTION credentialing.ingest_277(p_x12 text)
RETURNS TABLE (
	claim_id uuid,
	claim_number text,
	claim_status text,
	eligible_for_appeal boolean,
	inserted boolean)
LANGUAGE C VOLATILE STRICT
AS 'MODULE_PATHNAME', 'ingest_277';
COMMENT ON FUNCTION credentialing.ingest_277(text) IS
'Parses an X12 277 and upserts every claim into claims (with a claim_status_history row each), all in the caller''s transaction.';

/* ------------------------------------------------------------------------
 * Appeals: submission, outbox and metrics
 * ------------------------------------------------------------------------ */

CREATE FUNCTION credentialing.submit_appeal(
	p_claim_number text,
	p_request_reason text,
	p_narrative text,
	p_attachments jsonb DEFAULT '[]',
	p_contact jsonb DEFAULT NULL,
	p_payer_code text DEFAULT NULL,
	p_source text DEFAULT 'ECS',
	p_as_of date DEFAULT CURRENT_DATE)
RETURNS jsonb
LANGUAGE C VOLATILE
AS 'MODULE_PATHNAME', 'submit_appeal';
COMMENT ON FUNCTION credentialing.submit_appeal(text, text, text, jsonb, jsonb, text, text, date) IS
'Files an appeal of the stored claim, in the caller''s transaction: validates the request (22023: request reason one of DENIAL_OF_COVERAGE, PAYMENT_AMOUNT, MEDICAL_NECESSITY, OUT_OF_NETWORK, PRIOR_AUTHORIZATION, TIMELY_FILING, CODING_DISPUTE, DUPLICATE_CLAIM, COORDINATION_OF_BENEFITS, OTHER; narrative of 10 to 4000 characters; at most 10 attachments {fileName, fileType gif/jpg/jpeg/pdf/tif/tiff in any case, fileSizeBytes 1 to 67108864, optional documentType} with no other keys; contact a JSON object), locks the claim and runs every check of appeal_status (refusals: 23514 for the claim status, disabled appeals and a passed deadline, 42501 for another provider''s claim, 23505 when the claim already has an active appeal), then writes the appeal (queued), one appeal_outbox message on topic appeals-in (the appeal_prefill object plus "request" and "appealId") and NOTIFY credentialing_appeals_in with the appeal id. Returns {appealId, status, claimNumber, appealType, timelyFilingDeadline (CCYYMMDD), submittedAt}.';

CREATE FUNCTION credentialing.record_appeal_decision(
	p_appeal_id uuid,
	p_decision text,
	p_approved_amount numeric DEFAULT NULL)
RETURNS jsonb
LANGUAGE C VOLATILE
AS 'MODULE_PATHNAME', 'record_appeal_decision';
COMMENT ON FUNCTION credentialing.record_appeal_decision(uuid, text, numeric) IS
'Records the payer''s decision on a submitted or in_review appeal (else 55000; unknown appeal P0002): status decided, decided_at now. overturned and partially_overturned need p_approved_amount > 0; upheld takes NULL or 0 (22023). Returns the appeal row as jsonb.';

CREATE FUNCTION credentialing.appeal_outbox_claim(
	p_limit integer DEFAULT 10,
	p_lease interval DEFAULT '5 minutes')
RETURNS SETOF credentialing.appeal_outbox
LANGUAGE C VOLATILE ROWS 10
AS 'MODULE_PATHNAME', 'appeal_outbox_claim';
COMMENT ON FUNCTION credentialing.appeal_outbox_claim(integer, interval) IS
'Hands up to p_limit unpublished, available messages (oldest first) to a publisher: locks them with FOR UPDATE SKIP LOCKED, adds 1 to attempts and leases them until now + p_lease, during which no other claim (this transaction''s included) returns them. A message whose lease expires without ack or nack is claimable again; once it has been claimed credentialing.outbox_max_attempts times, an expired lease abandons it instead (available_at infinity, its appeal failed).';

CREATE FUNCTION credentialing.appeal_outbox_ack(p_id bigint, p_attempt integer DEFAULT NULL)
RETURNS credentialing.appeal_outbox
LANGUAGE C VOLATILE
AS 'MODULE_PATHNAME', 'appeal_outbox_ack';
COMMENT ON FUNCTION credentialing.appeal_outbox_ack(bigint, integer) IS
'Marks a claimed message published (published_at) and moves its appeal from queued to submitted; returns the message. p_attempt, the attempts value the publisher''s claim returned, guards against a late ack after the lease was taken over by another claim (55000). Unknown id: P0002; already published, abandoned or never claimed: 55000.';

CREATE FUNCTION credentialing.appeal_outbox_nack(p_id bigint, p_error text, p_attempt integer DEFAULT NULL)
RETURNS credentialing.appeal_outbox
LANGUAGE C VOLATILE
AS 'MODULE_PATHNAME', 'appeal_outbox_nack';
COMMENT ON FUNCTION credentialing.appeal_outbox_nack(bigint, text, integer) IS
'Records a failed publication in last_error and schedules a retry after min(30 s * 2^(attempts - 1), 1 h); when the message has been claimed credentialing.outbox_max_attempts times it is abandoned instead (available_at infinity) and its appeal moves from queued to failed. Returns the message. p_attempt, the attempts value the publisher''s claim returned, guards against a late nack after the lease was taken over by another claim, which would otherwise cut that claim''s lease short (55000). Unknown id: P0002; already published, abandoned or never claimed: 55000.';

CREATE FUNCTION credentialing.appeal_metrics(p_from date, p_to date)
RETURNS jsonb
LANGUAGE C STABLE
AS 'MODULE_PATHNAME', 'appeal_metrics';
COMMENT ON FUNCTION credentialing.appeal_metrics(date, date) IS
'Appeal figures for the window p_from..p_to (inclusive): appealInitiationRate (appealed share of the Denied/Partially Paid or appealed claims whose finalized, else remittance, else status date is in the window), appealsFromEcs (appeals submitted in the window with source ECS), timelyFilingCompliance (share of such claims whose deadline is in the window that have a non-failed appeal submitted by the deadline), appealSuccessRate (overturned or partially_overturned share of the appeals decided in the window), averageDaysToAppeal (mean days from the claim''s finalized date to submission, appeals submitted in the window whose claim has one). Rates are rounded to 4 decimals, the average to 2; null when nothing is counted.';

/* ------------------------------------------------------------------------
 * pg_dump: every table's rows and every sequence belong to the user
 * ------------------------------------------------------------------------ */

SELECT pg_catalog.pg_extension_config_dump('credentialing.providers', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.payers', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.provider_payer_applications', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.provider_payer_networks', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.supervision_relationships', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.appointments', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.payer_credentialing_workflows', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.provider_credentialing_tasks', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.credentialing_events', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.credentialing_events_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.appeal_settings', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.payer_appeal_rules', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.claims', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.claim_status_history', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.claim_status_history_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.appeals', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.appeal_outbox', '');
SELECT pg_catalog.pg_extension_config_dump('credentialing.appeal_outbox_id_seq', '');

/* ------------------------------------------------------------------------
 * Security: roles, privileges and row-level security
 *
 * Three NOLOGIN roles, created when missing (roles belong to the cluster,
 * so several databases share them and DROP EXTENSION leaves them):
 *	 credentialing_admin	 every table (all rows) and every function;
 *	 credentialing_viewer	 reads every table and runs the read-only helpers;
 *	 credentialing_provider	 self-service: the caller's own rows, picked by
 *							 current_provider_id() (the JWT provider_id claim).
 * Login roles (or an API's authenticator) are granted one of them.  PUBLIC
 * gets nothing.  This section stays last so that the ALL statements reach
 * every table and function declared above; an update script that adds a
 * table or function repeats the grants and policies it needs.
 * ------------------------------------------------------------------------ */

DO $roles$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['credentialing_admin', 'credentialing_viewer', 'credentialing_provider']
	LOOP
		IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) r) THEN
			BEGIN
				EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
			EXCEPTION
				WHEN duplicate_object OR unique_violation THEN
					NULL;		/* created meanwhile by another CREATE EXTENSION */
			END;
		END IF;
	END LOOP;
END
$roles$;

/* PUBLIC: no schema usage, no functions, no types. */
REVOKE ALL ON SCHEMA credentialing FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA credentialing FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA credentialing FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA credentialing FROM PUBLIC;

DO $types$
DECLARE
	t regtype;
BEGIN
	/* Standalone types (composite, enum, domain, range); a table's row type
	 * and an array type follow their table or element. */
	FOR t IN
		SELECT ty.oid::pg_catalog.regtype
		FROM pg_catalog.pg_type ty
		LEFT JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) ty.typrelid
		WHERE ty.typnamespace OPERATOR(pg_catalog.=) 'credentialing'::pg_catalog.regnamespace
		  AND ty.typtype OPERATOR(pg_catalog.=) ANY (ARRAY['b', 'c', 'd', 'e', 'r']::"char"[])
		  AND ty.typelem OPERATOR(pg_catalog.=) 0
		  AND (ty.typrelid OPERATOR(pg_catalog.=) 0 OR c.relkind OPERATOR(pg_catalog.=) 'c')
	LOOP
		EXECUTE pg_catalog.format('REVOKE ALL ON TYPE %s FROM PUBLIC', t);
		EXECUTE pg_catalog.format(
			'GRANT USAGE ON TYPE %s TO credentialing_admin, credentialing_viewer, credentialing_provider', t);
	END LOOP;
END
$types$;

GRANT USAGE ON SCHEMA credentialing
	TO credentialing_admin, credentialing_viewer, credentialing_provider;

/* credentialing_admin: every row of every table, every function.  The audit
 * trail stays append-only: no UPDATE, DELETE or TRUNCATE on it. */
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA credentialing
	TO credentialing_admin;
REVOKE UPDATE, DELETE, TRUNCATE ON credentialing.credentialing_events FROM credentialing_admin;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA credentialing TO credentialing_admin;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA credentialing TO credentialing_admin;

/* credentialing_viewer: reads every table; runs the helpers that only read. */
GRANT SELECT ON ALL TABLES IN SCHEMA credentialing TO credentialing_viewer;
GRANT EXECUTE ON FUNCTION
	credentialing.current_provider_id,
	credentialing.npi_is_valid,
	credentialing.get_provider_credentialing_progress,
	credentialing.get_credentialing_pipeline_summary,
	credentialing.get_overdue_applications,
	credentialing.get_overdue_tasks,
	credentialing.payer_selection_stats,
	credentialing.credentialing_dashboard,
	credentialing.credentialing_time_by_payer,
	credentialing.credentialing_calendar,
	credentialing.parse_277,
	credentialing.ecs_value_adds,
	credentialing.appeal_status,
	credentialing.appeal_prefill,
	credentialing.appeal_metrics
	TO credentialing_viewer;

/* credentialing_provider: reads the directory (payers and their workflows,
 * whose names, portals and contacts the tasks need) and the appeal
 * settings; everything else only through the policies below. */
GRANT SELECT ON
	credentialing.providers,
	credentialing.payers,
	credentialing.payer_credentialing_workflows,
	credentialing.provider_payer_networks,
	credentialing.supervision_relationships,
	credentialing.appointments,
	credentialing.provider_payer_applications,
	credentialing.provider_credentialing_tasks,
	credentialing.credentialing_events,
	credentialing.appeal_settings,
	credentialing.payer_appeal_rules,
	credentialing.claims,
	credentialing.claim_status_history,
	credentialing.appeals
	TO credentialing_provider;
GRANT UPDATE (notes, task_status, uploaded_document_url)
	ON credentialing.provider_credentialing_tasks TO credentialing_provider;
/* Providers file appeals only through submit_appeal, which checks the claim
 * (as the caller, so row security applies) and then locks it and writes the
 * appeal and its outbox message as the schema owner. */
GRANT EXECUTE ON FUNCTION
	credentialing.current_provider_id,
	credentialing.npi_is_valid,
	credentialing.get_provider_credentialing_progress,
	credentialing.credentialing_dashboard,
	credentialing.credentialing_calendar,
	credentialing.update_credentialing_task,
	credentialing.bulk_update_credentialing_tasks,
	credentialing.ecs_value_adds,
	credentialing.appeal_status,
	credentialing.appeal_prefill,
	credentialing.submit_appeal
	TO credentialing_provider;

/* A fixed search_path for every function a client calls: whatever objects
 * the caller's search_path reaches (look-alikes of now(), unnest(), count(),
 * operators, tables), the SQL these functions run means what it says.
 * Trigger functions (run per row, where a SET clause costs) and IMMUTABLE
 * evaluators run no unqualified SQL and are left as they are;
 * test/sql/search_path_attack.sql covers both kinds. */
DO $search_path$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN
		SELECT p.oid::pg_catalog.regprocedure
		FROM pg_catalog.pg_proc p
		WHERE p.pronamespace OPERATOR(pg_catalog.=) 'credentialing'::pg_catalog.regnamespace
		  AND p.prokind OPERATOR(pg_catalog.=) 'f'
		  AND p.prorettype OPERATOR(pg_catalog.<>) 'pg_catalog.trigger'::pg_catalog.regtype
		  AND p.provolatile OPERATOR(pg_catalog.<>) 'i'
	LOOP
		EXECUTE pg_catalog.format('ALTER FUNCTION %s SET search_path = pg_catalog, pg_temp', f);
	END LOOP;
END
$search_path$;

/* Row-level security on every table.  The table owner (the role that ran
 * CREATE EXTENSION) and superusers are not subject to it; the triggers'
 * bookkeeping writes run as the owner (src/spi_util.c). */
ALTER TABLE credentialing.providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.payers ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.provider_payer_networks ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.supervision_relationships ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.appointments ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.payer_credentialing_workflows ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.provider_payer_applications ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.provider_credentialing_tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.credentialing_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.appeal_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.payer_appeal_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.claim_status_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.appeals ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentialing.appeal_outbox ENABLE ROW LEVEL SECURITY;

/* Admin: all rows; viewer: reads all rows.  One pair of policies per table. */
DO $policies$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['providers', 'payers', 'provider_payer_networks',
							 'supervision_relationships', 'appointments',
							 'payer_credentialing_workflows', 'provider_payer_applications',
							 'provider_credentialing_tasks', 'credentialing_events',
							 'appeal_settings', 'payer_appeal_rules', 'claims',
							 'claim_status_history', 'appeals', 'appeal_outbox']
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE POLICY admin_all ON credentialing.%I TO credentialing_admin USING (true) WITH CHECK (true)', t);
		EXECUTE pg_catalog.format(
			'CREATE POLICY viewer_read ON credentialing.%I FOR SELECT TO credentialing_viewer USING (true)', t);
	END LOOP;
END
$policies$;

/* Provider: the caller's own rows.  current_provider_id() sits in a scalar
 * subquery so that it is evaluated once per statement, not once per row. */
CREATE POLICY provider_self ON credentialing.providers
	FOR SELECT TO credentialing_provider
	USING (id = (SELECT credentialing.current_provider_id()));
CREATE POLICY provider_read ON credentialing.payers
	FOR SELECT TO credentialing_provider
	USING (true);
CREATE POLICY provider_read ON credentialing.payer_credentialing_workflows
	FOR SELECT TO credentialing_provider
	USING (true);
CREATE POLICY provider_own ON credentialing.provider_payer_networks
	FOR SELECT TO credentialing_provider
	USING (provider_id = (SELECT credentialing.current_provider_id()));
CREATE POLICY provider_own ON credentialing.supervision_relationships
	FOR SELECT TO credentialing_provider
	USING ((SELECT credentialing.current_provider_id()) IN (supervisor_id, supervisee_id));
CREATE POLICY provider_own ON credentialing.appointments
	FOR SELECT TO credentialing_provider
	USING (provider_id = (SELECT credentialing.current_provider_id()));
CREATE POLICY provider_own ON credentialing.provider_payer_applications
	FOR SELECT TO credentialing_provider
	USING (provider_id = (SELECT credentialing.current_provider_id()));
CREATE POLICY provider_own ON credentialing.provider_credentialing_tasks
	FOR SELECT TO credentialing_provider
	USING (provider_id = (SELECT credentialing.current_provider_id()));
CREATE POLICY provider_update_own ON credentialing.provider_credentialing_tasks
	FOR UPDATE TO credentialing_provider
	USING (provider_id = (SELECT credentialing.current_provider_id()))
	WITH CHECK (provider_id = (SELECT credentialing.current_provider_id()));
CREATE POLICY provider_own ON credentialing.credentialing_events
	FOR SELECT TO credentialing_provider
	USING (provider_id = (SELECT credentialing.current_provider_id()));
CREATE POLICY provider_read ON credentialing.appeal_settings
	FOR SELECT TO credentialing_provider
	USING (true);
CREATE POLICY provider_read ON credentialing.payer_appeal_rules
	FOR SELECT TO credentialing_provider
	USING (true);
CREATE POLICY provider_own ON credentialing.claims
	FOR SELECT TO credentialing_provider
	USING (provider_npi = (SELECT p.npi FROM credentialing.providers p
						   WHERE p.id = (SELECT credentialing.current_provider_id())));
CREATE POLICY provider_own ON credentialing.claim_status_history
	FOR SELECT TO credentialing_provider
	USING (EXISTS (SELECT FROM credentialing.claims c WHERE c.id = claim_id));
CREATE POLICY provider_own ON credentialing.appeals
	FOR SELECT TO credentialing_provider
	USING (EXISTS (SELECT FROM credentialing.claims c WHERE c.id = claim_id));
COMMENT ON POLICY provider_own ON credentialing.claims IS
'A provider sees the claims billed under their NPI.';
COMMENT ON POLICY provider_own ON credentialing.claim_status_history IS
'A provider sees the history of the claims they see (the claims policy applies inside).';
COMMENT ON POLICY provider_update_own ON credentialing.provider_credentialing_tasks IS
'A provider updates their own tasks; column privileges limit it to notes, task_status and uploaded_document_url.';
