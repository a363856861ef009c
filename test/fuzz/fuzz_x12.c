/*
 * test/fuzz/fuzz_x12.c
 *		libFuzzer harness for the X12 tokenizer and the 277 interpreter
 *		(src/core/x12_reader.c, x12_277.c, claim_status.c), built and run by
 *		test/fuzz/Makefile under AddressSanitizer and UBSan.
 *
 * Each input is parsed as-is (libFuzzer's buffer is exactly the input, with
 * no NUL after it, so any read past it is caught).  The harness walks every
 * segment and every claim, touches every byte of every slice, checks that
 * slices lie inside the input, that dates and statuses are sane, and that
 * memory stays proportional to the input and is all given back.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x12_277.h"
#include "x12_reader.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Allocation accounting of one input. */
typedef struct FuzzMem
{
	size_t		live;
	size_t		peak;
	long		blocks;
} FuzzMem;

/* A header in front of each block records its size. */
typedef union FuzzHeader
{
	size_t		size;
	long double align_ld;
	void	   *align_ptr;
	long long	align_ll;
} FuzzHeader;

/* Allocator that counts live bytes. */
static void *
fuzz_alloc(void *ctx, size_t size)
{
	FuzzMem    *m = ctx;
	FuzzHeader *h = malloc(sizeof(FuzzHeader) + size);

	if (h == NULL)
		return NULL;
	h->size = size;
	m->live += size;
	m->blocks++;
	if (m->live > m->peak)
		m->peak = m->live;
	return h + 1;
}

/* Matching free. */
static void
fuzz_free(void *ctx, void *ptr)
{
	FuzzMem    *m = ctx;
	FuzzHeader *h = (FuzzHeader *) ptr - 1;

	m->live -= h->size;
	m->blocks--;
	free(h);
}

/* Stop the run with a message: libFuzzer records the input as a crash. */
static void
fuzz_fail(const char *what)
{
	fprintf(stderr, "fuzz_x12: invariant broken: %s\n", what);
	abort();
}

static const char *in_lo;
static const char *in_hi;
static volatile unsigned sink;

/* A slice must be empty or lie inside the input; read every byte of it. */
static void
touch(X12Slice s)
{
	size_t		i;

	if (s.len == 0)
		return;
	if (s.ptr < in_lo || s.ptr + s.len > in_hi)
		fuzz_fail("slice outside the input");
	for (i = 0; i < s.len; i++)
		sink += (unsigned char) s.ptr[i];
}

/* Amount text must be inside the input; zero sign when absent. */
static void
touch_amount(const X12Amount *a)
{
	touch(a->text);
	if (!a->present && a->sign != 0)
		fuzz_fail("absent amount with a sign");
	if (a->sign < -1 || a->sign > 1)
		fuzz_fail("amount sign");
}

/* A present date is a real date whose text is inside the input. */
static void
touch_date(const X12Date *d)
{
	X12Slice	s;

	if (!d->present)
		return;
	if (d->year < 1 || d->year > 9999 || d->month < 1 || d->month > 12 ||
		d->day < 1 || d->day > 31)
		fuzz_fail("date out of range");
	s.ptr = d->text;
	s.len = 8;
	touch(s);
}

/* A status composite; also format it into a small buffer. */
static void
touch_status(const X12Status *st)
{
	char		buf[16];
	size_t		n;

	touch(st->category);
	touch(st->code);
	touch(st->entity);
	touch(st->qualifier);
	if (st->category.len == 0 || st->code.len == 0)
		fuzz_fail("status without category or code");
	n = x12_status_format(st, buf, sizeof(buf));
	if (n < st->category.len + 1 + st->code.len || strlen(buf) >= sizeof(buf))
		fuzz_fail("status format length");
}

/* An error or warning: NUL-terminated strings of sane size. */
static void
check_message(const X12Error *e)
{
	if (memchr(e->message, '\0', sizeof(e->message)) == NULL ||
		memchr(e->segment_id, '\0', sizeof(e->segment_id)) == NULL ||
		memchr(e->element, '\0', sizeof(e->element)) == NULL)
		fuzz_fail("unterminated message");
	if (e->message[0] == '\0')
		fuzz_fail("empty message");
}

