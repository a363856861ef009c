/*
 * src/progress_reports.h
 *		The completion percentage as a numeric Datum, for every report that
 *		shows one: get_provider_credentialing_progress (progress_reports.c)
 *		and the credentialing dashboard.  The formula itself is the pure-C
 *		completion_tenths() (src/core/completion.h).
 */
#ifndef PROGRESS_REPORTS_H
#define PROGRESS_REPORTS_H

#include "postgres.h"

/*
 * completed / total * 100 rounded to one decimal (half away from zero), as a
 * numeric of scale 1 (fits numeric(5,1)); 0.0 when total is 0.
 */
extern Datum credentialing_completion_percentage(int64 completed, int64 total);

#endif							/* PROGRESS_REPORTS_H */
