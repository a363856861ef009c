/*
 * src/core/appeal_rules.h
 *		Appeal rules of DESIGN §5.3/§5.4 in pure C (no PostgreSQL header is
 *		included here or in appeal_rules.c): the appeal types, the merge of
 *		the global appeal settings with a payer's override, the timely filing
 *		deadline and its anchor fallbacks, what a claim status makes a claim
 *		eligible for (appeal, correction, attachment, remittance viewer), the
 *		checks of appeal_status in their order, the provider-facing messages,
 *		and the civil-date arithmetic they need.
 *
 * Dates are day numbers counted from 2000-01-01 (day 0), the epoch of
 * PostgreSQL's DateADT, so the binding passes them through unchanged.
 *
 * Callers: src/appeal_eval.c, src/appeal_settings.c, src/ecs_claims.c,
 * src/appeal_status.c; unit-tested by test/unit/test_appeal_rules.c.
 */
#ifndef APPEAL_RULES_H
#define APPEAL_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The appeal types (appeals.appeal_type, default_appeal_type settings). */
typedef enum ArAppealType
{
	AR_TYPE_INVALID = -1,
	AR_TYPE_RECONSIDERATION = 0,
	AR_TYPE_REDETERMINATION,
	AR_TYPE_ADMINISTRATIVE_REVIEW
} ArAppealType;

#define AR_NUM_APPEAL_TYPES 3

/* The type used when a setting names no valid type. */
#define AR_FALLBACK_APPEAL_TYPE AR_TYPE_RECONSIDERATION

/* "Reconsideration, Redetermination, Administrative Review" (for messages). */
#define AR_APPEAL_TYPE_LIST "Reconsideration, Redetermination, Administrative Review"

/* Built-in values of the appeal_settings row (used when it is missing). */
#define AR_DEFAULT_TIMELY_FILING_DAYS 180
#define AR_DEFAULT_WARNING_DAYS 30

/* Type named by s[0..len) (case-insensitive), or AR_TYPE_INVALID. */
extern ArAppealType ar_appeal_type_from_text(const char *s, size_t len);

/* Canonical name of a type ("Reconsideration", ...); NULL for invalid. */
extern const char *ar_appeal_type_name(ArAppealType type);

/*
 * The global settings (the appeal_settings row).  default_appeal_type is the
 * stored text, borrowed; it may name no valid type.
 */
typedef struct ArGlobalSettings
{
	bool		appeals_enabled;
	bool		include_appeal_metadata;
	int			timely_filing_days;
	const char *default_appeal_type;
	int			deadline_warning_days;
} ArGlobalSettings;

/* The built-in defaults: enabled, metadata, 180 days, Reconsideration, 30. */
extern void ar_global_defaults(ArGlobalSettings *g);

/*
 * A payer's override (a payer_appeal_rules row).  has_* false means the
 * column is NULL (use the global value); default_appeal_type NULL likewise.
 */
typedef struct ArPayerRule
{
	bool		has_appeals_enabled;
	bool		appeals_enabled;
	bool		has_timely_filing_days;
	int			timely_filing_days;
	const char *default_appeal_type;
	int			notice_grace_days;
} ArPayerRule;

/* The settings that apply to one claim. */
typedef struct ArEffective
{
	bool		appeals_enabled;	/* globally and for the payer */
	bool		disabled_globally;	/* appeals_enabled is false in the global row */
	bool		include_appeal_metadata;
	int			timely_filing_days;
	int			notice_grace_days;
	int			deadline_warning_days;
	ArAppealType appeal_type;	/* always valid (falls back) */
	bool		appeal_type_fell_back;	/* the configured type was not valid */
	const char *configured_appeal_type; /* the invalid text, for the WARNING */
	bool		type_from_payer;	/* the type came from the payer's override */
} ArEffective;

/*
 * Merge the global settings with a payer's override (NULL: none).  Appeals
 * are enabled only when enabled globally and not disabled for the payer; a
 * payer's NULL column uses the global value.  An unknown appeal type falls
 * back to Reconsideration and is reported through appeal_type_fell_back.
 */
extern void ar_effective_settings(const ArGlobalSettings *g, const ArPayerRule *p,
								  ArEffective *out);

/* What a claim status allows (names matched case-insensitively). */
typedef struct ArEligibility
{
	bool		appeal;			/* Denied, Partially Paid (before settings) */
	bool		correction;		/* Rejected, Adjusted */
	bool		attachment;		/* Pending, In Process, Suspended */
	bool		remittance_viewer;	/* Paid, Partially Paid */
} ArEligibility;

extern void ar_eligibility(const char *claim_status, ArEligibility *out);

/* Which date the deadline counts from. */
typedef enum ArAnchor
{
	AR_ANCHOR_NONE = 0,			/* no date at all: no deadline */
	AR_ANCHOR_FINALIZED,
	AR_ANCHOR_REMITTANCE,
	AR_ANCHOR_STATUS
} ArAnchor;

