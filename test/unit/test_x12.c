/*
 * test/unit/test_x12.c
 *		Unit tests of the X12 tokenizer (src/core/x12_reader.c) and the 277
 *		interpreter (src/core/x12_277.c), mostly over the fixtures in
 *		test/fixtures/x12 (run from test/unit by test/unit/Makefile).
 *
 * Inputs are copied into buffers of exactly their length, without a NUL,
 * so AddressSanitizer catches any read past the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "x12_277.h"
#include "x12_reader.h"

#define FIXTURES "../fixtures/x12/"
#define MAX_CLAIMS 16
#define MAX_LINES 4

/* What a test keeps of a service line (claims die at the next call). */
typedef struct TLine
{
	char		qualifier[8];
	char		code[16];
	char		modifiers[32];	/* "25,59" */
	char		charge[16];
	char		paid[16];
	char		revenue[8];
	char		units[8];
	char		lic[16];
	char		from[9];
	char		to[9];
	char		codes[64];		/* "F1:65,F2:96" */
} TLine;

/* What a test keeps of a claim. */
typedef struct TClaim
{
	char		isa13[16];
	char		st02[16];
	const char *impl;
	char		payer_name[32];
	char		payer_id[16];
	char		provider_name[32];
	char		provider_first[16];
	char		npi[16];
	char		subscriber_id[16];
	char		last[16];
	char		first[16];
	bool		is_dependent;
	char		trace[32];
	char		pcn[16];
	char		account[16];
	char		bill_type[8];
	char		category[8];
	char		code[8];
	char		entity[8];
	char		codes[128];		/* every claim-level status, comma-separated */
	char		status_date[9];
	char		action[8];
	char		charge[16];
	char		payment[16];
	int			payment_sign;
	char		finalized[9];
	char		remittance[9];
	char		check[16];
	char		free_text[64];
	char		from[9];
	char		to[9];
	bool		dates_from_lines;
	int			stc_count;
	int			nlines;
	TLine		lines[MAX_LINES];
	const char *status;
	bool		is_rejection;
	unsigned	segment_number;
} TClaim;

/* The outcome of parsing one input. */
typedef struct TResult
{
	int			rc;				/* last x12_277_next result: 0 or -1 */
	int			nclaims;
	TClaim		claims[MAX_CLAIMS];
	int			nwarnings;
	X12Warning	warnings[8];
	X12Error	error;
} TResult;

/* Copy a slice into a fixed buffer as a C string ("" when empty). */
static void
put(char *buf, size_t size, X12Slice s)
{
	size_t		n = s.len < size - 1 ? s.len : size - 1;

	if (n > 0)
		memcpy(buf, s.ptr, n);
	buf[n] = '\0';
}

/* Append a status as "cat:code[:entity]" to a comma-separated list. */
static void
put_status(char *buf, size_t size, const X12Status *st)
{
	char		one[64];
	size_t		used = strlen(buf);

	x12_status_format(st, one, sizeof(one));
	snprintf(buf + used, size - used, "%s%s", used ? "," : "", one);
}

/* Copy what the tests look at out of a claim. */
static void
keep_claim(TClaim *t, const X12Claim *c)
{
	int			i,
				j;

	memset(t, 0, sizeof(*t));
	put(t->isa13, sizeof(t->isa13), c->interchange_control_number);
	put(t->st02, sizeof(t->st02), c->transaction_control_number);
	t->impl = x12_implementation_name(c->implementation);
	put(t->payer_name, sizeof(t->payer_name), c->payer_name);
	put(t->payer_id, sizeof(t->payer_id), c->payer_id);
	put(t->provider_name, sizeof(t->provider_name), c->provider_name);
	put(t->provider_first, sizeof(t->provider_first), c->provider_first_name);
	put(t->npi, sizeof(t->npi), c->provider_npi);
	put(t->subscriber_id, sizeof(t->subscriber_id), c->subscriber_id);
	put(t->last, sizeof(t->last), c->patient_last_name);
	put(t->first, sizeof(t->first), c->patient_first_name);
	t->is_dependent = c->is_dependent;
	put(t->trace, sizeof(t->trace), c->trace_number);
	put(t->pcn, sizeof(t->pcn), c->payer_claim_control_number);
	put(t->account, sizeof(t->account), c->patient_account_number);
	put(t->bill_type, sizeof(t->bill_type), c->bill_type);
	if (c->nstatuses > 0)
	{
		put(t->category, sizeof(t->category), c->statuses[0].category);
		put(t->code, sizeof(t->code), c->statuses[0].code);
		put(t->entity, sizeof(t->entity), c->statuses[0].entity);
	}
	for (i = 0; i < c->nstatuses; i++)
		put_status(t->codes, sizeof(t->codes), &c->statuses[i]);
	if (c->status_date.present)
		memcpy(t->status_date, c->status_date.text, 8);
	put(t->action, sizeof(t->action), c->action_code);
	put(t->charge, sizeof(t->charge), c->total_charge.text);
	put(t->payment, sizeof(t->payment), c->payment_amount.text);
	t->payment_sign = c->payment_amount.present ? c->payment_amount.sign : 99;
	if (c->finalized_date.present)
		memcpy(t->finalized, c->finalized_date.text, 8);
	if (c->remittance_date.present)
		memcpy(t->remittance, c->remittance_date.text, 8);
	put(t->check, sizeof(t->check), c->check_number);
	put(t->free_text, sizeof(t->free_text), c->free_text);
	if (c->service_from.present)
		memcpy(t->from, c->service_from.text, 8);
	if (c->service_to.present)
		memcpy(t->to, c->service_to.text, 8);
	t->dates_from_lines = c->service_dates_from_lines;
	t->stc_count = c->stc_count;
	t->nlines = c->nlines;
	for (i = 0; i < c->nlines && i < MAX_LINES; i++)
	{
		const X12ServiceLine *l = &c->lines[i];
		TLine	   *tl = &t->lines[i];

		put(tl->qualifier, sizeof(tl->qualifier), l->procedure_qualifier);
		put(tl->code, sizeof(tl->code), l->procedure_code);
		for (j = 0; j < l->nmodifiers; j++)
		{
			size_t		used = strlen(tl->modifiers);

			snprintf(tl->modifiers + used, sizeof(tl->modifiers) - used, "%s%.*s",
					 used ? "," : "", (int) l->modifiers[j].len, l->modifiers[j].ptr);
		}
		put(tl->charge, sizeof(tl->charge), l->charge.text);
		put(tl->paid, sizeof(tl->paid), l->paid.text);
		put(tl->revenue, sizeof(tl->revenue), l->revenue_code);
		put(tl->units, sizeof(tl->units), l->units.text);
		put(tl->lic, sizeof(tl->lic), l->line_item_control_number);
		if (l->service_from.present)
			memcpy(tl->from, l->service_from.text, 8);
		if (l->service_to.present)
			memcpy(tl->to, l->service_to.text, 8);
		for (j = 0; j < l->nstatuses; j++)
			put_status(tl->codes, sizeof(tl->codes), &l->statuses[j]);
	}
	t->status = cs_status_name(c->claim_status);
	t->is_rejection = c->is_rejection;
	t->segment_number = c->segment_number;
}

/* Parse data[0..len) to the end or the first error, keeping every claim. */
static void
parse_buffer(const char *data, size_t len, const X12Allocator *alloc, TResult *r)
{
	X12Parser  *p = x12_277_create(data, len, alloc);
	const X12Claim *c;
	int			i;

	memset(r, 0, sizeof(*r));
	if (p == NULL)
	{
		r->rc = -2;
		return;
	}
	while ((r->rc = x12_277_next(p, &c)) > 0)
	{
		if (r->nclaims < MAX_CLAIMS)
			keep_claim(&r->claims[r->nclaims], c);
		r->nclaims++;
	}
	if (r->rc < 0)
		r->error = *x12_277_error(p);
	r->nwarnings = x12_277_warning_count(p);
	for (i = 0; i < r->nwarnings && i < 8; i++)
		r->warnings[i] = *x12_277_warning(p, i);
	x12_277_destroy(p);
}

