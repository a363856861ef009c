/*
 * src/task_generation.c
 *		credential_payers(): opens (or reopens) a provider's application with
 *		each of a list of payers and creates its task checklist, all or
 *		nothing (DESIGN §4.1).
 *
 * SQL: credentialing.credential_payers(uuid, uuid[], date), declared in
 * sql/credentialing.sql.  The rules (default lists, fallback workflow,
 * skip/reopen/create, due dates, placeholders) are pure C in
 * src/core/task_defaults.c; stored templates are read by
 * task_templates_read() (src/task_templates.c).  Status-change audit rows
 * and derived application and task fields come from the application and
 * task triggers; this file writes the 'created' events.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/uuid.h"

#include "audit.h"
#include "jsonb_util.h"
#include "spi_util.h"
#include "task_defaults.h"
#include "task_templates.h"

/* What happens to one payer of the call. */
typedef struct PayerWork
{
	Datum		payer_id;		/* uuid */
	char	   *payer_name;
	td_workflow workflow;
	td_action	action;
	const char *reason;			/* skip reason, else NULL */
	const char *old_status;		/* existing application's status, or NULL */
	bool		has_application;
	Datum		application_id; /* uuid, when has_application */
	char	   *portal_url;		/* workflow's, or NULL */
	char	   *submission_email;	/* submission_email, else excel_submission_email */
	td_task    *tasks;			/* sorted, placeholders filled */
	int			ntasks;
} PayerWork;

/* State for the error context of template reading. */
typedef struct TemplateContext
{
	const char *payer_name;
} TemplateContext;

static SPIPlanPtr lock_provider_plan = NULL;
static SPIPlanPtr payer_state_plan = NULL;
static SPIPlanPtr insert_applications_plan = NULL;
static SPIPlanPtr reopen_application_plan = NULL;
static SPIPlanPtr close_open_tasks_plan = NULL;
static SPIPlanPtr insert_tasks_plan = NULL;

/* Column numbers of the payer state query. */
enum
{
	PS_FOUND = 1,
	PS_NAME,
	PS_REQUIRES_CONTRACT,
	PS_HAS_WORKFLOW,
	PS_WORKFLOW_TYPE,
	PS_TEMPLATES,
	PS_PORTAL_URL,
	PS_SUBMISSION_EMAIL,
	PS_APPROVAL_DAYS,
	PS_APPLICATION_ID,
	PS_APPLICATION_STATUS,
	PS_REAPPLICATION_ELIGIBLE,
	PS_NETWORK_STATUS
};

/*
 * Text form of a uuid Datum.
 */
static char *
uuid_text(Datum id)
{
	return DatumGetCString(DirectFunctionCall1(uuid_out, id));
}

/*
 * Check the arguments and return the payer ids without NULLs and with
 * duplicates folded (first occurrence kept, in order).  Raises the user
 * errors for NULL or empty input.
 */
static Datum *
read_payer_ids(FunctionCallInfo fcinfo, int *count)
{
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;
	int			kept = 0;
	int			nnulls = 0;
	StringInfoData null_positions;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_payer_ids must not be NULL"),
				 errdetail("credential_payers needs the ids of the payers to credential the provider with."),
				 errhint("Pass an array of payer ids, e.g. ARRAY['...']::uuid[].")));

	arr = PG_GETARG_ARRAYTYPE_P(1);
	if (ARR_ELEMTYPE(arr) != UUIDOID)
		elog(ERROR, "credential_payers: p_payer_ids is not a uuid array");
	deconstruct_array(arr, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR, &elems, &nulls, &n);

	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_payer_ids must not be empty"),
				 errdetail("The array of payer ids has no element."),
				 errhint("Pass at least one payer id.")));

	initStringInfo(&null_positions);
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
		{
			appendStringInfo(&null_positions, "%s%d", nnulls ? ", " : "", i + 1);
			nnulls++;
		}
	}
	if (nnulls > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_payer_ids must not contain NULL"),
				 errdetail_plural("Element %s of p_payer_ids (counting from 1) is NULL.",
								  "Elements %s of p_payer_ids (counting from 1) are NULL.",
								  nnulls, null_positions.data),
				 errhint("Remove the NULL elements.")));

	/* fold duplicates; lists are short, so a quadratic scan is fine */
	for (i = 0; i < n; i++)
	{
		int			j;
		bool		seen = false;

		for (j = 0; j < kept && !seen; j++)
			seen = memcmp(DatumGetPointer(elems[j]), DatumGetPointer(elems[i]), UUID_LEN) == 0;
		if (!seen)
			elems[kept++] = elems[i];
	}
	*count = kept;
	return elems;
}

