/*
 * src/core/x12_277.c
 *		The X12 277 claim-status interpreter (pure C, no PostgreSQL headers):
 *		walks the segments of x12_reader.c, checks the envelope (ISA/GS/ST
 *		and their trailers), tracks the HL hierarchy (payer, provider,
 *		subscriber, dependent or patient) and builds one X12Claim per claim
 *		TRN with its STC, REF, DTP and SVC service lines.  See x12_277.h.
 *
 * Callers: the parse_277/ingest_277 SQL bindings; test/unit/test_x12.c,
 * test/fuzz/fuzz_x12.c, test/conformance/x12_dump.c.
 *
 * A claim is complete when the next HL, TRN or trailer arrives; that
 * segment is then kept and processed on the following call, so claims are
 * handed out one at a time and only the current claim is held in memory.
 */
#include "x12_277.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where we are in the envelope. */
typedef enum EnvState
{
	ENV_OUTSIDE = 0,			/* before the first ISA or after an IEA */
	ENV_ISA,					/* inside ISA, outside GS */
	ENV_GS,						/* inside GS, outside ST */
	ENV_ST						/* inside a transaction set */
} EnvState;

/*
 * True when slice s holds exactly the string literal lit (its length is a
 * compile-time constant, so this is a length test and a short memcmp).
 */
#define IS(s, lit) \
	((s).len == sizeof(lit) - 1 && memcmp((s).ptr, (lit), sizeof(lit) - 1) == 0)

/* The HL level of the current loop. */
typedef enum HlLevel
{
	HL_NONE = 0,
	HL_SOURCE,					/* 20: information source (payer) */
	HL_RECEIVER,				/* 21: information receiver */
	HL_PROVIDER,				/* 19: provider of service */
	HL_SUBSCRIBER,				/* 22 */
	HL_DEPENDENT,				/* 23 */
	HL_PATIENT,					/* PT (277CA) */
	HL_OTHER
} HlLevel;

/* A segment identifier packed into an integer, for switch statements. */
#define SEG_CODE(a, b, c) \
	((uint32_t) (unsigned char) (a) << 16 | (uint32_t) (unsigned char) (b) << 8 | \
	 (uint32_t) (unsigned char) (c))

#define SEG_ISA SEG_CODE('I', 'S', 'A')
#define SEG_IEA SEG_CODE('I', 'E', 'A')
#define SEG_GS	SEG_CODE('G', 'S', 0)
#define SEG_GE	SEG_CODE('G', 'E', 0)
#define SEG_ST	SEG_CODE('S', 'T', 0)
#define SEG_SE	SEG_CODE('S', 'E', 0)
#define SEG_TA1 SEG_CODE('T', 'A', '1')
#define SEG_HL	SEG_CODE('H', 'L', 0)
#define SEG_NM1 SEG_CODE('N', 'M', '1')
#define SEG_TRN SEG_CODE('T', 'R', 'N')
#define SEG_STC SEG_CODE('S', 'T', 'C')
#define SEG_REF SEG_CODE('R', 'E', 'F')
#define SEG_DTP SEG_CODE('D', 'T', 'P')
#define SEG_SVC SEG_CODE('S', 'V', 'C')

struct X12Parser
{
	X12Allocator alloc;
	X12Reader	reader;
	X12Segment	seg;			/* the current segment */
	bool		pending;		/* seg ended a claim and is not processed yet */
	int			status;			/* 0 running, 1 finished, -1 failed */
	X12Error	error;

	X12Warning *warnings;
	int			nwarnings;
	int			warnings_cap;
	long		warnings_dropped;	/* past X12_MAX_WARNINGS */

	/* envelope */
	EnvState	env;
	X12Slice	isa13;
	uint32_t	isa_number;
	size_t		isa_offset;
	uint32_t	gs_count;		/* GS in the current interchange */
	X12Slice	gs06;
	X12Slice	gs08;
	uint32_t	gs_number;
	size_t		gs_offset;
	uint32_t	st_count;		/* ST in the current group */
	X12Slice	st02;
	uint32_t	st_number;
	size_t		st_offset;
	uint32_t	st_segments;	/* segments of the current ST, ST and SE included */
	X12Implementation impl;

	/* HL context: the NM1 of the enclosing levels */
	HlLevel		level;
	X12Slice	level_code;
	X12Slice	payer_name;
	X12Slice	payer_id;
	X12Slice	provider_name;
	X12Slice	provider_first_name;
	X12Slice	provider_npi;
	X12Slice	subscriber_id;
	X12Slice	subscriber_last;
	X12Slice	subscriber_first;
	X12Slice	patient_last;
	X12Slice	patient_first;
	X12Slice	patient_id;

