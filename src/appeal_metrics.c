/*
 * src/appeal_metrics.c
 *		appeal_metrics (DESIGN §5.4): the monitoring figures of the appeals
 *		integration over a window of dates, computed by one read-only query
 *		and returned as a jsonb object.
 *
 * Definitions (the window is p_from .. p_to inclusive; timestamps are cut
 * to dates in the session's time zone):
 *	- a claim's eligibility date is its finalized date, else its
 *	  remittance/processed date, else its status date (the anchor of the
 *	  timely filing deadline, §5.3);
 *	- an appeal-eligible claim is one whose status is Denied or Partially
 *	  Paid, or that has been appealed (a claim paid after an appeal stays
 *	  counted); appeals_enabled is not consulted, since settings are not
 *	  historical;
 *	- appealInitiationRate: of the appeal-eligible claims whose eligibility
 *	  date falls in the window, the share that has an appeal (of any status,
 *	  filed at any time);
 *	- appealsFromEcs: appeals submitted in the window whose source is ECS
 *	  (any letter case);
 *	- timelyFilingCompliance: of the appeal-eligible claims whose deadline
 *	  falls in the window, the share with an appeal that is not failed,
 *	  submitted on or before the deadline; the deadline is the one recorded
 *	  on the claim's first appeal, else eligibility date + the payer's (else
 *	  the global) timely_filing_days + notice_grace_days;
 *	- appealSuccessRate: of the appeals decided in the window, the share
 *	  overturned or partially overturned;
 *	- averageDaysToAppeal: mean days from the claim's finalized date to
 *	  submission, over the appeals submitted in the window whose claim has
 *	  a finalized date (rounded to 2 decimals).
 * Rates are numerics rounded to 4 decimals (0.5 is 50 %); a figure whose
 * denominator is 0 is null.
 *
 * Callers: SQL.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "jsonb_util.h"
#include "spi_util.h"

static SPIPlanPtr metrics_plan;

#define METRICS_SQL \
	"WITH settings AS (" \
	"  SELECT COALESCE((SELECT s.timely_filing_days FROM credentialing.appeal_settings s " \
	"                    WHERE s.singleton), 180) AS days" \
	"), eligible AS (" \
	"  SELECT c.id, c.payer_code, " \
	"         COALESCE(c.finalized_date, c.remittance_date, c.status_date) AS eligible_on " \
	"    FROM credentialing.claims c " \
	"   WHERE c.claim_status OPERATOR(pg_catalog.=) ANY ('{Denied,\"Partially Paid\"}'::pg_catalog.text[]) " \
	"      OR EXISTS (SELECT FROM credentialing.appeals a " \
	"                  WHERE a.claim_id OPERATOR(pg_catalog.=) c.id)" \
	"), cohort AS (" \
	"  SELECT EXISTS (SELECT FROM credentialing.appeals a " \
	"                  WHERE a.claim_id OPERATOR(pg_catalog.=) e.id) AS appealed " \
	"    FROM eligible e " \
	"   WHERE e.eligible_on OPERATOR(pg_catalog.>=) $1 " \
	"     AND e.eligible_on OPERATOR(pg_catalog.<=) $2" \
	"), due AS (" \
	"  SELECT e.id, COALESCE(" \
	"           (SELECT a.deadline FROM credentialing.appeals a " \
	"             WHERE a.claim_id OPERATOR(pg_catalog.=) e.id AND a.deadline IS NOT NULL " \
	"             ORDER BY a.submitted_at, a.id LIMIT 1), " \
	"           e.eligible_on OPERATOR(pg_catalog.+) " \
	"             (COALESCE(r.timely_filing_days, (SELECT days FROM settings)) " \
	"              OPERATOR(pg_catalog.+) COALESCE(r.notice_grace_days, 0))) AS deadline " \
	"    FROM eligible e " \
	"    LEFT JOIN credentialing.payer_appeal_rules r " \
	"      ON r.payer_code OPERATOR(pg_catalog.=) e.payer_code " \
	"   WHERE e.eligible_on OPERATOR(pg_catalog.<=) $2" \
	"), due_in_window AS (" \
	"  SELECT EXISTS (SELECT FROM credentialing.appeals a " \
	"                  WHERE a.claim_id OPERATOR(pg_catalog.=) u.id " \
	"                    AND a.status OPERATOR(pg_catalog.<>) 'failed' " \
	"                    AND a.submitted_at::pg_catalog.date OPERATOR(pg_catalog.<=) u.deadline) AS in_time " \
	"    FROM due u " \
	"   WHERE u.deadline OPERATOR(pg_catalog.>=) $1 " \
	"     AND u.deadline OPERATOR(pg_catalog.<=) $2" \
	"), submitted AS (" \
	"  SELECT a.source, a.submitted_at::pg_catalog.date AS submitted_on, " \
	"         c.finalized_date AS finalized_on " \
	"    FROM credentialing.appeals a " \
	"    JOIN credentialing.claims c ON c.id OPERATOR(pg_catalog.=) a.claim_id " \
	"   WHERE a.submitted_at OPERATOR(pg_catalog.>=) $1::pg_catalog.timestamptz " \
	"     AND a.submitted_at OPERATOR(pg_catalog.<) ($2 OPERATOR(pg_catalog.+) 1)::pg_catalog.timestamptz" \
	"), decided AS (" \
	"  SELECT a.decision FROM credentialing.appeals a " \
	"   WHERE a.decision IS NOT NULL " \
	"     AND a.decided_at OPERATOR(pg_catalog.>=) $1::pg_catalog.timestamptz " \
	"     AND a.decided_at OPERATOR(pg_catalog.<) ($2 OPERATOR(pg_catalog.+) 1)::pg_catalog.timestamptz" \
	") " \
	"SELECT " \
	"  (SELECT pg_catalog.round(pg_catalog.count(*) FILTER (WHERE appealed)::pg_catalog.numeric " \
	"          OPERATOR(pg_catalog./) NULLIF(pg_catalog.count(*), 0), 4) FROM cohort), " \
	"  (SELECT pg_catalog.count(*) FROM submitted " \
	"    WHERE pg_catalog.upper(source) OPERATOR(pg_catalog.=) 'ECS'), " \
	"  (SELECT pg_catalog.round(pg_catalog.count(*) FILTER (WHERE in_time)::pg_catalog.numeric " \
	"          OPERATOR(pg_catalog./) NULLIF(pg_catalog.count(*), 0), 4) FROM due_in_window), " \
	"  (SELECT pg_catalog.round(pg_catalog.count(*) FILTER (WHERE decision OPERATOR(pg_catalog.=) " \
	"            ANY ('{overturned,partially_overturned}'::pg_catalog.text[]))::pg_catalog.numeric " \
	"          OPERATOR(pg_catalog./) NULLIF(pg_catalog.count(*), 0), 4) FROM decided), " \
	"  (SELECT pg_catalog.round(pg_catalog.avg(submitted_on OPERATOR(pg_catalog.-) finalized_on), 2) " \
	"     FROM submitted WHERE finalized_on IS NOT NULL)"

/*
 * Push result column col (numeric, or bigint for a count) under key.
 */
