/*
 * src/credentialing_analytics.c
 *		credentialing_time_by_payer (DESIGN §4.5): per payer, how many
 *		applications were approved in a date range and how long they took
 *		from submission to approval (median and mean days), beside the
 *		workflow's typical_approval_days.  Declared in sql/credentialing.sql
 *		("Admin surface"); called by admin clients (analytics screen).
 *
 *		One kept SPI plan, read-only; rows go straight into the function's
 *		result tuplestore.  It runs as the caller (row-level security
 *		applies).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "spi_util.h"

/*
 * Applications approved with approval_date in [$1, $2], per payer.  Every
 * such application counts in applications_approved; the day figures use
 * those with a submission date (and finite dates), so they are NULL when
 * none has one.  Days are approval_date - application_submitted_date.
 * Functions are schema-qualified so that no look-alike on the caller's
 * search_path can be a closer match.
 */
static const char time_by_payer_sql[] =
"SELECT py.id, py.name, pg_catalog.count(*)::integer, "
"       pg_catalog.round(pg_catalog.percentile_cont(0.5::float8) "
"                          WITHIN GROUP (ORDER BY x.days::float8)::numeric, 1), "
"       pg_catalog.round(pg_catalog.avg(x.days), 1), "
"       w.typical_approval_days "
"  FROM (SELECT a.payer_id, "
"               CASE WHEN pg_catalog.isfinite(a.application_submitted_date) "
"                     AND pg_catalog.isfinite(a.approval_date) "
"                    THEN a.approval_date - a.application_submitted_date END AS days "
"          FROM credentialing.provider_payer_applications a "
"         WHERE a.application_status = 'approved' "
"           AND a.approval_date BETWEEN $1 AND $2) x "
"  JOIN credentialing.payers py ON py.id = x.payer_id "
"  LEFT JOIN credentialing.payer_credentialing_workflows w ON w.payer_id = py.id "
" GROUP BY py.id, py.name, w.typical_approval_days "
" ORDER BY py.name, py.id";

static SPIPlanPtr time_by_payer_plan = NULL;

/*
 * Raise 22004 when argument argno (named name) is NULL.
 */
static void
require_date(FunctionCallInfo fcinfo, int argno, const char *name)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be NULL", name),
				 errdetail("credentialing_time_by_payer() was called with %s => NULL.", name),
				 errhint("Pass both ends of the approval date range.")));
}

PG_FUNCTION_INFO_V1(credentialing_time_by_payer);

/*
 * credentialing_time_by_payer(p_from date, p_to date)
 * One row per payer with at least one application approved in
 * [p_from, p_to], ordered by payer name; p_from after p_to is an error
 * (22023).
 */
Datum
credentialing_time_by_payer(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[2] = {DATEOID, DATEOID};
	Datum		args[2];
	SPIPlanPtr	plan;

	require_date(fcinfo, 0, "p_from");
	require_date(fcinfo, 1, "p_to");
	if (PG_GETARG_DATEADT(0) > PG_GETARG_DATEADT(1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_from must not be after p_to"),
				 errdetail("credentialing_time_by_payer() was called with p_from => %s and p_to => %s.",
						   DatumGetCString(DirectFunctionCall1(date_out, PG_GETARG_DATUM(0))),
						   DatumGetCString(DirectFunctionCall1(date_out, PG_GETARG_DATUM(1)))),
				 errhint("Swap the dates: the range runs from p_from to p_to, both included.")));
	args[0] = PG_GETARG_DATUM(0);
	args[1] = PG_GETARG_DATUM(1);

	InitMaterializedSRF(fcinfo, 0);

	cred_connect();
	plan = cred_prepare(&time_by_payer_plan, time_by_payer_sql, 2, argtypes);
	cred_execute_into_srf(fcinfo, plan, 2, argtypes, args, NULL,
						  gettext_noop("approval time query does not match the function's result columns"));
	cred_finish();
	return (Datum) 0;
}