	/* the claim being built */
	bool		in_claim;
	bool		in_line;
	X12Claim	claim;
	int			claim_nstatuses;	/* claim-level entries of statuses[] */
	X12Status  *statuses;		/* claim-level, then each line's */
	int			nstatuses;
	int			statuses_cap;
	X12ServiceLine *lines;
	int			nlines;
	int			lines_cap;
};

/* Default allocator: malloc. */
static void *
default_alloc(void *ctx, size_t size)
{
	return malloc(size);
}

/* Default allocator: free. */
static void
default_free(void *ctx, void *ptr)
{
	free(ptr);
}

/* The packed identifier of a segment (0 when it is not 2-3 bytes). */
static uint32_t
seg_code(const X12Segment *seg)
{
	X12Slice	id = seg->elements[0];

	if (id.len == 2)
		return SEG_CODE(id.ptr[0], id.ptr[1], 0);
	if (id.len == 3)
		return SEG_CODE(id.ptr[0], id.ptr[1], id.ptr[2]);
	return 0;
}

/* Element i of the current segment. */
static X12Slice
el(const X12Parser *p, int i)
{
	return x12_element(&p->seg, i);
}

/* Record an error at the current segment; returns -1 for "return fail(...)". */
static int
fail_at(X12Parser *p, const char *element, const char *fmt,...)
#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
;

static int
fail_at(X12Parser *p, const char *element, const char *fmt,...)
{
	va_list		ap;
	char		msg[X12_MESSAGE_SIZE];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	x12_set_error(&p->error, &p->seg, element, "%s", msg);
	return -1;
}

/*
 * Record an error about an unclosed envelope level opened at segment
 * number/offset with identifier id.
 */
static int
fail_unclosed(X12Parser *p, uint32_t number, size_t offset, const char *id,
			  const char *msg)
{
	x12_set_error(&p->error, NULL, NULL, "%s", msg);
	p->error.segment_number = number;
	p->error.offset = offset;
	snprintf(p->error.segment_id, sizeof(p->error.segment_id), "%s", id);
	return -1;
}

/*
 * Grow an array of elem-size items to hold at least need items, through
 * the caller's allocator (no realloc there).  Returns false on failure.
 */
static bool
grow(X12Parser *p, void **array, int *cap, int need, size_t elem)
{
	int			newcap;
	void	   *mem;

	if (need <= *cap)
		return true;
	newcap = *cap > 0 ? *cap : 8;
	while (newcap < need)
	{
		if (newcap > (1 << 29) || (size_t) newcap * 2 > SIZE_MAX / elem)
			return false;
		newcap *= 2;
	}
	mem = p->alloc.alloc(p->alloc.ctx, (size_t) newcap * elem);
	if (mem == NULL)
		return false;
	if (*array)
	{
		memcpy(mem, *array, (size_t) (*cap) * elem);
		p->alloc.free(p->alloc.ctx, *array);
	}
	*array = mem;
	*cap = newcap;
	return true;
}

/* Append a warning about the current segment.  Returns -1 when out of memory. */
static int
warn_at(X12Parser *p, const char *element, const char *fmt,...)
#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
;

static int
warn_at(X12Parser *p, const char *element, const char *fmt,...)
{
	va_list		ap;
	char		msg[X12_MESSAGE_SIZE];

	/* Keep the first X12_MAX_WARNINGS; count the rest, bounding memory. */
	if (p->nwarnings >= X12_MAX_WARNINGS)
	{
		p->warnings_dropped++;
		return 0;
	}
	if (!grow(p, (void **) &p->warnings, &p->warnings_cap, p->nwarnings + 1,
			  sizeof(X12Warning)))
		return fail_at(p, NULL, "out of memory while collecting warnings");
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	x12_set_error(&p->warnings[p->nwarnings++], &p->seg, element, "%s", msg);
	return 0;
}

/* See x12_277.h. */
const char *
x12_implementation_name(X12Implementation impl)
{
	switch (impl)
	{
		case X12_IMPL_X212:
			return "005010X212";
		case X12_IMPL_X214:
			return "005010X214";
	}
	return NULL;
}

/* Append s to buf at *o (cut to size), counting its full length in *o. */
static void
append_slice(char *buf, size_t size, size_t *o, const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		if (*o + 1 < size)
			buf[*o] = s[i];
		(*o)++;
	}
}

/* See x12_277.h. */
size_t
x12_status_format(const X12Status *st, char *buf, size_t size)
{
	size_t		o = 0;

	append_slice(buf, size, &o, st->category.ptr, st->category.len);
	append_slice(buf, size, &o, ":", 1);
	append_slice(buf, size, &o, st->code.ptr, st->code.len);
	if (st->entity.len > 0)
	{
		append_slice(buf, size, &o, ":", 1);
		append_slice(buf, size, &o, st->entity.ptr, st->entity.len);
	}
	if (size > 0)
		buf[o < size ? o : size - 1] = '\0';
	return o;
}