/*
 * Lock the provider row (FOR NO KEY UPDATE) so that calls for the same
 * provider run one after the other; return "first last".  Every later
 * query of the call takes a fresh snapshot (READ COMMITTED), so a call that
 * waited here sees the rows the earlier call committed.
 */
static char *
lock_provider(Datum provider_id)
{
	static const Oid argtypes[1] = {UUIDOID};
	Datum		values[1];
	SPIPlanPtr	plan;
	char	   *first;
	char	   *last;
	char	   *name;

	plan = cred_prepare(&lock_provider_plan,
						"SELECT p.first_name, p.last_name "
						"FROM credentialing.providers p "
						"WHERE p.id OPERATOR(pg_catalog.=) $1 "
						"FOR NO KEY UPDATE",
						1, argtypes);
	values[0] = provider_id;
	cred_execute(plan, values, NULL, false, 1, SPI_OK_SELECT);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("provider %s does not exist", uuid_text(provider_id)),
				 errdetail("p_provider_id has no row in credentialing.providers."),
				 errhint("Check the id, or create the provider first.")));

	first = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	last = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	name = psprintf("%s %s", first ? first : "", last ? last : "");
	SPI_freetuptable(SPI_tuptable);
	return name;
}

/*
 * Error context while reading a payer's stored templates.
 */
static void
template_error_context(void *arg)
{
	TemplateContext *ctx = (TemplateContext *) arg;

	errcontext("task templates of payer \"%s\"", ctx->payer_name);
}

/*
 * Fill the placeholders of text (NULL stays NULL) into a new string.
 */
static const char *
fill_text(const char *text, const td_fill_values *values)
{
	size_t		len;
	size_t		need;
	char	   *out;

	if (text == NULL)
		return NULL;
	len = strlen(text);
	if (!td_has_placeholder(text, len))
		return text;
	need = td_fill_placeholders(text, len, values, NULL, 0);
	if (need >= MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("task text too long after filling in placeholders")));
	out = palloc(need + 1);
	td_fill_placeholders(text, len, values, out, need + 1);
	return out;
}

/*
 * Build the task list of one payer: its workflow's templates when there
 * are any, else the defaults of the workflow type; placeholders filled.
 */
static void
build_tasks(PayerWork *w, Jsonb *templates, int approval_days,
			const char *provider_name)
{
	td_fill_values fill;
	int			i;

	if (templates != NULL && JB_ROOT_IS_ARRAY(templates) &&
		!JB_ROOT_IS_SCALAR(templates) && JB_ROOT_COUNT(templates) == 0)
		templates = NULL;

	if (templates != NULL)
	{
		ErrorContextCallback callback;
		TemplateContext ctx;

		ctx.payer_name = w->payer_name;
		callback.callback = template_error_context;
		callback.arg = &ctx;
		callback.previous = error_context_stack;
		error_context_stack = &callback;
		w->ntasks = task_templates_read(templates, &w->tasks);
		error_context_stack = callback.previous;
	}
	else
	{
		w->tasks = palloc(sizeof(td_task) * TD_MAX_DEFAULT_TASKS);
		w->ntasks = td_default_tasks(w->workflow, approval_days, w->tasks);
	}

	fill.payer_name = w->payer_name;
	fill.provider_name = provider_name;
	fill.portal_url = w->portal_url;
	fill.submission_email = w->submission_email;
	for (i = 0; i < w->ntasks; i++)
	{
		w->tasks[i].title = fill_text(w->tasks[i].title, &fill);
		w->tasks[i].description = fill_text(w->tasks[i].description, &fill);
	}
}

