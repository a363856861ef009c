/*
 * src/core/icalendar.h
 *		RFC 5545 (iCalendar) text building in pure C: content lines with
 *		TEXT escaping (§3.3.11), line folding at 75 octets that never splits
 *		a character or an escape pair, CRLF line ends (§3.1), and the DATE
 *		and UTC DATE-TIME value formats.  No PostgreSQL header is included
 *		here or in icalendar.c.
 *
 * Callers: src/calendar.c (credentialing_calendar); unit tests in
 * test/unit/test_icalendar.c.
 */
#ifndef ICALENDAR_H
#define ICALENDAR_H

#include <stdbool.h>
#include <stddef.h>

/* Longest physical line, in octets, not counting its CRLF (RFC 5545 §3.1). */
#define ICAL_MAX_LINE_OCTETS 75

/* Size of the buffers ical_format_date and ical_format_utc_datetime fill. */
#define ICAL_DATE_BUFSIZE 9			/* YYYYMMDD + NUL */
#define ICAL_DATETIME_BUFSIZE 17	/* YYYYMMDDTHHMMSSZ + NUL */

/*
 * Length in octets (1 .. avail) of the character that starts at s, with
 * avail >= 1 octets available.  Folding never cuts inside the length it
 * returns.
 */
typedef size_t (*ical_charlen_fn) (const unsigned char *s, size_t avail);

/*
 * The UTF-8 rule: the length of a well-formed sequence of 2 to 4 octets
 * starting at s, else 1 (ASCII, a stray continuation octet, a bad lead
 * octet or a truncated sequence each count as one character).
 */
extern size_t ical_utf8_charlen(const unsigned char *s, size_t avail);

/*
 * Write one content line: name, then ";" and params when params is not
 * NULL (e.g. "VALUE=DATE"), then ":" and the value[0..value_len), then
 * CRLF.  With escape_text the value is a TEXT value: backslash, semicolon
 * and comma are escaped, CRLF, LF and a lone CR become "\n", and the other
 * control characters (which TEXT may not hold) are dropped; tab is kept.
 * Without it the value is copied as is.  The line is folded so that no
 * physical line exceeds ICAL_MAX_LINE_OCTETS octets: a fold is CRLF and one
 * space, placed before a character (as charlen measures it; NULL means
 * ical_utf8_charlen) or an escape pair, never inside one.
 *
 * Like snprintf: at most cap - 1 octets are written, dst is NUL-terminated
 * when cap > 0, and the return value is the full length (without the NUL),
 * so a call with cap 0 measures the line.
 */
extern size_t ical_content_line(const char *name, const char *params,
								const char *value, size_t value_len,
								bool escape_text, ical_charlen_fn charlen,
								char *dst, size_t cap);

/*
 * The escaped form of a TEXT value, unfolded and without line end, under
 * the rules of ical_content_line; snprintf-like.
 */
extern size_t ical_escape_text(const char *src, size_t len,
							   char *dst, size_t cap);

/*
 * Format a DATE value (YYYYMMDD) into buf[ICAL_DATE_BUFSIZE].  Returns false
 * (buf untouched) unless it is a calendar date in the years 1 to 9999.
 */
extern bool ical_format_date(int year, int month, int day, char *buf);

/*
 * Format a UTC DATE-TIME value (YYYYMMDDTHHMMSSZ) into
 * buf[ICAL_DATETIME_BUFSIZE]; the fields are already in UTC.  Returns false
 * (buf untouched) when the date is not a calendar date in the years 1 to
 * 9999 or a time field is out of range.  A leap second (60) is
 * written as 59, since iCalendar readers commonly refuse 60.
 */
extern bool ical_format_utc_datetime(int year, int month, int day,
									 int hour, int minute, int second,
									 char *buf);

#endif							/* ICALENDAR_H */