/* See x12_277.h. */
X12Parser *
x12_277_create(const char *data, size_t len, const X12Allocator *alloc)
{
	X12Allocator a;
	X12Parser  *p;

	if (alloc)
		a = *alloc;
	else
	{
		a.alloc = default_alloc;
		a.free = default_free;
		a.ctx = NULL;
	}
	p = a.alloc(a.ctx, sizeof(X12Parser));
	if (p == NULL)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->alloc = a;
	x12_reader_init(&p->reader, data, len);
	return p;
}

/* See x12_277.h. */
void
x12_277_destroy(X12Parser *p)
{
	if (p == NULL)
		return;
	if (p->warnings)
		p->alloc.free(p->alloc.ctx, p->warnings);
	if (p->statuses)
		p->alloc.free(p->alloc.ctx, p->statuses);
	if (p->lines)
		p->alloc.free(p->alloc.ctx, p->lines);
	p->alloc.free(p->alloc.ctx, p);
}

/* See x12_277.h. */
const X12Error *
x12_277_error(const X12Parser *p)
{
	return p->status < 0 ? &p->error : NULL;
}

/* See x12_277.h. */
int
x12_277_warning_count(const X12Parser *p)
{
	return p->nwarnings;
}

/* See x12_277.h. */
long
x12_277_warnings_dropped(const X12Parser *p)
{
	return p->warnings_dropped;
}

/* See x12_277.h. */
const X12Warning *
x12_277_warning(const X12Parser *p, int i)
{
	if (i < 0 || i >= p->nwarnings)
		return NULL;
	return &p->warnings[i];
}

/* See x12_277.h. */
uint32_t
x12_277_segment_count(const X12Parser *p)
{
	return p->reader.count;
}

/* Forget the HL context below (and including) the given level. */
static void
clear_parties(X12Parser *p, HlLevel from)
{
	static const X12Slice empty = {NULL, 0};

	if (from <= HL_SOURCE)
	{
		p->payer_name = empty;
		p->payer_id = empty;
	}
	if (from <= HL_PROVIDER)
	{
		p->provider_name = empty;
		p->provider_first_name = empty;
		p->provider_npi = empty;
	}
	if (from <= HL_SUBSCRIBER)
	{
		p->subscriber_id = empty;
		p->subscriber_last = empty;
		p->subscriber_first = empty;
	}
	p->patient_last = empty;
	p->patient_first = empty;
	p->patient_id = empty;
}

/*
 * Validate an element as an amount; on failure record "invalid amount"
 * naming the element.
 */
static int
check_amount(X12Parser *p, int i, const char *name, const char *what, X12Amount *out)
{
	X12Slice	s = el(p, i);
	char		q[64];

	if (x12_parse_amount(s, out))
		return 0;
	x12_quote(q, sizeof(q), s);
	return fail_at(p, name, "invalid %s \"%s\" in %s: expected a decimal number such as 125.50",
				   what, q, name);
}

/* Validate s as a CCYYMMDD date for element name. */
static int
check_date(X12Parser *p, X12Slice s, const char *name, X12Date *out)
{
	char		q[64];

	if (x12_parse_date(s, out))
		return 0;
	x12_quote(q, sizeof(q), s);
	return fail_at(p, name, "invalid date \"%s\" in %s: expected a real calendar date as CCYYMMDD",
				   q, name);
}

/*
 * Parse status composite element i (STC01/10/11) into *out.  STC01 must be
 * present; all must be composites with a category and a status code.
 * Returns 1 when parsed, 0 when an optional one is empty, -1 on error.
 */
static int
parse_status(X12Parser *p, int i, bool required, X12Status *out)
{
	X12Slice	s = el(p, i);
	X12Slice	c[4];
	int			n;
	const char *name = i == 1 ? "STC01" : (i == 10 ? "STC10" : "STC11");
	char		sub[20];
	char		q[64];

	memset(out, 0, sizeof(*out));
	if (s.len == 0)
	{
		if (required)
			return fail_at(p, name, "%s (claim status composite) is missing", name);
		return 0;
	}
	n = x12_components(s, p->reader.sep.component, c, 4);
	if (n >= 2 && c[0].len > 0 && c[1].len > 0)
	{
		out->category = c[0];
		out->code = c[1];
		if (n > 2)
			out->entity = c[2];
		if (n > 3)
			out->qualifier = c[3];
		return 1;
	}
	x12_quote(q, sizeof(q), s);
	if (n < 2)
		return fail_at(p, name,
					   "%s must be a composite of category code and status code separated by \"%c\", found the single element \"%s\"",
					   name, p->reader.sep.component, q);
	snprintf(sub, sizeof(sub), "%s-%d", name, c[0].len == 0 ? 1 : 2);
	if (c[0].len == 0)
		return fail_at(p, sub, "%s (status category code) is missing in \"%s\"", sub, q);
	return fail_at(p, sub, "%s (status code) is missing in \"%s\"", sub, q);
}

