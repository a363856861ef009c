/*
 * src/claims_store.c
 *		Upsert of one observed claim into credentialing.claims and its
 *		history row in credentialing.claim_status_history (DESIGN §5.4).
 *		See claims_store.h for the field mapping of both sources.
 *
 * Callers: src/ecs_claims.c (ingest_ecs_claims) and ingest_277.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/uuid.h"

#include "claims_store.h"
#include "spi_util.h"

static SPIPlanPtr insert_claim_plan;
static SPIPlanPtr update_claim_plan;
static SPIPlanPtr insert_history_plan;

/* Parameter order of the claim statements ($1 .. $25). */
enum
{
	P_PAYER_CODE,
	P_CLAIM_NUMBER,
	P_PAYER_NAME,
	P_PATIENT_ACCOUNT,
	P_TRACE_NUMBER,
	P_MEMBER_ID,
	P_PROVIDER_NPI,
	P_CLAIM_STATUS,
	P_CATEGORY_CODE,
	P_STATUS_CODE,
	P_STATUS_CODES,
	P_BILLED,
	P_ALLOWED,
	P_PAID,
	P_REASON_CODES,
	P_COMMENT,
	P_DIAGNOSIS_CODES,
	P_PROCEDURE_CODE,
	P_MODIFIERS,
	P_SERVICE_FROM,
	P_SERVICE_TO,
	P_FINALIZED_DATE,
	P_REMITTANCE_DATE,
	P_STATUS_DATE,
	P_SOURCE,
	P_NPARAMS
};

#define HISTORY_NPARAMS 12

static const Oid claim_argtypes[P_NPARAMS] = {
	TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
	TEXTOID, TEXTOID, TEXTARRAYOID, NUMERICOID, NUMERICOID, NUMERICOID,
	TEXTARRAYOID, TEXTOID, TEXTARRAYOID, TEXTOID, TEXTARRAYOID, DATEOID,
	DATEOID, DATEOID, DATEOID, DATEOID, TEXTOID
};

/*
 * The payer row of a payer code, looked up inside both statements.
 */
#define PAYER_OF_CODE \
	"(SELECT p.id FROM credentialing.payers p " \
	"  WHERE p.x12_payer_id OPERATOR(pg_catalog.=) $1)"

/* Mark every field of rec unknown. */
void
claims_record_init(ClaimRecord *rec)
{
	memset(rec, 0, sizeof(*rec));
	rec->billed.isnull = true;
	rec->allowed.isnull = true;
	rec->paid.isnull = true;
	rec->service_from.isnull = true;
	rec->service_to.isnull = true;
	rec->finalized_date.isnull = true;
	rec->remittance_date.isnull = true;
	rec->status_date.isnull = true;
}

/* A text parameter (NULL string: SQL NULL). */
static void
set_text(Datum *values, char *nulls, int i, const char *s)
{
	if (s == NULL)
	{
		values[i] = (Datum) 0;
		nulls[i] = 'n';
	}
	else
	{
		values[i] = CStringGetTextDatum(s);
		nulls[i] = ' ';
	}
}

/* A text[] parameter from a C array (NULL array: SQL NULL). */
static void
set_text_array(Datum *values, char *nulls, int i, const char *const *items, int n)
{
	if (items == NULL)
	{
		values[i] = (Datum) 0;
		nulls[i] = 'n';
		return;
	}
	values[i] = cred_text_array(items, n);
	nulls[i] = ' ';
}

/* Parameter j of the claim statement as parameter i of another. */
static void
copy_param(Datum *to, char *to_nulls, int i, const Datum *from, const char *from_nulls, int j)
{
	to[i] = from[j];
	to_nulls[i] = from_nulls[j];
}

/* A numeric or date parameter. */
static void
set_nullable(Datum *values, char *nulls, int i, NullableDatum d)
{
	values[i] = d.isnull ? (Datum) 0 : d.value;
	nulls[i] = d.isnull ? 'n' : ' ';
}

/*
 * Upsert one claim and append its history row; see claims_store.h.
 */
