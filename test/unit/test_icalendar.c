/*
 * test/unit/test_icalendar.c
 *		Unit tests of the RFC 5545 text building (src/core/icalendar.c):
 *		TEXT escaping, folding at 75 octets without splitting a UTF-8
 *		sequence or an escape pair, CRLF line ends, snprintf-like sizing,
 *		and the DATE / DATE-TIME formats.
 */
#include <stdlib.h>
#include <string.h>

#include "icalendar.h"
#include "unit.h"

/* Build one content line into a fresh buffer (exact size, measured first). */
static char *
line(const char *name, const char *params, const char *value, bool text)
{
	size_t		n = ical_content_line(name, params, value, strlen(value), text,
									  NULL, NULL, 0);
	char	   *buf = malloc(n + 1);

	ical_content_line(name, params, value, strlen(value), text, NULL, buf, n + 1);
	return buf;
}

/* Escape into a fresh buffer. */
static char *
escape(const char *value)
{
	size_t		n = ical_escape_text(value, strlen(value), NULL, 0);
	char	   *buf = malloc(n + 1);

	ical_escape_text(value, strlen(value), buf, n + 1);
	return buf;
}

/*
 * True when every physical line of s ends with CRLF, holds no bare CR or
 * LF, and is at most ICAL_MAX_LINE_OCTETS octets long.
 */
static int
lines_ok(const char *s)
{
	size_t		linelen = 0;

	for (; *s; s++)
	{
		if (s[0] == '\r' && s[1] == '\n')
		{
			if (linelen > ICAL_MAX_LINE_OCTETS)
				return 0;
			linelen = 0;
			s++;
			continue;
		}
		if (*s == '\r' || *s == '\n')
			return 0;
		linelen++;
	}
	return linelen == 0;
}

/*
 * Undo folding (RFC 5545 §3.1: remove every CRLF followed by one space) and
 * the final CRLF, in place.
 */