/*
 * Read every payer's state in one query (payer, workflow, the provider's
 * application and contract), refuse unknown payers, and decide what to do
 * for each.  The provider's applications and contracts are read by
 * provider alone (materialized), so that the kept plan can only use the
 * (provider_id, payer_id) keys: with the payer in the condition too, stale
 * statistics (one long transaction that fills the tables) can make the
 * planner pick the payer_id index, whose cost grows with every provider.
 */
static PayerWork *
plan_payers(Datum provider_id, Datum *payer_ids, int npayers,
			const char *provider_name)
{
	static const Oid argtypes[2] = {UUIDOID, UUIDARRAYOID};
	Datum		values[2];
	SPIPlanPtr	plan;
	PayerWork  *work;
	SPITupleTable *tt;
	StringInfoData missing;
	int			nmissing = 0;
	int			i;

	plan = cred_prepare(&payer_state_plan,
						"WITH a AS MATERIALIZED ("
						" SELECT a.payer_id, a.id, a.application_status, a.reapplication_eligible"
						" FROM credentialing.provider_payer_applications a"
						" WHERE a.provider_id OPERATOR(pg_catalog.=) $1), "
						"n AS MATERIALIZED ("
						" SELECT n.payer_id, n.status"
						" FROM credentialing.provider_payer_networks n"
						" WHERE n.provider_id OPERATOR(pg_catalog.=) $1) "
						"SELECT p.id IS NOT NULL, p.name, p.requires_individual_contract, "
						"w.payer_id IS NOT NULL, w.workflow_type, w.task_templates, w.portal_url, "
						"COALESCE(w.submission_email, w.excel_submission_email), "
						"w.typical_approval_days, "
						"a.id, a.application_status, a.reapplication_eligible, n.status "
						"FROM pg_catalog.unnest($2) WITH ORDINALITY AS u(id, ord) "
						"LEFT JOIN credentialing.payers p "
						"ON p.id OPERATOR(pg_catalog.=) u.id "
						"LEFT JOIN credentialing.payer_credentialing_workflows w "
						"ON w.payer_id OPERATOR(pg_catalog.=) p.id "
						"LEFT JOIN a ON a.payer_id OPERATOR(pg_catalog.=) p.id "
						"LEFT JOIN n ON n.payer_id OPERATOR(pg_catalog.=) p.id "
						"ORDER BY u.ord",
						2, argtypes);
	values[0] = provider_id;
	values[1] = PointerGetDatum(construct_array(payer_ids, npayers, UUIDOID,
												UUID_LEN, false, TYPALIGN_CHAR));
	cred_execute(plan, values, NULL, false, 0, SPI_OK_SELECT);
	tt = SPI_tuptable;
	if (SPI_processed != (uint64) npayers)
		elog(ERROR, "credential_payers: payer state query returned " UINT64_FORMAT " rows for %d payers",
			 SPI_processed, npayers);

	/* all payers must exist before anything is decided */
	initStringInfo(&missing);
	for (i = 0; i < npayers; i++)
	{
		bool		isnull;

		if (!DatumGetBool(SPI_getbinval(tt->vals[i], tt->tupdesc, PS_FOUND, &isnull)))
		{
			appendStringInfo(&missing, "%s%s", nmissing ? ", " : "", uuid_text(payer_ids[i]));
			nmissing++;
		}
	}
	if (nmissing > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg_plural("payer %s does not exist", "payers %s do not exist",
							   nmissing, missing.data),
				 errdetail_plural("p_payer_ids holds %d id with no row in credentialing.payers; nothing was written.",
								  "p_payer_ids holds %d ids with no row in credentialing.payers; nothing was written.",
								  nmissing, nmissing),
				 errhint("Check the ids, or create the payers first.")));

	work = palloc0(sizeof(PayerWork) * npayers);
	for (i = 0; i < npayers; i++)
	{
		HeapTuple	row = tt->vals[i];
		TupleDesc	desc = tt->tupdesc;
		PayerWork  *w = &work[i];
		bool		isnull;
		bool		has_workflow;
		char	   *network_status;
		char	   *app_status;
		bool		eligible = true;
		Datum		d;
		Jsonb	   *templates = NULL;
		int			approval_days = -1;

		w->payer_id = payer_ids[i];
		w->payer_name = SPI_getvalue(row, desc, PS_NAME);
		has_workflow = DatumGetBool(SPI_getbinval(row, desc, PS_HAS_WORKFLOW, &isnull));
		if (has_workflow)
		{
			char	   *type = SPI_getvalue(row, desc, PS_WORKFLOW_TYPE);

			w->workflow = td_workflow_from_name(type, strlen(type));
			if (w->workflow == TD_WORKFLOW_UNKNOWN)
				elog(ERROR, "credential_payers: unknown workflow_type \"%s\"", type);
			w->portal_url = SPI_getvalue(row, desc, PS_PORTAL_URL);
			w->submission_email = SPI_getvalue(row, desc, PS_SUBMISSION_EMAIL);
			d = SPI_getbinval(row, desc, PS_APPROVAL_DAYS, &isnull);
			if (!isnull)
				approval_days = DatumGetInt32(d);
		}
		else
		{
			d = SPI_getbinval(row, desc, PS_REQUIRES_CONTRACT, &isnull);
			w->workflow = td_fallback_workflow(DatumGetBool(d));
		}

		d = SPI_getbinval(row, desc, PS_APPLICATION_ID, &isnull);
		w->has_application = !isnull;
		if (!isnull)
			w->application_id = datumCopy(d, false, UUID_LEN);
		app_status = SPI_getvalue(row, desc, PS_APPLICATION_STATUS);
		d = SPI_getbinval(row, desc, PS_REAPPLICATION_ELIGIBLE, &isnull);
		if (!isnull)
			eligible = DatumGetBool(d);
		network_status = SPI_getvalue(row, desc, PS_NETWORK_STATUS);

		w->action = td_decide(network_status, app_status, eligible, &w->reason);
		w->old_status = app_status;
		if (w->action == TD_ACTION_SKIP)
			continue;

		if (has_workflow)
		{
			d = SPI_getbinval(row, desc, PS_TEMPLATES, &isnull);
			if (!isnull)
				templates = DatumGetJsonbP(d);
		}
		build_tasks(w, templates, approval_days, provider_name);
	}
	SPI_freetuptable(tt);
	return work;
}

