/*
 * src/progress_reports.c
 *		The read-only reporting helpers of DESIGN §4.4:
 *		get_provider_credentialing_progress, get_credentialing_pipeline_summary,
 *		get_overdue_applications and get_overdue_tasks (declared in
 *		sql/credentialing.sql), and credentialing_completion_percentage(),
 *		the completion percentage shared with the dashboard.
 *
 *		Each helper runs one kept SPI plan, read-only, and returns its rows in
 *		materialize mode.  They take no locks beyond a plain SELECT's and write
 *		nothing, so they also run on a hot standby.  They run as the caller:
 *		row-level security decides what each caller sees.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/numeric.h"
#include "utils/tuplestore.h"

#include "completion.h"
#include "date_util.h"
#include "progress_reports.h"
#include "spi_util.h"

/* Task statuses that still need work; not_applicable counts nowhere. */
#define OPEN_TASK_STATUSES "('pending', 'in_progress', 'blocked')"

/*
 * Per application of one provider: the task counts and dates.  Ordered by
 * payer name; the caller then orders by completion percentage, keeping this
 * order among equal percentages.
 */
static const char progress_sql[] =
"SELECT a.payer_id, py.name, a.application_status, "
"       c.total_tasks, c.completed_tasks, c.in_progress_tasks, "
"       c.pending_tasks, c.blocked_tasks, c.next_due_date, c.overdue_tasks "
"  FROM credentialing.provider_payer_applications a "
"  JOIN credentialing.payers py ON py.id = a.payer_id "
" CROSS JOIN LATERAL ("
"       SELECT count(*)::integer AS total_tasks, "
"              (count(*) FILTER (WHERE t.task_status = 'completed'))::integer AS completed_tasks, "
"              (count(*) FILTER (WHERE t.task_status = 'in_progress'))::integer AS in_progress_tasks, "
"              (count(*) FILTER (WHERE t.task_status = 'pending'))::integer AS pending_tasks, "
"              (count(*) FILTER (WHERE t.task_status = 'blocked'))::integer AS blocked_tasks, "
"              min(t.due_date) FILTER (WHERE t.task_status IN " OPEN_TASK_STATUSES ") AS next_due_date, "
"              (count(*) FILTER (WHERE t.task_status IN " OPEN_TASK_STATUSES
"                                  AND t.due_date < $2))::integer AS overdue_tasks "
"         FROM credentialing.provider_credentialing_tasks t "
"        WHERE t.provider_id = a.provider_id "
"          AND t.payer_id = a.payer_id "
"          AND t.task_status <> 'not_applicable') c "
" WHERE a.provider_id = $1 "
" ORDER BY py.name, a.payer_id";

/*
 * The five open statuses in report order, each counted through the
 * (application_status, status_changed_at) index; zero counts included.
 */
static const char pipeline_sql[] =
"SELECT s.status, c.application_count, c.avg_days_in_status, "
"       c.oldest_in_status_since, c.overdue_count "
"  FROM unnest(ARRAY['under_review', 'submitted', 'in_progress', 'on_hold', "
"                    'not_started']::text[]) WITH ORDINALITY AS s(status, ord) "
" CROSS JOIN LATERAL ("
"       SELECT count(*)::integer AS application_count, "
"              round(avg(CASE WHEN pg_catalog.isfinite(a.status_changed_at) "
"                             THEN $1 - a.status_changed_at::date END), 1) "
"                AS avg_days_in_status, "
"              min(a.status_changed_at)::date AS oldest_in_status_since, "
"              (count(*) FILTER (WHERE a.expected_decision_date < $1))::integer "
"                AS overdue_count "
"         FROM credentialing.provider_payer_applications a "
"        WHERE a.application_status = s.status) c "
" ORDER BY s.ord";

/*
 * Open applications past their expected decision date, through the partial
 * index on open applications' expected_decision_date.  The provider's name
 * is looked up per row by primary key (and the few payers hashed), so the
 * cost follows the number of overdue rows whatever the planner estimates
 * for the range (see materialize_query).
 */
