/*
 * src/credentialing.c
 *		Module entry point: the module magic block, the configuration
 *		parameters under credentialing.*, and the generic updated_at trigger
 *		used by the tables that have no trigger of their own.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/guc.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "credentialing.h"
#include "spi_util.h"

PG_MODULE_MAGIC;

bool		credentialing_enforce_transitions = true;
int			credentialing_default_approval_days = 60;
int			credentialing_outbox_max_attempts = 10;

void		_PG_init(void);

/*
 * Register the GUCs and reserve the credentialing.* prefix.
 */
void
_PG_init(void)
{
	DefineCustomBoolVariable("credentialing.enforce_transitions",
							 "Refuse application status changes outside the allowed transitions.",
							 "Turn off (SET, as a DBA) to correct data by hand.",
							 &credentialing_enforce_transitions,
							 true,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);

	DefineCustomIntVariable("credentialing.default_approval_days",
							"Days from submission to the expected decision when the payer's workflow gives none.",
							NULL,
							&credentialing_default_approval_days,
							60,
							0, 3650,
							PGC_USERSET,
							0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("credentialing.outbox_max_attempts",
							"Claims of an appeal outbox message after which a failed publication is not retried.",
							"When a message has been claimed this many times, its next nack (or an expired lease) marks the appeal failed.",
							&credentialing_outbox_max_attempts,
							10,
							1, INT_MAX,
							PGC_USERSET,
							0,
							NULL, NULL, NULL);

	MarkGUCPrefixReserved("credentialing");
}

PG_FUNCTION_INFO_V1(set_updated_at);

/*
 * BEFORE UPDATE row trigger: set the row's updated_at column to the
 * transaction timestamp.  Works on any table with an updated_at timestamptz.
 */
Datum
set_updated_at(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	HeapTuple	tuple;
	int			attnum;
	Datum		value;
	bool		isnull = false;

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "set_updated_at: not called by trigger manager");
	if (!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		elog(ERROR, "set_updated_at: must be fired BEFORE UPDATE FOR EACH ROW");

	tuple = trigdata->tg_newtuple;
	attnum = cred_column_number(trigdata->tg_relation, "updated_at");
	value = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
	tuple = heap_modify_tuple_by_cols(tuple, trigdata->tg_relation->rd_att,
									  1, &attnum, &value, &isnull);
	return PointerGetDatum(tuple);
}
