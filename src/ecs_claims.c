/*
 * src/ecs_claims.c
 *		The JSON claim-status response of the ECS API (DESIGN §5.4):
 *		ingest_ecs_claims stores its claims (claims + history), and
 *		ecs_value_adds adds the ValueAdds277 fields (eligibleForAppeal and
 *		the appeal metadata, eligibleForCorrection, eligibleForAttachment,
 *		eligibleForRemittanceViewer) to one claim object.
 *
 * Callers: SQL.  Uses src/claims_store.c to write, src/appeal_settings.c
 * for the settings, src/core/claim_status.c for status names and
 * src/core/appeal_rules.c for the rules.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "appeal_eval.h"
#include "claim_status.h"
#include "claim_ingest.h"
#include "claims_store.h"
#include "jsonb_util.h"
#include "text_util.h"

/* One claim object of the response, read and checked. */
typedef struct EcsClaim
{
	ClaimRecord rec;
	CsStatus	status;
	ArClaimDates dates;
} EcsClaim;

/* The keys ecs_value_adds computes (replaced when the input has them). */
static const char *const value_add_keys[] = {
	"eligibleForAppeal", "appealMessage", "appealType", "appealTimelyFilingDate",
	"appealDaysRemaining", "eligibleForCorrection", "eligibleForAttachment",
	"eligibleForRemittanceViewer", NULL
};

/* The value of key, NULL when absent or JSON null. */
static JsonbValue *
get_field(JsonbContainer *obj, const char *key)
{
	JsonbValue *v = getKeyJsonValueFromContainer(obj, key, strlen(key), NULL);

	if (v == NULL || v->type == jbvNull)
		return NULL;
	return v;
}

/* A string field (NULL when absent or null). */
static char *
read_string(JsonbContainer *obj, const char *key, const char *where)
{
	JsonbValue *v = get_field(obj, key);

	if (v == NULL)
		return NULL;
	if (v->type != jbvString)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a string", cred_json_path(where, key)),
				 errdetail("Got %s.", cred_json_value_text(v, 0))));
	return pnstrdup(v->val.string.val, v->val.string.len);
}

/* An array of strings (NULL when absent or null); count in *n. */
static const char *const *
read_string_array(JsonbContainer *obj, const char *key, const char *where, int *n)
{
	JsonbValue *v = get_field(obj, key);
	JsonbIterator *it;
	JsonbValue	elem;
	JsonbIteratorToken tok;
	char	  **items;
	int			count = 0;

	*n = 0;
	if (v == NULL)
		return NULL;
	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be an array of strings", cred_json_path(where, key)),
				 errdetail("Got %s.", cred_json_value_text(v, 0))));
	items = palloc(sizeof(char *) * Max(JsonContainerSize(v->val.binary.data), 1));
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &elem, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		if (elem.type != jbvString)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be an array of strings", cred_json_path(where, key)),
					 errdetail("Element %d is %s.", count, cred_json_value_text(&elem, 0))));
		items[count++] = pnstrdup(elem.val.string.val, elem.val.string.len);
	}
	*n = count;
	return (const char *const *) items;
}

/* An amount: a JSON number. */
static NullableDatum
read_amount(JsonbContainer *obj, const char *key, const char *where)
{
	JsonbValue *v = get_field(obj, key);
	NullableDatum d;

	d.isnull = true;
	d.value = (Datum) 0;
	if (v == NULL)
		return d;
	if (v->type != jbvNumeric)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a number", cred_json_path(where, key)),
				 errdetail("Got %s.", cred_json_value_text(v, 0)),
				 errhint("Give amounts as JSON numbers, such as 450.00.")));
	d.isnull = false;
	d.value = NumericGetDatum(DatumGetNumericCopy(NumericGetDatum(v->val.numeric)));
	return d;
}