/*
 * Insert the new applications (status not_started) in one statement and
 * record their ids.  Calls for the same provider are serialised, so an
 * application that appeared since the state was read was inserted by a
 * writer that bypassed credential_payers (or, under REPEATABLE READ, by a
 * call this snapshot cannot see): that is a serialization failure, to be
 * retried, rather than a duplicate.
 */
static void
insert_applications(Datum provider_id, PayerWork *work, int npayers)
{
	static const Oid argtypes[2] = {UUIDOID, UUIDARRAYOID};
	Datum		values[2];
	Datum	   *ids;
	int			n = 0;
	int			i;
	uint64		r;
	SPIPlanPtr	plan;

	ids = palloc(sizeof(Datum) * npayers);
	for (i = 0; i < npayers; i++)
		if (work[i].action == TD_ACTION_CREATE)
			ids[n++] = work[i].payer_id;
	if (n == 0)
		return;

	plan = cred_prepare(&insert_applications_plan,
						"INSERT INTO credentialing.provider_payer_applications "
						"(provider_id, payer_id, application_status) "
						"SELECT $1, u.payer_id, 'not_started' "
						"FROM pg_catalog.unnest($2) AS u(payer_id) "
						"ON CONFLICT (provider_id, payer_id) DO NOTHING "
						"RETURNING payer_id, id",
						2, argtypes);
	values[0] = provider_id;
	values[1] = PointerGetDatum(construct_array(ids, n, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR));
	cred_execute(plan, values, NULL, false, 0, SPI_OK_INSERT_RETURNING);
	if (SPI_processed != (uint64) n)
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("could not create the provider's applications: another transaction created some of them concurrently"),
				 errdetail("%d application(s) were to be created, " UINT64_FORMAT " could be.",
						   n, SPI_processed),
				 errhint("Retry the call.")));

	for (r = 0; r < SPI_processed; r++)
	{
		bool		isnull;
		Datum		payer = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull);
		Datum		id = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, &isnull);

		for (i = 0; i < npayers; i++)
		{
			if (work[i].action == TD_ACTION_CREATE && !work[i].has_application &&
				memcmp(DatumGetPointer(work[i].payer_id), DatumGetPointer(payer), UUID_LEN) == 0)
			{
				work[i].application_id = datumCopy(id, false, UUID_LEN);
				work[i].has_application = true;
				break;
			}
		}
	}
	SPI_freetuptable(SPI_tuptable);
}

