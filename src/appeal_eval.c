/*
 * src/appeal_eval.c
 *		Evaluation of a stored claim against the appeal rules: finds the
 *		claim, gathers the facts the checks need (settings of its payer,
 *		dates, the caller's provider identity, earlier appeals) and runs the
 *		pure-C checks of src/core/appeal_rules.c; builds the appeal prefill
 *		object.
 *
 * Callers: src/appeal_status.c (appeal_status, appeal_prefill), the appeal
 * submission code (submit_appeal), src/ecs_claims.c (appeal_warn_anchor).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/uuid.h"

#include "appeal_eval.h"
#include "jsonb_util.h"
#include "jwt_claims.h"
#include "spi_util.h"

static SPIPlanPtr find_claim_plan;
static SPIPlanPtr lock_claim_plan;
static SPIPlanPtr claim_payers_plan;
static SPIPlanPtr provider_npi_plan;
static SPIPlanPtr active_appeal_plan;
static SPIPlanPtr claim_key_plan;
static SPIPlanPtr prefill_plan;

/* The columns of a claim the evaluation reads, in this order. */
#define CLAIM_COLUMNS \
	"SELECT c.id, c.claim_number, c.payer_code, c.claim_status, c.provider_npi, " \
	"       c.finalized_date, c.remittance_date, c.status_date " \
	"  FROM credentialing.claims c "

/*
 * Copy a text column of the current SPI row into cxt, or NULL.
 */
static char *
spi_text(HeapTuple tup, TupleDesc desc, int col, MemoryContext cxt)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	if (isnull)
		return NULL;
	return MemoryContextStrdup(cxt, TextDatumGetCString(d));
}

/*
 * A date column of the current SPI row as an anchor candidate: NULL and
 * infinite dates count as absent.
 */
static bool
spi_finite_date(HeapTuple tup, TupleDesc desc, int col, int32_t *day)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);
	DateADT		date;

	if (isnull)
		return false;
	date = DatumGetDateADT(d);
	if (DATE_NOT_FINITE(date))
		return false;
	*day = (int32_t) date;
	return true;
}

/*
 * The WARNING for a deadline anchor other than the finalized date.
 */
void
appeal_warn_anchor(const char *what, ArAnchor anchor)
{
	switch (anchor)
	{
		case AR_ANCHOR_FINALIZED:
			break;
		case AR_ANCHOR_REMITTANCE:
			ereport(WARNING,
					(errmsg("%s has no finalized date; its timely filing deadline counts from its remittance/processed date",
							what),
					 errhint("Record the finalized date to anchor the deadline on it.")));
			break;
		case AR_ANCHOR_STATUS:
			ereport(WARNING,
					(errmsg("%s has no finalized or remittance/processed date; its timely filing deadline counts from its status date",
							what),
					 errhint("Record the finalized date to anchor the deadline on it.")));
			break;
		case AR_ANCHOR_NONE:
			ereport(WARNING,
					(errmsg("%s has no finalized, remittance/processed or status date; no timely filing deadline can be computed",
							what),
					 errhint("Record the finalized date so the deadline can be checked.")));
			break;
	}
}

/*
 * False when the caller acts as a provider (current_provider_id() is set)
 * whose NPI is not the claim's.  No provider identity: no restriction.
 */
static bool
caller_may_act_for(const char *claim_npi, bool read_only)
{
	char	   *provider_id = jwt_claim_text("provider_id");
	Datum		arg;
	bool		isnull;
	bool		ok;
	Oid			argtypes[1] = {UUIDOID};
	SPIPlanPtr	plan;

	if (provider_id == NULL)
		return true;
	arg = DirectFunctionCall1(uuid_in, CStringGetDatum(provider_id));
	plan = cred_prepare(&provider_npi_plan,
						"SELECT p.npi FROM credentialing.providers p "
						"WHERE p.id OPERATOR(pg_catalog.=) $1",
						1, argtypes);
	cred_execute(plan, &arg, NULL, read_only, 1, SPI_OK_SELECT);
	if (SPI_processed == 0 || claim_npi == NULL)
		return false;
	{
		Datum		npi = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		ok = !isnull && strcmp(TextDatumGetCString(npi), claim_npi) == 0;
	}
	return ok;
}

