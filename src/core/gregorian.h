/*
 * src/core/gregorian.h
 *		Month lengths of the proleptic Gregorian calendar, shared by the
 *		pure-C core files that check calendar dates (no PostgreSQL headers).
 *		Header-only (static inline), like text_util.h, so that programs
 *		linking only the X12 core files need nothing more.
 *
 * Callers: src/core/appeal_rules.c (ar_days_in_month), icalendar.c and
 * x12_reader.c.
 */
#ifndef GREGORIAN_H
#define GREGORIAN_H

#include <stdbool.h>

/* True when year is a Gregorian leap year. */
static inline bool
greg_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Days in month (1..12) of year; 0 for a month outside 1..12. */
static inline int
greg_days_in_month(int year, int month)
{
	static const int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && greg_is_leap_year(year))
		return 29;
	return lengths[month - 1];
}

#endif							/* GREGORIAN_H */