/* A date: a string in CCYYMMDD or YYYY-MM-DD. */
static NullableDatum
read_date(JsonbContainer *obj, const char *key, const char *where)
{
	JsonbValue *v = get_field(obj, key);
	NullableDatum d;
	int32_t		day;
	ArDateParse r;

	d.isnull = true;
	d.value = (Datum) 0;
	if (v == NULL)
		return d;
	r = v->type == jbvString
		? ar_parse_date(v->val.string.val, v->val.string.len, &day)
		: AR_DATE_BAD_FORMAT;
	if (r == AR_DATE_BAD_FORMAT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
				 errmsg("%s is not a date in CCYYMMDD or YYYY-MM-DD form", cred_json_path(where, key)),
				 errdetail("Got %s.", cred_json_value_text(v, 0)),
				 errhint("Write dates as \"20240706\" or \"2024-07-06\".")));
	if (r == AR_DATE_OUT_OF_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("%s is not a valid date", cred_json_path(where, key)),
				 errdetail("Got %s.", cred_json_value_text(v, 0)),
				 errhint("Check the month and day.")));
	d.isnull = false;
	d.value = DateADTGetDatum((DateADT) day);
	return d;
}

/*
 * Read and check one claim object.  The payer code is the claim's payerId,
 * else its payerCode, else default_payer (the response's); claimStatus must
 * be one of the §5.2 names (any case).
 */
static void
parse_ecs_claim(JsonbContainer *obj, const char *where, const char *default_payer,
				EcsClaim *out)
{
	ClaimRecord *rec = &out->rec;
	JsonbValue *v;
	char	   *status;

	memset(out, 0, sizeof(*out));
	claims_record_init(rec);

	v = get_field(obj, "claimStatus");
	if (v == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is missing", cred_json_path(where, "claimStatus")),
				 errdetail("Accepted names: %s.", CS_STATUS_LIST)));
	status = read_string(obj, "claimStatus", where);
	out->status = cs_status_from_name(status, strlen(status));
	if (out->status == CS_UNKNOWN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s \"%s\" is not a known claim status", cred_json_path(where, "claimStatus"), status),
				 errdetail("Accepted names: %s.", CS_STATUS_LIST),
				 errhint("Names are matched case-insensitively.")));
	rec->claim_status = cs_status_name(out->status);

	rec->claim_number = read_string(obj, "claimNumber", where);
	rec->payer_code = read_string(obj, "payerId", where);
	if (rec->payer_code == NULL)
		rec->payer_code = read_string(obj, "payerCode", where);
	if (rec->payer_code == NULL)
		rec->payer_code = default_payer;
	rec->payer_name = read_string(obj, "payerName", where);
	rec->patient_account_number = read_string(obj, "patientAccountNumber", where);
	rec->trace_number = read_string(obj, "traceNumber", where);
	rec->member_id = read_string(obj, "memberId", where);
	rec->provider_npi = read_string(obj, "providerNpi", where);
	rec->category_code = read_string(obj, "categoryCode", where);
	rec->status_code = read_string(obj, "statusCode", where);
	rec->status_codes = read_string_array(obj, "statusCodes", where, &rec->n_status_codes);
	rec->billed = read_amount(obj, "BILLED", where);
	rec->allowed = read_amount(obj, "ALLOWED", where);
	rec->paid = read_amount(obj, "INSURANCE_TOTAL_PAID", where);
	rec->reason_codes = read_string_array(obj, "reasonCodes", where, &rec->n_reason_codes);
	rec->comment = read_string(obj, "comment", where);
	rec->diagnosis_codes = read_string_array(obj, "diagnosisCodes", where, &rec->n_diagnosis_codes);
	rec->procedure_code = read_string(obj, "procedureCode", where);
	rec->modifiers = read_string_array(obj, "modifiers", where, &rec->n_modifiers);
	rec->service_from = read_date(obj, "serviceFromDate", where);
	rec->service_to = read_date(obj, "serviceToDate", where);
	rec->finalized_date = read_date(obj, "finalizedDate", where);
	rec->remittance_date = read_date(obj, "remittanceDate", where);
	if (rec->remittance_date.isnull)
		rec->remittance_date = read_date(obj, "processedDate", where);
	else
		(void) read_date(obj, "processedDate", where);
	rec->status_date = read_date(obj, "statusDate", where);
	rec->source = "ecs_json";

	out->dates.has_finalized = !rec->finalized_date.isnull;
	out->dates.finalized = DatumGetDateADT(rec->finalized_date.value);
	out->dates.has_remittance = !rec->remittance_date.isnull;
	out->dates.remittance = DatumGetDateADT(rec->remittance_date.value);
	out->dates.has_status = !rec->status_date.isnull;
	out->dates.status = DatumGetDateADT(rec->status_date.value);
}

