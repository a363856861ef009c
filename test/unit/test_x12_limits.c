/*
 * test/unit/test_x12_limits.c
 *		Unit tests of the X12 reader's limits: separators must be 7-bit ASCII
 *		(so values stay valid UTF-8), and the warnings kept per parse are
 *		bounded however many the input provokes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x12_277.h"
#include "unit.h"

static const char isa[] =
"ISA*00*          *00*          *ZZ*CREDSUBMIT     *ZZ*CREDRECEIVE    *240115*1200*^*00501*000000101*0*T*:~";

/* Parse data to the end; returns the last x12_277_next result. */
static int
parse_all(X12Parser *p)
{
	const X12Claim *c;
	int			rc;

	while ((rc = x12_277_next(p, &c)) > 0)
		;
	return rc;
}

int
main(void)
{
	char		buf[256];
	X12Parser  *p;
	char	   *big;
	size_t		len = 0;
	int			i;

	/* A component separator and terminator that are a UTF-8 pair. */
	memcpy(buf, isa, sizeof(isa) - 1);
	buf[104] = (char) 0xC2;
	buf[105] = (char) 0x80;
	p = x12_277_create(buf, sizeof(isa) - 1, NULL);
	CHECK_INT(parse_all(p), -1, "a component separator outside ASCII is an error");
	CHECK(strstr(x12_277_error(p)->message, "ASCII") != NULL, "the error says separators must be ASCII");
	x12_277_destroy(p);

	memcpy(buf, isa, sizeof(isa) - 1);
	buf[105] = (char) 0xE9;
	p = x12_277_create(buf, sizeof(isa) - 1, NULL);
	CHECK_INT(parse_all(p), -1, "a segment terminator outside ASCII is an error");
	x12_277_destroy(p);

	memcpy(buf, isa, sizeof(isa) - 1);
	for (i = 0; i < 105; i++)
		if (buf[i] == '*')
			buf[i] = (char) 0xA7;
	p = x12_277_create(buf, sizeof(isa) - 1, NULL);
	CHECK_INT(parse_all(p), -1, "an element separator outside ASCII is an error");
	x12_277_destroy(p);

	/* 300 empty transaction sets whose trailers disagree: 600 warnings. */
	big = malloc(64 * 1024);
	len += sprintf(big + len, "%s\nGS*HN*A*B*20240115*1200*1*X*005010X212~\n", isa);
	for (i = 0; i < 300; i++)
		len += sprintf(big + len, "ST*277*%04d~SE*9*9999~\n", i + 1);
	len += sprintf(big + len, "GE*300*1~IEA*1*000000101~\n");
	p = x12_277_create(big, len, NULL);
	CHECK_INT(parse_all(p), 0, "an input of mismatched trailers still parses");
	CHECK_INT(x12_277_warning_count(p), X12_MAX_WARNINGS, "at most X12_MAX_WARNINGS warnings are kept");
	CHECK(x12_277_warnings_dropped(p) > 0, "the warnings past the limit are counted");
	CHECK_INT(x12_277_warning_count(p) + x12_277_warnings_dropped(p), 600,
			  "every warning is kept or counted");
	x12_277_destroy(p);
	free(big);

	return unit_done();
}
