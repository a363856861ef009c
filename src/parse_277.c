/*
 * src/parse_277.c
 *		SQL binding of the X12 277 reader (src/core/x12_277.c):
 *		parse_277(text) returns one credentialing.claim_status_277 row per
 *		claim, and ingest_277(text) stores every claim through
 *		claims_store_upsert_batch (src/claims_store.c), a batch of claims at
 *		a time, in the caller's transaction.
 *		Reader errors become ERRORs with SQLSTATE 22P02 naming the segment
 *		and element; control-number and count mismatches become WARNINGs.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "appeal_eval.h"
#include "appeal_rules.h"
#include "claim_ingest.h"
#include "claims_store.h"
#include "jsonb_util.h"
#include "spi_util.h"
#include "x12_277.h"

/* Columns of credentialing.claim_status_277, in order. */
enum
{
	COL_INTERCHANGE_CONTROL_NUMBER,
	COL_TRANSACTION_CONTROL_NUMBER,
	COL_IMPLEMENTATION,
	COL_PAYER_NAME,
	COL_PAYER_ID,
	COL_PROVIDER_NAME,
	COL_PROVIDER_NPI,
	COL_SUBSCRIBER_ID,
	COL_PATIENT_LAST_NAME,
	COL_PATIENT_FIRST_NAME,
	COL_IS_DEPENDENT,
	COL_TRACE_NUMBER,
	COL_PAYER_CLAIM_CONTROL_NUMBER,
	COL_PATIENT_ACCOUNT_NUMBER,
	COL_BILL_TYPE,
	COL_CATEGORY_CODE,
	COL_STATUS_CODE,
	COL_ENTITY_CODE,
	COL_STATUS_CODES,
	COL_STATUS_DATE,
	COL_ACTION_CODE,
	COL_TOTAL_CHARGE,
	COL_PAYMENT_AMOUNT,
	COL_FINALIZED_DATE,
	COL_REMITTANCE_DATE,
	COL_CHECK_NUMBER,
	COL_FREE_TEXT,
	COL_SERVICE_FROM,
	COL_SERVICE_TO,
	COL_SERVICE_LINES,
	COL_CLAIM_STATUS,
	COL_IS_REJECTION,
	COL_SEGMENT_NUMBER,
	NUM_COLUMNS
};

/* A parser run over one input text, with its memory. */
typedef struct X12Run
{
	X12Parser  *parser;
	MemoryContext parser_cxt;	/* the reader's allocations */
	int			warnings_reported;
} X12Run;

/*
 * Allocator for the pure-C reader: memory from the run's context; NULL
 * (not an ERROR) when it cannot be had, as the reader expects.
 */
static void *
run_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocExtended((MemoryContext) ctx, size,
									  MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
}

/* Counterpart of run_alloc. */
static void
run_free(void *ctx, void *ptr)
{
	pfree(ptr);
}

/*
 * Start a run over data[0..len): the parser lives in its own memory context
 * under the caller's, so nothing outlives the call.
 */
static void
run_start(X12Run *run, const char *data, size_t len)
{
	X12Allocator alloc;

	run->parser_cxt = AllocSetContextCreate(CurrentMemoryContext, "X12 277 reader",
											ALLOCSET_DEFAULT_SIZES);
	alloc.alloc = run_alloc;
	alloc.free = run_free;
	alloc.ctx = run->parser_cxt;
	run->parser = x12_277_create(data, len, &alloc);
	if (run->parser == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory")));
	run->warnings_reported = 0;
}

/* Raise the reader's warnings not yet reported. */
static void
run_report_warnings(X12Run *run)
{
	int			n = x12_277_warning_count(run->parser);

	for (; run->warnings_reported < n; run->warnings_reported++)
	{
		const X12Warning *w = x12_277_warning(run->parser, run->warnings_reported);

		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("X12 277: %s", w->message),
				 w->segment_number > 0
				 ? errdetail("At segment %u (%s)%s%s.", w->segment_number,
							 w->segment_id[0] ? w->segment_id : "?",
							 w->element[0] ? ", element " : "", w->element)
				 : 0,
				 errhint("The claims were read anyway; ask the sender to correct the envelope.")));
	}
}

/*
 * Advance the run to its next claim: 1 with *claim set, 0 at the end.  A
 * reader error is raised as SQLSTATE 22P02 naming segment and element.
 */