/* HL: a new hierarchical level; forget the parties below it. */
static int
handle_hl(X12Parser *p)
{
	X12Slice	code = el(p, 3);

	if (code.len == 0)
		return fail_at(p, "HL03", "HL03 (hierarchical level code) is missing");
	if (IS(code, "20"))
		p->level = HL_SOURCE;
	else if (IS(code, "21"))
		p->level = HL_RECEIVER;
	else if (IS(code, "19"))
		p->level = HL_PROVIDER;
	else if (IS(code, "22"))
		p->level = HL_SUBSCRIBER;
	else if (IS(code, "23"))
		p->level = HL_DEPENDENT;
	else if (IS(code, "PT"))
		p->level = HL_PATIENT;
	else
		p->level = HL_OTHER;
	p->level_code = code;
	switch (p->level)
	{
		case HL_SOURCE:
			clear_parties(p, HL_SOURCE);
			break;
		case HL_RECEIVER:
		case HL_PROVIDER:
			clear_parties(p, HL_PROVIDER);
			break;
		case HL_SUBSCRIBER:
			clear_parties(p, HL_SUBSCRIBER);
			break;
		case HL_DEPENDENT:
		case HL_PATIENT:
			clear_parties(p, HL_DEPENDENT);
			break;
		case HL_NONE:
		case HL_OTHER:
			break;
	}
	return 0;
}

/* NM1: remember the payer, provider, subscriber or patient of this level. */
static int
handle_nm1(X12Parser *p)
{
	X12Slice	entity = el(p, 1);

	if (IS(entity, "PR") || IS(entity, "AY"))
	{
		p->payer_name = el(p, 3);
		p->payer_id = el(p, 9);
	}
	else if (IS(entity, "1P") || IS(entity, "85"))
	{
		static const X12Slice empty = {NULL, 0};

		p->provider_name = el(p, 3);
		p->provider_first_name = el(p, 4);
		p->provider_npi = IS(el(p, 8), "XX") ? el(p, 9) : empty;
	}
	else if (IS(entity, "IL"))
	{
		p->subscriber_id = el(p, 9);
		p->subscriber_last = el(p, 3);
		p->subscriber_first = el(p, 4);
	}
	else if (IS(entity, "QC"))
	{
		p->patient_last = el(p, 3);
		p->patient_first = el(p, 4);
		p->patient_id = el(p, 9);
	}
	return 0;
}

/* True when the current HL level holds claims in this implementation. */
static bool
is_claim_level(const X12Parser *p)
{
	if (p->impl == X12_IMPL_X214)
		return p->level == HL_PATIENT;
	return p->level == HL_SUBSCRIBER || p->level == HL_DEPENDENT;
}

/* TRN: TRN01 = 2 at a claim level starts a claim. */
static int
handle_trn(X12Parser *p)
{
	X12Claim   *c = &p->claim;

	if (!IS(el(p, 1), "2") || !is_claim_level(p))
		return 0;
	if (el(p, 2).len == 0)
		return fail_at(p, "TRN02", "TRN02 (claim status trace number) is missing");

	memset(c, 0, sizeof(*c));
	c->interchange_control_number = p->isa13;
	c->group_control_number = p->gs06;
	c->transaction_control_number = p->st02;
	c->implementation = p->impl;
	c->payer_name = p->payer_name;
	c->payer_id = p->payer_id;
	c->provider_name = p->provider_name;
	c->provider_first_name = p->provider_first_name;
	c->provider_npi = p->provider_npi;
	c->hl_level = p->level_code;
	switch (p->level)
	{
		case HL_SUBSCRIBER:
			c->subscriber_id = p->subscriber_id;
			c->patient_last_name = p->subscriber_last;
			c->patient_first_name = p->subscriber_first;
			break;
		case HL_DEPENDENT:
			c->subscriber_id = p->subscriber_id;
			c->patient_last_name = p->patient_last;
			c->patient_first_name = p->patient_first;
			c->is_dependent = true;
			break;
		default:
			/* 277CA patient: the member id is on NM1*QC */
			c->subscriber_id = p->subscriber_id.len ? p->subscriber_id : p->patient_id;
			c->patient_last_name = p->patient_last;
			c->patient_first_name = p->patient_first;
			break;
	}
	c->trace_number = el(p, 2);
	c->segment_number = p->seg.number;
	p->in_claim = true;
	p->in_line = false;
	p->claim_nstatuses = 0;
	p->nstatuses = 0;
	p->nlines = 0;
	return 0;
}

/*
 * STC: validated wherever it appears (status composites, dates, amounts);
 * kept when it belongs to the current claim or service line.
 */
