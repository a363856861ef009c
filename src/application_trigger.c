/*
 * src/application_trigger.c
 *		Placeholder until implemented.
 */
#include "postgres.h"
#include "fmgr.h"
#include "commands/trigger.h"

PG_FUNCTION_INFO_V1(application_before_write);
Datum
application_before_write(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple);
}

PG_FUNCTION_INFO_V1(application_after_update);
Datum
application_after_update(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple);
}

