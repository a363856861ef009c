/*
 * src/appeal_status.c
 *		appeal_status and appeal_prefill (DESIGN §5.4): whether a stored
 *		claim can be appealed now, with the first failing check's reason, and
 *		the data that pre-populates an appeal form.  Thin: the work is in
 *		src/appeal_eval.c.
 *
 * Callers: SQL.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/jsonb.h"

#include "appeal_eval.h"

/* Text argument n as a C string, or NULL. */
static char *
text_arg_or_null(FunctionCallInfo fcinfo, int n)
{
	if (PG_ARGISNULL(n))
		return NULL;
	return text_to_cstring(PG_GETARG_TEXT_PP(n));
}

PG_FUNCTION_INFO_V1(appeal_status);

/*
 * appeal_status(p_claim_number, p_payer_code, p_as_of) -> one row
 * (can_appeal, reason, appeal_type, deadline, days_remaining, message).
 * appeal_type, deadline and days_remaining are filled whenever the claim's
 * status allows appeals (and it has a date to count from); message only
 * when the claim can be appealed.
 */
Datum
appeal_status(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *claim_number = text_arg_or_null(fcinfo, 0);
	char	   *payer_code = text_arg_or_null(fcinfo, 1);
	DateADT		as_of;
	AppealEvaluation ev;
	Datum		values[6];
	bool		nulls[6];

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_as_of must not be null"),
				 errhint("Omit it to use the current date.")));
	as_of = PG_GETARG_DATEADT(2);

	appeal_evaluate(claim_number, payer_code, as_of, false, &ev);

	InitMaterializedSRF(fcinfo, 0);
	memset(nulls, 0, sizeof(nulls));
	values[0] = BoolGetDatum(ev.can_appeal);
	nulls[1] = ev.reason == NULL;
	values[1] = ev.reason ? CStringGetTextDatum(ev.reason) : (Datum) 0;
	nulls[2] = ev.appeal_type == NULL;
	values[2] = ev.appeal_type ? CStringGetTextDatum(ev.appeal_type) : (Datum) 0;
	nulls[3] = !ev.has_deadline;
	values[3] = DateADTGetDatum(ev.deadline);
	nulls[4] = !ev.has_deadline;
	values[4] = Int32GetDatum(ev.days_remaining);
	nulls[5] = ev.message == NULL;
	values[5] = ev.message ? CStringGetTextDatum(ev.message) : (Datum) 0;
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(appeal_prefill);

/*
 * appeal_prefill(p_claim_number, p_payer_code) -> jsonb: the prefill object
 * of the claim (see appeal_prefill_for_claim).
 */
Datum
appeal_prefill(PG_FUNCTION_ARGS)
{
	char	   *claim_number = text_arg_or_null(fcinfo, 0);
	char	   *payer_code = text_arg_or_null(fcinfo, 1);
	AppealEvaluation ev;

	appeal_evaluate(claim_number, payer_code, GetSQLCurrentDate(), false, &ev);
	PG_RETURN_JSONB_P(appeal_prefill_for_claim(ev.claim_id, &ev));
}