/*
 * Reopen the denied or withdrawn applications: status not_started, life
 * cycle dates and denial reason cleared; then mark their open tasks
 * not_applicable.  The UPDATE re-checks the status, so an application
 * changed meanwhile by someone else is not reopened by mistake.
 */
static void
reopen_applications(Datum provider_id, PayerWork *work, int npayers)
{
	static const Oid reopen_types[1] = {UUIDOID};
	static const Oid close_types[2] = {UUIDOID, UUIDARRAYOID};
	Datum	   *payers;
	int			n = 0;
	int			i;
	SPIPlanPtr	plan;
	Datum		values[2];

	payers = palloc(sizeof(Datum) * npayers);
	for (i = 0; i < npayers; i++)
	{
		if (work[i].action != TD_ACTION_REOPEN)
			continue;
		plan = cred_prepare(&reopen_application_plan,
							"UPDATE credentialing.provider_payer_applications "
							"SET application_status = 'not_started', "
							"application_started_date = NULL, "
							"application_submitted_date = NULL, "
							"expected_decision_date = NULL, "
							"approval_date = NULL, "
							"denial_date = NULL, "
							"effective_date = NULL, "
							"denial_reason = NULL "
							"WHERE id OPERATOR(pg_catalog.=) $1 "
							"AND application_status OPERATOR(pg_catalog.=) "
							"ANY ('{denied,withdrawn}'::pg_catalog.text[]) "
							"AND reapplication_eligible",
							1, reopen_types);
		values[0] = work[i].application_id;
		cred_execute(plan, values, NULL, false, 0, SPI_OK_UPDATE);
		if (SPI_processed != 1)
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("could not reopen the application with payer \"%s\": it changed concurrently",
							work[i].payer_name),
					 errdetail("The application was %s when read and no longer is.", work[i].old_status),
					 errhint("Retry the call.")));
		payers[n++] = work[i].payer_id;
	}
	if (n == 0)
		return;

	plan = cred_prepare(&close_open_tasks_plan,
						"UPDATE credentialing.provider_credentialing_tasks "
						"SET task_status = 'not_applicable' "
						"WHERE provider_id OPERATOR(pg_catalog.=) $1 "
						"AND payer_id OPERATOR(pg_catalog.=) ANY ($2) "
						"AND task_status OPERATOR(pg_catalog.=) "
						"ANY ('{pending,in_progress,blocked}'::pg_catalog.text[])",
						2, close_types);
	values[0] = provider_id;
	values[1] = PointerGetDatum(construct_array(payers, n, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR));
	cred_execute(plan, values, NULL, false, 0, SPI_OK_UPDATE);
}

/*
 * Insert every task of every created or reopened application in one
 * statement (arrays unnested side by side); due dates are as_of plus the
 * running sum of estimated_days.  Returns the number of tasks.
 */