static int
handle_stc(X12Parser *p)
{
	X12Status	st[3];
	int			nst = 0;
	int			rc;
	X12Date		d2,
				d6,
				d8;
	X12Amount	a4,
				a5;
	X12Claim   *c = &p->claim;
	int			i;
	static const int composite_at[3] = {1, 10, 11};

	for (i = 0; i < 3; i++)
	{
		rc = parse_status(p, composite_at[i], i == 0, &st[nst]);
		if (rc < 0)
			return -1;
		nst += rc;
	}
	if (check_date(p, el(p, 2), "STC02", &d2) < 0 ||
		check_amount(p, 4, "STC04", "amount", &a4) < 0 ||
		check_amount(p, 5, "STC05", "amount", &a5) < 0 ||
		check_date(p, el(p, 6), "STC06", &d6) < 0 ||
		check_date(p, el(p, 8), "STC08", &d8) < 0)
		return -1;
	if (!p->in_claim)
		return 0;

	if (!grow(p, (void **) &p->statuses, &p->statuses_cap, p->nstatuses + nst,
			  sizeof(X12Status)))
		return fail_at(p, NULL, "out of memory while reading claim statuses");
	for (i = 0; i < nst; i++)
		p->statuses[p->nstatuses++] = st[i];

	if (p->in_line)
	{
		p->lines[p->nlines - 1].nstatuses += nst;
		return 0;
	}
	p->claim_nstatuses += nst;
	c->stc_count++;
	/* The first claim-level STC wins; later ones fill what it left empty. */
	if (!c->status_date.present)
		c->status_date = d2;
	if (c->action_code.len == 0)
		c->action_code = el(p, 3);
	if (!c->total_charge.present)
		c->total_charge = a4;
	if (!c->payment_amount.present)
		c->payment_amount = a5;
	if (!c->finalized_date.present)
		c->finalized_date = d6;
	if (!c->remittance_date.present)
		c->remittance_date = d8;
	if (c->check_number.len == 0)
		c->check_number = el(p, 9);
	if (c->free_text.len == 0)
		c->free_text = el(p, 12);
	return 0;
}

/* REF: 1K, EJ, BLT on the claim; FJ on a service line (first one wins). */
static int
handle_ref(X12Parser *p)
{
	X12Slice	q = el(p, 1);
	X12Slice	v = el(p, 2);
	X12Claim   *c = &p->claim;

	if (!p->in_claim)
		return 0;
	if (p->in_line)
	{
		X12ServiceLine *line = &p->lines[p->nlines - 1];

		if (IS(q, "FJ") && line->line_item_control_number.len == 0)
			line->line_item_control_number = v;
		return 0;
	}
	if (IS(q, "1K") && c->payer_claim_control_number.len == 0)
		c->payer_claim_control_number = v;
	else if (IS(q, "EJ") && c->patient_account_number.len == 0)
		c->patient_account_number = v;
	else if (IS(q, "BLT") && c->bill_type.len == 0)
		c->bill_type = v;
	return 0;
}

/*
 * DTP: every D8/RD8 date is validated; DTP*472 sets the service dates of
 * the current claim or line (it must be D8 or RD8 there).
 */
static int
handle_dtp(X12Parser *p)
{
	X12Slice	qual = el(p, 1);
	X12Slice	fmt = el(p, 2);
	X12Slice	v = el(p, 3);
	X12Date		from,
				to;
	char		q[64];
	bool		is_472 = IS(qual, "472") && p->in_claim;

	if (IS(fmt, "D8"))
	{
		if (v.len == 0)
			return fail_at(p, "DTP03", "DTP03 (date) is missing");
		if (check_date(p, v, "DTP03", &from) < 0)
			return -1;
		to = from;
	}
	else if (IS(fmt, "RD8"))
	{
		X12Slice	a;
		X12Slice	b;

		if (v.len != 17 || v.ptr[8] != '-')
		{
			x12_quote(q, sizeof(q), v);
			return fail_at(p, "DTP03",
						   "invalid date range \"%s\" in DTP03: expected CCYYMMDD-CCYYMMDD", q);
		}
		a.ptr = v.ptr;
		a.len = 8;
		b.ptr = v.ptr + 9;
		b.len = 8;
		if (check_date(p, a, "DTP03", &from) < 0 ||
			check_date(p, b, "DTP03", &to) < 0)
			return -1;
		if (x12_date_cmp(&from, &to) > 0)
		{
			x12_quote(q, sizeof(q), v);
			return fail_at(p, "DTP03",
						   "invalid date range \"%s\" in DTP03: it ends before it starts", q);
		}
	}
	else
	{
		if (!is_472)
			return 0;
		x12_quote(q, sizeof(q), fmt);
		return fail_at(p, "DTP02",
					   "DTP*472 service date format \"%s\" in DTP02 is not supported: expected D8 or RD8", q);
	}
	if (!is_472)
		return 0;
	if (p->in_line)
	{
		X12ServiceLine *line = &p->lines[p->nlines - 1];

		if (!line->service_from.present)
		{
			line->service_from = from;
			line->service_to = to;
		}
	}
	else if (!p->claim.service_from.present)
	{
		p->claim.service_from = from;
		p->claim.service_to = to;
	}
	return 0;
}

