/*
 * src/task_updates.c
 *		Task PATCH of the admin surface (DESIGN §4.5):
 *		update_credentialing_task applies a JSON patch to one task and
 *		returns it; bulk_update_credentialing_tasks applies one patch to
 *		many tasks, all or nothing.  Declared in sql/credentialing.sql
 *		("Admin surface"); called by admin clients (the task list's status
 *		menu, notes editing, bulk actions).
 *
 *		A patch may set task_status, notes, assigned_to, application_id,
 *		due_date and uploaded_document_url; a key left out keeps its column,
 *		JSON null clears it (task_status cannot be cleared).  The change is
 *		one UPDATE, so the task triggers (src/task_trigger.c) fire once per
 *		task.  Each set of patched columns has its own kept plan, which sets
 *		only those columns: column privileges are checked for exactly the
 *		columns a patch changes.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/uuid.h"

#include "jsonb_util.h"
#include "spi_util.h"

/* The keys a patch may hold, in parameter order ($2 .. $7). */
#define PATCH_NKEYS 6
#define PATCH_TASK_STATUS 0
#define PATCH_DUE_DATE 4

static const char *const patch_keys[PATCH_NKEYS] = {
	"task_status", "notes", "assigned_to", "application_id", "due_date",
	"uploaded_document_url"
};
static const Oid patch_types[PATCH_NKEYS] = {
	TEXTOID, TEXTOID, TEXTOID, TEXTOID, DATEOID, TEXTOID
};

static const char *const task_statuses[] = {
	"pending", "in_progress", "completed", "blocked", "not_applicable"
};

/* Longest rendering of an offending value in an error detail, in bytes. */
#define VALUE_TEXT_MAX 80

/* A parsed patch: which keys it sets and to what. */
typedef struct TaskPatch
{
	int			mask;			/* bit i set: patch_keys[i] is present */
	Datum		values[PATCH_NKEYS];
	char		nulls[PATCH_NKEYS]; /* 'n' for JSON null, as SPI wants */
} TaskPatch;

/* One kept UPDATE per set of patched columns, single and bulk. */
static SPIPlanPtr single_plans[1 << PATCH_NKEYS];
static SPIPlanPtr bulk_plans[1 << PATCH_NKEYS];
static SPIPlanPtr read_task_plan = NULL;
static SPIPlanPtr missing_tasks_plan = NULL;

/*
 * "a string", "a number", ... for an error message.
 */
static const char *
value_kind(JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return "null";
		case jbvString:
			return "a string";
		case jbvNumeric:
			return "a number";
		case jbvBool:
			return "a boolean";
		case jbvBinary:
			return JsonContainerIsArray(v->val.binary.data) ? "an array" : "an object";
		default:
			return "a JSON value";
	}
}

/*
 * A strict ISO date "YYYY-MM-DD" (years 0001 .. 9999, a real calendar day)
 * as a DateADT; false when s is anything else.  date_in is not used because
 * it also accepts other spellings whose meaning depends on DateStyle.
 */
static bool
parse_iso_date(const char *s, int len, DateADT *result)
{
	int			year;
	int			month;
	int			day;
	int			i;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	month = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	if (year < 1 || month < 1 || month > 12 || day < 1 ||
		day > day_tab[isleap(year) ? 1 : 0][month - 1])
		return false;
	*result = date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
	return true;
}

/*
 * Check and convert the value v of patch key k into patch; raise 22023
 * naming the key and the value when it does not fit.
 */