static int
insert_tasks(Datum provider_id, PayerWork *work, int npayers, DateADT as_of)
{
	static const Oid argtypes[9] = {UUIDOID, UUIDARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
	TEXTARRAYOID, INT4ARRAYOID, INT4ARRAYOID, DATEARRAYOID, TEXTARRAYOID};
	Datum		values[9];
	int			total = 0;
	int			k = 0;
	int			i;
	Datum	   *payer;
	const char **task_type;
	const char **title;
	const char **description;
	Datum	   *task_order;
	Datum	   *days;
	Datum	   *due;
	const char **portal_url;
	SPIPlanPtr	plan;

	for (i = 0; i < npayers; i++)
		if (work[i].action != TD_ACTION_SKIP)
			total += work[i].ntasks;
	if (total == 0)
		return 0;

	payer = palloc(sizeof(Datum) * total);
	task_type = palloc(sizeof(char *) * total);
	title = palloc(sizeof(char *) * total);
	description = palloc(sizeof(char *) * total);
	task_order = palloc(sizeof(Datum) * total);
	days = palloc(sizeof(Datum) * total);
	due = palloc(sizeof(Datum) * total);
	portal_url = palloc(sizeof(char *) * total);

	for (i = 0; i < npayers; i++)
	{
		PayerWork  *w = &work[i];
		long long  *offsets;
		int			t;

		if (w->action == TD_ACTION_SKIP || w->ntasks == 0)
			continue;
		offsets = palloc(sizeof(long long) * w->ntasks);
		td_due_offsets(w->tasks, w->ntasks, offsets);
		for (t = 0; t < w->ntasks; t++)
		{
			int64		due_date = (int64) as_of + offsets[t];

			if (!IS_VALID_DATE(due_date))
				ereport(ERROR,
						(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
						 errmsg("due date of task \"%s\" with payer \"%s\" is out of range",
								w->tasks[t].title, w->payer_name),
						 errdetail("The task would be due %lld days after %s.", offsets[t],
								   DatumGetCString(DirectFunctionCall1(date_out,
																	   DateADTGetDatum(as_of)))),
						 errhint("Lower the estimated_days of the payer's task templates.")));
			payer[k] = w->payer_id;
			task_type[k] = w->tasks[t].task_type;
			title[k] = w->tasks[t].title;
			description[k] = w->tasks[t].description;
			task_order[k] = Int32GetDatum(w->tasks[t].order);
			days[k] = Int32GetDatum(w->tasks[t].estimated_days);
			due[k] = DateADTGetDatum((DateADT) due_date);
			portal_url[k] = w->portal_url;
			k++;
		}
	}

	plan = cred_prepare(&insert_tasks_plan,
						"INSERT INTO credentialing.provider_credentialing_tasks "
						"(provider_id, payer_id, task_type, title, description, task_order, "
						"estimated_days, due_date, portal_url) "
						"SELECT $1, t.payer_id, t.task_type, t.title, t.description, "
						"t.task_order, t.estimated_days, t.due_date, t.portal_url "
						"FROM ROWS FROM (pg_catalog.unnest($2), pg_catalog.unnest($3), "
						"pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6), "
						"pg_catalog.unnest($7), pg_catalog.unnest($8), pg_catalog.unnest($9)) "
						"AS t(payer_id, task_type, title, description, task_order, "
						"estimated_days, due_date, portal_url)",
						9, argtypes);
	values[0] = provider_id;
	values[1] = PointerGetDatum(construct_array(payer, k, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR));
	values[2] = cred_text_array(task_type, k);
	values[3] = cred_text_array(title, k);
	values[4] = cred_text_array(description, k);
	values[5] = PointerGetDatum(construct_array(task_order, k, INT4OID, 4, true, TYPALIGN_INT));
	values[6] = PointerGetDatum(construct_array(days, k, INT4OID, 4, true, TYPALIGN_INT));
	values[7] = PointerGetDatum(construct_array(due, k, DATEOID, 4, true, TYPALIGN_INT));
	values[8] = cred_text_array(portal_url, k);
	cred_execute(plan, values, NULL, false, 0, SPI_OK_INSERT);
	if (SPI_processed != (uint64) k)
		elog(ERROR, "credential_payers: inserted " UINT64_FORMAT " tasks, expected %d",
			 SPI_processed, k);
	return k;
}

/*
 * Write the 'created' audit event of each created or reopened application.
 */
