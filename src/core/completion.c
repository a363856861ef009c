/*
 * src/core/completion.c
 *		The completion-percentage formula shared by every report of the
 *		product (pure C, no PostgreSQL headers); see completion.h.
 */
#include "completion.h"

/*
 * Tenths of a percent, rounded half up: floor((2000 c + t) / 2t) is
 * round(1000 c / t) for 0 <= c <= t.  Counts are row counts, far below the
 * range where 2000 c could overflow.
 */
int
completion_tenths(int64_t completed, int64_t total)
{
	if (total <= 0)
		return 0;
	if (completed < 0)
		completed = 0;
	if (completed > total)
		completed = total;
	return (int) ((completed * 2000 + total) / (total * 2));
}