/* The name of an anchor as messages use it ("finalized date", ...). */
extern const char *ar_anchor_name(ArAnchor anchor);

/* The dates of a claim that may anchor the deadline. */
typedef struct ArClaimDates
{
	bool		has_finalized;
	int32_t		finalized;
	bool		has_remittance;
	int32_t		remittance;
	bool		has_status;
	int32_t		status;
} ArClaimDates;

/*
 * Deadline = anchor + timely_filing_days + notice_grace_days, the anchor
 * being the finalized date, else the remittance/processed date, else the
 * status date.  Returns the anchor used (AR_ANCHOR_NONE: *deadline unset).
 * The sum is 64-bit; the caller checks it is a valid date.
 */
extern ArAnchor ar_deadline(const ArClaimDates *dates, const ArEffective *eff,
							int64_t *deadline);

/* Why a claim cannot be appealed, in the order appeal_status checks. */
typedef enum ArReason
{
	AR_REASON_NONE = 0,
	AR_REASON_STATUS,			/* Claim status does not allow appeals */
	AR_REASON_DISABLED,			/* Appeals are disabled for this payer */
	AR_REASON_DEADLINE_PASSED,	/* Timely filing deadline has passed */
	AR_REASON_NOT_AUTHORIZED,	/* Provider is not authorized for this claim */
	AR_REASON_ALREADY_APPEALED	/* Claim has already been appealed */
} ArReason;

/* The text of a reason; NULL for AR_REASON_NONE. */
extern const char *ar_reason_text(ArReason reason);

/* The facts the checks need, gathered by the caller. */
typedef struct ArClaimFacts
{
	const char *claim_status;
	ArClaimDates dates;
	bool		provider_authorized;	/* true when there is no provider identity */
	bool		already_appealed;
} ArClaimFacts;

/* The outcome of the checks. */
typedef struct ArOutcome
{
	bool		can_appeal;
	ArReason	reason;
	bool		status_allows;	/* Denied or Partially Paid */
	ArAppealType appeal_type;	/* AR_TYPE_INVALID unless status_allows */
	ArAnchor	anchor;			/* AR_ANCHOR_NONE: no deadline */
	int64_t		deadline;		/* set when anchor != AR_ANCHOR_NONE */
	int64_t		days_remaining; /* deadline - as_of */
	bool		warn;			/* fewer than deadline_warning_days remain */
} ArOutcome;

/*
 * Run the checks of appeal_status in order: status, appeals enabled,
 * timely filing (as_of after the deadline; no deadline cannot be late),
 * provider authorization, already appealed.  The first failing check gives
 * the reason.  The appeal type and deadline are computed whenever the status
 * allows appeals, so callers can show them beside a later reason.
 */
extern void ar_evaluate(const ArEffective *eff, const ArClaimFacts *facts,
						int32_t as_of, ArOutcome *out);

/* Buffer size enough for any message below. */
#define AR_MESSAGE_SIZE 128

/*
 * "This claim may be eligible for appeal. Timely filing deadline: YYYY-MM-DD"
 * (without the deadline sentence when has_deadline is false).
 */
extern void ar_appeal_message(bool has_deadline, int64_t deadline,
							  char *buf, size_t bufsize);

/* "⚠️ Appeal deadline in N days!" */
extern void ar_warning_message(int64_t days_remaining, char *buf, size_t bufsize);

/*
 * The message appeal_status shows: the warning when the outcome says so,
 * else the appeal message.  Empty when the claim cannot be appealed.
 */
extern void ar_outcome_message(const ArOutcome *o, char *buf, size_t bufsize);

/* Civil dates.  Years 1..9999 are accepted by the parser. */

/* Day number (from 2000-01-01) of y-m-d; the fields are assumed valid. */
extern int64_t ar_day_from_ymd(int y, int m, int d);

/* y-m-d of a day number. */
extern void ar_ymd_from_day(int64_t day, int *y, int *m, int *d);

/* Days in month m of year y (0 for a month outside 1..12). */
extern int	ar_days_in_month(int y, int m);

/* Results of ar_parse_date. */
typedef enum ArDateParse
{
	AR_DATE_OK = 0,
	AR_DATE_BAD_FORMAT,			/* neither CCYYMMDD nor YYYY-MM-DD */
	AR_DATE_OUT_OF_RANGE		/* well-formed, but no such day */
} ArDateParse;

/* Parse s[0..len) as CCYYMMDD or YYYY-MM-DD into a day number. */
extern ArDateParse ar_parse_date(const char *s, size_t len, int32_t *day);

/* Format a day number as CCYYMMDD (buf >= 9) or YYYY-MM-DD (buf >= 11);
 * years outside 1..9999 give "" (never produced from parsed dates). */
extern void ar_format_ccyymmdd(int64_t day, char *buf, size_t bufsize);
extern void ar_format_iso(int64_t day, char *buf, size_t bufsize);

#endif							/* APPEAL_RULES_H */