static int
run_next(X12Run *run, const X12Claim **claim)
{
	int			rc;

	CHECK_FOR_INTERRUPTS();
	rc = x12_277_next(run->parser, claim);
	run_report_warnings(run);
	if (rc < 0)
	{
		const X12Error *e = x12_277_error(run->parser);

		if (e->segment_number > 0 && e->segment_id[0] != '\0')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid X12 277 at segment %u (%s)%s%s: %s",
							e->segment_number, e->segment_id,
							e->element[0] ? ", element " : "", e->element,
							e->message),
					 errdetail("Segments are numbered from 1, the ISA; the segment starts at byte %zu.",
							   e->offset),
					 errhint("Check the segment against the 005010X212 or 005010X214 implementation guide.")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid X12 277: %s", e->message),
				 errhint("A 277 starts with a 106-byte ISA segment and ends with IEA.")));
	}
	return rc;
}

/* Report warnings that were counted but not kept, and release the run. */
static void
run_end(X12Run *run)
{
	long		dropped = x12_277_warnings_dropped(run->parser);

	if (dropped > 0)
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("X12 277: %ld more envelope warnings were not shown", dropped),
				 errdetail("Only the first %d warnings of an input are reported.", X12_MAX_WARNINGS)));
	x12_277_destroy(run->parser);
	MemoryContextDelete(run->parser_cxt);
}

/* A slice as text, or NULL when empty. */
static Datum
slice_text(X12Slice s, bool *isnull)
{
	*isnull = (s.len == 0);
	return *isnull ? (Datum) 0 : PointerGetDatum(cstring_to_text_with_len(s.ptr, (int) s.len));
}

/* A slice as a palloc'd C string, or NULL when empty. */
static char *
slice_cstring(X12Slice s)
{
	return s.len == 0 ? NULL : pnstrdup(s.ptr, s.len);
}

/*
 * An amount as numeric, or NULL when absent.  The reader has validated the
 * text (an optional '-', at most 18 digits, an optional '.'), so it is
 * converted directly: the digits as an integer divided by 10^(digits after
 * the point), which keeps the written scale as numeric_in would ("150.00"
 * stays 150.00) without its parsing cost on every amount of a large file.
 */
static Datum
amount_numeric(const X12Amount *a, bool *isnull)
{
	int64		digits = 0;
	int			scale = 0;
	bool		negative = false;
	bool		after_point = false;
	size_t		i;

	*isnull = !a->present;
	if (*isnull)
		return (Datum) 0;
	for (i = 0; i < a->text.len; i++)
	{
		char		ch = a->text.ptr[i];

		if (ch == '-')
			negative = true;
		else if (ch == '.')
			after_point = true;
		else if (ch >= '0' && ch <= '9')
		{
			digits = digits * 10 + (ch - '0');
			if (after_point)
				scale++;
		}
		else
			elog(ERROR, "unexpected character in validated X12 amount");
	}
	return NumericGetDatum(int64_div_fast_to_numeric(negative ? -digits : digits, scale));
}

/* A date as DateADT, or NULL when absent. */
static Datum
date_datum(const X12Date *d, bool *isnull)
{
	*isnull = !d->present;
	if (*isnull)
		return (Datum) 0;
	return DateADTGetDatum(date2j(d->year, d->month, d->day) - POSTGRES_EPOCH_JDATE);
}

