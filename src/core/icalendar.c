/*
 * src/core/icalendar.c
 *		RFC 5545 content lines in pure C (see icalendar.h): TEXT escaping,
 *		folding at 75 octets on character boundaries, CRLF line ends, and
 *		the DATE and UTC DATE-TIME formats.  No PostgreSQL header is used.
 *
 * Callers: src/calendar.c; unit tests in test/unit/test_icalendar.c.
 */
#include "icalendar.h"

#include <stdio.h>

#include "gregorian.h"

/*
 * Output state of one content line: the destination (snprintf-like), the
 * full length produced so far, and the octets on the current physical line.
 */
typedef struct ical_writer
{
	char	   *dst;
	size_t		cap;
	size_t		len;
	size_t		line;
} ical_writer;

/*
 * Append octets without folding; only what fits before the final NUL is
 * stored, but every octet is counted.
 */
static void
put_raw(ical_writer *w, const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		if (w->cap > 0 && w->len < w->cap - 1)
			w->dst[w->len] = s[i];
		w->len++;
	}
}

/*
 * Append one unit (a character or an escape pair, at most 4 octets), first
 * folding the line when the unit would take it past the limit.  A unit is
 * never split, so every physical line stays within the limit.
 */
static void
put_unit(ical_writer *w, const char *s, size_t n)
{
	if (w->line + n > ICAL_MAX_LINE_OCTETS)
	{
		put_raw(w, "\r\n ", 3);
		w->line = 1;
	}
	put_raw(w, s, n);
	w->line += n;
}

/*
 * Append s[0..n) as units of one character each.
 */
static void
put_plain(ical_writer *w, const char *s, size_t n, ical_charlen_fn charlen)
{
	size_t		i = 0;

	while (i < n)
	{
		size_t		clen = charlen((const unsigned char *) s + i, n - i);

		if (clen < 1 || clen > n - i)
			clen = 1;			/* a misbehaving callback must not stall us */
		put_unit(w, s + i, clen);
		i += clen;
	}
}

/*
 * Append s[0..n) as an escaped TEXT value (RFC 5545 §3.3.11).  With fold
 * false the units are written without folding.
 */
static void
put_text(ical_writer *w, const char *s, size_t n, ical_charlen_fn charlen,
		 bool fold)
{
	size_t		i = 0;

	while (i < n)
	{
		unsigned char c = (unsigned char) s[i];
		const char *unit = NULL;
		size_t		ulen = 0;
		size_t		advance = 1;

		switch (c)
		{
			case '\\':
				unit = "\\\\";
				ulen = 2;
				break;
			case ';':
				unit = "\\;";
				ulen = 2;
				break;
			case ',':
				unit = "\\,";
				ulen = 2;
				break;
			case '\r':
				/* CRLF is one line break; a lone CR is one too */
				if (i + 1 < n && s[i + 1] == '\n')
					advance = 2;
				unit = "\\n";
				ulen = 2;
				break;
			case '\n':
				unit = "\\n";
				ulen = 2;
				break;
			default:
				if ((c < 0x20 && c != '\t') || c == 0x7f)
				{
					/* CONTROL characters are not TSAFE-CHAR: dropped */
					ulen = 0;
				}
				else
				{
					unit = s + i;
					ulen = charlen((const unsigned char *) s + i, n - i);
					if (ulen < 1 || ulen > n - i)
						ulen = 1;
					advance = ulen;
				}
				break;
		}
		if (ulen > 0)
		{
			if (fold)
				put_unit(w, unit, ulen);
			else
				put_raw(w, unit, ulen);
		}
		i += advance;
	}
}

/*
 * NUL-terminate the destination and return the full length.
 */
static size_t
finish(ical_writer *w)
{
	if (w->cap > 0)
		w->dst[w->len < w->cap ? w->len : w->cap - 1] = '\0';
	return w->len;
}

size_t
ical_utf8_charlen(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	size_t		n;
	size_t		i;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 1;
	if (n > avail)
		return 1;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

size_t
ical_content_line(const char *name, const char *params,
				  const char *value, size_t value_len,
				  bool escape_text, ical_charlen_fn charlen,
				  char *dst, size_t cap)
{
	ical_writer w = {dst, cap, 0, 0};
	size_t		n;

	if (charlen == NULL)
		charlen = ical_utf8_charlen;

	for (n = 0; name[n] != '\0'; n++)
		;
	put_plain(&w, name, n, charlen);
	if (params != NULL)
	{
		put_unit(&w, ";", 1);
		for (n = 0; params[n] != '\0'; n++)
			;
		put_plain(&w, params, n, charlen);
	}
	put_unit(&w, ":", 1);
	if (escape_text)
		put_text(&w, value, value_len, charlen, true);
	else
		put_plain(&w, value, value_len, charlen);
	put_raw(&w, "\r\n", 2);
	return finish(&w);
}

size_t
ical_escape_text(const char *src, size_t len, char *dst, size_t cap)
{
	ical_writer w = {dst, cap, 0, 0};

	put_text(&w, src, len, ical_utf8_charlen, false);
	return finish(&w);
}

/*
 * True when year-month-day is a Gregorian calendar date.
 */
static bool
is_calendar_date(int year, int month, int day)
{
	return day >= 1 && day <= greg_days_in_month(year, month);
}

bool
ical_format_date(int year, int month, int day, char *buf)
{
	if (year < 1 || year > 9999 || !is_calendar_date(year, month, day))
		return false;
	snprintf(buf, ICAL_DATE_BUFSIZE, "%04d%02d%02d", year, month, day);
	return true;
}

bool
ical_format_utc_datetime(int year, int month, int day,
						 int hour, int minute, int second, char *buf)
{
	if (year < 1 || year > 9999 || !is_calendar_date(year, month, day) ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
		second < 0 || second > 60)
		return false;
	if (second == 60)
		second = 59;
	snprintf(buf, ICAL_DATETIME_BUFSIZE, "%04d%02d%02dT%02d%02d%02dZ",
			 year, month, day, hour, minute, second);
	return true;
}