/*
 * True when the claim has an appeal that is neither withdrawn nor failed.
 * The predicate is the one of index appeals_one_active_per_claim, so the
 * index serves it.  After locking the claim, read_only is false so that
 * the query takes a fresh snapshot (read committed) and sees the appeal of
 * a transaction that held the lock before us.
 */
static bool
claim_has_active_appeal(Datum claim_id, bool read_only)
{
	Oid			argtypes[1] = {UUIDOID};
	SPIPlanPtr	plan;

	plan = cred_prepare(&active_appeal_plan,
						"SELECT 1 FROM credentialing.appeals a "
						"WHERE a.claim_id OPERATOR(pg_catalog.=) $1 "
						"AND a.status OPERATOR(pg_catalog.<>) ALL ('{withdrawn,failed}'::pg_catalog.text[]) "
						"LIMIT 1",
						1, argtypes);
	cred_execute(plan, &claim_id, NULL, read_only, 1, SPI_OK_SELECT);
	return SPI_processed > 0;
}

/*
 * Error for a claim number held by several payers: list them.
 */
static void
report_ambiguous_claim(const char *claim_number, Datum number_datum)
{
	Oid			argtypes[1] = {TEXTOID};
	SPIPlanPtr	plan;
	bool		isnull;
	Datum		list;
	char	   *payers = "";

	plan = cred_prepare(&claim_payers_plan,
						"SELECT pg_catalog.string_agg(c.payer_code, ', ' ORDER BY c.payer_code) "
						"FROM credentialing.claims c "
						"WHERE c.claim_number OPERATOR(pg_catalog.=) $1",
						1, argtypes);
	cred_execute(plan, &number_datum, NULL, true, 1, SPI_OK_SELECT);
	list = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
		payers = TextDatumGetCString(list);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("claim number %s is held by several payers", claim_number),
			 errdetail("Payer codes: %s.", payers),
			 errhint("Pass p_payer_code to choose the claim.")));
}

/*
 * Find the claim and run every check; see appeal_eval.h.
 */