/* The status composites as "cat:code[:entity]" C strings. */
static char **
status_strings(const X12Status *statuses, int n)
{
	char	  **out = palloc(sizeof(char *) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
	{
		size_t		len = x12_status_format(&statuses[i], NULL, 0);

		out[i] = palloc(len + 1);
		x12_status_format(&statuses[i], out[i], len + 1);
	}
	return out;
}

/*
 * Keys of a service-line object, in jsonb's own order (shorter first, then
 * bytewise): the objects are built as JsonbValue trees directly, and the
 * binary format needs their pairs sorted that way.
 */
static const char *const line_keys[] = {
	"paid", "units", "charge", "modifiers", "service_to", "revenue_code",
	"service_from", "status_codes", "procedure_code", "procedure_qualifier",
	"line_item_control_number"
};

#define NUM_LINE_KEYS ((int) lengthof(line_keys))

/* v := the slice as a JSON string, or null when empty. */
static void
set_slice_value(JsonbValue *v, X12Slice s)
{
	if (s.len == 0)
		v->type = jbvNull;
	else
	{
		v->type = jbvString;
		v->val.string.val = (char *) s.ptr;
		v->val.string.len = (int) s.len;
	}
}

/* Push key: string slice (JSON null when empty). */
static void
json_put_slice(JsonbParseState **st, const char *key, X12Slice s)
{
	JsonbValue	v;

	cred_json_key_literal(st, key);
	set_slice_value(&v, s);
	pushJsonbValue(st, WJB_VALUE, &v);
}

/* v := the amount as a JSON number, or null when absent. */
static void
set_amount_value(JsonbValue *v, const X12Amount *a)
{
	bool		isnull;
	Datum		d = amount_numeric(a, &isnull);

	if (isnull)
		v->type = jbvNull;
	else
	{
		v->type = jbvNumeric;
		v->val.numeric = DatumGetNumeric(d);
	}
}

/* v := the date as "YYYY-MM-DD", or null when absent. */
static void
set_date_value(JsonbValue *v, const X12Date *d)
{
	char	   *iso;

	if (!d->present)
	{
		v->type = jbvNull;
		return;
	}
	/* The reader validated the date: CCYYMMDD, a real calendar day. */
	iso = palloc(11);
	memcpy(iso, d->text, 4);
	iso[4] = '-';
	memcpy(iso + 5, d->text + 4, 2);
	iso[7] = '-';
	memcpy(iso + 8, d->text + 6, 2);
	iso[10] = '\0';
	v->type = jbvString;
	v->val.string.val = iso;
	v->val.string.len = 10;
}

/* v := a JSON array of n elements, to be filled by the caller. */
static void
set_array_value(JsonbValue *v, int n)
{
	v->type = jbvArray;
	v->val.array.nElems = n;
	v->val.array.rawScalar = false;
	v->val.array.elems = palloc(sizeof(JsonbValue) * Max(n, 1));
}

/*
 * The claim's service lines as a jsonb array of objects with the keys of
 * DESIGN §5.1.  The JsonbValue tree is built directly and converted once,
 * rather than pushed key by key: this runs for every claim of files with
 * hundreds of thousands of them.
 */
static Datum
service_lines_jsonb(const X12Claim *c)
{
	JsonbValue	lines;
	int			i,
				j,
				k;

	set_array_value(&lines, c->nlines);
	for (i = 0; i < c->nlines; i++)
	{
		const X12ServiceLine *l = &c->lines[i];
		JsonbValue *obj = &lines.val.array.elems[i];
		JsonbPair  *pairs = palloc(sizeof(JsonbPair) * NUM_LINE_KEYS);
		char	  **codes;

		obj->type = jbvObject;
		obj->val.object.nPairs = NUM_LINE_KEYS;
		obj->val.object.pairs = pairs;
		for (k = 0; k < NUM_LINE_KEYS; k++)
		{
			pairs[k].key.type = jbvString;
			pairs[k].key.val.string.val = (char *) line_keys[k];
			pairs[k].key.val.string.len = strlen(line_keys[k]);
			pairs[k].order = k;
		}
		set_amount_value(&pairs[0].value, &l->paid);
		set_amount_value(&pairs[1].value, &l->units);
		set_amount_value(&pairs[2].value, &l->charge);
		set_array_value(&pairs[3].value, l->nmodifiers);
		for (j = 0; j < l->nmodifiers; j++)
			set_slice_value(&pairs[3].value.val.array.elems[j], l->modifiers[j]);
		set_date_value(&pairs[4].value, &l->service_to);
		set_slice_value(&pairs[5].value, l->revenue_code);
		set_date_value(&pairs[6].value, &l->service_from);
		codes = status_strings(l->statuses, l->nstatuses);
		set_array_value(&pairs[7].value, l->nstatuses);
		for (j = 0; j < l->nstatuses; j++)
		{
			JsonbValue *e = &pairs[7].value.val.array.elems[j];

			e->type = jbvString;
			e->val.string.val = codes[j];
			e->val.string.len = strlen(codes[j]);
		}
		set_slice_value(&pairs[8].value, l->procedure_code);
		set_slice_value(&pairs[9].value, l->procedure_qualifier);
		set_slice_value(&pairs[10].value, l->line_item_control_number);
	}
	return JsonbPGetDatum(JsonbValueToJsonb(&lines));
}

/*
 * The provider's name as the 277 gives it: the organization (NM103), or
 * "first last" for a person.
 */
static Datum
provider_name_text(const X12Claim *c, bool *isnull)
{
	if (c->provider_first_name.len == 0)
		return slice_text(c->provider_name, isnull);
	*isnull = false;
	return CStringGetTextDatum(psprintf("%.*s %.*s",
										(int) c->provider_first_name.len, c->provider_first_name.ptr,
										(int) c->provider_name.len, c->provider_name.ptr));
}

/* The claim status name, NULL for a claim without a known category. */
static const char *
claim_status_name(const X12Claim *c)
{
	return c->claim_status == CS_UNKNOWN ? NULL : cs_status_name(c->claim_status);
}

/* Fill one claim_status_277 row. */
static void
claim_row(const X12Claim *c, Datum *values, bool *nulls)
{
	char	  **codes;
	const char *status;

	values[COL_INTERCHANGE_CONTROL_NUMBER] = slice_text(c->interchange_control_number, &nulls[COL_INTERCHANGE_CONTROL_NUMBER]);
	values[COL_TRANSACTION_CONTROL_NUMBER] = slice_text(c->transaction_control_number, &nulls[COL_TRANSACTION_CONTROL_NUMBER]);
	values[COL_IMPLEMENTATION] = CStringGetTextDatum(x12_implementation_name(c->implementation));
	nulls[COL_IMPLEMENTATION] = false;
	values[COL_PAYER_NAME] = slice_text(c->payer_name, &nulls[COL_PAYER_NAME]);
	values[COL_PAYER_ID] = slice_text(c->payer_id, &nulls[COL_PAYER_ID]);
	values[COL_PROVIDER_NAME] = provider_name_text(c, &nulls[COL_PROVIDER_NAME]);
	values[COL_PROVIDER_NPI] = slice_text(c->provider_npi, &nulls[COL_PROVIDER_NPI]);
	values[COL_SUBSCRIBER_ID] = slice_text(c->subscriber_id, &nulls[COL_SUBSCRIBER_ID]);
	values[COL_PATIENT_LAST_NAME] = slice_text(c->patient_last_name, &nulls[COL_PATIENT_LAST_NAME]);
	values[COL_PATIENT_FIRST_NAME] = slice_text(c->patient_first_name, &nulls[COL_PATIENT_FIRST_NAME]);
	values[COL_IS_DEPENDENT] = BoolGetDatum(c->is_dependent);
	nulls[COL_IS_DEPENDENT] = false;
	values[COL_TRACE_NUMBER] = slice_text(c->trace_number, &nulls[COL_TRACE_NUMBER]);
	values[COL_PAYER_CLAIM_CONTROL_NUMBER] = slice_text(c->payer_claim_control_number, &nulls[COL_PAYER_CLAIM_CONTROL_NUMBER]);
	values[COL_PATIENT_ACCOUNT_NUMBER] = slice_text(c->patient_account_number, &nulls[COL_PATIENT_ACCOUNT_NUMBER]);
	values[COL_BILL_TYPE] = slice_text(c->bill_type, &nulls[COL_BILL_TYPE]);

	if (c->nstatuses > 0)
	{
		values[COL_CATEGORY_CODE] = slice_text(c->statuses[0].category, &nulls[COL_CATEGORY_CODE]);
		values[COL_STATUS_CODE] = slice_text(c->statuses[0].code, &nulls[COL_STATUS_CODE]);
		values[COL_ENTITY_CODE] = slice_text(c->statuses[0].entity, &nulls[COL_ENTITY_CODE]);
	}
	else
		nulls[COL_CATEGORY_CODE] = nulls[COL_STATUS_CODE] = nulls[COL_ENTITY_CODE] = true;
	codes = status_strings(c->statuses, c->nstatuses);
	values[COL_STATUS_CODES] = cred_text_array((const char *const *) codes, c->nstatuses);
	nulls[COL_STATUS_CODES] = false;

	values[COL_STATUS_DATE] = date_datum(&c->status_date, &nulls[COL_STATUS_DATE]);
	values[COL_ACTION_CODE] = slice_text(c->action_code, &nulls[COL_ACTION_CODE]);
	values[COL_TOTAL_CHARGE] = amount_numeric(&c->total_charge, &nulls[COL_TOTAL_CHARGE]);
	values[COL_PAYMENT_AMOUNT] = amount_numeric(&c->payment_amount, &nulls[COL_PAYMENT_AMOUNT]);
	values[COL_FINALIZED_DATE] = date_datum(&c->finalized_date, &nulls[COL_FINALIZED_DATE]);
	values[COL_REMITTANCE_DATE] = date_datum(&c->remittance_date, &nulls[COL_REMITTANCE_DATE]);
	values[COL_CHECK_NUMBER] = slice_text(c->check_number, &nulls[COL_CHECK_NUMBER]);
	values[COL_FREE_TEXT] = slice_text(c->free_text, &nulls[COL_FREE_TEXT]);
	values[COL_SERVICE_FROM] = date_datum(&c->service_from, &nulls[COL_SERVICE_FROM]);
	values[COL_SERVICE_TO] = date_datum(&c->service_to, &nulls[COL_SERVICE_TO]);
	values[COL_SERVICE_LINES] = service_lines_jsonb(c);
	nulls[COL_SERVICE_LINES] = false;

	status = claim_status_name(c);
	nulls[COL_CLAIM_STATUS] = (status == NULL);
	values[COL_CLAIM_STATUS] = status ? CStringGetTextDatum(status) : (Datum) 0;
	values[COL_IS_REJECTION] = BoolGetDatum(c->is_rejection);
	nulls[COL_IS_REJECTION] = false;
	values[COL_SEGMENT_NUMBER] = Int32GetDatum((int32) c->segment_number);
	nulls[COL_SEGMENT_NUMBER] = false;
}

PG_FUNCTION_INFO_V1(parse_277);

/*
 * parse_277(p_x12 text) -> SETOF claim_status_277: one row per claim, in
 * input order.  Rows are built in a per-claim context that is reset after
 * each one goes into the tuplestore.
 */
Datum
parse_277(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *input = PG_GETARG_TEXT_PP(0);
	X12Run		run;
	const X12Claim *claim;
	MemoryContext per_claim;
	MemoryContext old;
	Datum		values[NUM_COLUMNS];
	bool		nulls[NUM_COLUMNS];

	InitMaterializedSRF(fcinfo, 0);
	if (rsinfo->setDesc->natts != NUM_COLUMNS)
		elog(ERROR, "parse_277: return type has %d columns, expected %d",
			 rsinfo->setDesc->natts, NUM_COLUMNS);

	run_start(&run, VARDATA_ANY(input), VARSIZE_ANY_EXHDR(input));
	per_claim = AllocSetContextCreate(CurrentMemoryContext, "parse_277 claim",
									  ALLOCSET_DEFAULT_SIZES);
	while (run_next(&run, &claim) > 0)
	{
		old = MemoryContextSwitchTo(per_claim);
		claim_row(claim, values, nulls);
		MemoryContextSwitchTo(old);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextReset(per_claim);
	}
	MemoryContextDelete(per_claim);
	run_end(&run);
	return (Datum) 0;
}

/*
 * Map one X12 claim onto a ClaimRecord (see src/claims_store.h for the
 * correspondence).  claim_number is REF*1K, else TRN02.
 */
static void
claim_record(const X12Claim *c, ClaimRecord *rec)
{
	bool		isnull;
	char	  **codes;

	claims_record_init(rec);
	rec->payer_code = slice_cstring(c->payer_id);
	rec->claim_number = c->payer_claim_control_number.len > 0
		? slice_cstring(c->payer_claim_control_number)
		: slice_cstring(c->trace_number);
	rec->payer_name = slice_cstring(c->payer_name);
	rec->patient_account_number = slice_cstring(c->patient_account_number);
	rec->trace_number = slice_cstring(c->trace_number);
	rec->member_id = slice_cstring(c->subscriber_id);
	rec->provider_npi = slice_cstring(c->provider_npi);
	rec->claim_status = claim_status_name(c);
	if (c->nstatuses > 0)
	{
		rec->category_code = slice_cstring(c->statuses[0].category);
		rec->status_code = slice_cstring(c->statuses[0].code);
	}
	codes = status_strings(c->statuses, c->nstatuses);
	rec->status_codes = (const char *const *) codes;
	rec->n_status_codes = c->nstatuses;
	rec->billed.value = amount_numeric(&c->total_charge, &isnull);
	rec->billed.isnull = isnull;
	rec->paid.value = amount_numeric(&c->payment_amount, &isnull);
	rec->paid.isnull = isnull;
	rec->comment = slice_cstring(c->free_text);
	if (c->nlines > 0)
	{
		const X12ServiceLine *l = &c->lines[0];
		char	  **mods = palloc(sizeof(char *) * 4);
		int			j;

		rec->procedure_code = slice_cstring(l->procedure_code);
		for (j = 0; j < l->nmodifiers; j++)
			mods[j] = slice_cstring(l->modifiers[j]);
		rec->modifiers = (const char *const *) mods;
		rec->n_modifiers = l->nmodifiers;
	}
	rec->service_from.value = date_datum(&c->service_from, &rec->service_from.isnull);
	rec->service_to.value = date_datum(&c->service_to, &rec->service_to.isnull);
	rec->finalized_date.value = date_datum(&c->finalized_date, &rec->finalized_date.isnull);
	rec->remittance_date.value = date_datum(&c->remittance_date, &rec->remittance_date.isnull);
	rec->status_date.value = date_datum(&c->status_date, &rec->status_date.isnull);
	rec->source = "x12_277";
}

/* Details kept in the history row: the envelope and where the claim was. */
static Jsonb *
claim_details(const X12Claim *c)
{
	JsonbParseState *st = NULL;
	JsonbValue *res;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	json_put_slice(&st, "interchange_control_number", c->interchange_control_number);
	json_put_slice(&st, "transaction_control_number", c->transaction_control_number);
	cred_json_put_string(&st, "implementation", x12_implementation_name(c->implementation));
	cred_json_put_int(&st, "segment_number", c->segment_number);
	json_put_slice(&st, "action_code", c->action_code);
	json_put_slice(&st, "bill_type", c->bill_type);
	json_put_slice(&st, "check_number", c->check_number);
	cred_json_put_jsonb(&st, "service_lines", DatumGetJsonbP(service_lines_jsonb(c)));
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(res);
}

PG_FUNCTION_INFO_V1(ingest_277);

/*
 * ingest_277(p_x12 text) -> TABLE(claim_id, claim_number, claim_status,
 * eligible_for_appeal, inserted): parse and upsert every claim in the
 * caller's transaction, CLAIM_INGEST_BATCH claims per batch, result rows in
 * input order.  A claim without a payer id or without a known status
 * category cannot be stored: that is an error naming its segment, and
 * nothing is kept.
 */
Datum
ingest_277(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *input = PG_GETARG_TEXT_PP(0);
	X12Run		run;
	const X12Claim *claim;
	ClaimIngest *ci;
	MemoryContext old;

	InitMaterializedSRF(fcinfo, 0);
	run_start(&run, VARDATA_ANY(input), VARSIZE_ANY_EXHDR(input));
	ci = claim_ingest_begin(rsinfo);
	while (run_next(&run, &claim) > 0)
	{
		ClaimRecord *rec = claim_ingest_slot(ci);

		old = MemoryContextSwitchTo(ci->cxt);
		claim_record(claim, rec);
		if (rec->payer_code == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("claim \"%s\" at segment %u has no payer id",
							rec->claim_number ? rec->claim_number : "", claim->segment_number),
					 errdetail("The claim's payer loop has no NM1*PR (or NM1*AY) with an identifier in NM109."),
					 errhint("Claims are stored by payer id and claim number.")));
		if (rec->claim_number == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("claim at segment %u has neither REF*1K nor a trace number",
							claim->segment_number)));
		if (rec->claim_status == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("claim \"%s\" at segment %u has no known status category",
							rec->claim_number, claim->segment_number),
					 errdetail("Its first claim-level STC01 category is \"%.*s\".",
							   claim->nstatuses > 0 ? (int) claim->statuses[0].category.len : 0,
							   claim->nstatuses > 0 ? claim->statuses[0].category.ptr : ""),
					 errhint("Known categories are those of the claim status mapping (A0-A8, D0, E0-E4, F0-F4, P0-P5, R0-R16).")));
		rec->details = claim_details(claim);
		MemoryContextSwitchTo(old);
		claim_ingest_add(ci);
	}
	claim_ingest_end(ci);
	run_end(&run);
	return (Datum) 0;
}
