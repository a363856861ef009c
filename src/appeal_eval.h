/*
 * src/appeal_eval.h
 *		Evaluation of one stored claim against the appeal rules (DESIGN
 *		§5.3/§5.4): finding the claim, the effective settings of its payer,
 *		the deadline, and every check of appeal_status in order; the prefill
 *		object of appeal_prefill; loading the effective appeal settings.
 *
 * Callers: src/appeal_status.c (appeal_status, appeal_prefill), the appeal
 * submission code (submit_appeal: evaluate with the claim locked, then the
 * prefill for the outbox message), src/ecs_claims.c (settings).
 */
#ifndef APPEAL_EVAL_H
#define APPEAL_EVAL_H

#include "utils/date.h"
#include "utils/jsonb.h"

#include "appeal_rules.h"

typedef struct AppealEvaluation
{
	bool		found;			/* claim exists */
	Datum		claim_id;		/* uuid */
	bool		can_appeal;
	const char *reason;			/* NULL when can_appeal, else one of the five
								 * reason strings */
	char	   *appeal_type;	/* effective appeal type (NULL when the status
								 * does not allow appeals) */
	bool		has_deadline;
	DateADT		deadline;
	int			days_remaining; /* deadline - as_of */
	char	   *message;		/* appealMessage or the ⚠️ warning (NULL
								 * unless can_appeal) */
	char	   *claim_status;

	/* Added fields */
	ArReason	reason_code;	/* AR_REASON_NONE when can_appeal */
	bool		status_allows_appeal;	/* Denied or Partially Paid */
	bool		appeals_enabled;	/* globally and for the payer */
	bool		disabled_globally;	/* when !appeals_enabled: by appeal_settings */
	ArAnchor	anchor;			/* which date the deadline counts from */
	char	   *claim_number;
	char	   *payer_code;
	char	   *provider_npi;	/* may be NULL */
	DateADT		as_of;
} AppealEvaluation;

/*
 * Find the claim (claim_number, optional payer_code) and run every check of
 * appeal_status in order into *out (allocated in the caller's memory
 * context; the caller may be connected to SPI or not).
 *
 * Errors: no such claim (visible to the caller) -> P0002; a claim number held
 * by several payers and no payer_code -> 22023 (invalid parameter value: the
 * caller must pass p_payer_code; the detail lists the payer codes); NULL
 * claim_number -> 22004.  With lock_claim the claim row is locked FOR UPDATE
 * (submit_appeal serialises on it): the claim is found as the caller (row
 * security decides what it sees), the lock is taken as the schema owner
 * (a provider has no UPDATE right on claims), and the later checks read
 * with a fresh snapshot, so an appeal committed by the previous lock holder
 * is seen as "already appealed".  Raises a WARNING when the deadline
 * anchor falls back (remittance/processed date or status date, or no date at
 * all) and when the configured appeal type is not valid (Reconsideration is
 * used).  The type and deadline are computed only when the claim status
 * allows appeals.
 */
extern void appeal_evaluate(const char *claim_number, const char *payer_code, DateADT as_of,
							bool lock_claim, AppealEvaluation *out);

/*
 * The prefill object of appeal_prefill for a claim id:
 *   {appealType, claimNumber, patientAccountNumber, memberId, providerNpi,
 *    claimStatus, denialReasons, denialComment, billedAmount,
 *    timelyFilingDeadline (CCYYMMDD), serviceFromDate, serviceToDate
 *    (CCYYMMDD), diagnosisCodes, procedureCode, modifiers}
 * Every key is always present: unknown scalars are null, unknown lists [].
 * appealType and timelyFilingDeadline come from eval, which must be the
 * evaluation of the same claim (appeal_evaluate); pass NULL to have the
 * claim evaluated here (as of today; neither value depends on the date).
 * The result is allocated in the caller's memory context.  P0002 when the
 * claim does not exist.
 */
extern Jsonb *appeal_prefill_for_claim(Datum claim_id, const AppealEvaluation *eval);

/*
 * The settings that apply to a claim of payer_code (NULL: the global
 * settings alone): the appeal_settings row (built-in defaults when it is
 * missing) merged with the payer's payer_appeal_rules row.  Raises a WARNING
 * naming the setting when its appeal type is not valid.  Connects to SPI
 * itself (nesting is fine).  Strings in *out point into static storage or
 * are palloc'd in the caller's context.
 */
extern void appeal_load_settings(const char *payer_code, ArEffective *out);

/*
 * Raise the WARNING for a deadline anchor other than the finalized date;
 * what names the claim ("claim CLM1 of payer P", "claim CLM1").
 */
extern void appeal_warn_anchor(const char *what, ArAnchor anchor);

#endif							/* APPEAL_EVAL_H */