void
appeal_evaluate(const char *claim_number, const char *payer_code, DateADT as_of,
				bool lock_claim, AppealEvaluation *out)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			argtypes[2] = {TEXTOID, TEXTOID};
	Datum		args[2];
	char		nulls[2] = {' ', ' '};
	SPIPlanPtr	plan;
	HeapTuple	tup;
	TupleDesc	desc;
	ArEffective eff;
	ArClaimFacts facts;
	ArOutcome	o;
	char		msg[AR_MESSAGE_SIZE];
	char	   *what;

	memset(out, 0, sizeof(*out));
	if (claim_number == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("claim number must not be null"),
				 errhint("Pass the payer's claim number.")));
	if (DATE_NOT_FINITE(as_of))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("p_as_of must be a finite date")));

	cred_connect();

	args[0] = CStringGetTextDatum(claim_number);
	if (payer_code != NULL)
		args[1] = CStringGetTextDatum(payer_code);
	else
	{
		args[1] = (Datum) 0;
		nulls[1] = 'n';
	}
	plan = cred_prepare(&find_claim_plan,
						CLAIM_COLUMNS
						" WHERE c.claim_number OPERATOR(pg_catalog.=) $1 "
						"   AND ($2 IS NULL OR c.payer_code OPERATOR(pg_catalog.=) $2) "
						" ORDER BY c.payer_code "
						" LIMIT 2",
						2, argtypes);
	cred_execute(plan, args, nulls, !lock_claim, 2, SPI_OK_SELECT);

	if (SPI_processed == 0)
	{
		if (payer_code != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_NO_DATA_FOUND),
					 errmsg("claim %s of payer %s not found", claim_number, payer_code),
					 errhint("Load the claim's status first (ingest_277 or ingest_ecs_claims).")));
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("claim %s not found", claim_number),
				 errhint("Load the claim's status first (ingest_277 or ingest_ecs_claims).")));
	}
	if (SPI_processed > 1)
		report_ambiguous_claim(claim_number, args[0]);

	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	if (lock_claim)
	{
		/*
		 * The caller found the claim under its own privileges and row
		 * security; locking it needs UPDATE rights a provider lacks, so the
		 * lock is taken as the schema owner.  The locked (latest) version of
		 * the row is the one evaluated.
		 */
		CredUserSwitch sw;
		Oid			idtype[1] = {UUIDOID};
		bool		isnull;
		Datum		id = SPI_getbinval(tup, desc, 1, &isnull);

		plan = cred_prepare(&lock_claim_plan,
							CLAIM_COLUMNS
							" WHERE c.id OPERATOR(pg_catalog.=) $1 "
							"   FOR UPDATE OF c",
							1, idtype);
		cred_become_owner(&sw);
		cred_execute(plan, &id, NULL, false, 1, SPI_OK_SELECT);
		cred_restore_user(&sw);
		if (SPI_processed == 0)
			ereport(ERROR,
					(errcode(ERRCODE_NO_DATA_FOUND),
					 errmsg("claim %s was deleted meanwhile", claim_number)));
		tup = SPI_tuptable->vals[0];
		desc = SPI_tuptable->tupdesc;
	}
	{
		bool		isnull;
		Datum		id = SPI_getbinval(tup, desc, 1, &isnull);
		pg_uuid_t  *copy = MemoryContextAlloc(caller, sizeof(pg_uuid_t));

		memcpy(copy, DatumGetUUIDP(id), sizeof(pg_uuid_t));
		out->claim_id = UUIDPGetDatum(copy);
	}
	out->found = true;
	out->claim_number = spi_text(tup, desc, 2, caller);
	out->payer_code = spi_text(tup, desc, 3, caller);
	out->claim_status = spi_text(tup, desc, 4, caller);
	out->provider_npi = spi_text(tup, desc, 5, caller);
	out->as_of = as_of;

	memset(&facts, 0, sizeof(facts));
	facts.claim_status = out->claim_status;
	facts.dates.has_finalized = spi_finite_date(tup, desc, 6, &facts.dates.finalized);
	facts.dates.has_remittance = spi_finite_date(tup, desc, 7, &facts.dates.remittance);
	facts.dates.has_status = spi_finite_date(tup, desc, 8, &facts.dates.status);

	/* The facts of the later checks (cheap; gathered whatever the order). */
	facts.provider_authorized = caller_may_act_for(out->provider_npi, !lock_claim);
	facts.already_appealed = claim_has_active_appeal(out->claim_id, !lock_claim);

	appeal_load_settings(out->payer_code, &eff);
	ar_evaluate(&eff, &facts, (int32_t) as_of, &o);

	what = psprintf("claim %s of payer %s", out->claim_number, out->payer_code);
	if (o.status_allows)
		appeal_warn_anchor(what, o.anchor);
	if (o.anchor != AR_ANCHOR_NONE && o.deadline > ar_day_from_ymd(9999, 12, 31))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("the timely filing deadline of %s is out of range", what),
				 errhint("Check timely_filing_days and notice_grace_days of the payer's appeal rules.")));

	out->can_appeal = o.can_appeal;
	out->reason_code = o.reason;
	out->reason = ar_reason_text(o.reason);
	out->status_allows_appeal = o.status_allows;
	out->appeals_enabled = eff.appeals_enabled;
	out->disabled_globally = eff.disabled_globally;
	out->anchor = o.anchor;
	if (o.status_allows)
		out->appeal_type = MemoryContextStrdup(caller, ar_appeal_type_name(o.appeal_type));
	if (o.anchor != AR_ANCHOR_NONE)
	{
		out->has_deadline = true;
		out->deadline = (DateADT) o.deadline;
		out->days_remaining = (int) o.days_remaining;
	}
	ar_outcome_message(&o, msg, sizeof(msg));
	if (o.can_appeal)
		out->message = MemoryContextStrdup(caller, msg);

	SPI_finish();
}

/*
 * Push a jsonb array of a text[] Datum (NULL: empty array; NULL elements
 * become null).
 */
static void
push_text_array(JsonbParseState **st, const char *key, HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);
	Datum	   *elems;
	bool	   *elnulls;
	int			n = 0;
	int			i;

	cred_json_key(st, key);
	pushJsonbValue(st, WJB_BEGIN_ARRAY, NULL);
	if (!isnull)
	{
		deconstruct_array_builtin(DatumGetArrayTypeP(d), TEXTOID, &elems, &elnulls, &n);
		for (i = 0; i < n; i++)
			cred_json_put_string(st, NULL, elnulls[i] ? NULL : TextDatumGetCString(elems[i]));
	}
	pushJsonbValue(st, WJB_END_ARRAY, NULL);
}

/*
 * Push a date column as CCYYMMDD (null when NULL or infinite).
 */
