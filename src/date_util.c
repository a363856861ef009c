/*
 * src/date_util.c
 *		Date helpers shared by the binding files: the p_as_of check of the
 *		admin reports and the transaction's date.  See date_util.h.
 */
#include "postgres.h"

#include "access/xact.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "date_util.h"

/*
 * The p_as_of argument: a finite date; see date_util.h.
 */
Datum
cred_as_of_argument(FunctionCallInfo fcinfo, int argno)
{
	DateADT		as_of;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_as_of must not be NULL"),
				 errdetail("%s() was called with p_as_of => NULL.",
						   get_func_name(fcinfo->flinfo->fn_oid)),
				 errhint("Pass the date to report at, or leave p_as_of out to report at today's date.")));
	as_of = PG_GETARG_DATEADT(argno);
	if (DATE_NOT_FINITE(as_of))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_as_of must be a finite date"),
				 errdetail("%s() was called with p_as_of => %s.",
						   get_func_name(fcinfo->flinfo->fn_oid),
						   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(as_of)))),
				 errhint("Pass the date to report at, or leave p_as_of out to report at today's date.")));
	return DateADTGetDatum(as_of);
}

/*
 * Today's date as current_date computes it.
 */
DateADT
cred_transaction_date(void)
{
	return DatumGetDateADT(DirectFunctionCall1(timestamptz_date,
											   TimestampTzGetDatum(GetCurrentTransactionStartTimestamp())));
}
