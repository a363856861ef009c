/*
 * test/conformance/x12_dump.c
 *		Prints the parse of one X12 277 file as JSON lines, one object per
 *		claim, warning and error, then an "end" line: the view of the pure-C
 *		core (src/core/x12_277.c) that test/conformance/check_samples.py
 *		compares with the expected parse facts of the real samples.
 *
 * Usage: x12_dump FILE.  Exit status 0 when the file was read (whether it
 * parsed or not; a parse error is an "error" line), 2 when it could not be
 * read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x12_277.h"

/* Print s[0..len) as a JSON string. */
static void
json_str(const char *s, size_t len)
{
	size_t		i;

	putchar('"');
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* Print a slice as a JSON string, or null when empty. */
static void
json_slice(X12Slice s)
{
	if (s.len == 0)
		fputs("null", stdout);
	else
		json_str(s.ptr, s.len);
}

/* Print ,"key":<slice or null>. */
static void
field(const char *key, X12Slice s)
{
	printf(",\"%s\":", key);
	json_slice(s);
}

/* Print ,"key":<amount text or null>. */
static void
field_amount(const char *key, const X12Amount *a)
{
	printf(",\"%s\":", key);
	if (a->present)
		json_str(a->text.ptr, a->text.len);
	else
		fputs("null", stdout);
}

/* Print ,"key":<CCYYMMDD or null>. */
static void
field_date(const char *key, const X12Date *d)
{
	printf(",\"%s\":", key);
	if (d->present)
		json_str(d->text, 8);
	else
		fputs("null", stdout);
}

/*
 * Print a status composite as the input spelled it with ':' as separator:
 * category:code, then :entity and :qualifier when present (F2:80::RX).
 */
static void
status_raw(const X12Status *st)
{
	char		buf[256];
	size_t		n;

	n = x12_status_format(st, buf, sizeof(buf));
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	if (st->qualifier.len > 0 && n + 2 + st->qualifier.len < sizeof(buf))
	{
		if (st->entity.len == 0)
			buf[n++] = ':';
		buf[n++] = ':';
		memcpy(buf + n, st->qualifier.ptr, st->qualifier.len);
		n += st->qualifier.len;
	}
	json_str(buf, n);
}

/* Print a list of statuses in the status_codes form (cat:code[:entity]). */
static void
status_list(const X12Status *sts, int n)
{
	char		buf[256];
	size_t		len;
	int			i;

	putchar('[');
	for (i = 0; i < n; i++)
	{
		len = x12_status_format(&sts[i], buf, sizeof(buf));
		if (len >= sizeof(buf))
			len = sizeof(buf) - 1;
		if (i > 0)
			putchar(',');
		json_str(buf, len);
	}
	putchar(']');
}

/* One claim as a JSON object. */
static void
print_claim(const X12Claim *c)
{
	const char *status = cs_status_name(c->claim_status);
	int			i,
				j;

	printf("{\"kind\":\"claim\"");
	field("interchange_control_number", c->interchange_control_number);
	field("transaction_control_number", c->transaction_control_number);
	printf(",\"implementation\":\"%s\"", x12_implementation_name(c->implementation));
	field("payer_name", c->payer_name);
	field("payer_id", c->payer_id);
	field("provider_name", c->provider_name);
	field("provider_npi", c->provider_npi);
	field("subscriber_id", c->subscriber_id);
	field("patient_last_name", c->patient_last_name);
	field("patient_first_name", c->patient_first_name);
	printf(",\"is_dependent\":%s", c->is_dependent ? "true" : "false");
	field("hl_level", c->hl_level);
	field("trace_number", c->trace_number);
	printf(",\"refs\":{");
	j = 0;
	if (c->payer_claim_control_number.len)
	{
		printf("\"1K\":");
		json_slice(c->payer_claim_control_number);
		j++;
	}
	if (c->bill_type.len)
	{
		printf("%s\"BLT\":", j++ ? "," : "");
		json_slice(c->bill_type);
	}
	if (c->patient_account_number.len)
	{
		printf("%s\"EJ\":", j++ ? "," : "");
		json_slice(c->patient_account_number);
	}
	putchar('}');
	if (c->nstatuses > 0)
	{
		field("category_code", c->statuses[0].category);
		field("status_code", c->statuses[0].code);
		field("entity_code", c->statuses[0].entity);
		field("code_list_qualifier", c->statuses[0].qualifier);
		printf(",\"stc01\":");
		status_raw(&c->statuses[0]);
	}
	else
		printf(",\"category_code\":null,\"status_code\":null,\"entity_code\":null,"
			   "\"code_list_qualifier\":null,\"stc01\":null");
	printf(",\"status_codes\":");
	status_list(c->statuses, c->nstatuses);
	printf(",\"claim_stc_count\":%d", c->stc_count);
	field_date("status_date", &c->status_date);
	field("action_code", c->action_code);
	field_amount("total_charge", &c->total_charge);
	field_amount("payment_amount", &c->payment_amount);
	field_date("finalized_date", &c->finalized_date);
	field_date("remittance_date", &c->remittance_date);
	field("check_number", c->check_number);
	field("free_text", c->free_text);
	field_date("service_from", &c->service_from);
	field_date("service_to", &c->service_to);
	printf(",\"service_dates_from_lines\":%s", c->service_dates_from_lines ? "true" : "false");
	printf(",\"service_lines\":[");
	for (i = 0; i < c->nlines; i++)
	{
		const X12ServiceLine *l = &c->lines[i];

		printf("%s{", i ? "," : "");
		printf("\"procedure_qualifier\":");
		json_slice(l->procedure_qualifier);
		field("procedure_code", l->procedure_code);
		printf(",\"modifiers\":[");
		for (j = 0; j < l->nmodifiers; j++)
		{
			if (j)
				putchar(',');
			json_slice(l->modifiers[j]);
		}
		putchar(']');
		field_amount("charge", &l->charge);
		field_amount("paid", &l->paid);
		field("revenue_code", l->revenue_code);
		field_amount("units", &l->units);
		printf(",\"status_codes\":");
		status_list(l->statuses, l->nstatuses);
		printf(",\"stc01\":[");
		for (j = 0; j < l->nstatuses; j++)
		{
			if (j)
				putchar(',');
			status_raw(&l->statuses[j]);
		}
		putchar(']');
		field("line_item_control_number", l->line_item_control_number);
		field_date("service_from", &l->service_from);
		field_date("service_to", &l->service_to);
		putchar('}');
	}
	putchar(']');
	printf(",\"claim_status\":");
	if (status)
		json_str(status, strlen(status));
	else
		fputs("null", stdout);
	printf(",\"is_rejection\":%s", c->is_rejection ? "true" : "false");
	printf(",\"segment_number\":%u}\n", (unsigned) c->segment_number);
}

/* An error or a warning as a JSON object. */
static void
print_problem(const char *kind, const X12Error *e)
{
	printf("{\"kind\":\"%s\",\"segment_number\":%u,\"segment_id\":", kind,
		   (unsigned) e->segment_number);
	json_str(e->segment_id, strlen(e->segment_id));
	printf(",\"element\":");
	json_str(e->element, strlen(e->element));
	printf(",\"message\":");
	json_str(e->message, strlen(e->message));
	printf("}\n");
}

/* Read FILE into an exact-size buffer and print its parse. */
int
main(int argc, char **argv)
{
	FILE	   *f;
	char	   *buf;
	long		size;
	X12Parser  *p;
	const X12Claim *c;
	int			rc;
	int			n = 0;
	int			i;

	if (argc != 2)
	{
		fprintf(stderr, "usage: x12_dump FILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
		fseek(f, 0, SEEK_SET) != 0)
	{
		fprintf(stderr, "x12_dump: cannot read %s\n", argv[1]);
		return 2;
	}
	buf = malloc(size > 0 ? (size_t) size : 1);
	if (buf == NULL || (size > 0 && fread(buf, 1, (size_t) size, f) != (size_t) size))
	{
		fprintf(stderr, "x12_dump: cannot read %s\n", argv[1]);
		return 2;
	}
	fclose(f);

	p = x12_277_create(buf, (size_t) size, NULL);
	if (p == NULL)
	{
		fprintf(stderr, "x12_dump: out of memory\n");
		return 2;
	}
	while ((rc = x12_277_next(p, &c)) > 0)
	{
		print_claim(c);
		n++;
	}
	for (i = 0; i < x12_277_warning_count(p); i++)
		print_problem("warning", x12_277_warning(p, i));
	if (rc < 0)
		print_problem("error", x12_277_error(p));
	printf("{\"kind\":\"end\",\"claims\":%d,\"segments\":%u,\"ok\":%s}\n", n,
		   (unsigned) x12_277_segment_count(p), rc == 0 ? "true" : "false");
	x12_277_destroy(p);
	free(buf);
	return 0;
}
