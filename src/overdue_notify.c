/*
 * src/overdue_notify.c
 *		notify_overdue: one NOTIFY on channel credentialing_overdue per
 *		overdue application and per overdue task, with a JSON payload, for
 *		listeners that alert admins (mail, chat).  Declared in
 *		sql/credentialing.sql ("Admin surface"); called by a scheduler
 *		(pg_cron, a worker) or an admin client.
 *
 *		"Overdue" is exactly what get_overdue_applications and
 *		get_overdue_tasks (src/progress_reports.c) report: they are queried
 *		here, so the notifications and the reports never disagree.  As with
 *		any NOTIFY, the notifications are delivered when the calling
 *		transaction commits, and not at all if it rolls back.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "spi_util.h"

/* The channel listeners LISTEN on. */
#define OVERDUE_CHANNEL "credentialing_overdue"

/*
 * The notifications: applications first (most overdue first), then tasks
 * (likewise), each in its helper's order.  Names and titles are cut to 200
 * characters, so that a payload stays far below NOTIFY's 8000-byte limit
 * (three such fields of at most 6 bytes per character once JSON-escaped,
 * plus fixed-size ids, dates and numbers); listeners fetch the full row by
 * id.
 */
static const char overdue_sql[] =
"SELECT n.kind, n.id, n.payload FROM ("
"  SELECT 1 AS part, o.ord, 'application'::text AS kind, o.application_id AS id, "
"         pg_catalog.jsonb_build_object("
"           'kind', 'application', "
"           'id', o.application_id, "
"           'provider_id', o.provider_id, "
"           'provider', pg_catalog.\"left\"(o.provider_name, 200), "
"           'payer_id', o.payer_id, "
"           'payer', pg_catalog.\"left\"(o.payer_name, 200), "
"           'status', o.application_status, "
"           'submitted_date', o.application_submitted_date, "
"           'expected_decision_date', o.expected_decision_date, "
"           'days_overdue', o.days_overdue, "
"           'as_of', $1) AS payload "
"    FROM credentialing.get_overdue_applications($1) WITH ORDINALITY "
"         AS o(application_id, provider_id, provider_name, payer_id, payer_name, "
"              application_status, application_submitted_date, "
"              expected_decision_date, days_overdue, ord) "
"  UNION ALL "
"  SELECT 2, o.ord, 'task'::text, o.task_id, "
"         pg_catalog.jsonb_build_object("
"           'kind', 'task', "
"           'id', o.task_id, "
"           'provider_id', o.provider_id, "
"           'provider', pg_catalog.\"left\"(o.provider_name, 200), "
"           'payer_id', o.payer_id, "
"           'payer', pg_catalog.\"left\"(o.payer_name, 200), "
"           'title', pg_catalog.\"left\"(o.title, 200), "
"           'status', o.task_status, "
"           'due_date', o.due_date, "
"           'days_overdue', o.days_overdue, "
"           'as_of', $1) "
"    FROM credentialing.get_overdue_tasks($1) WITH ORDINALITY "
"         AS o(task_id, provider_id, provider_name, payer_id, payer_name, "
"              title, task_status, due_date, days_overdue, ord)"
") n "
"ORDER BY n.part, n.ord";

static SPIPlanPtr overdue_plan = NULL;

PG_FUNCTION_INFO_V1(notify_overdue);

/*
 * notify_overdue(p_as_of date) RETURNS TABLE(kind text, id uuid,
 * payload jsonb)
 * Queue one notification per overdue application and task as of p_as_of
 * and return them.  p_as_of is checked by the overdue helpers (NULL and
 * infinity are refused there).
 */
Datum
notify_overdue(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[1] = {DATEOID};
	ReturnSetInfo *rsinfo;
	Datum		args[1];
	char		nulls[1];
	SPIPlanPtr	plan;
	SPITupleTable *tt;
	MemoryContext rowcxt;
	uint64		i;

	/* a standby cannot send notifications */
	PreventCommandDuringRecovery("notify_overdue()");

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	if (rsinfo->setDesc->natts != 3)
		elog(ERROR, "notify_overdue: unexpected result column count");

	args[0] = PG_ARGISNULL(0) ? (Datum) 0 : PG_GETARG_DATUM(0);
	nulls[0] = PG_ARGISNULL(0) ? 'n' : ' ';

	cred_connect();
	plan = cred_prepare(&overdue_plan, overdue_sql, 1, argtypes);
	cred_execute(plan, args, nulls, false, 0, SPI_OK_SELECT);
	tt = SPI_tuptable;

	/* the payload text of each row is freed once Async_Notify copied it */
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "notify_overdue rows",
								   ALLOCSET_DEFAULT_SIZES);
	for (i = 0; i < SPI_processed; i++)
	{
		Datum		values[3];
		bool		isnull[3];
		Jsonb	   *payload;
		MemoryContext oldcxt;

		CHECK_FOR_INTERRUPTS();
		heap_deform_tuple(tt->vals[i], tt->tupdesc, values, isnull);
		if (isnull[2])
			elog(ERROR, "notify_overdue: NULL payload");
		oldcxt = MemoryContextSwitchTo(rowcxt);
		payload = DatumGetJsonbP(values[2]);
		Async_Notify(OVERDUE_CHANNEL,
					 JsonbToCString(NULL, &payload->root, VARSIZE(payload)));
		MemoryContextSwitchTo(oldcxt);
		MemoryContextReset(rowcxt);
		/* the tuplestore copies the row out of SPI's memory */
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, isnull);
	}
	MemoryContextDelete(rowcxt);

	cred_finish();
	return (Datum) 0;
}