/* SVC: a new service line of the current claim. */
static int
handle_svc(X12Parser *p)
{
	X12ServiceLine *line;
	X12Slice	s = el(p, 1);
	X12Slice	c[6];
	int			n;
	int			i;
	char		q[64];

	if (!p->in_claim)
		return 0;
	if (!grow(p, (void **) &p->lines, &p->lines_cap, p->nlines + 1,
			  sizeof(X12ServiceLine)))
		return fail_at(p, NULL, "out of memory while reading service lines");
	line = &p->lines[p->nlines];
	memset(line, 0, sizeof(*line));

	if (s.len == 0)
		return fail_at(p, "SVC01", "SVC01 (procedure composite) is missing");
	n = x12_components(s, p->reader.sep.component, c, 6);
	if (n < 2 || c[0].len == 0 || c[1].len == 0)
		x12_quote(q, sizeof(q), s);
	if (n < 2)
		return fail_at(p, "SVC01",
					   "SVC01 must be a composite of qualifier and procedure code separated by \"%c\", found the single element \"%s\"",
					   p->reader.sep.component, q);
	if (c[0].len == 0)
		return fail_at(p, "SVC01-1", "SVC01-1 (product/service ID qualifier) is missing in \"%s\"", q);
	if (c[1].len == 0)
		return fail_at(p, "SVC01-2", "SVC01-2 (procedure code) is missing in \"%s\"", q);
	line->procedure_qualifier = c[0];
	line->procedure_code = c[1];
	for (i = 2; i < n && i < 6; i++)
		if (c[i].len > 0)
			line->modifiers[line->nmodifiers++] = c[i];
	if (check_amount(p, 2, "SVC02", "amount", &line->charge) < 0 ||
		check_amount(p, 3, "SVC03", "amount", &line->paid) < 0 ||
		check_amount(p, 7, "SVC07", "quantity", &line->units) < 0)
		return -1;
	line->revenue_code = el(p, 4);
	line->segment_number = p->seg.number;
	p->nlines++;
	p->in_line = true;
	return 0;
}

/*
 * Complete the current claim: point the lines at their statuses, take the
 * service dates from the lines when the claim has none, and map the status.
 */
static void
finish_claim(X12Parser *p)
{
	X12Claim   *c = &p->claim;
	CsClaimFacts f;
	X12Date		from,
				to;
	int			idx = p->claim_nstatuses;
	int			i,
				j;

	memset(&f, 0, sizeof(f));
	memset(&from, 0, sizeof(from));
	memset(&to, 0, sizeof(to));
	c->statuses = p->statuses;
	c->nstatuses = p->claim_nstatuses;
	c->lines = p->lines;
	c->nlines = p->nlines;

	for (i = 0; i < p->nlines; i++)
	{
		X12ServiceLine *line = &p->lines[i];
		bool		denial_category = false;

		/* no pointer arithmetic on a NULL pool (no STC at all) */
		line->statuses = line->nstatuses > 0 ? p->statuses + idx : NULL;
		idx += line->nstatuses;
		for (j = 0; j < line->nstatuses; j++)
			if (cs_is_denial_category(line->statuses[j].category.ptr,
									  line->statuses[j].category.len))
				denial_category = true;
		if (cs_line_denies(denial_category, line->paid.present, line->paid.sign,
						   line->charge.present, line->charge.sign))
			f.line_denial = true;
		if (line->service_from.present &&
			(!from.present || x12_date_cmp(&line->service_from, &from) < 0))
			from = line->service_from;
		if (line->service_to.present &&
			(!to.present || x12_date_cmp(&line->service_to, &to) > 0))
			to = line->service_to;
	}
	if (!c->service_from.present && from.present)
	{
		c->service_from = from;
		c->service_to = to;
		c->service_dates_from_lines = true;
	}

	if (c->nstatuses > 0)
	{
		f.category = c->statuses[0].category.ptr;
		f.category_len = c->statuses[0].category.len;
		f.status_code = c->statuses[0].code.ptr;
		f.status_code_len = c->statuses[0].code.len;
	}
	for (i = 1; i < c->nstatuses; i++)
		if (cs_is_f2(c->statuses[i].category.ptr, c->statuses[i].category.len))
			f.other_claim_f2 = true;
	f.has_payment = c->payment_amount.present;
	f.payment_sign = c->payment_amount.sign;
	f.has_charge = c->total_charge.present;
	f.charge_sign = c->total_charge.sign;
	c->claim_status = cs_classify(&f);
	c->is_rejection = cs_is_rejection(c->claim_status);
	p->in_claim = false;
	p->in_line = false;
}

