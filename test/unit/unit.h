/*
 * test/unit/unit.h
 *		A minimal TAP producer for the pure-C core unit tests.
 *
 * Each test program includes this file, calls the CHECK macros and ends with
 * unit_done(), which prints the plan and a closing "N passed, N failed" line
 * and returns the exit status.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int	unit_passed;
static int	unit_failed;

/* Record one result as a TAP line. */
static inline void
unit_report(int ok, const char *file, int line, const char *desc)
{
	int			n = unit_passed + unit_failed + 1;

	if (ok)
		unit_passed++;
	else
		unit_failed++;
	printf("%s %d - %s\n", ok ? "ok" : "not ok", n, desc);
	if (!ok)
		printf("#   failed at %s:%d\n", file, line);
}

#define CHECK(cond, desc) unit_report((cond) ? 1 : 0, __FILE__, __LINE__, (desc))
#define CHECK_INT(got, want, desc) \
	do { \
		long long	g_ = (long long) (got), w_ = (long long) (want); \
		unit_report(g_ == w_, __FILE__, __LINE__, (desc)); \
		if (g_ != w_) \
			printf("#   got %lld, want %lld\n", g_, w_); \
	} while (0)
#define CHECK_STR(got, want, desc) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		int			ok_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_; \
		unit_report(ok_, __FILE__, __LINE__, (desc)); \
		if (!ok_) \
			printf("#   got \"%s\", want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)

/* Print the plan and the closing line; the return value is the exit status. */
static inline int
unit_done(void)
{
	printf("1..%d\n", unit_passed + unit_failed);
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed == 0 ? 0 : 1;
}

#endif							/* UNIT_H */