static void
audit_created(Datum provider_id, PayerWork *work, int npayers)
{
	int			i;

	for (i = 0; i < npayers; i++)
	{
		PayerWork  *w = &work[i];
		JsonbParseState *state = NULL;
		JsonbValue *details;
		bool		reopened = w->action == TD_ACTION_REOPEN;

		if (w->action == TD_ACTION_SKIP)
			continue;
		pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
		cred_json_put_bool(&state, "reopened", reopened);
		cred_json_put_int(&state, "taskCount", w->ntasks);
		cred_json_put_string(&state, "workflowType", td_workflow_name(w->workflow));
		details = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
		audit_record("application", w->application_id, true, provider_id, w->payer_id,
					 "created", reopened ? w->old_status : NULL, "not_started",
					 JsonbValueToJsonb(details));
	}
}

/*
 * The result document: counts and one detail object per payer, in order;
 * allocated in cxt (the caller's context, so that it outlives SPI_finish).
 */
static Jsonb *
build_result(PayerWork *work, int npayers, int tasks_created, MemoryContext cxt)
{
	JsonbParseState *state = NULL;
	JsonbValue *result;
	int			applications_created = 0;
	int			i;

	for (i = 0; i < npayers; i++)
		if (work[i].action == TD_ACTION_CREATE)
			applications_created++;

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	cred_json_put_int(&state, "tasksCreated", tasks_created);
	cred_json_put_int(&state, "applicationsCreated", applications_created);
	cred_json_key(&state, "details");
	pushJsonbValue(&state, WJB_BEGIN_ARRAY, NULL);
	for (i = 0; i < npayers; i++)
	{
		PayerWork  *w = &work[i];
		const char *status;

		status = w->action == TD_ACTION_CREATE ? "created" :
			w->action == TD_ACTION_REOPEN ? "reopened" : "skipped";
		pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
		cred_json_put_string(&state, "payerId", uuid_text(w->payer_id));
		cred_json_put_string(&state, "payerName", w->payer_name);
		cred_json_put_string(&state, "workflowType", td_workflow_name(w->workflow));
		cred_json_put_string(&state, "status", status);
		cred_json_put_string(&state, "reason", w->reason);
		cred_json_put_int(&state, "taskCount", w->action == TD_ACTION_SKIP ? 0 : w->ntasks);
		cred_json_put_string(&state, "applicationId",
							 w->has_application ? uuid_text(w->application_id) : NULL);
		pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(&state, WJB_END_ARRAY, NULL);
	result = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return cred_jsonb_in_context(cxt, result);
}

PG_FUNCTION_INFO_V1(credential_payers);

/*
 * credential_payers(p_provider_id uuid, p_payer_ids uuid[], p_as_of date)
 * RETURNS jsonb.  Everything allocated during the call lives in the SPI
 * procedure context, which SPI_finish deletes, so repeated calls in one
 * session do not grow memory; only the result is built in the caller's
 * context.
 */
Datum
credential_payers(PG_FUNCTION_ARGS)
{
	MemoryContext caller_cxt = CurrentMemoryContext;
	Datum		provider_id;
	DateADT		as_of;
	Datum	   *payer_ids;
	int			npayers;
	char	   *provider_name;
	PayerWork  *work;
	int			tasks_created;
	Jsonb	   *result;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_provider_id must not be NULL"),
				 errhint("Pass the id of the provider to credential.")));
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_as_of must not be NULL"),
				 errhint("Leave p_as_of out for today, or pass the date the tasks start from.")));
	provider_id = PG_GETARG_DATUM(0);
	as_of = PG_GETARG_DATEADT(2);
	if (DATE_NOT_FINITE(as_of))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_as_of must be a finite date"),
				 errdetail("p_as_of is %s.",
						   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(as_of)))),
				 errhint("Pass the date the tasks start from.")));

	cred_connect();

	payer_ids = read_payer_ids(fcinfo, &npayers);
	provider_name = lock_provider(provider_id);
	work = plan_payers(provider_id, payer_ids, npayers, provider_name);
	insert_applications(provider_id, work, npayers);
	reopen_applications(provider_id, work, npayers);
	tasks_created = insert_tasks(provider_id, work, npayers, as_of);
	audit_created(provider_id, work, npayers);
	result = build_result(work, npayers, tasks_created, caller_cxt);
	SPI_finish();
	PG_RETURN_JSONB_P(result);
}
