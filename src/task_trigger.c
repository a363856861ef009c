/*
 * src/task_trigger.c
 *		Triggers of credentialing.provider_credentialing_tasks (DESIGN
 *		4.2).  task_before_write (row) keeps completed_date and updated_at in
 *		step with the task's status; task_after_update (statement, with
 *		transition tables) audits a statement's status changes set-based and
 *		copies the payer's application number recorded by a completed
 *		record_application_id task to its application.  The CREATE TRIGGER
 *		statements are in sql/credentialing.sql.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
#include "utils/uuid.h"

#include "audit.h"
#include "date_util.h"
#include "jsonb_util.h"
#include "spi_util.h"

/* The task type whose application_id is copied to the application. */
#define RECORD_APPLICATION_ID_TYPE "record_application_id"

static SPIPlanPtr record_number_plan = NULL;

/* Attribute numbers of the task columns the triggers read or write. */
typedef struct TaskColumns
{
	int			id;
	int			provider_id;
	int			payer_id;
	int			task_type;
	int			status;
	int			completed_date;
	int			application_id;
	int			updated_at;
} TaskColumns;

/*
 * Look up the attribute numbers of the task columns.
 */
static void
load_columns(Relation rel, TaskColumns *c)
{
	c->id = cred_column_number(rel, "id");
	c->provider_id = cred_column_number(rel, "provider_id");
	c->payer_id = cred_column_number(rel, "payer_id");
	c->task_type = cred_column_number(rel, "task_type");
	c->status = cred_column_number(rel, "task_status");
	c->completed_date = cred_column_number(rel, "completed_date");
	c->application_id = cred_column_number(rel, "application_id");
	c->updated_at = cred_column_number(rel, "updated_at");
}

/*
 * A text column as a C string, or NULL.
 */
static char *
text_column(HeapTuple tuple, TupleDesc desc, int attnum)
{
	bool		isnull;
	Datum		d = heap_getattr(tuple, attnum, desc, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/*
 * A text column of a slot as a C string, or NULL.
 */
static char *
slot_text(TupleTableSlot *slot, int attnum)
{
	bool		isnull;
	Datum		d = slot_getattr(slot, attnum, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/*
 * Whether a (possibly NULL) status string is "completed".
 */
static bool
is_completed(const char *status)
{
	return status != NULL && strcmp(status, "completed") == 0;
}

/*
 * Whether two nullable C strings differ (NULLs equal each other).
 */
static bool
strings_differ(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/*
 * Whether s holds something other than white space.
 */
static bool
has_content(const char *s)
{
	if (s == NULL)
		return false;
	for (; *s != '\0'; s++)
	{
		if (!isspace((unsigned char) *s))
			return true;
	}
	return false;
}

PG_FUNCTION_INFO_V1(task_before_write);

/*
 * BEFORE INSERT OR UPDATE row trigger.  A task in completed always has a
 * completed_date: entering completed sets it to today unless the writer
 * gave one (a value different from the old row's), and a completed task
 * whose date is NULL gets today.  Leaving completed clears it.  updated_at
 * is stamped on every UPDATE.  An INSERT (a restore too) only fills a
 * missing date.  No SPI here: everything comes from the row itself.
 */
Datum
task_before_write(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	newtuple;
	TaskColumns c;
	int			attnums[2];
	Datum		values[2];
	bool		nulls[2];
	int			n = 0;
	bool		date_null;
	Datum		new_date;
	char	   *new_status;
	Datum		now = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "task_before_write: not called by trigger manager");
	if (!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) ||
		  TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)))
		elog(ERROR, "task_before_write: must be fired BEFORE INSERT OR UPDATE FOR EACH ROW");

	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	load_columns(rel, &c);
	newtuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
		trigdata->tg_newtuple : trigdata->tg_trigtuple;
	new_status = text_column(newtuple, desc, c.status);
	new_date = heap_getattr(newtuple, c.completed_date, desc, &date_null);

	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		bool		updated_null;

		if (is_completed(new_status) && date_null)
		{
			attnums[n] = c.completed_date;
			values[n] = DateADTGetDatum(cred_transaction_date());
			nulls[n++] = false;
		}
		(void) heap_getattr(newtuple, c.updated_at, desc, &updated_null);
		if (updated_null)
		{
			attnums[n] = c.updated_at;
			values[n] = now;
			nulls[n++] = false;
		}
	}
	else
	{
		HeapTuple	oldtuple = trigdata->tg_trigtuple;
		char	   *old_status = text_column(oldtuple, desc, c.status);

		if (is_completed(new_status))
		{
			bool		old_date_null;
			Datum		old_date = heap_getattr(oldtuple, c.completed_date, desc, &old_date_null);
			bool		writer_kept_stale_date;

			/*
			 * On entering completed, a date the writer did not change is a
			 * leftover, not the writer's choice.
			 */
			writer_kept_stale_date = !is_completed(old_status) && !date_null &&
				!old_date_null && DatumGetDateADT(old_date) == DatumGetDateADT(new_date);
			if (date_null || writer_kept_stale_date)
			{
				attnums[n] = c.completed_date;
				values[n] = DateADTGetDatum(cred_transaction_date());
				nulls[n++] = false;
			}
		}
		else if (is_completed(old_status) && !date_null)
		{
			attnums[n] = c.completed_date;
			values[n] = (Datum) 0;
			nulls[n++] = true;
		}
		attnums[n] = c.updated_at;
		values[n] = now;
		nulls[n++] = false;
	}

	if (n > 0)
		newtuple = heap_modify_tuple_by_cols(newtuple, desc, n, attnums, values, nulls);
	return PointerGetDatum(newtuple);
}