/* True when key is one of the computed value-add keys. */
static bool
is_value_add_key(const char *key, int len)
{
	const char *const *k;

	for (k = value_add_keys; *k != NULL; k++)
		if (text_equal(key, len, *k))
			return true;
	return false;
}

PG_FUNCTION_INFO_V1(ecs_value_adds);

/*
 * ecs_value_adds(p_claim jsonb, p_as_of date) -> jsonb: the claim with the
 * ValueAdds277 fields.  eligibleForAppeal = Denied or Partially Paid and
 * appeals enabled for the claim's payer; the appeal metadata (appealMessage,
 * appealType, appealTimelyFilingDate, appealDaysRemaining) only when
 * eligible and include_appeal_metadata is on, and removed from the input
 * otherwise.  Other keys of the input are kept as they are.
 */
Datum
ecs_value_adds(PG_FUNCTION_ARGS)
{
	Jsonb	   *claim = PG_GETARG_JSONB_P(0);
	DateADT		as_of = PG_GETARG_DATEADT(1);
	EcsClaim	ec;
	ArEligibility elig;
	ArEffective eff;
	ArClaimFacts facts;
	ArOutcome	o;
	bool		eligible;
	JsonbParseState *st = NULL;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	JsonbValue *res;

	if (!JB_ROOT_IS_OBJECT(claim))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the claim must be a JSON object"),
				 errdetail("Got %s.", JsonbToCString(NULL, &claim->root, VARSIZE(claim)))));
	if (DATE_NOT_FINITE(as_of))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("p_as_of must be a finite date")));

	parse_ecs_claim(&claim->root, "", NULL, &ec);
	ar_eligibility(ec.rec.claim_status, &elig);
	appeal_load_settings(ec.rec.payer_code, &eff);

	memset(&facts, 0, sizeof(facts));
	facts.claim_status = ec.rec.claim_status;
	facts.dates = ec.dates;
	facts.provider_authorized = true;
	ar_evaluate(&eff, &facts, (int32_t) as_of, &o);
	eligible = o.status_allows && eff.appeals_enabled;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	it = JsonbIteratorInit(&claim->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok != WJB_KEY)
			continue;
		if (is_value_add_key(v.val.string.val, v.val.string.len))
		{
			/* skip its value */
			tok = JsonbIteratorNext(&it, &v, true);
			continue;
		}
		pushJsonbValue(&st, WJB_KEY, &v);
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		pushJsonbValue(&st, WJB_VALUE, &v);
	}

	cred_json_put_bool(&st, "eligibleForAppeal", eligible);
	if (eligible && eff.include_appeal_metadata)
	{
		char		msg[AR_MESSAGE_SIZE];
		char		date[16];
		bool		has_deadline = o.anchor != AR_ANCHOR_NONE;
		char	   *what = ec.rec.claim_number
			? psprintf("claim %s", ec.rec.claim_number) : pstrdup("the claim");

		appeal_warn_anchor(what, o.anchor);
		if (has_deadline && o.deadline > ar_day_from_ymd(9999, 12, 31))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("the timely filing deadline of %s is out of range", what),
					 errhint("Check the timely filing days of the appeal settings.")));
		ar_appeal_message(has_deadline, o.deadline, msg, sizeof(msg));
		cred_json_put_string(&st, "appealMessage", msg);
		cred_json_put_string(&st, "appealType", ar_appeal_type_name(o.appeal_type));
		if (has_deadline)
		{
			ar_format_ccyymmdd(o.deadline, date, sizeof(date));
			cred_json_put_string(&st, "appealTimelyFilingDate", date);
			cred_json_put_int(&st, "appealDaysRemaining", o.days_remaining);
		}
		else
		{
			cred_json_put_string(&st, "appealTimelyFilingDate", NULL);
			cred_json_put_string(&st, "appealDaysRemaining", NULL);
		}
	}
	cred_json_put_bool(&st, "eligibleForCorrection", elig.correction);
	cred_json_put_bool(&st, "eligibleForAttachment", elig.attachment);
	cred_json_put_bool(&st, "eligibleForRemittanceViewer", elig.remittance_viewer);
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);

	PG_RETURN_JSONB_P(JsonbValueToJsonb(res));
}