static void
push_figure(JsonbParseState **st, const char *key, HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	if (isnull)
		cred_json_put_numeric(st, key, NULL);
	else if (SPI_gettypeid(desc, col) == INT8OID)
		cred_json_put_int(st, key, DatumGetInt64(d));
	else
		cred_json_put_numeric(st, key, DatumGetNumeric(d));
}

PG_FUNCTION_INFO_V1(appeal_metrics);

/*
 * appeal_metrics(p_from, p_to) -> jsonb {appealInitiationRate,
 * appealsFromEcs, timelyFilingCompliance, appealSuccessRate,
 * averageDaysToAppeal}; see the file header for the definitions.
 */
Datum
appeal_metrics(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[2] = {DATEOID, DATEOID};
	MemoryContext fn_cxt = CurrentMemoryContext;
	Datum		args[2];
	SPIPlanPtr	plan;
	HeapTuple	tup;
	TupleDesc	desc;
	JsonbParseState *st = NULL;
	JsonbValue *res;
	Jsonb	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", PG_ARGISNULL(0) ? "p_from" : "p_to"),
				 errhint("Pass the first and last dates of the window.")));
	args[0] = PG_GETARG_DATUM(0);
	args[1] = PG_GETARG_DATUM(1);
	if (DATE_NOT_FINITE(DatumGetDateADT(args[0])) || DATE_NOT_FINITE(DatumGetDateADT(args[1])))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the window of appeal_metrics must have finite dates"),
				 errdetail("p_from is %s and p_to is %s.",
						   DatumGetCString(DirectFunctionCall1(date_out, args[0])),
						   DatumGetCString(DirectFunctionCall1(date_out, args[1])))));
	if (DatumGetDateADT(args[0]) > DatumGetDateADT(args[1]))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_from must not be after p_to"),
				 errdetail("p_from is %s and p_to is %s.",
						   DatumGetCString(DirectFunctionCall1(date_out, args[0])),
						   DatumGetCString(DirectFunctionCall1(date_out, args[1]))),
				 errhint("Both dates are included in the window.")));

	cred_connect();
	plan = cred_prepare(&metrics_plan, METRICS_SQL, 2, argtypes);
	cred_execute(plan, args, NULL, true, 1, SPI_OK_SELECT);
	if (SPI_processed != 1)
		elog(ERROR, "appeal metrics query returned " UINT64_FORMAT " rows", SPI_processed);
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	push_figure(&st, "appealInitiationRate", tup, desc, 1);
	push_figure(&st, "appealsFromEcs", tup, desc, 2);
	push_figure(&st, "timelyFilingCompliance", tup, desc, 3);
	push_figure(&st, "appealSuccessRate", tup, desc, 4);
	push_figure(&st, "averageDaysToAppeal", tup, desc, 5);
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);

	result = cred_jsonb_in_context(fn_cxt, res);
	SPI_finish();
	PG_RETURN_JSONB_P(result);
}
