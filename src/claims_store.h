/*
 * src/claims_store.h
 *		Writing claims (DESIGN §5.4): upsert claims, one or a batch at a
 *		time, into credentialing.claims by (payer_code, claim_number) and
 *		append each observation to credentialing.claim_status_history.
 *
 * Callers: src/ecs_claims.c (ingest_ecs_claims, from the JSON claim-status
 * response) and ingest_277 (from the rows of parse_277).
 */
#ifndef CLAIMS_STORE_H
#define CLAIMS_STORE_H

#include "utils/jsonb.h"

/*
 * One observed claim.  Both sources map onto it:
 *
 *   field                  X12 277 (claim_status_277)       ECS JSON claim
 *   payer_code             payer_id (NM1*PR)                payerId / payerCode
 *   claim_number           payer_claim_control_number,      claimNumber
 *                          else trace_number
 *   payer_name             payer_name                       payerName
 *   patient_account_number patient_account_number           patientAccountNumber
 *   trace_number           trace_number                     traceNumber
 *   member_id              subscriber_id                    memberId
 *   provider_npi           provider_npi                     providerNpi
 *   claim_status           claim_status                     claimStatus
 *   category_code          category_code                    categoryCode
 *   status_code            status_code                      statusCode
 *   status_codes           status_codes                     statusCodes
 *   billed                 total_charge                     BILLED
 *   allowed                -                                ALLOWED
 *   paid                   payment_amount                   INSURANCE_TOTAL_PAID
 *   reason_codes           -                                reasonCodes
 *   comment                free_text                        comment
 *   diagnosis_codes        -                                diagnosisCodes
 *   procedure_code         first service line's code        procedureCode
 *   modifiers              first service line's modifiers   modifiers
 *   service_from/to        service_from / service_to        serviceFromDate / serviceToDate
 *   finalized_date         finalized_date                   finalizedDate
 *   remittance_date        remittance_date                  remittanceDate / processedDate
 *   status_date            status_date                      statusDate
 *   source                 "x12_277"                        "ecs_json"
 *   details                anything worth keeping           the claim object
 *
 * Strings may be NULL (unknown); string lists are C arrays of n_* entries
 * (NULL with 0 entries: unknown).  NullableDatum fields hold numeric
 * (billed, allowed, paid) or DateADT (dates) Datums; claims_record_init
 * marks them all NULL.  claim_status must be one of the §5.2 names in their
 * canonical spelling; payer_code, claim_number and claim_status are
 * required.
 */
typedef struct ClaimRecord
{
	const char *payer_code;
	const char *claim_number;
	const char *payer_name;
	const char *patient_account_number;
	const char *trace_number;
	const char *member_id;
	const char *provider_npi;
	const char *claim_status;
	const char *category_code;
	const char *status_code;
	const char *const *status_codes;
	int			n_status_codes;
	NullableDatum billed;
	NullableDatum allowed;
	NullableDatum paid;
	const char *const *reason_codes;
	int			n_reason_codes;
	const char *comment;
	const char *const *diagnosis_codes;
	int			n_diagnosis_codes;
	const char *procedure_code;
	const char *const *modifiers;
	int			n_modifiers;
	NullableDatum service_from;
	NullableDatum service_to;
	NullableDatum finalized_date;
	NullableDatum remittance_date;
	NullableDatum status_date;
	const char *source;			/* x12_277, ecs_json or manual */
	Jsonb	   *details;		/* kept in the history row; may be NULL */
} ClaimRecord;

/* Set every field of rec to unknown (NULL). */
extern void claims_record_init(ClaimRecord *rec);

/*
 * Upsert rec and append its history row, in the caller's transaction.
 * Equivalent to claims_store_upsert_batch with one claim.
 *
 * A new claim is inserted; an existing one (same payer_code, claim_number)
 * takes the observation: its status (claim_status, category_code,
 * status_code, status_codes) and source are replaced as observed, NULL
 * included; every other field keeps its stored value when the observation
 * does not carry one (a 277 has no reason codes, a later query may omit the
 * denial comment), and is replaced when it does.  Observations are applied
 * in arrival order.  last_status_at becomes now().  claims.payer_id is set
 * from payers.x12_payer_id = payer_code when such a payer exists.  The
 * history row records the observation itself (its own amounts and dates,
 * and details).
 *
 * Returns the claim's id (uuid Datum, in the caller's memory context) and
 * sets *inserted.  Connects to SPI itself (nesting is fine).
 */
extern Datum claims_store_upsert(const ClaimRecord *rec, bool *inserted);

/*
 * Upsert recs[0..n) as claims_store_upsert would one after the other, with
 * a constant number of statements per batch: each claim is applied in
 * arrival order (a claim seen twice in recs takes both observations, in
 * order) and gets one history row, the history rows in arrival order.
 * Sets ids_out[i] (uuid Datum, in the caller's memory context) and
 * inserted_out[i] for recs[i].  recs must stay valid for the call only.
 */
extern void claims_store_upsert_batch(const ClaimRecord *recs, int n,
									  Datum *ids_out, bool *inserted_out);

#endif							/* CLAIMS_STORE_H */