PG_FUNCTION_INFO_V1(ingest_ecs_claims);

/*
 * ingest_ecs_claims(p_response jsonb) -> TABLE(claim_id, claim_number,
 * claim_status, eligible_for_appeal, inserted): store every claim of
 * {"claims": [...]} (upsert + history) in the caller's transaction, in
 * array order, CLAIM_INGEST_BATCH claims per batch.  Each claim needs claimNumber,
 * claimStatus and a payer code (its payerId or payerCode, else the
 * response's payerId or payerCode).
 */
Datum
ingest_ecs_claims(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Jsonb	   *response;
	JsonbValue *claims;
	char	   *default_payer = NULL;
	JsonbIterator *it;
	JsonbValue	elem;
	JsonbIteratorToken tok;
	ClaimIngest *ci;
	MemoryContext old;
	int			index = 0;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the claim-status response must not be null")));
	response = PG_GETARG_JSONB_P(0);
	claims = JB_ROOT_IS_OBJECT(response)
		? getKeyJsonValueFromContainer(&response->root, "claims", 6, NULL) : NULL;
	if (claims == NULL || claims->type != jbvBinary || !JsonContainerIsArray(claims->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the claim-status response must be an object with a \"claims\" array"),
				 errhint("Pass the response as the ECS API returns it: {\"claims\": [...]}.")));

	/* The response's payer: payerId, else payerCode (absent or null: none). */
	default_payer = read_string(&response->root, "payerId", "");
	if (default_payer == NULL)
		default_payer = read_string(&response->root, "payerCode", "");

	InitMaterializedSRF(fcinfo, 0);
	ci = claim_ingest_begin(rsinfo);

	it = JsonbIteratorInit(claims->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &elem, true)) != WJB_DONE)
	{
		char	   *where;
		EcsClaim	ec;

		if (tok != WJB_ELEM)
			continue;
		old = MemoryContextSwitchTo(ci->cxt);
		where = psprintf("claims[%d]", index);
		if (elem.type != jbvBinary || !JsonContainerIsObject(elem.val.binary.data))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be a JSON object", where),
					 errdetail("Got %s.", cred_json_value_text(&elem, 0))));
		parse_ecs_claim(elem.val.binary.data, where, default_payer, &ec);
		if (ec.rec.claim_number == NULL || ec.rec.claim_number[0] == '\0')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s has no claimNumber", where),
					 errhint("Every claim needs its payer's claim number.")));
		if (ec.rec.payer_code == NULL || ec.rec.payer_code[0] == '\0')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s has no payer id", where),
					 errdetail("Neither the claim nor the response has payerId or payerCode."),
					 errhint("Add \"payerId\" to the claim or to the response.")));
		ec.rec.details = JsonbValueToJsonb(&elem);
		MemoryContextSwitchTo(old);

		*claim_ingest_slot(ci) = ec.rec;
		claim_ingest_add(ci);
		index++;
	}
	claim_ingest_end(ci);
	return (Datum) 0;
}