/*
 * A one-key jsonb object {"key": "value"} for an event's details.
 */
static Jsonb *
details_object(const char *key, const char *value)
{
	JsonbParseState *state = NULL;
	JsonbValue *result;

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	cred_json_put_string(&state, key, value);
	result = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(result);
}

/*
 * Copy the payer's application number a task recorded to the task's
 * application when the application has none yet (NULL or empty); an
 * existing number is never overwritten.  The UPDATE runs as the schema
 * owner (a provider may complete a task without being allowed to update
 * applications); the event is written as the caller.
 */
static void
record_application_number(Datum task_id, Datum provider_id, Datum payer_id,
						  const char *number)
{
	static const Oid argtypes[3] = {UUIDOID, UUIDOID, TEXTOID};
	Datum		values[3];
	CredUserSwitch sw;
	SPIPlanPtr	plan;

	values[0] = provider_id;
	values[1] = payer_id;
	values[2] = CStringGetTextDatum(number);

	cred_connect();
	plan = cred_prepare(&record_number_plan,
						"UPDATE credentialing.provider_payer_applications a "
						"SET payer_application_id = $3 "
						"WHERE a.provider_id OPERATOR(pg_catalog.=) $1 "
						"AND a.payer_id OPERATOR(pg_catalog.=) $2 "
						"AND (a.payer_application_id IS NULL "
						"OR a.payer_application_id OPERATOR(pg_catalog.=) '') "
						"RETURNING a.id",
						3, argtypes);
	cred_become_owner(&sw);
	cred_execute(plan, values, NULL, false, 0, SPI_OK_UPDATE_RETURNING);
	cred_restore_user(&sw);

	if (SPI_processed == 1)
	{
		bool		isnull;
		Datum		application_id = SPI_getbinval(SPI_tuptable->vals[0],
												   SPI_tuptable->tupdesc, 1, &isnull);

		audit_record("application", application_id, true, provider_id, payer_id,
					 "application_id_recorded", NULL, number,
					 details_object("task_id",
									DatumGetCString(DirectFunctionCall1(uuid_out, task_id))));
	}
	SPI_finish();
}

PG_FUNCTION_INFO_V1(task_after_update);

/*
 * Position a reader of a transition table at its first row, on a read
 * pointer of its own (other readers of the same table are not disturbed).
 */
static void
rewind_transition_table(Tuplestorestate *table)
{
	int			ptr = tuplestore_alloc_read_pointer(table, EXEC_FLAG_REWIND);

	tuplestore_select_read_pointer(table, ptr);
	tuplestore_rescan(table);
}

