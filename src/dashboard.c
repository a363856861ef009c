/*
 * src/dashboard.c
 *		credentialing_dashboard (DESIGN §4.5): one provider's credentialing
 *		at a glance as jsonb, in the shape of the original dashboard API:
 *		{"provider", "overall_stats", "payers": [{..., "tasks": [...]}]}.
 *		Declared in sql/credentialing.sql ("Admin surface"); called by admin
 *		clients.
 *
 *		The per-payer figures and their order come from
 *		get_provider_credentialing_progress (src/progress_reports.c), so the
 *		dashboard and the progress report always agree: the same counts
 *		(not_applicable tasks left out), the same completion percentage,
 *		the same order.  The document is built with the backend's jsonb API.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/uuid.h"

#include "date_util.h"
#include "jsonb_util.h"
#include "spi_util.h"

static const char provider_sql[] =
"SELECT id, first_name, last_name, role, npi, is_attending, email "
"  FROM credentialing.providers "
" WHERE id = $1";

/*
 * The provider's applications in progress-report order, with the report's
 * figures and the application's expected decision date.
 */
static const char payers_sql[] =
"SELECT p.payer_id, p.payer_name, p.application_status, "
"       a.expected_decision_date, p.completion_percentage, "
"       p.total_tasks, p.completed_tasks "
"  FROM credentialing.get_provider_credentialing_progress($1, $2) "
"       WITH ORDINALITY AS p(payer_id, payer_name, application_status, "
"            total_tasks, completed_tasks, in_progress_tasks, pending_tasks, "
"            blocked_tasks, completion_percentage, next_due_date, "
"            overdue_tasks, ord) "
"  LEFT JOIN credentialing.provider_payer_applications a "
"    ON a.provider_id = $1 AND a.payer_id = p.payer_id "
" ORDER BY p.ord";

/*
 * Every task of the provider (not_applicable ones included, so that the
 * checklist is complete), grouped by payer and in task order.  A task is
 * overdue when open (pending, in_progress, blocked) and due before $2.
 */
static const char tasks_sql[] =
"SELECT t.payer_id, t.id, t.task_type, t.title, t.description, t.task_status, "
"       t.task_order, t.due_date, t.completed_date, t.notes, t.assigned_to, "
"       t.application_id, t.uploaded_document_url, "
"       COALESCE(t.task_status IN ('pending', 'in_progress', 'blocked') "
"                AND t.due_date < $2, false) AS is_overdue "
"  FROM credentialing.provider_credentialing_tasks t "
" WHERE t.provider_id = $1 "
" ORDER BY t.payer_id, t.task_order, t.id";

static SPIPlanPtr provider_plan = NULL;
static SPIPlanPtr payers_plan = NULL;
static SPIPlanPtr tasks_plan = NULL;

/* Columns of payers_sql. */
#define PAYER_ID 0
#define PAYER_STATUS 2
#define PAYER_TOTAL 5
#define PAYER_COMPLETED 6

/* Keys of the provider object and of each task, in query column order;
 * tasks_sql's column 0 (payer_id) is not a key. */
static const char *const provider_keys[] = {
	"id", "first_name", "last_name", "role", "npi", "is_attending", "email"
};
static const char *const payer_keys[] = {
	"payer_id", "payer_name", "application_status", "expected_decision_date",
	"completion_percentage", "total_tasks", "completed_tasks"
};
static const char *const task_keys[] = {
	NULL, "id", "task_type", "title", "description", "task_status",
	"task_order", "due_date", "completed_date", "notes", "assigned_to",
	"application_id", "uploaded_document_url", "is_overdue"
};

/*
 * Push a column value of the given type as the value of the current key:
 * NULL as null, text and uuid as strings, dates as ISO strings (as
 * to_jsonb writes them, whatever DateStyle says), numbers as numbers,
 * booleans as booleans.
 */
