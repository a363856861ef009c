/*
 * src/core/completion.h
 *		The product's one completion-percentage formula (pure C, no
 *		PostgreSQL headers).  Used through credentialing_completion_percentage()
 *		(src/progress_reports.h) by the progress helper and the dashboard, and
 *		by its unit test.
 */
#ifndef COMPLETION_H
#define COMPLETION_H

#include <stdint.h>

/*
 * completed / total * 100, rounded half away from zero to one decimal, in
 * tenths of a percent (0..1000): 1 of 3 gives 333 (33.3 %), 2 of 3 gives
 * 667.  0 when total is 0 or less; completed is clamped to 0..total.
 */
extern int	completion_tenths(int64_t completed, int64_t total);

#endif							/* COMPLETION_H */