static const char overdue_applications_sql[] =
"SELECT a.id, a.provider_id, "
"       (SELECT pr.first_name || ' ' || pr.last_name "
"          FROM credentialing.providers pr WHERE pr.id = a.provider_id) AS provider_name, "
"       a.payer_id, py.name AS payer_name, "
"       a.application_status, a.application_submitted_date, a.expected_decision_date, "
"       CASE WHEN pg_catalog.isfinite(a.expected_decision_date) "
"            THEN $1 - a.expected_decision_date END AS days_overdue "
"  FROM credentialing.provider_payer_applications a "
"  JOIN credentialing.payers py ON py.id = a.payer_id "
" WHERE a.application_status IN ('submitted', 'under_review', 'in_progress') "
"   AND a.expected_decision_date < $1 "
" ORDER BY a.expected_decision_date, payer_name, provider_name, a.id";

/*
 * Open tasks past their due date, through the partial index on open tasks'
 * due_date; names found as above.
 */
static const char overdue_tasks_sql[] =
"SELECT t.id, t.provider_id, "
"       (SELECT pr.first_name || ' ' || pr.last_name "
"          FROM credentialing.providers pr WHERE pr.id = t.provider_id) AS provider_name, "
"       t.payer_id, py.name AS payer_name, "
"       t.title, t.task_status, t.due_date, "
"       CASE WHEN pg_catalog.isfinite(t.due_date) "
"            THEN $1 - t.due_date END AS days_overdue "
"  FROM credentialing.provider_credentialing_tasks t "
"  JOIN credentialing.payers py ON py.id = t.payer_id "
" WHERE t.task_status IN " OPEN_TASK_STATUSES
"   AND t.due_date < $1 "
" ORDER BY t.due_date, provider_name, payer_name, t.task_order, t.id";

static SPIPlanPtr progress_plan = NULL;
static SPIPlanPtr pipeline_plan = NULL;
static SPIPlanPtr overdue_applications_plan = NULL;
static SPIPlanPtr overdue_tasks_plan = NULL;

/* Columns of progress_sql, and of the function's result. */
#define PROGRESS_QUERY_COLS 10
#define PROGRESS_RESULT_COLS 11

/* One row of the progress report, with its sort keys. */
typedef struct ProgressRow
{
	Datum		values[PROGRESS_RESULT_COLS];
	bool		nulls[PROGRESS_RESULT_COLS];
	int			tenths;			/* completion percentage in tenths */
	int			seq;			/* position in payer-name order */
} ProgressRow;

/*
 * Percentage as numeric(5,1): tenths from the shared formula, scaled by 10.
 */
Datum
credentialing_completion_percentage(int64 completed, int64 total)
{
	return NumericGetDatum(int64_div_fast_to_numeric(completion_tenths(completed, total), 1));
}

/*
 * Run the kept plan *cache (prepared from sql on first use) read-only with
 * the given non-null arguments, sending its rows straight into the
 * function's result tuplestore (cred_execute_into_srf).  Must be called
 * after InitMaterializedSRF.
 */