static void
patch_value(TaskPatch *patch, int k, JsonbValue *v)
{
	const char *key = patch_keys[k];
	int			i;

	if (v->type == jbvNull)
	{
		if (k == PATCH_TASK_STATUS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("\"task_status\" in the task patch must not be null"),
					 errdetail("The patch has \"task_status\": null."),
					 errhint("Give one of pending, in_progress, completed, blocked or not_applicable, or leave the key out to keep the status.")));
		patch->values[k] = (Datum) 0;
		patch->nulls[k] = 'n';
		return;
	}
	if (v->type != jbvString)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"%s\" in the task patch must be %s", key,
						k == PATCH_TASK_STATUS ? "a string" :
						k == PATCH_DUE_DATE ? "a date string or null" :
						"a string or null"),
				 errdetail("The patch has \"%s\": %s, %s.",
						   key, cred_json_value_text(v, VALUE_TEXT_MAX), value_kind(v)),
				 errhint(k == PATCH_DUE_DATE ?
						 "Write the date as a string \"YYYY-MM-DD\", or null to clear it." :
						 "Write the value as a JSON string.")));

	if (k == PATCH_TASK_STATUS)
	{
		for (i = 0; i < (int) lengthof(task_statuses); i++)
			if (strlen(task_statuses[i]) == (size_t) v->val.string.len &&
				memcmp(task_statuses[i], v->val.string.val, v->val.string.len) == 0)
				break;
		if (i == (int) lengthof(task_statuses))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid task status in the task patch"),
					 errdetail("The patch has \"task_status\": %s; a task status is pending, in_progress, completed, blocked or not_applicable.",
							   cred_json_value_text(v, VALUE_TEXT_MAX)),
					 errhint("Use one of the statuses listed.")));
	}
	if (k == PATCH_DUE_DATE)
	{
		DateADT		date;

		if (!parse_iso_date(v->val.string.val, v->val.string.len, &date))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid date in \"due_date\" of the task patch"),
					 errdetail("The patch has \"due_date\": %s; a due date is a calendar date written YYYY-MM-DD.",
							   cred_json_value_text(v, VALUE_TEXT_MAX)),
					 errhint("Write the date as YYYY-MM-DD, or null to clear it.")));
		patch->values[k] = DateADTGetDatum(date);
	}
	else
		patch->values[k] = PointerGetDatum(cstring_to_text_with_len(v->val.string.val,
																	v->val.string.len));
	patch->nulls[k] = ' ';
}

/*
 * Parse and check the p_patch argument (argument argno) into patch.  NULL,
 * a non-object, an unknown key or a bad value raise 22023.
 */
static void
parse_patch(FunctionCallInfo fcinfo, int argno, TaskPatch *patch)
{
	Jsonb	   *jb;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *key = NULL;
	int			k;

	memset(patch, 0, sizeof(*patch));
	memset(patch->nulls, 'n', sizeof(patch->nulls));

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the task patch must not be NULL"),
				 errdetail("p_patch is NULL."),
				 errhint("Pass a JSON object such as {\"task_status\": \"completed\"}.")));
	jb = PG_GETARG_JSONB_P(argno);
	if (!JB_ROOT_IS_OBJECT(jb))
	{
		JsonbValue	whole;

		whole.type = jbvBinary;
		whole.val.binary.data = &jb->root;
		whole.val.binary.len = VARSIZE(jb) - VARHDRSZ;
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the task patch must be a JSON object"),
				 errdetail("p_patch is %s.", cred_json_value_text(&whole, VALUE_TEXT_MAX)),
				 errhint("Pass a JSON object such as {\"task_status\": \"completed\"}.")));
	}

	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			key = pnstrdup(v.val.string.val, v.val.string.len);
			continue;
		}
		if (tok != WJB_VALUE)
			continue;
		for (k = 0; k < PATCH_NKEYS; k++)
			if (strcmp(key, patch_keys[k]) == 0)
				break;
		if (k == PATCH_NKEYS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown key \"%s\" in the task patch", key),
					 errdetail("The patch has \"%s\": %s; a patch may set only task_status, notes, assigned_to, application_id, due_date and uploaded_document_url.",
							   key, cred_json_value_text(&v, VALUE_TEXT_MAX)),
					 errhint("Remove the key, or use one of the keys listed.")));
		patch_value(patch, k, &v);
		patch->mask |= 1 << k;
	}
}

/*
 * The kept UPDATE that sets the columns of mask: by one id ($1 uuid) or,
 * bulk, by an array of ids ($1 uuid[]).  The column values are always
 * $2 .. $7; those of absent keys are declared but unused.
 */
static SPIPlanPtr
update_plan(int mask, bool bulk)
{
	SPIPlanPtr *cache = bulk ? &bulk_plans[mask] : &single_plans[mask];
	Oid			argtypes[1 + PATCH_NKEYS];
	StringInfoData sql;
	bool		first = true;
	int			k;

	if (*cache != NULL)
		return *cache;

	argtypes[0] = bulk ? UUIDARRAYOID : UUIDOID;
	memcpy(argtypes + 1, patch_types, sizeof(patch_types));

	/* only fixed column names go into the text; values stay parameters */
	initStringInfo(&sql);
	appendStringInfoString(&sql, "UPDATE credentialing.provider_credentialing_tasks AS t SET ");
	for (k = 0; k < PATCH_NKEYS; k++)
	{
		if (!(mask & (1 << k)))
			continue;
		appendStringInfo(&sql, "%s%s = $%d", first ? "" : ", ", patch_keys[k], k + 2);
		first = false;
	}
	if (bulk)
		appendStringInfoString(&sql, " WHERE t.id = ANY ($1)");
	else
		appendStringInfoString(&sql, " WHERE t.id = $1 RETURNING pg_catalog.to_jsonb(t)");

	return cred_prepare(cache, sql.data, 1 + PATCH_NKEYS, argtypes);
}