Datum
claims_store_upsert(const ClaimRecord *rec, bool *inserted)
{
	MemoryContext caller = CurrentMemoryContext;
	Datum		values[P_NPARAMS];
	char		nulls[P_NPARAMS];
	Datum		hvalues[HISTORY_NPARAMS];
	char		hnulls[HISTORY_NPARAMS];
	Oid			hargtypes[HISTORY_NPARAMS] = {UUIDOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
		TEXTARRAYOID, NUMERICOID, NUMERICOID, DATEOID, DATEOID, TEXTOID, JSONBOID};
	SPIPlanPtr	plan;
	bool		isnull;
	pg_uuid_t  *id;
	int			attempt;

	if (rec->payer_code == NULL || rec->claim_number == NULL || rec->claim_status == NULL)
		elog(ERROR, "claims_store_upsert: payer code, claim number and status are required");

	set_text(values, nulls, P_PAYER_CODE, rec->payer_code);
	set_text(values, nulls, P_CLAIM_NUMBER, rec->claim_number);
	set_text(values, nulls, P_PAYER_NAME, rec->payer_name);
	set_text(values, nulls, P_PATIENT_ACCOUNT, rec->patient_account_number);
	set_text(values, nulls, P_TRACE_NUMBER, rec->trace_number);
	set_text(values, nulls, P_MEMBER_ID, rec->member_id);
	set_text(values, nulls, P_PROVIDER_NPI, rec->provider_npi);
	set_text(values, nulls, P_CLAIM_STATUS, rec->claim_status);
	set_text(values, nulls, P_CATEGORY_CODE, rec->category_code);
	set_text(values, nulls, P_STATUS_CODE, rec->status_code);
	set_text_array(values, nulls, P_STATUS_CODES, rec->status_codes, rec->n_status_codes);
	set_nullable(values, nulls, P_BILLED, rec->billed);
	set_nullable(values, nulls, P_ALLOWED, rec->allowed);
	set_nullable(values, nulls, P_PAID, rec->paid);
	set_text_array(values, nulls, P_REASON_CODES, rec->reason_codes, rec->n_reason_codes);
	set_text(values, nulls, P_COMMENT, rec->comment);
	set_text_array(values, nulls, P_DIAGNOSIS_CODES, rec->diagnosis_codes, rec->n_diagnosis_codes);
	set_text(values, nulls, P_PROCEDURE_CODE, rec->procedure_code);
	set_text_array(values, nulls, P_MODIFIERS, rec->modifiers, rec->n_modifiers);
	set_nullable(values, nulls, P_SERVICE_FROM, rec->service_from);
	set_nullable(values, nulls, P_SERVICE_TO, rec->service_to);
	set_nullable(values, nulls, P_FINALIZED_DATE, rec->finalized_date);
	set_nullable(values, nulls, P_REMITTANCE_DATE, rec->remittance_date);
	set_nullable(values, nulls, P_STATUS_DATE, rec->status_date);
	set_text(values, nulls, P_SOURCE, rec->source ? rec->source : "manual");

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/*
	 * Insert when new, else update.  A concurrent insert of the same claim
	 * makes ON CONFLICT DO NOTHING wait and skip; the UPDATE then finds the
	 * row.  Should the row vanish in between, try again.
	 */
	for (attempt = 0;; attempt++)
	{
		plan = cred_prepare(&insert_claim_plan,
							"INSERT INTO credentialing.claims "
							"(payer_code, claim_number, payer_name, patient_account_number, "
							" trace_number, member_id, provider_npi, claim_status, category_code, "
							" status_code, status_codes, billed, allowed, paid, reason_codes, "
							" comment, diagnosis_codes, procedure_code, modifiers, service_from, "
							" service_to, finalized_date, remittance_date, status_date, source, "
							" payer_id, last_status_at) "
							"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
							"        $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, "
							PAYER_OF_CODE ", pg_catalog.now()) "
							"ON CONFLICT (payer_code, claim_number) DO NOTHING "
							"RETURNING id",
							P_NPARAMS, claim_argtypes);
		cred_execute(plan, values, nulls, false, 0, SPI_OK_INSERT_RETURNING);
		if (SPI_processed > 0)
		{
			*inserted = true;
			break;
		}

		plan = cred_prepare(&update_claim_plan,
							"UPDATE credentialing.claims c SET "
							"  payer_name = COALESCE($3, c.payer_name), "
							"  patient_account_number = COALESCE($4, c.patient_account_number), "
							"  trace_number = COALESCE($5, c.trace_number), "
							"  member_id = COALESCE($6, c.member_id), "
							"  provider_npi = COALESCE($7, c.provider_npi), "
							"  claim_status = $8, category_code = $9, status_code = $10, "
							"  status_codes = $11, "
							"  billed = COALESCE($12, c.billed), "
							"  allowed = COALESCE($13, c.allowed), "
							"  paid = COALESCE($14, c.paid), "
							"  reason_codes = COALESCE($15, c.reason_codes), "
							"  comment = COALESCE($16, c.comment), "
							"  diagnosis_codes = COALESCE($17, c.diagnosis_codes), "
							"  procedure_code = COALESCE($18, c.procedure_code), "
							"  modifiers = COALESCE($19, c.modifiers), "
							"  service_from = COALESCE($20, c.service_from), "
							"  service_to = COALESCE($21, c.service_to), "
							"  finalized_date = COALESCE($22, c.finalized_date), "
							"  remittance_date = COALESCE($23, c.remittance_date), "
							"  status_date = COALESCE($24, c.status_date), "
							"  source = $25, "
							"  payer_id = COALESCE(" PAYER_OF_CODE ", c.payer_id), "
							"  last_status_at = pg_catalog.now() "
							"WHERE c.payer_code OPERATOR(pg_catalog.=) $1 "
							"  AND c.claim_number OPERATOR(pg_catalog.=) $2 "
							"RETURNING c.id",
							P_NPARAMS, claim_argtypes);
		cred_execute(plan, values, nulls, false, 0, SPI_OK_UPDATE_RETURNING);
		if (SPI_processed > 0)
		{
			*inserted = false;
			break;
		}
		if (attempt >= 3)
			elog(ERROR, "claim %s of payer %s could neither be inserted nor updated",
				 rec->claim_number, rec->payer_code);
	}

	id = MemoryContextAlloc(caller, sizeof(pg_uuid_t));
	memcpy(id, DatumGetUUIDP(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)),
		   sizeof(pg_uuid_t));

	/* The history row records the observation as it came. */
	hvalues[0] = UUIDPGetDatum(id);
	hnulls[0] = ' ';
	set_text(hvalues, hnulls, 1, rec->source ? rec->source : "manual");
	copy_param(hvalues, hnulls, 2, values, nulls, P_CLAIM_STATUS);
	copy_param(hvalues, hnulls, 3, values, nulls, P_CATEGORY_CODE);
	copy_param(hvalues, hnulls, 4, values, nulls, P_STATUS_CODE);
	copy_param(hvalues, hnulls, 5, values, nulls, P_STATUS_CODES);
	copy_param(hvalues, hnulls, 6, values, nulls, P_BILLED);
	copy_param(hvalues, hnulls, 7, values, nulls, P_PAID);
	copy_param(hvalues, hnulls, 8, values, nulls, P_STATUS_DATE);
	copy_param(hvalues, hnulls, 9, values, nulls, P_FINALIZED_DATE);
	copy_param(hvalues, hnulls, 10, values, nulls, P_TRACE_NUMBER);
	hvalues[11] = rec->details ? JsonbPGetDatum(rec->details) : (Datum) 0;
	hnulls[11] = rec->details ? ' ' : 'n';

	plan = cred_prepare(&insert_history_plan,
						"INSERT INTO credentialing.claim_status_history "
						"(claim_id, source, claim_status, category_code, status_code, "
						" status_codes, billed, paid, status_date, finalized_date, "
						" trace_number, details) "
						"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
						HISTORY_NPARAMS, hargtypes);
	cred_execute(plan, hvalues, hnulls, false, 0, SPI_OK_INSERT);

	SPI_finish();
	return UUIDPGetDatum(id);
}