static char *
unfold(char *s)
{
	char	   *r = s;
	char	   *w = s;

	while (*r)
	{
		if (r[0] == '\r' && r[1] == '\n' && r[2] == ' ')
			r += 3;
		else if (r[0] == '\r' && r[1] == '\n' && r[2] == '\0')
			r += 2;
		else
			*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/*
 * True when no fold of s lands inside a UTF-8 sequence: the octet after
 * each "CRLF space" is not a continuation octet.
 */
static int
folds_on_boundaries(const char *s)
{
	const char *p;

	for (p = s; (p = strstr(p, "\r\n ")) != NULL; p += 3)
		if ((((unsigned char) p[3]) & 0xc0) == 0x80)
			return 0;
	return 1;
}

/* Length of the first physical line, without its CRLF. */
static size_t
first_line_len(const char *s)
{
	return strstr(s, "\r\n") - s;
}

int
main(void)
{
	char	   *s;
	char		big[400];
	char		expect[420];
	char		small[8];
	char		date[ICAL_DATE_BUFSIZE];
	char		stamp[ICAL_DATETIME_BUFSIZE];
	size_t		n;
	int			i;

	/* Escaping (RFC 5545 §3.3.11) */
	s = escape("a\\b;c,d");
	CHECK_STR(s, "a\\\\b\\;c\\,d", "backslash, semicolon and comma are escaped with a backslash");
	free(s);
	s = escape("one\ntwo\r\nthree\rfour");
	CHECK_STR(s, "one\\ntwo\\nthree\\nfour", "LF, CRLF and a lone CR each become one \\n");
	free(s);
	s = escape("tab\there\x01\x1f\x7f!");
	CHECK_STR(s, "tab\there!", "tab is kept and other control characters are dropped");
	free(s);
	s = escape("colon: \"quoted\" caf\xc3\xa9");
	CHECK_STR(s, "colon: \"quoted\" caf\xc3\xa9", "colons, quotes and UTF-8 text pass unchanged");
	free(s);
	s = escape("");
	CHECK_STR(s, "", "an empty value escapes to nothing");
	free(s);

	/* Content lines */
	s = line("VERSION", NULL, "2.0", false);
	CHECK_STR(s, "VERSION:2.0\r\n", "a short line is name, colon, value and CRLF");
	free(s);
	s = line("DTSTART", "VALUE=DATE", "20240601", false);
	CHECK_STR(s, "DTSTART;VALUE=DATE:20240601\r\n", "parameters follow the name after a semicolon");
	free(s);
	s = line("SUMMARY", NULL, "Aetna: Sign, date; send\\file\nnow", true);
	CHECK_STR(s, "SUMMARY:Aetna: Sign\\, date\\; send\\\\file\\nnow\r\n",
			  "a TEXT property value is escaped on its content line");
	free(s);
	s = line("UID", NULL, "a,b;c", false);
	CHECK_STR(s, "UID:a,b;c\r\n", "a value that is not TEXT is copied as is");
	free(s);

	/* Folding at 75 octets */
	memset(big, 'x', 66);
	big[66] = '\0';
	s = line("SUMMARY", NULL, big, true);		/* 8 + 66 = 74 octets */
	CHECK(strchr(s, ' ') == NULL && strlen(s) == 76, "a 74-octet line is not folded");
	free(s);
	big[67] = '\0';
	big[66] = 'y';
	s = line("SUMMARY", NULL, big, true);		/* 75 octets */
	CHECK(strchr(s, ' ') == NULL && strlen(s) == 77, "a 75-octet line is not folded");
	free(s);
	big[67] = 'z';
	big[68] = '\0';
	s = line("SUMMARY", NULL, big, true);		/* 76 octets */
	CHECK_INT(first_line_len(s), 75, "a 76-octet line is folded after 75 octets");
	CHECK_STR(s + 75, "\r\n z\r\n", "the fold is CRLF and one space, then the rest");
	free(s);

	memset(big, 'a', 300);
	big[300] = '\0';
	s = line("DESCRIPTION", NULL, big, true);
	CHECK(lines_ok(s), "every physical line of a long value is at most 75 octets and ends with CRLF");
	CHECK_INT(first_line_len(s), 75, "the first physical line is filled to 75 octets");
	CHECK_INT(first_line_len(s + 77), 75, "continuation lines hold the space and 74 octets");
	snprintf(expect, sizeof(expect), "DESCRIPTION:%s", big);
	CHECK_STR(unfold(s), expect, "unfolding gives back the original line");
	free(s);

	/* A two-octet character straddling the limit moves to the next line */
	memset(big, 'x', 66);
	strcpy(big + 66, "\xc3\xa9tail");			/* é at octets 75..76 */
	s = line("SUMMARY", NULL, big, true);
	CHECK_INT(first_line_len(s), 74, "a two-octet character that would cross octet 75 starts the next line");
	CHECK(strncmp(s + 74, "\r\n \xc3\xa9tail", 9) == 0, "the character is written whole after the fold");
	free(s);

	/* A four-octet character straddling the limit */
	memset(big, 'x', 65);
	strcpy(big + 65, "\xf0\x9f\x93\x85!");		/* U+1F4C5 at octets 74..77 */
	s = line("SUMMARY", NULL, big, true);
	CHECK_INT(first_line_len(s), 73, "a four-octet character that would cross octet 75 starts the next line");
	CHECK(folds_on_boundaries(s), "no fold splits the four-octet character");
	free(s);

	/* A long run of three-octet characters */
	big[0] = '\0';
	for (i = 0; i < 60; i++)
		strcat(big, "\xe2\x82\xac");			/* € */
	s = line("SUMMARY", NULL, big, true);
	CHECK(lines_ok(s), "three-octet text folds within 75 octets per line");
	CHECK(folds_on_boundaries(s), "three-octet text is never split inside a character");
	snprintf(expect, sizeof(expect), "SUMMARY:%s", big);
	CHECK_STR(unfold(s), expect, "three-octet text unfolds to the original");
	free(s);

	/* An escape pair straddling the limit stays whole */
	memset(big, 'x', 66);
	strcpy(big + 66, ",end");					/* "\," at octets 75..76 */
	s = line("SUMMARY", NULL, big, true);
	CHECK_INT(first_line_len(s), 74, "an escape pair that would cross octet 75 starts the next line");
	CHECK(strncmp(s + 74, "\r\n \\,end", 8) == 0, "the escape pair is written whole after the fold");
	free(s);

	/* Malformed UTF-8 still folds at 75 and terminates */
	memset(big, 0x80, 200);
	big[200] = '\0';
	s = line("X-RAW", NULL, big, true);
	CHECK(lines_ok(s), "stray continuation octets are single characters and fold at 75 octets");
	free(s);
	CHECK_INT(ical_utf8_charlen((const unsigned char *) "\xe2\x82", 2), 1,
			  "a truncated sequence counts as one octet");
	CHECK_INT(ical_utf8_charlen((const unsigned char *) "\xc3(", 2), 1,
			  "a lead octet without its continuation counts as one octet");
	CHECK_INT(ical_utf8_charlen((const unsigned char *) "\xc0\x80", 2), 1,
			  "an overlong lead octet counts as one octet");
	CHECK_INT(ical_utf8_charlen((const unsigned char *) "\xf0\x9f\x93\x85", 4), 4,
			  "a four-octet sequence is one character");

	/* snprintf-like sizing */
	n = ical_content_line("VERSION", NULL, "2.0", 3, false, NULL, NULL, 0);
	CHECK_INT(n, 13, "a call with no room measures the line");
	n = ical_content_line("VERSION", NULL, "2.0", 3, false, NULL, small, sizeof(small));
	CHECK_INT(n, 13, "a short buffer still reports the full length");
	CHECK_STR(small, "VERSION", "a short buffer holds the first cap - 1 octets, NUL-terminated");
	n = ical_escape_text(";;;", 3, small, 4);
	CHECK_INT(n, 6, "escaping reports the full escaped length");
	CHECK_STR(small, "\\;\\", "escaping truncates like snprintf");

	/* DATE and DATE-TIME values */
	CHECK(ical_format_date(2024, 6, 1, date) && strcmp(date, "20240601") == 0,
		  "a DATE value is YYYYMMDD");
	CHECK(ical_format_date(2024, 2, 29, date) && strcmp(date, "20240229") == 0,
		  "29 February of a leap year is a date");
	CHECK(!ical_format_date(2023, 2, 29, date), "29 February of another year is refused");
	CHECK(!ical_format_date(1900, 2, 29, date), "1900 is not a leap year");
	CHECK(ical_format_date(2000, 2, 29, date), "2000 is a leap year");
	CHECK(!ical_format_date(10000, 1, 1, date), "a five-digit year is refused");
	CHECK(!ical_format_date(0, 1, 1, date), "year 0 is refused");
	CHECK(ical_format_utc_datetime(2024, 5, 30, 7, 5, 9, stamp) &&
		  strcmp(stamp, "20240530T070509Z") == 0,
		  "a UTC DATE-TIME value is YYYYMMDDTHHMMSSZ");
	CHECK(ical_format_utc_datetime(2016, 12, 31, 23, 59, 60, stamp) &&
		  strcmp(stamp, "20161231T235959Z") == 0,
		  "a leap second is written as second 59");
	CHECK(!ical_format_utc_datetime(2024, 5, 30, 24, 0, 0, stamp), "hour 24 is refused");
	CHECK(!ical_format_utc_datetime(2024, 13, 1, 0, 0, 0, stamp), "month 13 is refused");

	return unit_done();
}