/*
 * A jsonb column of the first SPI result row, copied into the caller's
 * memory (out of SPI's, which SPI_finish frees).
 */
static Jsonb *
first_row_jsonb(void)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	Jsonb	   *j;
	Jsonb	   *copy;

	if (isnull)
		elog(ERROR, "update_credentialing_task: task row is NULL");
	j = DatumGetJsonbP(d);
	copy = (Jsonb *) SPI_palloc(VARSIZE(j));
	memcpy(copy, j, VARSIZE(j));
	return copy;
}

/*
 * Raise P0002 for a task id with no (visible) task.
 */
static void
task_not_found(Datum task_id)
{
	ereport(ERROR,
			(errcode(ERRCODE_NO_DATA_FOUND),
			 errmsg("task %s does not exist",
					DatumGetCString(DirectFunctionCall1(uuid_out, task_id))),
			 errdetail("No row of credentialing.provider_credentialing_tasks has this id."),
			 errhint("Check the task id.")));
}

PG_FUNCTION_INFO_V1(update_credentialing_task);

/*
 * update_credentialing_task(p_task_id uuid, p_patch jsonb) RETURNS jsonb
 * Apply the patch to the task and return the task (every column, as
 * to_jsonb gives it) after the update and its triggers.  An empty patch
 * changes nothing and returns the task as it is.
 */
Datum
update_credentialing_task(PG_FUNCTION_ARGS)
{
	static const Oid read_argtypes[1] = {UUIDOID};
	TaskPatch	patch;
	Datum		args[1 + PATCH_NKEYS];
	char		nulls[1 + PATCH_NKEYS];
	SPIPlanPtr	plan;
	Jsonb	   *result;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_task_id must not be NULL"),
				 errdetail("update_credentialing_task() was called with p_task_id => NULL."),
				 errhint("Pass the id of the task to update.")));
	parse_patch(fcinfo, 1, &patch);

	args[0] = PG_GETARG_DATUM(0);
	nulls[0] = ' ';
	memcpy(args + 1, patch.values, sizeof(patch.values));
	memcpy(nulls + 1, patch.nulls, sizeof(patch.nulls));

	cred_connect();
	if (patch.mask == 0)
	{
		plan = cred_prepare(&read_task_plan,
							"SELECT pg_catalog.to_jsonb(t) "
							"FROM credentialing.provider_credentialing_tasks AS t "
							"WHERE t.id = $1",
							1, read_argtypes);
		cred_execute(plan, args, nulls, true, 1, SPI_OK_SELECT);
	}
	else
	{
		plan = update_plan(patch.mask, false);
		cred_execute(plan, args, nulls, false, 0, SPI_OK_UPDATE_RETURNING);
	}
	if (SPI_processed == 0)
		task_not_found(args[0]);
	result = first_row_jsonb();

	cred_finish();
	PG_RETURN_JSONB_P(result);
}

/* One id of p_task_ids with its position, for folding duplicates. */
typedef struct IdAt
{
	Datum		id;
	int			pos;
} IdAt;