static void
push_datum_value(JsonbParseState **state, Datum value, bool isnull, Oid type)
{
	JsonbValue	v;

	if (isnull)
	{
		v.type = jbvNull;
		pushJsonbValue(state, WJB_VALUE, &v);
		return;
	}
	switch (type)
	{
		case TEXTOID:
			{
				text	   *t = DatumGetTextPP(value);

				v.type = jbvString;
				v.val.string.val = VARDATA_ANY(t);
				v.val.string.len = VARSIZE_ANY_EXHDR(t);
			}
			break;
		case UUIDOID:
			v.type = jbvString;
			v.val.string.val = DatumGetCString(DirectFunctionCall1(uuid_out, value));
			v.val.string.len = strlen(v.val.string.val);
			break;
		case DATEOID:
			v.type = jbvString;
			v.val.string.val = JsonEncodeDateTime(NULL, value, DATEOID, NULL);
			v.val.string.len = strlen(v.val.string.val);
			break;
		case INT4OID:
			v.type = jbvNumeric;
			v.val.numeric = int64_to_numeric(DatumGetInt32(value));
			break;
		case NUMERICOID:
			v.type = jbvNumeric;
			v.val.numeric = DatumGetNumeric(value);
			break;
		case BOOLOID:
			v.type = jbvBool;
			v.val.boolean = DatumGetBool(value);
			break;
		default:
			elog(ERROR, "credentialing_dashboard: unexpected column type %u", type);
	}
	pushJsonbValue(state, WJB_VALUE, &v);
}

/*
 * Push the columns of row as an object's members named by keys[] (a NULL
 * key skips its column).
 */
static void
push_row_members(JsonbParseState **state, HeapTuple row, TupleDesc desc,
				 const char *const *keys, int nkeys)
{
	int			i;

	if (desc->natts != nkeys)
		elog(ERROR, "credentialing_dashboard: query has %d columns, expected %d",
			 desc->natts, nkeys);
	for (i = 0; i < nkeys; i++)
	{
		Datum		value;
		bool		isnull;

		if (keys[i] == NULL)
			continue;
		value = SPI_getbinval(row, desc, i + 1, &isnull);
		cred_json_key(state, keys[i]);
		push_datum_value(state, value, isnull, SPI_gettypeid(desc, i + 1));
	}
}

/*
 * True when the uuid Datums are equal.
 */
static bool
uuid_equal(Datum a, Datum b)
{
	return memcmp(DatumGetUUIDP(a), DatumGetUUIDP(b), UUID_LEN) == 0;
}

PG_FUNCTION_INFO_V1(credentialing_dashboard);

/*
 * credentialing_dashboard(p_provider_id uuid, p_as_of date) RETURNS jsonb
 * overall_stats: total_payers (applications), total_tasks and
 * completed_tasks (summed over the payers, not_applicable left out),
 * in_progress_payers (applications in_progress), approved_payers
 * (approved), pending_approval (submitted or under_review).  An unknown
 * provider is an error (P0002).
 */
