/*
 * test/unit/test_completion.c
 *		Unit tests of the completion-percentage formula (src/core/completion.c).
 */
#include "completion.h"
#include "unit.h"

int
main(void)
{
	CHECK_INT(completion_tenths(0, 0), 0, "no tasks is 0.0 %");
	CHECK_INT(completion_tenths(0, 4), 0, "nothing completed is 0.0 %");
	CHECK_INT(completion_tenths(4, 4), 1000, "everything completed is 100.0 %");
	CHECK_INT(completion_tenths(1, 3), 333, "one of three is 33.3 %");
	CHECK_INT(completion_tenths(2, 3), 667, "two of three rounds up to 66.7 %");
	CHECK_INT(completion_tenths(1, 8), 125, "one of eight is 12.5 % exactly");
	CHECK_INT(completion_tenths(1, 16), 63, "one of sixteen (6.25 %) rounds half up to 6.3 %");
	CHECK_INT(completion_tenths(1, 6), 167, "one of six is 16.7 %");
	CHECK_INT(completion_tenths(1, 2000), 1, "one of two thousand (0.05 %) rounds up to 0.1 %");
	CHECK_INT(completion_tenths(1, 2001), 0, "one of 2001 rounds down to 0.0 %");
	CHECK_INT(completion_tenths(5, 0), 0, "a zero total gives 0.0 % whatever is completed");
	CHECK_INT(completion_tenths(5, 4), 1000, "more completed than total is clamped to 100.0 %");
	CHECK_INT(completion_tenths(-1, 4), 0, "a negative count is clamped to 0.0 %");
	CHECK_INT(completion_tenths(999999999, 1000000000), 1000,
			  "large counts do not overflow (99.9999999 % rounds to 100.0 %)");
	return unit_done();
}