/* qsort: by uuid, then by position. */
static int
idat_by_uuid(const void *a, const void *b)
{
	const IdAt *x = (const IdAt *) a;
	const IdAt *y = (const IdAt *) b;
	int			c = memcmp(DatumGetUUIDP(x->id), DatumGetUUIDP(y->id), UUID_LEN);

	if (c != 0)
		return c;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* qsort: by position. */
static int
idat_by_pos(const void *a, const void *b)
{
	const IdAt *x = (const IdAt *) a;
	const IdAt *y = (const IdAt *) b;

	return (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * Raise P0002 listing the ids of ids_array (in order) that have no visible
 * task, if any.  Must be called while connected to SPI.
 */
static void
check_tasks_exist(Datum ids_array)
{
	static const Oid argtypes[1] = {UUIDARRAYOID};
	SPIPlanPtr	plan;
	StringInfoData missing;
	uint64		nmissing;
	uint64		i;

	plan = cred_prepare(&missing_tasks_plan,
						"SELECT u.id "
						"FROM pg_catalog.unnest($1) WITH ORDINALITY AS u(id, ord) "
						"WHERE NOT EXISTS (SELECT FROM credentialing.provider_credentialing_tasks t "
						"                  WHERE t.id = u.id) "
						"ORDER BY u.ord",
						1, argtypes);
	cred_execute(plan, &ids_array, NULL, false, 0, SPI_OK_SELECT);
	nmissing = SPI_processed;
	if (nmissing == 0)
		return;

	initStringInfo(&missing);
	for (i = 0; i < nmissing; i++)
		appendStringInfo(&missing, "%s%s", i ? ", " : "",
						 SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	ereport(ERROR,
			(errcode(ERRCODE_NO_DATA_FOUND),
			 errmsg_plural("task %s does not exist", "tasks %s do not exist",
						   (unsigned long) nmissing, missing.data),
			 errdetail_plural("p_task_ids holds %d id with no row in credentialing.provider_credentialing_tasks; nothing was written.",
							  "p_task_ids holds %d ids with no row in credentialing.provider_credentialing_tasks; nothing was written.",
							  (unsigned long) nmissing, (int) nmissing),
			 errhint("Check the ids, or leave out the tasks that no longer exist.")));
}

PG_FUNCTION_INFO_V1(bulk_update_credentialing_tasks);

/*
 * bulk_update_credentialing_tasks(p_task_ids uuid[], p_patch jsonb)
 * RETURNS integer
 * Apply one patch to every task of p_task_ids (duplicates folded) in one
 * UPDATE, and return how many tasks it updated.  All or nothing: when any
 * id has no task, nothing is written and the error lists the missing ids.
 * An empty array updates nothing and returns 0.
 */
Datum
bulk_update_credentialing_tasks(PG_FUNCTION_ARGS)
{
	TaskPatch	patch;
	ArrayType  *ids;
	Datum	   *elems;
	bool	   *elem_nulls;
	int			nelems;
	IdAt	   *sorted;
	Datum	   *distinct;
	int			ndistinct = 0;
	Datum		args[1 + PATCH_NKEYS];
	char		nulls[1 + PATCH_NKEYS];
	uint64		updated;
	int			i;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_task_ids must not be NULL"),
				 errdetail("bulk_update_credentialing_tasks() was called with p_task_ids => NULL."),
				 errhint("Pass an array of task ids.")));
	parse_patch(fcinfo, 1, &patch);

	ids = PG_GETARG_ARRAYTYPE_P(0);
	deconstruct_array(ids, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR,
					  &elems, &elem_nulls, &nelems);
	for (i = 0; i < nelems; i++)
		if (elem_nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("p_task_ids must not contain NULL"),
					 errdetail("Element %d of p_task_ids is NULL.", i + 1),
					 errhint("Pass only task ids.")));
	if (nelems == 0)
		PG_RETURN_INT32(0);

	/* fold duplicates, keeping each id at its first position */
	sorted = palloc(sizeof(IdAt) * nelems);
	for (i = 0; i < nelems; i++)
	{
		sorted[i].id = elems[i];
		sorted[i].pos = i;
	}
	qsort(sorted, nelems, sizeof(IdAt), idat_by_uuid);
	for (i = 0; i < nelems; i++)
		if (i == 0 || memcmp(DatumGetUUIDP(sorted[i].id),
							 DatumGetUUIDP(sorted[ndistinct - 1].id), UUID_LEN) != 0)
			sorted[ndistinct++] = sorted[i];
	qsort(sorted, ndistinct, sizeof(IdAt), idat_by_pos);
	distinct = palloc(sizeof(Datum) * ndistinct);
	for (i = 0; i < ndistinct; i++)
		distinct[i] = sorted[i].id;

	args[0] = PointerGetDatum(construct_array(distinct, ndistinct, UUIDOID,
											  UUID_LEN, false, TYPALIGN_CHAR));
	nulls[0] = ' ';
	memcpy(args + 1, patch.values, sizeof(patch.values));
	memcpy(nulls + 1, patch.nulls, sizeof(patch.nulls));

	cred_connect();
	check_tasks_exist(args[0]);
	if (patch.mask == 0)
		updated = ndistinct;
	else
	{
		cred_execute(update_plan(patch.mask, true), args, nulls, false, 0, SPI_OK_UPDATE);
		updated = SPI_processed;
		if (updated != (uint64) ndistinct)
		{
			/* a task went away after the check: the error undoes the update */
			check_tasks_exist(args[0]);
			elog(ERROR, "bulk_update_credentialing_tasks: updated " UINT64_FORMAT " of %d tasks",
				 updated, ndistinct);
		}
	}
	cred_finish();
	PG_RETURN_INT32((int32) updated);
}