Datum
credentialing_dashboard(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[2] = {UUIDOID, DATEOID};
	MemoryContext caller_cxt = CurrentMemoryContext;
	Datum		args[2];
	SPIPlanPtr	plan;
	SPITupleTable *provider_tt;
	SPITupleTable *payers_tt;
	SPITupleTable *tasks_tt;
	uint64		npayers;
	uint64		ntasks;
	uint64		i;
	uint64		t;
	int64		total_tasks = 0;
	int64		completed_tasks = 0;
	int64		in_progress_payers = 0;
	int64		approved_payers = 0;
	int64		pending_approval = 0;
	JsonbParseState *state = NULL;
	JsonbValue *root;
	Jsonb	   *result;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_provider_id must not be NULL"),
				 errdetail("credentialing_dashboard() was called with p_provider_id => NULL."),
				 errhint("Pass the id of the provider whose dashboard to show.")));
	args[0] = PG_GETARG_DATUM(0);
	args[1] = cred_as_of_argument(fcinfo, 1);

	cred_connect();

	plan = cred_prepare(&provider_plan, provider_sql, 1, argtypes);
	cred_execute(plan, args, NULL, true, 1, SPI_OK_SELECT);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("provider %s does not exist",
						DatumGetCString(DirectFunctionCall1(uuid_out, args[0]))),
				 errdetail("No row of credentialing.providers has this id."),
				 errhint("Check the id of the provider.")));
	provider_tt = SPI_tuptable;

	plan = cred_prepare(&payers_plan, payers_sql, 2, argtypes);
	cred_execute(plan, args, NULL, true, 0, SPI_OK_SELECT);
	payers_tt = SPI_tuptable;
	npayers = SPI_processed;

	plan = cred_prepare(&tasks_plan, tasks_sql, 2, argtypes);
	cred_execute(plan, args, NULL, true, 0, SPI_OK_SELECT);
	tasks_tt = SPI_tuptable;
	ntasks = SPI_processed;

	for (i = 0; i < npayers; i++)
	{
		HeapTuple	row = payers_tt->vals[i];
		bool		isnull;
		char	   *status = SPI_getvalue(row, payers_tt->tupdesc, PAYER_STATUS + 1);

		total_tasks += DatumGetInt32(SPI_getbinval(row, payers_tt->tupdesc, PAYER_TOTAL + 1, &isnull));
		completed_tasks += DatumGetInt32(SPI_getbinval(row, payers_tt->tupdesc, PAYER_COMPLETED + 1, &isnull));
		if (status == NULL)
			continue;
		if (strcmp(status, "in_progress") == 0)
			in_progress_payers++;
		else if (strcmp(status, "approved") == 0)
			approved_payers++;
		else if (strcmp(status, "submitted") == 0 || strcmp(status, "under_review") == 0)
			pending_approval++;
	}

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);

	cred_json_key(&state, "provider");
	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	push_row_members(&state, provider_tt->vals[0], provider_tt->tupdesc,
					 provider_keys, lengthof(provider_keys));
	pushJsonbValue(&state, WJB_END_OBJECT, NULL);

	cred_json_key(&state, "overall_stats");
	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	cred_json_put_int(&state, "total_payers", (int64) npayers);
	cred_json_put_int(&state, "total_tasks", total_tasks);
	cred_json_put_int(&state, "completed_tasks", completed_tasks);
	cred_json_put_int(&state, "in_progress_payers", in_progress_payers);
	cred_json_put_int(&state, "approved_payers", approved_payers);
	cred_json_put_int(&state, "pending_approval", pending_approval);
	pushJsonbValue(&state, WJB_END_OBJECT, NULL);

	cred_json_key(&state, "payers");
	pushJsonbValue(&state, WJB_BEGIN_ARRAY, NULL);
	for (i = 0; i < npayers; i++)
	{
		HeapTuple	row = payers_tt->vals[i];
		bool		isnull;
		Datum		payer_id = SPI_getbinval(row, payers_tt->tupdesc, PAYER_ID + 1, &isnull);

		pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
		push_row_members(&state, row, payers_tt->tupdesc,
						 payer_keys, lengthof(payer_keys));

		/* one pass over the provider's tasks per payer (a provider has
		 * few payers); the query keeps each payer's tasks in task order */
		cred_json_key(&state, "tasks");
		pushJsonbValue(&state, WJB_BEGIN_ARRAY, NULL);
		for (t = 0; t < ntasks; t++)
		{
			HeapTuple	task = tasks_tt->vals[t];
			bool		tnull;

			if (!uuid_equal(SPI_getbinval(task, tasks_tt->tupdesc, 1, &tnull), payer_id))
				continue;
			pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
			push_row_members(&state, task, tasks_tt->tupdesc,
							 task_keys, lengthof(task_keys));
			pushJsonbValue(&state, WJB_END_OBJECT, NULL);
		}
		pushJsonbValue(&state, WJB_END_ARRAY, NULL);
		pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(&state, WJB_END_ARRAY, NULL);

	root = pushJsonbValue(&state, WJB_END_OBJECT, NULL);

	/* The document goes to the caller's memory before SPI_finish frees SPI's. */
	result = cred_jsonb_in_context(caller_cxt, root);

	cred_finish();
	PG_RETURN_JSONB_P(result);
}