/* Every field of a claim. */
static void
touch_claim(const X12Claim *c)
{
	int			i,
				j;

	touch(c->interchange_control_number);
	touch(c->group_control_number);
	touch(c->transaction_control_number);
	if (x12_implementation_name(c->implementation) == NULL)
		fuzz_fail("implementation");
	touch(c->payer_name);
	touch(c->payer_id);
	touch(c->provider_name);
	touch(c->provider_first_name);
	touch(c->provider_npi);
	touch(c->subscriber_id);
	touch(c->patient_last_name);
	touch(c->patient_first_name);
	touch(c->hl_level);
	touch(c->trace_number);
	if (c->trace_number.len == 0)
		fuzz_fail("claim without trace number");
	touch(c->payer_claim_control_number);
	touch(c->patient_account_number);
	touch(c->bill_type);
	for (i = 0; i < c->nstatuses; i++)
		touch_status(&c->statuses[i]);
	touch_date(&c->status_date);
	touch(c->action_code);
	touch_amount(&c->total_charge);
	touch_amount(&c->payment_amount);
	touch_date(&c->finalized_date);
	touch_date(&c->remittance_date);
	touch(c->check_number);
	touch(c->free_text);
	touch_date(&c->service_from);
	touch_date(&c->service_to);
	if (c->service_from.present && c->service_to.present &&
		x12_date_cmp(&c->service_from, &c->service_to) > 0)
		fuzz_fail("service dates reversed");
	for (i = 0; i < c->nlines; i++)
	{
		const X12ServiceLine *l = &c->lines[i];

		touch(l->procedure_qualifier);
		touch(l->procedure_code);
		if (l->nmodifiers < 0 || l->nmodifiers > 4)
			fuzz_fail("modifier count");
		for (j = 0; j < l->nmodifiers; j++)
			touch(l->modifiers[j]);
		touch_amount(&l->charge);
		touch_amount(&l->paid);
		touch(l->revenue_code);
		touch_amount(&l->units);
		touch(l->line_item_control_number);
		touch_date(&l->service_from);
		touch_date(&l->service_to);
		for (j = 0; j < l->nstatuses; j++)
			touch_status(&l->statuses[j]);
	}
	if (c->claim_status != CS_UNKNOWN && cs_status_name(c->claim_status) == NULL)
		fuzz_fail("claim status without name");
	if (c->is_rejection != (c->claim_status == CS_REJECTED))
		fuzz_fail("is_rejection");
	if (c->segment_number < 2)
		fuzz_fail("claim segment number");
}

/* The tokenizer alone: segments inside the input, numbered in order. */
static void
run_reader(const char *in, size_t size)
{
	X12Reader	r;
	X12Segment	seg;
	X12Error	err;
	uint32_t	expect = 1;
	int			i;

	x12_reader_init(&r, in, size);
	while (x12_reader_next(&r, &seg, &err) > 0)
	{
		if (seg.number != expect++)
			fuzz_fail("segment numbering");
		touch(seg.text);
		for (i = 0; i <= seg.nelements && i <= X12_MAX_ELEMENTS; i++)
			touch(x12_element(&seg, i));
	}
}

/* libFuzzer entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *) data;
	FuzzMem		mem = {0, 0, 0};
	X12Allocator alloc = {fuzz_alloc, fuzz_free, &mem};
	X12Parser  *p;
	const X12Claim *c;
	int			rc;
	int			i;

	in_lo = in;
	in_hi = in + size;
	run_reader(in, size);

	p = x12_277_create(in, size, &alloc);
	if (p == NULL)
		fuzz_fail("create");
	while ((rc = x12_277_next(p, &c)) > 0)
		touch_claim(c);
	if (rc < 0)
	{
		if (x12_277_error(p) == NULL)
			fuzz_fail("error without details");
		check_message(x12_277_error(p));
	}
	else if (x12_277_error(p) != NULL)
		fuzz_fail("details without error");
	for (i = 0; i < x12_277_warning_count(p); i++)
		check_message(x12_277_warning(p, i));
	x12_277_destroy(p);

	/* Memory is proportional to the input and all of it comes back. */
	if (mem.peak > 256 * size + (1 << 20))
		fuzz_fail("memory not bounded by the input size");
	if (mem.live != 0 || mem.blocks != 0)
		fuzz_fail("memory not freed");
	return 0;
}
