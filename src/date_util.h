/*
 * src/date_util.h
 *		Date helpers shared by the binding files: the p_as_of argument of
 *		the admin reports (src/progress_reports.c, src/payer_selection.c,
 *		src/dashboard.c) and today's date as current_date computes it (the
 *		application and task triggers).
 */
#ifndef DATE_UTIL_H
#define DATE_UTIL_H

#include "fmgr.h"
#include "utils/date.h"

/*
 * The p_as_of argument (argument argno) of a report: a finite date.  A NULL
 * (22004) or infinite (22023) date would make every "in force", "overdue"
 * and "days" figure meaningless, so both are refused; the detail names the
 * SQL function called.
 */
extern Datum cred_as_of_argument(FunctionCallInfo fcinfo, int argno);

/*
 * Today's date as current_date computes it: the transaction's start in the
 * session's time zone.
 */
extern DateADT cred_transaction_date(void);

#endif							/* DATE_UTIL_H */