/* ST: a new 277 transaction set. */
static int
start_transaction(X12Parser *p)
{
	X12Slice	st01 = el(p, 1);
	X12Slice	impl = el(p, 3);
	const char *where = "ST03";
	char		q[64];

	if (!IS(st01, "277"))
	{
		x12_quote(q, sizeof(q), st01);
		return fail_at(p, "ST01",
					   "transaction set \"%s\" in ST01 is not a 277 claim status response", q);
	}
	if (impl.len == 0)
	{
		impl = p->gs08;
		where = "GS08";
	}
	if (IS(impl, "005010X212"))
		p->impl = X12_IMPL_X212;
	else if (IS(impl, "005010X214"))
		p->impl = X12_IMPL_X214;
	else
	{
		x12_quote(q, sizeof(q), impl);
		return fail_at(p, where,
					   "unsupported implementation \"%s\" in %s: expected 005010X212 or 005010X214",
					   q, where);
	}
	p->st02 = el(p, 2);
	p->st_number = p->seg.number;
	p->st_offset = p->seg.offset;
	p->st_segments = 1;
	p->st_count++;
	p->level = HL_NONE;
	p->level_code.ptr = NULL;
	p->level_code.len = 0;
	clear_parties(p, HL_SOURCE);
	p->env = ENV_ST;
	return 0;
}

/* Warn when a trailer's count element does not match the real count. */
static int
check_count(X12Parser *p, int i, const char *name, const char *what, uint32_t actual)
{
	X12Slice	s = el(p, i);
	uint32_t	n;
	char		q[64];

	if (x12_parse_count(s, &n))
	{
		if (n != actual)
			return warn_at(p, name, "%s says %u %s but there are %u", name,
						   (unsigned) n, what, (unsigned) actual);
		return 0;
	}
	x12_quote(q, sizeof(q), s);
	return warn_at(p, name, "%s \"%s\" is not a count of %s (there are %u)",
				   name, q, what, (unsigned) actual);
}

/* Warn when a trailer's control number differs from its header's. */
static int
check_control(X12Parser *p, int i, const char *name, X12Slice header,
			  const char *header_name)
{
	X12Slice	s = el(p, i);
	char		q1[64];
	char		q2[64];

	if (x12_control_equal(s, header))
		return 0;
	x12_quote(q1, sizeof(q1), s);
	x12_quote(q2, sizeof(q2), header);
	return warn_at(p, name, "%s control number \"%s\" does not match %s \"%s\"",
				   name, q1, header_name, q2);
}

/* SE: close the transaction set and check its count and control number. */
static int
end_transaction(X12Parser *p)
{
	p->env = ENV_GS;
	if (check_count(p, 1, "SE01", "segments", p->st_segments) < 0 ||
		check_control(p, 2, "SE02", p->st02, "ST02") < 0)
		return -1;
	return 0;
}

/* The segments of a transaction set body that concern claims. */
static int
process_body(X12Parser *p, uint32_t code)
{
	switch (code)
	{
		case SEG_HL:
			return handle_hl(p);
		case SEG_NM1:
			return handle_nm1(p);
		case SEG_TRN:
			return handle_trn(p);
		case SEG_STC:
			return handle_stc(p);
		case SEG_REF:
			return handle_ref(p);
		case SEG_DTP:
			return handle_dtp(p);
		case SEG_SVC:
			return handle_svc(p);
		default:
			return 0;
	}
}

/* True for a segment that closes the current claim loop. */
static bool
ends_claim(uint32_t code)
{
	switch (code)
	{
		case SEG_HL:
		case SEG_TRN:
		case SEG_SE:
		case SEG_ST:
		case SEG_GS:
		case SEG_GE:
		case SEG_ISA:
		case SEG_IEA:
			return true;
		default:
			return false;
	}
}

/*
 * Process the current segment.  Returns 1 when it closed a claim (the claim
 * is ready and the segment must be processed again on the next call), 0 to
 * go on, -1 on an error.
 */