static void
push_ccyymmdd(JsonbParseState **st, const char *key, HeapTuple tup, TupleDesc desc, int col)
{
	int32_t		day;
	char		buf[16];

	if (spi_finite_date(tup, desc, col, &day))
	{
		ar_format_ccyymmdd(day, buf, sizeof(buf));
		cred_json_put_string(st, key, buf[0] ? buf : NULL);
	}
	else
		cred_json_put_string(st, key, NULL);
}

/*
 * Run the kept plan *cache (sql, whose $1 is a claim id) for claim_id, read
 * only; P0002 when no claim has this id.  Its row is left in SPI_tuptable.
 */
static void
read_claim(SPIPlanPtr *cache, const char *sql, Datum claim_id)
{
	static const Oid argtypes[1] = {UUIDOID};
	SPIPlanPtr	plan;

	plan = cred_prepare(cache, sql, 1, argtypes);
	cred_execute(plan, &claim_id, NULL, true, 1, SPI_OK_SELECT);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("claim %s not found",
						DatumGetCString(DirectFunctionCall1(uuid_out, claim_id)))));
}

/*
 * The prefill object; see appeal_eval.h.
 */
Jsonb *
appeal_prefill_for_claim(Datum claim_id, const AppealEvaluation *eval)
{
	MemoryContext caller = CurrentMemoryContext;
	AppealEvaluation own;
	HeapTuple	tup;
	TupleDesc	desc;
	JsonbParseState *st = NULL;
	JsonbValue *res;
	Jsonb	   *result;
	bool		isnull;
	Datum		billed;
	char		buf[16];

	cred_connect();

	if (eval == NULL)
	{
		char	   *number;
		char	   *payer;

		read_claim(&claim_key_plan,
				   "SELECT c.claim_number, c.payer_code FROM credentialing.claims c "
				   "WHERE c.id OPERATOR(pg_catalog.=) $1",
				   claim_id);
		number = spi_text(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, CurrentMemoryContext);
		payer = spi_text(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, CurrentMemoryContext);
		appeal_evaluate(number, payer, GetSQLCurrentDate(), false, &own);
		eval = &own;
	}

	read_claim(&prefill_plan,
			   "SELECT c.claim_number, c.patient_account_number, c.member_id, "
			   "       c.provider_npi, c.claim_status, c.reason_codes, c.comment, "
			   "       c.billed, c.service_from, c.service_to, c.diagnosis_codes, "
			   "       c.procedure_code, c.modifiers "
			   "  FROM credentialing.claims c "
			   " WHERE c.id OPERATOR(pg_catalog.=) $1",
			   claim_id);
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	cred_json_put_string(&st, "appealType", eval->appeal_type);
	cred_json_put_string(&st, "claimNumber", spi_text(tup, desc, 1, CurrentMemoryContext));
	cred_json_put_string(&st, "patientAccountNumber", spi_text(tup, desc, 2, CurrentMemoryContext));
	cred_json_put_string(&st, "memberId", spi_text(tup, desc, 3, CurrentMemoryContext));
	cred_json_put_string(&st, "providerNpi", spi_text(tup, desc, 4, CurrentMemoryContext));
	cred_json_put_string(&st, "claimStatus", spi_text(tup, desc, 5, CurrentMemoryContext));
	push_text_array(&st, "denialReasons", tup, desc, 6);
	cred_json_put_string(&st, "denialComment", spi_text(tup, desc, 7, CurrentMemoryContext));
	billed = SPI_getbinval(tup, desc, 8, &isnull);
	cred_json_put_numeric(&st, "billedAmount", isnull ? NULL : DatumGetNumeric(billed));
	if (eval->has_deadline)
	{
		ar_format_ccyymmdd(eval->deadline, buf, sizeof(buf));
		cred_json_put_string(&st, "timelyFilingDeadline", buf);
	}
	else
		cred_json_put_string(&st, "timelyFilingDeadline", NULL);
	push_ccyymmdd(&st, "serviceFromDate", tup, desc, 9);
	push_ccyymmdd(&st, "serviceToDate", tup, desc, 10);
	push_text_array(&st, "diagnosisCodes", tup, desc, 11);
	cred_json_put_string(&st, "procedureCode", spi_text(tup, desc, 12, CurrentMemoryContext));
	push_text_array(&st, "modifiers", tup, desc, 13);
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);

	result = cred_jsonb_in_context(caller, res);
	SPI_finish();
	return result;
}