/*
 * AFTER UPDATE statement trigger (REFERENCING OLD TABLE AS old_tasks NEW
 * TABLE AS new_tasks): the statement's rows are walked in the order they
 * were updated, old and new side by side.  Every status change becomes a
 * status_changed event; the events are written set-based, a batch per
 * INSERT, so event ids follow the rows' order.  A completed
 * record_application_id task whose application_id was just set (or that was
 * just completed with one) records the number on its application, after the
 * events of the rows before it.  INSERT has no side effects, so that
 * restoring a dump writes nothing more.
 */
Datum
task_after_update(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	TaskColumns c;
	TupleTableSlot *old_slot;
	TupleTableSlot *new_slot;
	MemoryContext row_cxt;
	MemoryContext caller_cxt;
	AuditBatch	events;

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "task_after_update: not called by trigger manager");
	if (!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ||
		trigdata->tg_oldtable == NULL || trigdata->tg_newtable == NULL)
		elog(ERROR, "task_after_update: must be fired AFTER UPDATE FOR EACH STATEMENT "
			 "with OLD TABLE and NEW TABLE");

	desc = RelationGetDescr(trigdata->tg_relation);
	load_columns(trigdata->tg_relation, &c);
	old_slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	new_slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	rewind_transition_table(trigdata->tg_oldtable);
	rewind_transition_table(trigdata->tg_newtable);
	row_cxt = AllocSetContextCreate(CurrentMemoryContext, "task_after_update row",
									ALLOCSET_DEFAULT_SIZES);
	audit_batch_begin(&events);

	for (;;)
	{
		bool		have_old = tuplestore_gettupleslot(trigdata->tg_oldtable, true,
													   false, old_slot);
		bool		have_new = tuplestore_gettupleslot(trigdata->tg_newtable, true,
													   false, new_slot);
		char	   *old_status;
		char	   *new_status;
		char	   *task_type;
		char	   *old_number;
		char	   *new_number;
		Datum		id;
		Datum		provider_id;
		Datum		payer_id;
		bool		isnull;

		CHECK_FOR_INTERRUPTS();
		if (!have_old || !have_new)
		{
			if (have_old != have_new)
				elog(ERROR, "task_after_update: transition tables differ in length");
			break;
		}

		MemoryContextReset(row_cxt);
		caller_cxt = MemoryContextSwitchTo(row_cxt);

		id = slot_getattr(new_slot, c.id, &isnull);
		if (!datum_image_eq(id, slot_getattr(old_slot, c.id, &isnull), false, UUID_LEN))
			elog(ERROR, "task_after_update: transition tables out of step");
		old_status = slot_text(old_slot, c.status);
		new_status = slot_text(new_slot, c.status);
		provider_id = slot_getattr(new_slot, c.provider_id, &isnull);
		payer_id = slot_getattr(new_slot, c.payer_id, &isnull);
		task_type = slot_text(new_slot, c.task_type);

		if (strings_differ(old_status, new_status))
			audit_batch_add(&events, "task", id, true, provider_id, payer_id,
							"status_changed", old_status, new_status,
							task_type ? details_object("task_type", task_type) : NULL);

		if (task_type != NULL && strcmp(task_type, RECORD_APPLICATION_ID_TYPE) == 0 &&
			is_completed(new_status))
		{
			old_number = slot_text(old_slot, c.application_id);
			new_number = slot_text(new_slot, c.application_id);
			if (has_content(new_number) &&
				(!is_completed(old_status) || strings_differ(old_number, new_number)))
			{
				audit_batch_flush(&events);
				record_application_number(id, provider_id, payer_id, new_number);
			}
		}
		MemoryContextSwitchTo(caller_cxt);
	}

	audit_batch_end(&events);
	MemoryContextDelete(row_cxt);
	ExecDropSingleTupleTableSlot(old_slot);
	ExecDropSingleTupleTableSlot(new_slot);
	return PointerGetDatum(NULL);
}