static int
process_segment(X12Parser *p)
{
	uint32_t	code = seg_code(&p->seg);
	char		msg[X12_MESSAGE_SIZE];
	char		q[64];

	if (p->in_claim && ends_claim(code))
	{
		finish_claim(p);
		return 1;
	}

	switch (p->env)
	{
		case ENV_OUTSIDE:
			if (code != SEG_ISA)
				return fail_at(p, NULL,
							   "segment %.*s comes after the IEA trailer: only another ISA may follow an interchange",
							   (int) p->seg.elements[0].len, p->seg.elements[0].ptr);
			p->isa13 = el(p, 13);
			p->isa_number = p->seg.number;
			p->isa_offset = p->seg.offset;
			p->gs_count = 0;
			p->env = ENV_ISA;
			return 0;

		case ENV_ISA:
			switch (code)
			{
				case SEG_GS:
					p->gs06 = el(p, 6);
					p->gs08 = el(p, 8);
					p->gs_number = p->seg.number;
					p->gs_offset = p->seg.offset;
					p->gs_count++;
					p->st_count = 0;
					p->env = ENV_GS;
					return 0;
				case SEG_IEA:
					p->env = ENV_OUTSIDE;
					if (check_count(p, 1, "IEA01", "functional groups", p->gs_count) < 0 ||
						check_control(p, 2, "IEA02", p->isa13, "ISA13") < 0)
						return -1;
					return 0;
				case SEG_TA1:
					return 0;
				case SEG_ISA:
					snprintf(msg, sizeof(msg),
							 "missing IEA trailer: the interchange that starts at segment %u is not closed before the next ISA",
							 (unsigned) p->isa_number);
					return fail_unclosed(p, p->isa_number, p->isa_offset, "ISA", msg);
				default:
					return fail_at(p, NULL,
								   "segment %.*s is outside a functional group: a GS segment must come first",
								   (int) p->seg.elements[0].len, p->seg.elements[0].ptr);
			}

		case ENV_GS:
			switch (code)
			{
				case SEG_ST:
					return start_transaction(p);
				case SEG_GE:
					p->env = ENV_ISA;
					if (check_count(p, 1, "GE01", "transaction sets", p->st_count) < 0 ||
						check_control(p, 2, "GE02", p->gs06, "GS06") < 0)
						return -1;
					return 0;
				case SEG_GS:
				case SEG_IEA:
				case SEG_ISA:
					snprintf(msg, sizeof(msg),
							 "missing GE trailer: the functional group that starts at segment %u is not closed before %.*s",
							 (unsigned) p->gs_number, (int) p->seg.elements[0].len, p->seg.elements[0].ptr);
					return fail_unclosed(p, p->gs_number, p->gs_offset, "GS", msg);
				default:
					return fail_at(p, NULL,
								   "segment %.*s is outside a transaction set: an ST segment must come first",
								   (int) p->seg.elements[0].len, p->seg.elements[0].ptr);
			}

		case ENV_ST:
			switch (code)
			{
				case SEG_SE:
					p->st_segments++;
					return end_transaction(p);
				case SEG_ST:
				case SEG_GS:
				case SEG_GE:
				case SEG_IEA:
				case SEG_ISA:
					x12_quote(q, sizeof(q), p->st02);
					snprintf(msg, sizeof(msg),
							 "missing SE trailer: transaction set \"%s\" that starts at segment %u is not closed before %.*s",
							 q, (unsigned) p->st_number, (int) p->seg.elements[0].len, p->seg.elements[0].ptr);
					return fail_unclosed(p, p->st_number, p->st_offset, "ST", msg);
				default:
					p->st_segments++;
					return process_body(p, code);
			}
	}
	return 0;
}

/* The end of the input: every level must be closed. */
static int
check_end(X12Parser *p)
{
	char		msg[X12_MESSAGE_SIZE];
	char		q[64];

	switch (p->env)
	{
		case ENV_OUTSIDE:
			return 0;
		case ENV_ISA:
			snprintf(msg, sizeof(msg),
					 "missing IEA trailer: the interchange that starts at segment %u is not closed at the end of the text",
					 (unsigned) p->isa_number);
			return fail_unclosed(p, p->isa_number, p->isa_offset, "ISA", msg);
		case ENV_GS:
			snprintf(msg, sizeof(msg),
					 "missing GE trailer: the functional group that starts at segment %u is not closed at the end of the text",
					 (unsigned) p->gs_number);
			return fail_unclosed(p, p->gs_number, p->gs_offset, "GS", msg);
		case ENV_ST:
			x12_quote(q, sizeof(q), p->st02);
			snprintf(msg, sizeof(msg),
					 "missing SE trailer: transaction set \"%s\" that starts at segment %u is not closed at the end of the text",
					 q, (unsigned) p->st_number);
			return fail_unclosed(p, p->st_number, p->st_offset, "ST", msg);
	}
	return 0;
}

/* See x12_277.h. */
int
x12_277_next(X12Parser *p, const X12Claim **claim)
{
	int			rc;

	*claim = NULL;
	if (p->status != 0)
		return p->status < 0 ? -1 : 0;
	for (;;)
	{
		if (!p->pending)
		{
			rc = x12_reader_next(&p->reader, &p->seg, &p->error);
			if (rc < 0)
			{
				p->status = -1;
				return -1;
			}
			if (rc == 0)
			{
				if (check_end(p) < 0)
				{
					p->status = -1;
					return -1;
				}
				p->status = 1;
				return 0;
			}
		}
		p->pending = false;
		rc = process_segment(p);
		if (rc < 0)
		{
			p->status = -1;
			return -1;
		}
		if (rc > 0)
		{
			p->pending = true;
			*claim = &p->claim;
			return 1;
		}
	}
}