/* Read a whole file into an exact-size heap buffer (no NUL). */
static char *
load(const char *name, size_t *len)
{
	char		path[256];
	FILE	   *f;
	long		n;
	char	   *buf;

	snprintf(path, sizeof(path), "%s%s", FIXTURES, name);
	f = fopen(path, "rb");
	if (f == NULL)
	{
		printf("# cannot open %s\n", path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t) n : 1);
	if (n > 0 && fread(buf, 1, (size_t) n, f) != (size_t) n)
	{
		printf("# cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*len = (size_t) n;
	return buf;
}

/* Parse a fixture file. */
static void
parse_fixture(const char *name, TResult *r)
{
	size_t		len;
	char	   *buf = load(name, &len);

	parse_buffer(buf, len, NULL, r);
	free(buf);
}

/* Parse a C string without its NUL (copied to an exact-size buffer). */
static void
parse_text(const char *text, TResult *r)
{
	size_t		len = strlen(text);
	char	   *buf = malloc(len > 0 ? len : 1);

	memcpy(buf, text, len);
	parse_buffer(buf, len, NULL, r);
	free(buf);
}

/* The claim with trace number trace, or NULL. */
static const TClaim *
find(const TResult *r, const char *trace)
{
	int			i;

	for (i = 0; i < r->nclaims && i < MAX_CLAIMS; i++)
		if (strcmp(r->claims[i].trace, trace) == 0)
			return &r->claims[i];
	return NULL;
}

/* The claim_status of the claim with trace number trace ("" if missing). */
static const char *
status_of(const TResult *r, const char *trace)
{
	const TClaim *c = find(r, trace);

	if (c == NULL)
		return "(no such claim)";
	return c->status ? c->status : "(unknown)";
}

/* True when some warning's message contains needle. */
static bool
has_warning(const TResult *r, const char *element, const char *needle)
{
	int			i;

	for (i = 0; i < r->nwarnings && i < 8; i++)
		if (strcmp(r->warnings[i].element, element) == 0 &&
			strstr(r->warnings[i].message, needle) != NULL)
			return true;
	return false;
}

/* The standard 106-byte ISA of the inline tests. */
#define ISA "ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *240115*1200*^*00501*000000001*0*T*:~"

/* A minimal 005010X212 transaction around the given claim segments. */
#define X212_OPEN \
	ISA "GS*HN*S*R*20240115*1200*1*X*005010X212~ST*277*0001*005010X212~" \
	"BHT*0010*08*B1*20240115*1200*DG~HL*1**20*1~NM1*PR*2*PAYER*****PI*P1~" \
	"HL*2*1*21*1~NM1*41*2*RCV*****46*R1~HL*3*2*19*1~NM1*1P*2*PROV*****XX*1245319599~" \
	"HL*4*3*22*0~NM1*IL*1*DOE*JANE****MI*M1~"

#define X212_SEGS_BEFORE_CLAIM 10	/* ST .. NM1*IL */
#define CLOSE_1 "GE*1*1~IEA*1*000000001~"

/* The tokenizer: separators, slices, numbering, skipping of line breaks. */
static void
test_reader(void)
{
	const char *text = ISA "GS*HN*S*R*20240115*1200*1*X*005010X212~\r\n  ST*277*0001~IEA*1";
	size_t		len = strlen(text);
	char	   *buf = malloc(len);
	X12Reader	r;
	X12Segment	seg;
	X12Error	err;
	X12Slice	c[4];
	X12Slice	s;

	memcpy(buf, text, len);
	x12_reader_init(&r, buf, len);
	CHECK_INT(x12_reader_next(&r, &seg, &err), 1, "reader: the ISA is the first segment");
	CHECK_INT(seg.number, 1, "reader: the ISA is segment 1");
	CHECK(seg.is_isa, "reader: the ISA is flagged as such");
	CHECK_INT(seg.nelements, 16, "reader: the ISA has 16 elements");
	CHECK(x12_slice_eq(x12_element(&seg, 13), "000000001"), "reader: ISA13 is cut at its fixed place");
	CHECK(x12_slice_eq(x12_element(&seg, 16), ":"), "reader: ISA16 is the component separator");
	CHECK(r.sep.element == '*' && r.sep.component == ':' && r.sep.segment == '~' &&
		  r.sep.repetition == '^', "reader: separators come from ISA byte 3, ISA16, the byte after it and ISA11");
	CHECK_INT(x12_reader_next(&r, &seg, &err), 1, "reader: GS follows");
	CHECK_INT(seg.number, 2, "reader: GS is segment 2");
	CHECK(x12_slice_eq(x12_element(&seg, 0), "GS"), "reader: element 0 is the identifier");
	CHECK(x12_slice_eq(x12_element(&seg, 8), "005010X212"), "reader: GS08 is a slice of the input");
	CHECK_INT(seg.nelements, 8, "reader: GS has 8 elements");
	CHECK(x12_element(&seg, 9).len == 0, "reader: an element past the end is empty");
	CHECK(x12_element(&seg, -1).len == 0, "reader: a negative index is empty");
	CHECK_INT(x12_reader_next(&r, &seg, &err), 1, "reader: CR, LF and blanks after a terminator are skipped");
	CHECK(x12_slice_eq(x12_element(&seg, 0), "ST"), "reader: ST comes after the blanks");
	CHECK(x12_slice_eq(x12_element(&seg, 2), "0001"), "reader: ST02");
	CHECK_INT(x12_reader_next(&r, &seg, &err), 1, "reader: a last segment without terminator is read");
	CHECK(x12_slice_eq(x12_element(&seg, 1), "1"), "reader: its element ends at the end of the input");
	CHECK_INT(x12_reader_next(&r, &seg, &err), 0, "reader: end of input");
	CHECK_INT(x12_reader_next(&r, &seg, &err), 0, "reader: end of input again");
	free(buf);

	s.ptr = "HC:99213:25";
	s.len = 11;
	CHECK_INT(x12_components(s, ':', c, 4), 3, "components: three parts");
	CHECK(x12_slice_eq(c[2], "25"), "components: the third part");
	s.ptr = "F2";
	s.len = 2;
	CHECK_INT(x12_components(s, ':', c, 4), 1, "components: a simple element has one");
	s.ptr = "a:b:c:d:e:f";
	s.len = 11;
	CHECK_INT(x12_components(s, ':', c, 2), 6, "components: counted beyond max");
	CHECK(x12_slice_eq(c[1], "b"), "components: only max are stored");
	s.ptr = "";
	s.len = 0;
	CHECK_INT(x12_components(s, ':', c, 2), 1, "components: an empty element has one empty part");
}

/* Reader errors: what is not an interchange. */
static void
test_reader_errors(void)
{
	X12Reader	r;
	X12Segment	seg;
	X12Error	err;
	char		text[400];
	char	   *buf;
	size_t		len;
	int			i;

	x12_reader_init(&r, NULL, 0);
	CHECK_INT(x12_reader_next(&r, &seg, &err), -1, "reader: empty input is an error");
	CHECK(strstr(err.message, "empty") != NULL, "reader: the message says the text is empty");

	buf = malloc(3);
	memcpy(buf, " \r\n", 3);
	x12_reader_init(&r, buf, 3);
	CHECK_INT(x12_reader_next(&r, &seg, &err), -1, "reader: blank input is an error");
	free(buf);

	/* a misaligned ISA: one character missing in ISA06 */
	snprintf(text, sizeof(text), "%s",
			 "ISA*00*          *00*          *ZZ*SUBMITTER     *ZZ*RECEIVER       *240115*1200*^*00501*000000001*0*T*:~GS*HN~");
	len = strlen(text);
	buf = malloc(len);
	memcpy(buf, text, len);
	x12_reader_init(&r, buf, len);
	CHECK_INT(x12_reader_next(&r, &seg, &err), -1, "reader: a misaligned ISA is an error");
	CHECK_INT(err.segment_number, 1, "reader: the error is at segment 1");
	CHECK_STR(err.segment_id, "ISA", "reader: the error names the ISA");
	CHECK(strstr(err.message, "position 51") != NULL, "reader: the message names the position");
	free(buf);

	/* the same separator for elements and components */
	snprintf(text, sizeof(text), "%s", ISA);
	text[104] = '*';
	len = strlen(text);
	buf = malloc(len);
	memcpy(buf, text, len);
	x12_reader_init(&r, buf, len);
	CHECK_INT(x12_reader_next(&r, &seg, &err), -1, "reader: ISA16 equal to the element separator is an error");
	CHECK_STR(err.element, "ISA16", "reader: the error names ISA16");
	free(buf);

	/* an alphanumeric terminator */
	snprintf(text, sizeof(text), "%s", ISA);
	text[105] = 'X';
	buf = malloc(106);
	memcpy(buf, text, 106);
	x12_reader_init(&r, buf, 106);
	CHECK_INT(x12_reader_next(&r, &seg, &err), -1, "reader: a letter as segment terminator is an error");
	free(buf);

	/* a bad segment identifier after the ISA */
	snprintf(text, sizeof(text), "%sgs*HN~", ISA);
	len = strlen(text);
	buf = malloc(len);
	memcpy(buf, text, len);
	x12_reader_init(&r, buf, len);
	CHECK_INT(x12_reader_next(&r, &seg, &err), 1, "reader: ISA read");
	CHECK_INT(x12_reader_next(&r, &seg, &err), -1, "reader: a lower-case identifier is an error");
	CHECK_INT(err.segment_number, 2, "reader: at segment 2");
	CHECK(strstr(err.message, "invalid segment identifier \"gs\"") != NULL, "reader: the message quotes it");
	free(buf);

	/* two terminators in a row */
	snprintf(text, sizeof(text), "%sGS*HN~~", ISA);
	len = strlen(text);
	buf = malloc(len);
	memcpy(buf, text, len);
	x12_reader_init(&r, buf, len);
	x12_reader_next(&r, &seg, &err);
	x12_reader_next(&r, &seg, &err);
	CHECK_INT(x12_reader_next(&r, &seg, &err), -1, "reader: an empty segment is an error");
	CHECK_INT(err.segment_number, 3, "reader: the empty segment is segment 3");
	free(buf);

	/* every prefix of an ISA is short */
	for (i = 1; i < X12_ISA_LENGTH; i++)
	{
		buf = malloc((size_t) i);
		memcpy(buf, ISA, (size_t) i);
		x12_reader_init(&r, buf, (size_t) i);
		if (x12_reader_next(&r, &seg, &err) != -1)
			break;
		free(buf);
		buf = NULL;
	}
	free(buf);
	CHECK_INT(i, X12_ISA_LENGTH, "reader: every prefix of the ISA is an error");

	/* more elements than are stored */
	{
		char		big[1024];
		int			n;
		int			k;

		n = snprintf(big, sizeof(big), "%sREF", ISA);
		for (k = 0; k < 70; k++)
			n += snprintf(big + n, sizeof(big) - (size_t) n, "*%d", k + 1);
		buf = malloc((size_t) n);
		memcpy(buf, big, (size_t) n);
		x12_reader_init(&r, buf, (size_t) n);
		x12_reader_next(&r, &seg, &err);
		CHECK_INT(x12_reader_next(&r, &seg, &err), 1, "reader: a segment with 70 elements is read");
		CHECK_INT(seg.nelements, 70, "reader: all 70 are counted");
		CHECK(x12_slice_eq(x12_element(&seg, 64), "64"), "reader: element 64 is stored");
		CHECK(x12_element(&seg, 65).len == 0, "reader: element 65 is not stored");
		free(buf);
	}
}

/* Amounts, dates, counts, control numbers, quoting. */
static void
test_values(void)
{
	X12Amount	a,
				b;
	X12Date		d,
				e;
	uint32_t	n;
	char		q[64];
	X12Slice	s;

#define SL(lit) ((X12Slice) {(lit), sizeof(lit) - 1})
	CHECK(x12_parse_amount(SL("125.0"), &a) && a.present && a.sign == 1, "amount: 125.0");
	CHECK(x12_parse_amount(SL("0.00"), &a) && a.present && a.sign == 0, "amount: 0.00 is zero");
	CHECK(x12_parse_amount(SL("-5.25"), &a) && a.sign == -1, "amount: a negative amount");
	CHECK(x12_parse_amount(SL(".5"), &a) && a.sign == 1, "amount: .5");
	CHECK(x12_parse_amount(SL("600"), &a) && a.sign == 1, "amount: an integer");
	CHECK(x12_parse_amount(SL(""), &a) && !a.present, "amount: empty is absent, not zero");
	CHECK(!x12_parse_amount(SL("12.3x"), &a), "amount: 12.3x is not an amount");
	CHECK(!x12_parse_amount(SL("1.2.3"), &a), "amount: two decimal points");
	CHECK(!x12_parse_amount(SL("-"), &a), "amount: a lone minus");
	CHECK(!x12_parse_amount(SL("."), &a), "amount: a lone point");
	CHECK(!x12_parse_amount(SL("+5"), &a), "amount: a plus sign");
	CHECK(!x12_parse_amount(SL("1E5"), &a), "amount: an exponent");
	CHECK(!x12_parse_amount(SL(" 5"), &a), "amount: a blank");
	CHECK(x12_parse_amount(SL("123456789012345678"), &a), "amount: 18 digits");
	CHECK(!x12_parse_amount(SL("1234567890123456789"), &a), "amount: 19 digits are too many");

	x12_parse_amount(SL("150"), &a);
	x12_parse_amount(SL("150.00"), &b);
	CHECK_INT(x12_amount_cmp(&a, &b), 0, "amount: 150 equals 150.00");
	x12_parse_amount(SL("99.99"), &a);
	x12_parse_amount(SL("100"), &b);
	CHECK(x12_amount_cmp(&a, &b) < 0, "amount: 99.99 < 100");
	x12_parse_amount(SL("0100.5"), &a);
	x12_parse_amount(SL("100.49"), &b);
	CHECK(x12_amount_cmp(&a, &b) > 0, "amount: 0100.5 > 100.49");
	x12_parse_amount(SL("-2"), &a);
	x12_parse_amount(SL("-1"), &b);
	CHECK(x12_amount_cmp(&a, &b) < 0, "amount: -2 < -1");
	x12_parse_amount(SL("-0"), &a);
	x12_parse_amount(SL("0.0"), &b);
	CHECK_INT(x12_amount_cmp(&a, &b), 0, "amount: -0 equals 0.0");

	CHECK(x12_parse_date(SL("20240229"), &d) && d.present && d.year == 2024 && d.month == 2 &&
		  d.day == 29, "date: 2024-02-29 exists");
	CHECK(x12_parse_date(SL("20000229"), &d), "date: 2000 is a leap year");
	CHECK(!x12_parse_date(SL("19000229"), &d), "date: 1900 is not a leap year");
	CHECK(!x12_parse_date(SL("20230229"), &d), "date: 2023-02-29 does not exist");
	CHECK(!x12_parse_date(SL("20240230"), &d), "date: 2024-02-30 does not exist");
	CHECK(!x12_parse_date(SL("20241301"), &d), "date: month 13");
	CHECK(!x12_parse_date(SL("20240001"), &d), "date: month 0");
	CHECK(!x12_parse_date(SL("20240100"), &d), "date: day 0");
	CHECK(!x12_parse_date(SL("20240431"), &d), "date: April 31");
	CHECK(!x12_parse_date(SL("00000101"), &d), "date: year 0");
	CHECK(!x12_parse_date(SL("2024011"), &d), "date: seven digits");
	CHECK(!x12_parse_date(SL("2024-1-1"), &d), "date: not CCYYMMDD");
	CHECK(x12_parse_date(SL(""), &d) && !d.present, "date: empty is absent");
	x12_parse_date(SL("20231231"), &d);
	x12_parse_date(SL("20240101"), &e);
	CHECK(x12_date_cmp(&d, &e) < 0 && x12_date_cmp(&e, &d) > 0 && x12_date_cmp(&d, &d) == 0,
		  "date: comparison");

	CHECK(x12_parse_count(SL("0016"), &n) && n == 16, "count: leading zeros");
	CHECK(x12_parse_count(SL("4294967295"), &n) && n == 4294967295u, "count: the largest");
	CHECK(!x12_parse_count(SL("4294967296"), &n), "count: overflow");
	CHECK(!x12_parse_count(SL("1a"), &n), "count: not digits");
	CHECK(!x12_parse_count(SL(""), &n), "count: empty");

	CHECK(x12_control_equal(SL("000000907"), SL("907")), "control: leading zeros do not matter");
	CHECK(!x12_control_equal(SL("842928883"), SL("000000001")), "control: different numbers");
	CHECK(x12_control_equal(SL("A1"), SL("A1")), "control: same text");
	CHECK(!x12_control_equal(SL("A1"), SL("A01")), "control: text compares exactly");
	CHECK(x12_control_equal(SL(""), SL("")), "control: both empty");

	s.ptr = "ab\001\xff";
	s.len = 4;
	x12_quote(q, sizeof(q), s);
	CHECK_STR(q, "ab??", "quote: non-printable bytes become ?");
	x12_quote(q, sizeof(q), SL("0123456789012345678901234567890123456789ABCDEF"));
	CHECK_STR(q, "0123456789012345678901234567890123456789...", "quote: cut after 40 characters");
	x12_quote(q, 6, SL("0123456789"));
	CHECK_STR(q, "01...", "quote: a small buffer still ends in ...");
#undef SL
}

/* One fixture per row of the DESIGN §5.2 table. */
static void
test_status_fixtures(void)
{
	TResult		r;

	parse_fixture("status_adjusted.x12", &r);
	CHECK_INT(r.rc, 0, "adjusted: parses");
	CHECK_INT(r.nclaims, 1, "adjusted: one claim");
	CHECK_STR(status_of(&r, "ADJ-F3"), "Adjusted", "F3 is Adjusted");

	parse_fixture("status_forwarded.x12", &r);
	CHECK_INT(r.nclaims, 2, "forwarded: two claims");
	CHECK_STR(status_of(&r, "FWD-A0"), "Forwarded", "A0 is Forwarded");
	CHECK_STR(status_of(&r, "FWD-F3F"), "Forwarded", "F3F is Forwarded");

	parse_fixture("status_partially_paid.x12", &r);
	CHECK_INT(r.rc, 0, "partially paid: parses");
	CHECK_INT(r.nwarnings, 0, "partially paid: no warnings");
	CHECK_INT(r.nclaims, 4, "partially paid: four claims");
	CHECK_STR(status_of(&r, "PP-LINE-F2"), "Partially Paid",
			  "F1 with a payment and a line denied F2 is Partially Paid");
	CHECK_STR(status_of(&r, "PP-CLAIM-F2"), "Partially Paid",
			  "F0 with a payment and another claim-level STC in F2 is Partially Paid");
	CHECK_STR(status_of(&r, "PP-F3N-ZERO-LINE"), "Partially Paid",
			  "F3N with a payment and a line paid 0 of its charge is Partially Paid");
	CHECK_STR(status_of(&r, "PP-LINE-F4"), "Partially Paid",
			  "F1 with a payment and a line STC in F4 is Partially Paid");

	parse_fixture("status_denied.x12", &r);
	CHECK_INT(r.nclaims, 4, "denied: four claims");
	CHECK_STR(status_of(&r, "DEN-F2"), "Denied", "F2 is Denied");
	CHECK_STR(status_of(&r, "DEN-F4"), "Denied", "F4 with status 65 is Denied");
	CHECK_STR(status_of(&r, "DEN-F0-ZERO"), "Denied", "F0 with payment 0 and a charge is Denied");
	CHECK_STR(status_of(&r, "DEN-F3N-ZERO"), "Denied", "F3N with payment 0.00 and a charge is Denied");

	parse_fixture("status_paid.x12", &r);
	CHECK_INT(r.nclaims, 6, "paid: six claims");
	CHECK_STR(status_of(&r, "PAID-FULL"), "Paid", "F1 paid in full is Paid");
	CHECK_STR(status_of(&r, "PAID-BELOW"), "Paid",
			  "F1 paid below the charge (a contractual write-down) stays Paid");
	CHECK_STR(status_of(&r, "PAID-NO-PAYMENT"), "Paid",
			  "F0 without STC05 is Paid: an absent payment is not zero");
	CHECK_STR(status_of(&r, "PAID-F4-6"), "Paid", "F4 with status 6 (patient responsibility) is Paid");
	CHECK_STR(status_of(&r, "PAID-F4-98"), "Paid", "F4 with status 98 is Paid");
	CHECK_STR(status_of(&r, "PAID-F3N"), "Paid", "F3N with a payment is Paid");
	CHECK_INT(find(&r, "PAID-NO-PAYMENT")->payment_sign, 99, "paid: the absent payment is absent");

	parse_fixture("status_rejected.x12", &r);
	CHECK_INT(r.nclaims, 4, "rejected: four claims");
	CHECK_STR(status_of(&r, "REJ-A3"), "Rejected", "A3 is Rejected");
	CHECK_STR(status_of(&r, "REJ-A6"), "Rejected", "A6 is Rejected");
	CHECK_STR(status_of(&r, "REJ-A7"), "Rejected", "A7 is Rejected even with STC03 WQ");
	CHECK_STR(status_of(&r, "REJ-A8"), "Rejected", "A8 is Rejected");
	CHECK(find(&r, "REJ-A8")->is_rejection, "a Rejected claim is a rejection");

	parse_fixture("status_not_found.x12", &r);
	CHECK_STR(status_of(&r, "NF-A4"), "Not Found", "A4 is Not Found");
	CHECK_STR(status_of(&r, "NF-D0"), "Not Found", "D0 is Not Found");

	parse_fixture("status_suspended.x12", &r);
	CHECK_STR(status_of(&r, "SUS-P2"), "Suspended", "P2 is Suspended");
	CHECK_STR(status_of(&r, "SUS-P5"), "Suspended", "P5 is Suspended");

	parse_fixture("status_pending.x12", &r);
	CHECK_INT(r.nclaims, 5, "pending: five claims");
	CHECK_STR(status_of(&r, "PEN-P0"), "Pending", "P0 is Pending");
	CHECK_STR(status_of(&r, "PEN-P3"), "Pending", "P3 is Pending");
	CHECK_STR(status_of(&r, "PEN-P4"), "Pending", "P4 is Pending");
	CHECK_STR(status_of(&r, "PEN-R0"), "Pending", "R0 is Pending");
	CHECK_STR(status_of(&r, "PEN-R16"), "Pending", "R16 is Pending");
	CHECK(!find(&r, "PEN-R16")->is_rejection, "a Pending claim is not a rejection");

	parse_fixture("status_in_process.x12", &r);
	CHECK_STR(status_of(&r, "INP-A1"), "In Process", "A1 is In Process");
	CHECK_STR(status_of(&r, "INP-A2"), "In Process", "A2 is In Process");
	CHECK_STR(status_of(&r, "INP-A5"), "In Process", "A5 is In Process");
	CHECK_STR(status_of(&r, "INP-P1"), "In Process", "P1 is In Process");

	parse_fixture("status_error.x12", &r);
	CHECK_STR(status_of(&r, "ERR-E0"), "Error", "E0 is Error");
	CHECK_STR(status_of(&r, "ERR-E2"), "Error", "E2 is Error");
	CHECK_STR(status_of(&r, "ERR-E4"), "Error", "E4 is Error");
	CHECK_STR(find(&r, "ERR-E0")->entity, "85", "E0:24:85 has entity 85");
}

/* Every row field of one claim. */
static void
test_claim_fields(void)
{
	TResult		r;
	const TClaim *c;

	parse_fixture("status_adjusted.x12", &r);
	c = &r.claims[0];
	CHECK_STR(c->isa13, "000000101", "fields: interchange control number is ISA13");
	CHECK_STR(c->st02, "0001", "fields: transaction control number is ST02");
	CHECK_STR(c->impl, "005010X212", "fields: implementation");
	CHECK_STR(c->payer_name, "ACME HEALTH PLAN", "fields: payer name from NM1*PR");
	CHECK_STR(c->payer_id, "ACME01", "fields: payer id from NM1*PR");
	CHECK_STR(c->provider_name, "BRIGHT CLINIC", "fields: provider name from NM1*1P");
	CHECK_STR(c->npi, "1245319599", "fields: provider NPI from NM1*1P with XX");
	CHECK_STR(c->subscriber_id, "MEMADJF3", "fields: subscriber id from NM1*IL");
	CHECK_STR(c->last, "DOE", "fields: patient last name (the subscriber under HL 22)");
	CHECK_STR(c->first, "JANE", "fields: patient first name");
	CHECK(!c->is_dependent, "fields: an HL 22 claim is not a dependent's");
	CHECK_STR(c->trace, "ADJ-F3", "fields: trace number is TRN02");
	CHECK_STR(c->pcn, "PCN0001", "fields: payer claim control number is REF*1K");
	CHECK_STR(c->account, "ACCT0001", "fields: patient account number is REF*EJ");
	CHECK_STR(c->bill_type, "131", "fields: bill type is REF*BLT");
	CHECK_STR(c->category, "F3", "fields: category code");
	CHECK_STR(c->code, "101", "fields: status code");
	CHECK_STR(c->entity, "", "fields: no entity code");
	CHECK_STR(c->codes, "F3:101", "fields: status codes");
	CHECK_STR(c->status_date, "20240110", "fields: status date is STC02");
	CHECK_STR(c->action, "", "fields: no action code");
	CHECK_STR(c->charge, "250.00", "fields: total charge is STC04, as text");
	CHECK_STR(c->payment, "200.00", "fields: payment is STC05, as text");
	CHECK_STR(c->finalized, "20240109", "fields: finalized date is STC06");
	CHECK_STR(c->remittance, "20240111", "fields: remittance date is STC08");
	CHECK_STR(c->check, "CHK1001", "fields: check number is STC09");
	CHECK_STR(c->from, "20231215", "fields: service from is the claim DTP*472");
	CHECK_STR(c->to, "20231215", "fields: D8 gives the same service to");
	CHECK(!c->dates_from_lines, "fields: the claim dates are its own");
	CHECK_INT(c->nlines, 0, "fields: no service lines");
	CHECK_INT(c->segment_number, 13, "fields: the TRN is segment 13, counting the ISA as 1");
	CHECK(!c->is_rejection, "fields: not a rejection");
}

/* Dependents, several STCs, service lines, separators, line breaks, two ST. */
static void
test_structure_fixtures(void)
{
	TResult		r;
	const TClaim *c;

	parse_fixture("dependent.x12", &r);
	CHECK_INT(r.rc, 0, "dependent: parses");
	CHECK_INT(r.nwarnings, 0, "dependent: no warnings");
	CHECK_INT(r.nclaims, 3, "dependent: three claims");
	c = find(&r, "DEP-1");
	CHECK(c && c->is_dependent, "dependent: a claim under HL 23 is a dependent's");
	CHECK_STR(c ? c->subscriber_id : NULL, "SUB7001", "dependent: the subscriber id comes from HL 22");
	CHECK_STR(c ? c->last : NULL, "MANN", "dependent: the patient is NM1*QC");
	CHECK_STR(c ? c->first : NULL, "JOSEPH", "dependent: patient first name from NM1*QC");
	CHECK_STR(c ? c->from : NULL, "20231201", "dependent: RD8 service from");
	CHECK_STR(c ? c->to : NULL, "20231203", "dependent: RD8 service to");
	CHECK_STR(status_of(&r, "DEP-1"), "Paid", "dependent: the first dependent is Paid");
	c = find(&r, "DEP-2");
	CHECK_STR(c ? c->first : NULL, "JULIA", "dependent: the second dependent");
	CHECK_STR(status_of(&r, "DEP-2"), "Denied", "dependent: the second dependent is Denied");
	CHECK_INT(c ? c->nlines : -1, 1, "dependent: one service line");
	CHECK_STR(c ? c->lines[0].codes : NULL, "F2:88:QC", "dependent: the line status");
	CHECK_STR(c ? c->lines[0].units : NULL, "1.00", "dependent: units are SVC07");
	CHECK_STR(c ? c->from : NULL, "20231205", "dependent: the claim dates come from the line");
	CHECK(c && c->dates_from_lines, "dependent: and say so");
	c = find(&r, "SUB-1");
	CHECK(c && !c->is_dependent, "dependent: the next HL 22 claim is the subscriber's");
	CHECK_STR(c ? c->subscriber_id : NULL, "SUB7002", "dependent: with its own subscriber id");
	CHECK_STR(c ? c->first : NULL, "RICHARD", "dependent: and the subscriber as patient");

	parse_fixture("multi_stc.x12", &r);
	CHECK_INT(r.nclaims, 1, "multi STC: one claim");
	c = &r.claims[0];
	CHECK_INT(c->stc_count, 3, "multi STC: three claim-level STC segments");
	CHECK_STR(c->codes, "F1:65,F1:107:PR,F1:10,F1:171,F1:3:1P",
			  "multi STC: every STC01, STC10 and STC11 in order");
	CHECK_STR(c->category, "F1", "multi STC: the category is the first STC01's");
	CHECK_STR(c->action, "WQ", "multi STC: action code is STC03");
	CHECK_STR(c->charge, "400.00", "multi STC: charge");
	CHECK_STR(c->payment, "350.00", "multi STC: payment");
	CHECK_STR(c->remittance, "20240112", "multi STC: remittance date");
	CHECK_STR(c->check, "EFT0043", "multi STC: check or EFT number");
	CHECK_STR(c->free_text, "PAID WITH ADJUSTMENTS", "multi STC: free text is STC12");
	CHECK_STR(c->status, "Paid", "multi STC: Paid");

	parse_fixture("service_lines.x12", &r);
	CHECK_INT(r.nclaims, 1, "lines: one claim");
	c = &r.claims[0];
	CHECK_INT(c->nlines, 2, "lines: two service lines");
	CHECK_STR(c->lines[0].qualifier, "HC", "lines: procedure qualifier");
	CHECK_STR(c->lines[0].code, "99213", "lines: procedure code");
	CHECK_STR(c->lines[0].modifiers, "25,59", "lines: modifiers");
	CHECK_STR(c->lines[0].charge, "120.00", "lines: charge is SVC02");
	CHECK_STR(c->lines[0].paid, "100.00", "lines: paid is SVC03");
	CHECK_STR(c->lines[0].units, "1", "lines: units");
	CHECK_STR(c->lines[0].lic, "LINE001", "lines: line item control number is REF*FJ");
	CHECK_STR(c->lines[0].from, "20240102", "lines: line service date");
	CHECK_STR(c->lines[0].codes, "F1:65", "lines: line status codes");
	CHECK_STR(c->lines[1].qualifier, "NU", "lines: an NU line");
	CHECK_STR(c->lines[1].revenue, "0450", "lines: revenue code is SVC04");
	CHECK_STR(c->lines[1].modifiers, "", "lines: no modifiers");
	CHECK_STR(c->lines[1].codes, "F1:65,F1:107", "lines: STC10 on a line");
	CHECK_STR(c->lines[1].from, "20240103", "lines: RD8 from");
	CHECK_STR(c->lines[1].to, "20240105", "lines: RD8 to");
	CHECK_STR(c->from, "20240102", "lines: claim service from is the earliest line date");
	CHECK_STR(c->to, "20240105", "lines: claim service to is the latest line date");
	CHECK_STR(c->codes, "F1:65", "lines: line statuses are not claim statuses");
	CHECK_INT(c->stc_count, 1, "lines: one claim-level STC");
	CHECK_STR(c->status, "Paid", "lines: paid below charge on every line stays Paid");

	parse_fixture("separators.x12", &r);
	CHECK_INT(r.rc, 0, "separators | ^ } !: parses");
	CHECK_INT(r.nwarnings, 0, "separators: no warnings");
	CHECK_INT(r.nclaims, 1, "separators: one claim");
	CHECK_STR(r.claims[0].codes, "F1:65", "separators: the composite is split on }");
	CHECK_STR(r.claims[0].lines[0].modifiers, "95", "separators: SVC01 modifiers");
	CHECK_STR(r.claims[0].status, "Paid", "separators: Paid");

	parse_fixture("crlf.x12", &r);
	CHECK_INT(r.rc, 0, "CRLF: parses");
	CHECK_INT(r.nwarnings, 0, "CRLF: no warnings (line breaks are not segments)");
	CHECK_STR(r.claims[0].trace, "CRLF-1", "CRLF: the trace number has no CR");
	CHECK_STR(r.claims[0].from, "20240104", "CRLF: the last element of a line has no CR");

	parse_fixture("two_st.x12", &r);
	CHECK_INT(r.rc, 0, "two ST: parses");
	CHECK_INT(r.nwarnings, 0, "two ST: no warnings (GE01 is 2)");
	CHECK_INT(r.nclaims, 2, "two ST: a claim from each transaction set");
	CHECK_STR(r.claims[0].st02, "0001", "two ST: the first claim is in ST 0001");
	CHECK_STR(r.claims[1].st02, "0002", "two ST: the second claim is in ST 0002");
	CHECK_STR(r.claims[1].payer_name, "SECOND PAYER", "two ST: each ST has its own payer");
	CHECK_STR(r.claims[1].npi, "1234567893", "two ST: and its own provider");
	CHECK_STR(r.claims[1].status, "Denied", "two ST: the second claim is Denied");

	parse_fixture("277ca_accepted.x12", &r);
	CHECK_INT(r.rc, 0, "277CA accepted: parses");
	CHECK_INT(r.nclaims, 1, "277CA accepted: the receiver-level TRN*2 is not a claim");
	c = &r.claims[0];
	CHECK_STR(c->impl, "005010X214", "277CA accepted: implementation 005010X214");
	CHECK_STR(c->trace, "CA-ACCEPT-1", "277CA accepted: the patient-level TRN");
	CHECK_STR(c->status, "In Process", "277CA accepted: A2 is In Process");
	CHECK_STR(c->action, "WQ", "277CA accepted: STC03 WQ");
	CHECK_STR(c->subscriber_id, "MCDMEM01", "277CA accepted: the member id is on NM1*QC");
	CHECK_STR(c->last, "TOWNS", "277CA accepted: patient last name");
	CHECK_STR(c->provider_name, "GREEN", "277CA accepted: provider from NM1*85");
	CHECK_STR(c->provider_first, "ALICE", "277CA accepted: a person's first name");
	CHECK_STR(c->npi, "1245319599", "277CA accepted: NPI");
	CHECK_STR(c->payer_id, "MCD01", "277CA accepted: payer id");
	CHECK(!c->is_dependent, "277CA accepted: the patient is not a dependent");
	CHECK_INT(c->segment_number, 21, "277CA accepted: segment number of the TRN");

	parse_fixture("277ca_rejected.x12", &r);
	CHECK_INT(r.nclaims, 1, "277CA rejected: one claim");
	c = &r.claims[0];
	CHECK_STR(c->status, "Rejected", "277CA rejected: A7 with STC03 WQ is Rejected (category decides)");
	CHECK(c->is_rejection, "277CA rejected: a rejection");
	CHECK_STR(c->entity, "85", "277CA rejected: entity 85");
	CHECK_STR(c->bill_type, "731", "277CA rejected: bill type");
}

/* Malformed fixtures: errors name the segment, the element and the value. */
static void
test_error_fixtures(void)
{
	TResult		r;

	parse_fixture("err_empty.x12", &r);
	CHECK_INT(r.rc, -1, "empty text is an error");
	CHECK_INT(r.error.segment_number, 1, "empty: at segment 1");
	CHECK(strstr(r.error.message, "empty") != NULL, "empty: says so");

	parse_fixture("err_not_x12.x12", &r);
	CHECK_INT(r.rc, -1, "text that is not X12 is an error");
	CHECK(strstr(r.error.message, "not an X12 interchange") != NULL, "not X12: says so");

	parse_fixture("err_truncated_isa.x12", &r);
	CHECK_INT(r.rc, -1, "a truncated ISA is an error");
	CHECK_STR(r.error.segment_id, "ISA", "truncated ISA: names the ISA");
	CHECK(strstr(r.error.message, "truncated: it has 60 of its 106") != NULL,
		  "truncated ISA: says how much is there");

	parse_fixture("err_missing_iea.x12", &r);
	CHECK_INT(r.rc, -1, "a missing IEA is an error");
	CHECK_STR(r.error.segment_id, "ISA", "missing IEA: names the unclosed ISA");
	CHECK_INT(r.error.segment_number, 1, "missing IEA: at segment 1");
	CHECK(strstr(r.error.message, "missing IEA trailer") != NULL, "missing IEA: says so");

	parse_fixture("err_missing_se.x12", &r);
	CHECK_INT(r.rc, -1, "a missing SE is an error");
	CHECK_STR(r.error.segment_id, "ST", "missing SE: names the unclosed ST");
	CHECK_INT(r.error.segment_number, 3, "missing SE: the ST is segment 3");
	CHECK(strstr(r.error.message, "missing SE trailer: transaction set \"0001\"") != NULL,
		  "missing SE: names the transaction set");
	CHECK(strstr(r.error.message, "before GE") != NULL, "missing SE: and what came instead");

	parse_fixture("err_bad_amount.x12", &r);
	CHECK_INT(r.rc, -1, "a bad amount is an error");
	CHECK_STR(r.error.segment_id, "STC", "bad amount: in STC");
	CHECK_STR(r.error.element, "STC04", "bad amount: element STC04");
	CHECK_INT(r.error.segment_number, 14, "bad amount: segment 14");
	CHECK(strstr(r.error.message, "invalid amount \"12.3x\" in STC04") != NULL,
		  "bad amount: the message quotes the value");

	parse_fixture("err_bad_date.x12", &r);
	CHECK_INT(r.rc, -1, "an impossible date is an error");
	CHECK_STR(r.error.element, "STC02", "bad date: element STC02");
	CHECK(strstr(r.error.message, "invalid date \"20240230\" in STC02") != NULL,
		  "bad date: the message quotes the date");

	parse_fixture("err_bad_month.x12", &r);
	CHECK_INT(r.rc, -1, "month 13 is an error");
	CHECK_STR(r.error.segment_id, "DTP", "bad month: in DTP");
	CHECK_STR(r.error.element, "DTP03", "bad month: element DTP03");
	CHECK(strstr(r.error.message, "\"20241301\"") != NULL, "bad month: quotes the date");

	parse_fixture("err_not_composite.x12", &r);
	CHECK_INT(r.rc, -1, "an element where a composite must be is an error");
	CHECK_STR(r.error.element, "STC01", "not composite: element STC01");
	CHECK(strstr(r.error.message, "STC01 must be a composite") != NULL, "not composite: says so");
	CHECK(strstr(r.error.message, "\"F2\"") != NULL, "not composite: quotes the element");
}

/* Count and control-number mismatches are warnings; the claims still come. */
static void
test_warning_fixtures(void)
{
	TResult		r;

	parse_fixture("warn_se01.x12", &r);
	CHECK_INT(r.rc, 0, "SE01 mismatch: still parses");
	CHECK_INT(r.nclaims, 1, "SE01 mismatch: the claim is returned");
	CHECK_INT(r.nwarnings, 1, "SE01 mismatch: one warning");
	CHECK(has_warning(&r, "SE01", "SE01 says 17 segments but there are 15"), "SE01 mismatch: the warning counts");
	CHECK_STR(r.warnings[0].segment_id, "SE", "SE01 mismatch: warning at the SE");
	CHECK_INT(r.warnings[0].segment_number, 17, "SE01 mismatch: segment 17");

	parse_fixture("warn_ge01.x12", &r);
	CHECK_INT(r.rc, 0, "GE01 mismatch: still parses");
	CHECK_INT(r.nwarnings, 1, "GE01 mismatch: one warning");
	CHECK(has_warning(&r, "GE01", "GE01 says 2 transaction sets but there are 1"), "GE01 mismatch: the warning");

	parse_fixture("warn_iea02.x12", &r);
	CHECK_INT(r.rc, 0, "IEA02 mismatch: still parses");
	CHECK_INT(r.nclaims, 1, "IEA02 mismatch: the claim is returned");
	CHECK_INT(r.nwarnings, 1, "IEA02 mismatch: one warning");
	CHECK(has_warning(&r, "IEA02", "IEA02 control number \"000000999\" does not match ISA13 \"000000101\""),
		  "IEA02 mismatch: the warning quotes both numbers");

	parse_fixture("warn_controls.x12", &r);
	CHECK_INT(r.rc, 0, "control mismatches: still parse");
	CHECK_INT(r.nwarnings, 3, "control mismatches: three warnings");
	CHECK(has_warning(&r, "SE02", "does not match ST02 \"0001\""), "control mismatches: SE02 vs ST02");
	CHECK(has_warning(&r, "GE02", "does not match GS06 \"101\""), "control mismatches: GE02 vs GS06");
	CHECK(has_warning(&r, "IEA01", "IEA01 says 2 functional groups but there are 1"),
		  "control mismatches: IEA01 vs the number of GS");
}

/* Inline texts for the cases the fixtures do not cover. */
static void
test_inline(void)
{
	TResult		r;

	parse_text(X212_OPEN "TRN*2*X1~STC*Z9:1*20240110~SE*13*0001~" CLOSE_1, &r);
	CHECK_INT(r.rc, 0, "inline: an unknown category parses");
	CHECK_INT(r.nwarnings, 0, "inline: SE01 13 is right");
	CHECK(r.claims[0].status == NULL, "inline: an unknown category has no claim status");

	parse_text(X212_OPEN "TRN*2*X1~REF*1K*P1~SE*13*0001~" CLOSE_1, &r);
	CHECK_INT(r.nclaims, 1, "inline: a claim without STC is still a claim");
	CHECK(r.claims[0].status == NULL, "inline: with no claim status");
	CHECK_STR(r.claims[0].codes, "", "inline: and no status codes");

	parse_text(X212_OPEN "TRN*2*X1~SVC*HC:1*10*0~SVC*HC:2*10*10~SE*13*0001~" CLOSE_1, &r);
	CHECK_INT(r.rc, 0, "inline: service lines without any STC parse");
	CHECK_INT(r.claims[0].nlines, 2, "inline: both lines are kept");
	CHECK_STR(r.claims[0].lines[0].codes, "", "inline: a line without STC has no status codes");

	parse_text(X212_OPEN "TRN*2*X1~STC*A1:20*20240110~STC*F1:65*20240111**100*80~SE*14*0001~" CLOSE_1, &r);
	CHECK_STR(r.claims[0].charge, "100", "inline: a later STC fills the charge the first left empty");
	CHECK_STR(r.claims[0].status_date, "20240110", "inline: the first STC's date wins");
	CHECK_STR(r.claims[0].status, "In Process", "inline: the first STC01 decides the status");

	parse_text(X212_OPEN "TRN*2*X1~STC*F1:65*20240110**100*80~TRN*2*X2~STC*F2:65*20240110**100*0~SE*15*0001~" CLOSE_1, &r);
	CHECK_INT(r.nclaims, 2, "inline: two TRN under one HL 22 are two claims");
	CHECK_STR(r.claims[1].last, "DOE", "inline: the second shares the subscriber");
	CHECK_INT(r.claims[1].segment_number, 15, "inline: the second TRN is segment 15");

	parse_text(ISA "GS*HN*S*R*20240115*1200*1*X*005010X212~ST*277*0001*005010X212~"
			   "HL*1**20*1~NM1*PR*2*PAYER*****PI*P1~HL*2*1*21*0~NM1*41*2*RCV*****46*R1~"
			   "TRN*2*RCV1~STC*A1:19*20240110~HL*3*2*19*0~NM1*1P*2*PROV*****XX*1245319599~"
			   "TRN*1*PRV1~STC*E0:24:85*20240110~SE*12*0001~" CLOSE_1, &r);
	CHECK_INT(r.rc, 0, "inline: receiver and provider levels parse");
	CHECK_INT(r.nclaims, 0, "inline: receiver- and provider-level TRN/STC are not claims");

	parse_text(ISA "GS*HN*S*R*20240115*1200*1*X*005010X214~ST*277*0001*005010X214~"
			   "HL*1**20*1~HL*2*1*21*1~HL*3*2*19*1~HL*4*3*22*0~TRN*2*NOTACLAIM~STC*A1:20*20240110~"
			   "SE*10*0001~" CLOSE_1, &r);
	CHECK_INT(r.nclaims, 0, "inline: in a 277CA a TRN under HL 22 is not a claim");

	parse_text(ISA "GS*HN*S*R*20240115*1200*1*X*005010X214~ST*277*0001~"
			   "HL*1**20*1~HL*4*3*PT~NM1*QC*1*ROE*AMY****MI*M9~TRN*2*CA1~STC*A2:20*20240110~"
			   "SE*8*0001~" CLOSE_1, &r);
	CHECK_INT(r.nclaims, 1, "inline: without ST03 the implementation is GS08");
	CHECK_STR(r.claims[0].impl, "005010X214", "inline: 005010X214 from GS08");

	parse_text(X212_OPEN "TRN*2*X1~STC*F1:65*20240110*****************F2~SE*13*0001~" CLOSE_1, &r);
	CHECK_INT(r.rc, 0, "inline: STC12 and beyond are not composites");
	parse_text(X212_OPEN "TRN*2*X1~STC*F1:65*20240110********F2~SE*13*0001~" CLOSE_1, &r);
	CHECK_INT(r.rc, -1, "inline: a simple element in STC10 is an error");
	CHECK_STR(r.error.element, "STC10", "inline: naming STC10");
	parse_text(X212_OPEN "TRN*2*X1~STC*F1:*20240110~SE*13*0001~" CLOSE_1, &r);
	CHECK_STR(r.error.element, "STC01-2", "inline: an empty status code is an error in STC01-2");
	parse_text(X212_OPEN "TRN*2*X1~STC**20240110~SE*13*0001~" CLOSE_1, &r);
	CHECK_STR(r.error.element, "STC01", "inline: a missing STC01 is an error");
	parse_text(X212_OPEN "TRN*2*X1~STC*F1:65*20240110~SVC*99213*10*5~SE*14*0001~" CLOSE_1, &r);
	CHECK_STR(r.error.element, "SVC01", "inline: SVC01 without qualifier is an error");
	CHECK(strstr(r.error.message, "SVC01 must be a composite") != NULL, "inline: SVC01 message");
	parse_text(X212_OPEN "TRN*2*X1~STC*F1:65*20240110~SVC*HC:99213*10*5.x~SE*14*0001~" CLOSE_1, &r);
	CHECK_STR(r.error.element, "SVC03", "inline: a bad line payment names SVC03");
	parse_text(X212_OPEN "TRN*2*X1~STC*F1:65*20240110~SVC*HC:99213*10*5****one~SE*14*0001~" CLOSE_1, &r);
	CHECK(strstr(r.error.message, "invalid quantity \"one\" in SVC07") != NULL, "inline: bad units");
	parse_text(X212_OPEN "TRN*2*X1~STC*F1:65*20240110~DTP*472*DT*202401011200~SE*14*0001~" CLOSE_1, &r);
	CHECK_STR(r.error.element, "DTP02", "inline: DTP*472 must be D8 or RD8");
	parse_text(X212_OPEN "TRN*2*X1~STC*F1:65*20240110~DTP*472*RD8*20240105-20240101~SE*14*0001~" CLOSE_1, &r);
	CHECK(strstr(r.error.message, "ends before it starts") != NULL, "inline: a reversed range is an error");
	parse_text(X212_OPEN "TRN*2*X1~STC*F1:65*20240110~DTP*472*RD8*20240105~SE*14*0001~" CLOSE_1, &r);
	CHECK(strstr(r.error.message, "CCYYMMDD-CCYYMMDD") != NULL, "inline: a short range is an error");
	parse_text(X212_OPEN "TRN*2~SE*11*0001~" CLOSE_1, &r);
	CHECK_STR(r.error.element, "TRN02", "inline: a claim TRN without TRN02 is an error");
	parse_text(X212_OPEN "HL*5*4~SE*11*0001~" CLOSE_1, &r);
	CHECK_STR(r.error.element, "HL03", "inline: HL without HL03 is an error");

	parse_text(ISA "GS*HN*S*R*20240115*1200*1*X*004010X093A1~ST*277*0001*004010X093A1~SE*2*0001~" CLOSE_1, &r);
	CHECK_INT(r.rc, -1, "inline: an unsupported implementation is an error");
	CHECK_STR(r.error.element, "ST03", "inline: naming ST03");
	CHECK(strstr(r.error.message, "\"004010X093A1\"") != NULL, "inline: quoting it");
	parse_text(ISA "GS*HP*S*R*20240115*1200*1*X*005010X221A1~ST*835*0001*005010X221A1~SE*2*0001~" CLOSE_1, &r);
	CHECK_STR(r.error.element, "ST01", "inline: an 835 is not a 277");
	parse_text(ISA "BHT*0010~GS*HN~", &r);
	CHECK(strstr(r.error.message, "outside a functional group") != NULL, "inline: a segment before GS");
	parse_text(ISA "GS*HN*S*R*20240115*1200*1*X*005010X212~BHT*0010~", &r);
	CHECK(strstr(r.error.message, "outside a transaction set") != NULL, "inline: a segment before ST");
	parse_text(ISA "GS*HN*S*R*20240115*1200*1*X*005010X212~ST*277*0001*005010X212~GS*HN~", &r);
	CHECK_STR(r.error.segment_id, "ST", "inline: GS inside ST is a missing SE");
	parse_text(ISA "GS*HN*S*R*20240115*1200*1*X*005010X212~GE*0*1~" ISA, &r);
	CHECK(strstr(r.error.message, "missing IEA trailer") != NULL, "inline: an ISA before the IEA");
	parse_text(ISA "GS*HN*S*R*20240115*1200*1*X*005010X212~IEA*1*1~", &r);
	CHECK(strstr(r.error.message, "missing GE trailer") != NULL, "inline: an IEA before the GE");
	parse_text(ISA "IEA*0*000000001~GS*HN~", &r);
	CHECK(strstr(r.error.message, "after the IEA trailer") != NULL, "inline: a segment after the IEA");
	parse_text(ISA "IEA*0*000000001~", &r);
	CHECK_INT(r.rc, 0, "inline: an empty interchange parses");
	CHECK_INT(r.nclaims, 0, "inline: with no claims");
	parse_text(ISA "IEA*0*1", &r);
	CHECK_INT(r.rc, 0, "inline: a missing final terminator is accepted");
	CHECK_INT(r.nwarnings, 0, "inline: IEA02 1 matches ISA13 000000001");
	parse_text(ISA "IEA*x*000000001~", &r);
	CHECK(has_warning(&r, "IEA01", "IEA01 \"x\" is not a count"), "inline: a non-numeric IEA01 is a warning");

	/* two interchanges, the second with other separators */
	parse_text(X212_OPEN "TRN*2*X1~STC*F1:65*20240110~SE*13*0001~" CLOSE_1 "\n"
			   "ISA|00|          |00|          |ZZ|SUBMITTER      |ZZ|RECEIVER       |240115|1200|^|00501|000000002|0|T|>\n"
			   "GS|HN|S|R|20240115|1200|7|X|005010X214\nST|277|0009|005010X214\n"
			   "HL|1||20|1\nNM1|PR|2|OTHER|||||PI|P2\nHL|2|1|PT\nNM1|QC|1|ROE|AMY||||MI|M2\n"
			   "TRN|2|Y1\nSTC|A7>562>85|20240110|WQ\nSE|8|0009\nGE|1|7\nIEA|1|000000002\n", &r);
	CHECK_INT(r.rc, 0, "inline: two interchanges parse");
	CHECK_INT(r.nwarnings, 0, "inline: without warnings");
	CHECK_INT(r.nclaims, 2, "inline: a claim from each");
	CHECK_STR(r.claims[1].isa13, "000000002", "inline: the second claim has the second ISA13");
	CHECK_STR(r.claims[1].codes, "A7:562:85", "inline: split on the second ISA16");
	CHECK_INT(r.claims[1].segment_number, 25, "inline: segments are numbered through both");
	CHECK_STR(r.claims[1].payer_name, "OTHER", "inline: the payer of the second");

	/* two functional groups in one interchange, one of each implementation */
	parse_text(ISA "GS*HN*S*R*20240115*1200*1*X*005010X212~ST*277*0001*005010X212~"
			   "HL*4*3*22*0~NM1*IL*1*DOE*JANE****MI*M1~TRN*2*G1~STC*F1:65*20240110~SE*6*0001~GE*1*1~"
			   "GS*HN*S*R*20240115*1200*2*X*005010X214~ST*277*0002*005010X214~"
			   "HL*4*3*PT~NM1*QC*1*ROE*AMY****MI*M2~TRN*2*G2~STC*A2:20*20240110~SE*6*0002~GE*1*2~"
			   "IEA*2*000000001~", &r);
	CHECK_INT(r.rc, 0, "inline: two GS in one ISA parse");
	CHECK_INT(r.nwarnings, 0, "inline: IEA01 2 counts both groups");
	CHECK_INT(r.nclaims, 2, "inline: a claim from each group");
	CHECK_STR(r.claims[0].impl, "005010X212", "inline: the first group is 005010X212");
	CHECK_STR(r.claims[1].impl, "005010X214", "inline: the second group is 005010X214");
	CHECK_STR(r.claims[1].subscriber_id, "M2", "inline: the second claim's member id");

	/* a line-feed terminator with CRLF lines */
	parse_text("ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *240115*1200*^*00501*000000001*0*T*:\r\n"
			   "GS*HN*S*R*20240115*1200*1*X*005010X212\r\nST*277*0001*005010X212\r\n"
			   "HL*4*3*22*0\r\nNM1*IL*1*DOE*JANE****MI*M1\r\nTRN*2*LF1\r\nSTC*F1:65*20240110\r\n"
			   "SE*6*0001\r\nGE*1*1\r\nIEA*1*000000001\r\n", &r);
	CHECK_INT(r.rc, 0, "inline: a line-feed terminator after CR parses");
	CHECK_INT(r.nwarnings, 0, "inline: with no warnings");
	CHECK_STR(r.nclaims ? r.claims[0].trace : NULL, "LF1", "inline: and no CR in the values");
}

/* x12_status_format measures, cuts and terminates like snprintf. */
static void
test_status_format(void)
{
	X12Status	st;
	char		buf[8];

	memset(&st, 0, sizeof(st));
	st.category.ptr = "F2";
	st.category.len = 2;
	st.code.ptr = "88";
	st.code.len = 2;
	CHECK_INT(x12_status_format(&st, NULL, 0), 5, "status format: measures F2:88 with a NULL buffer");
	st.entity.ptr = "QC";
	st.entity.len = 2;
	st.qualifier.ptr = "RX";
	st.qualifier.len = 2;
	CHECK_INT(x12_status_format(&st, buf, sizeof(buf)), 8, "status format: F2:88:QC is 8 long");
	CHECK_STR(buf, "F2:88:Q", "status format: cut to the buffer and terminated");
	st.entity.len = 0;
	CHECK_INT(x12_status_format(&st, buf, sizeof(buf)), 5, "status format: no entity, no qualifier");
	CHECK_STR(buf, "F2:88", "status format: F2:88");
}

/* Streaming: claims one at a time; the end and an error are sticky. */
static void
test_streaming(void)
{
	size_t		len;
	char	   *buf = load("status_paid.x12", &len);
	X12Parser  *p = x12_277_create(buf, len, NULL);
	const X12Claim *c;
	int			n = 0;
	int			rc;

	while ((rc = x12_277_next(p, &c)) > 0)
	{
		n++;
		if (n == 2)
		{
			CHECK(c != NULL && c->nlines == 2, "streaming: the second claim has its two lines");
			CHECK(c->lines[1].statuses == c->statuses + c->nstatuses + 1,
				  "streaming: line statuses follow the claim statuses");
		}
	}
	CHECK_INT(n, 6, "streaming: six claims");
	CHECK_INT(rc, 0, "streaming: then the end");
	CHECK(c == NULL, "streaming: no claim at the end");
	CHECK_INT(x12_277_next(p, &c), 0, "streaming: the end is sticky");
	CHECK(x12_277_error(p) == NULL, "streaming: no error");
	CHECK(x12_277_segment_count(p) > 40, "streaming: segments were counted");
	x12_277_destroy(p);
	free(buf);

	buf = load("err_bad_amount.x12", &len);
	p = x12_277_create(buf, len, NULL);
	CHECK_INT(x12_277_next(p, &c), -1, "streaming: an error");
	CHECK_INT(x12_277_next(p, &c), -1, "streaming: the error is sticky");
	CHECK(x12_277_error(p) != NULL, "streaming: the error is there");
	CHECK(x12_277_warning(p, 0) == NULL, "streaming: no warning 0");
	x12_277_destroy(p);
	free(buf);
}

static int	live_allocs;
static int	allocs_left;

/* Counting allocator for the tests; fails when allocs_left reaches 0. */
static void *
test_alloc(void *ctx, size_t size)
{
	void	   *m;

	if (allocs_left == 0)
		return NULL;
	if (allocs_left > 0)
		allocs_left--;
	m = malloc(size);
	if (m)
		live_allocs++;
	return m;
}

/* Counting free for the tests. */
static void
test_free(void *ctx, void *ptr)
{
	live_allocs--;
	free(ptr);
}

/* The caller's allocator is used for everything and everything is freed. */
static void
test_allocator(void)
{
	X12Allocator a = {test_alloc, test_free, NULL};
	size_t		len;
	char	   *buf = load("status_partially_paid.x12", &len);
	TResult		r;
	int			k;
	bool		all_clean = true;
	bool		oom_seen = false;

	allocs_left = -1;
	parse_buffer(buf, len, &a, &r);
	CHECK_INT(r.nclaims, 4, "allocator: parses with the caller's allocator");
	CHECK_INT(live_allocs, 0, "allocator: everything is freed");

	for (k = 0; k < 8; k++)
	{
		allocs_left = k;
		parse_buffer(buf, len, &a, &r);
		if (live_allocs != 0)
			all_clean = false;
		if (r.rc == -1 && strstr(r.error.message, "out of memory") != NULL)
			oom_seen = true;
		if (!(r.rc == -2 || r.rc == 0 || (r.rc == -1 && strstr(r.error.message, "out of memory"))))
			all_clean = false;
	}
	CHECK(all_clean, "allocator: failing allocations give out of memory and leak nothing");
	CHECK(oom_seen, "allocator: out of memory is reported");
	free(buf);
}

/* Every prefix that cuts off the IEA is an error, and none crashes. */
static void
test_prefixes(void)
{
	size_t		len;
	char	   *buf = load("dependent.x12", &len);
	size_t		iea = 0;
	size_t		i;
	bool		ok = true;
	TResult		r;

	for (i = 0; i + 3 <= len; i++)
		if (memcmp(buf + i, "IEA", 3) == 0)
			iea = i;
	for (i = 0; i < iea; i++)
	{
		char	   *cut = malloc(i > 0 ? i : 1);

		memcpy(cut, buf, i);
		parse_buffer(cut, i, NULL, &r);
		if (r.rc != -1)
		{
			printf("# prefix of %zu bytes gave %d\n", i, r.rc);
			ok = false;
		}
		free(cut);
	}
	CHECK(ok, "prefixes: every prefix without the IEA is an error");
	free(buf);
}

int
main(void)
{
	test_reader();
	test_reader_errors();
	test_values();
	test_status_fixtures();
	test_claim_fields();
	test_structure_fixtures();
	test_error_fixtures();
	test_warning_fixtures();
	test_inline();
	test_status_format();
	test_streaming();
	test_allocator();
	test_prefixes();
	return unit_done();
}