static void
materialize_query(FunctionCallInfo fcinfo, SPIPlanPtr *cache, const char *sql,
				  int nargs, const Oid *argtypes, const Datum *args)
{
	SPIPlanPtr	plan;
	int			save_nestlevel;

	cred_connect();
	plan = cred_prepare(cache, sql, nargs, argtypes);

	/*
	 * These reports are index-bound by design; the planner cannot see it.
	 * Open tasks and applications are mostly due in the future, but its
	 * statistics are per column, so it estimates the overdue range at a
	 * large share of the table: it would compile the query with JIT (far
	 * longer than the index lookups take), and on small tables it prefers
	 * scanning the whole providers table once per overdue row.  So the query
	 * is planned and run with jit and enable_seqscan off, as
	 * RI_Initial_Check sets work_mem for its query; the settings revert
	 * below, or at transaction abort.
	 */
	save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("jit", "off", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("enable_seqscan", "off", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);

	cred_execute_into_srf(fcinfo, plan, nargs, argtypes, args, NULL,
						  gettext_noop("report query does not match the function's result columns"));

	AtEOXact_GUC(false, save_nestlevel);

	cred_finish();
}

/*
 * qsort comparator: completion percentage descending, then payer name
 * (the query's order).
 */
static int
progress_row_cmp(const void *a, const void *b)
{
	const ProgressRow *ra = (const ProgressRow *) a;
	const ProgressRow *rb = (const ProgressRow *) b;

	if (ra->tenths != rb->tenths)
		return (ra->tenths > rb->tenths) ? -1 : 1;
	return (ra->seq > rb->seq) - (ra->seq < rb->seq);
}

PG_FUNCTION_INFO_V1(get_provider_credentialing_progress);

/*
 * get_provider_credentialing_progress(p_provider_id uuid, p_as_of date)
 * One row per application of the provider: task counts without
 * not_applicable tasks, completion percentage, earliest open due date and
 * open tasks due before p_as_of; ordered by percentage desc, then payer name.
 * A NULL or unknown provider has no applications, hence no rows.
 */
Datum
get_provider_credentialing_progress(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[2] = {UUIDOID, DATEOID};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		args[2];
	SPIPlanPtr	plan;
	SPITupleTable *tuptable;
	ProgressRow *rows;
	uint64		nrows;
	uint64		i;

	args[1] = cred_as_of_argument(fcinfo, 1);
	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	args[0] = PG_GETARG_DATUM(0);

	cred_connect();
	plan = cred_prepare(&progress_plan, progress_sql, 2, argtypes);
	cred_execute(plan, args, NULL, true, 0, SPI_OK_SELECT);

	tuptable = SPI_tuptable;
	nrows = SPI_processed;
	if (tuptable->tupdesc->natts != PROGRESS_QUERY_COLS ||
		rsinfo->setDesc->natts != PROGRESS_RESULT_COLS)
		elog(ERROR, "get_provider_credentialing_progress: unexpected column count");

	rows = (ProgressRow *) palloc0(Max(nrows, 1) * sizeof(ProgressRow));
	for (i = 0; i < nrows; i++)
	{
		ProgressRow *row = &rows[i];
		Datum		q[PROGRESS_QUERY_COLS];
		bool		qn[PROGRESS_QUERY_COLS];
		int32		total;
		int32		completed;

		heap_deform_tuple(tuptable->vals[i], tuptable->tupdesc, q, qn);
		total = DatumGetInt32(q[3]);
		completed = DatumGetInt32(q[4]);

		/* payer_id .. blocked_tasks, then the percentage, then the dates */
		memcpy(row->values, q, 8 * sizeof(Datum));
		memcpy(row->nulls, qn, 8 * sizeof(bool));
		row->values[8] = credentialing_completion_percentage(completed, total);
		row->nulls[8] = false;
		row->values[9] = q[8];
		row->nulls[9] = qn[8];
		row->values[10] = q[9];
		row->nulls[10] = qn[9];
		row->tenths = completion_tenths(completed, total);
		row->seq = (int) i;
	}

	if (nrows > 1)
		qsort(rows, nrows, sizeof(ProgressRow), progress_row_cmp);

	/* The tuplestore copies each row, so SPI's memory may go afterwards. */
	for (i = 0; i < nrows; i++)
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc,
							 rows[i].values, rows[i].nulls);

	cred_finish();
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(get_credentialing_pipeline_summary);

/*
 * get_credentialing_pipeline_summary(p_as_of date)
 * Exactly five rows, under_review, submitted, in_progress, on_hold,
 * not_started: how many applications are in the status, their average days
 * in it (NULL when there are none), since when the oldest has been in it,
 * and how many are past their expected decision date.
 */
Datum
get_credentialing_pipeline_summary(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[1] = {DATEOID};
	Datum		args[1];

	args[0] = cred_as_of_argument(fcinfo, 0);
	InitMaterializedSRF(fcinfo, 0);
	materialize_query(fcinfo, &pipeline_plan, pipeline_sql, 1, argtypes, args);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(get_overdue_applications);

/*
 * get_overdue_applications(p_as_of date)
 * Submitted, under_review and in_progress applications whose expected
 * decision date is before p_as_of; most days overdue first, then payer name,
 * provider name.
 */
Datum
get_overdue_applications(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[1] = {DATEOID};
	Datum		args[1];

	args[0] = cred_as_of_argument(fcinfo, 0);
	InitMaterializedSRF(fcinfo, 0);
	materialize_query(fcinfo, &overdue_applications_plan, overdue_applications_sql,
					  1, argtypes, args);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(get_overdue_tasks);

/*
 * get_overdue_tasks(p_as_of date)
 * Pending, in_progress and blocked tasks due before p_as_of; most days
 * overdue first, then provider name, payer name, task order.
 */
Datum
get_overdue_tasks(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[1] = {DATEOID};
	Datum		args[1];

	args[0] = cred_as_of_argument(fcinfo, 0);
	InitMaterializedSRF(fcinfo, 0);
	materialize_query(fcinfo, &overdue_tasks_plan, overdue_tasks_sql,
					  1, argtypes, args);
	return (Datum) 0;
}
