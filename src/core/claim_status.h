/*
 * src/core/claim_status.h
 *		The claim-status mapping of DESIGN §5.2 (pure C, no PostgreSQL
 *		headers): from the facts of one 277 claim (its first claim-level
 *		category code, payment, charge, other claim-level and line-level
 *		statuses) to one of the eleven status names, first match wins; plus
 *		the case-insensitive lookup of those names.
 *
 * Callers: src/core/x12_277.c (claim_status of every parsed claim), the SQL
 * bindings that accept or compare status names; unit-tested by
 * test/unit/test_claim_status.c.
 */
#ifndef CLAIM_STATUS_H
#define CLAIM_STATUS_H

#include <stdbool.h>
#include <stddef.h>

/* The statuses, in the order of the §5.2 table. */
typedef enum CsStatus
{
	CS_UNKNOWN = 0,				/* no STC, or a category outside the table */
	CS_ADJUSTED,
	CS_FORWARDED,
	CS_PARTIALLY_PAID,
	CS_DENIED,
	CS_PAID,
	CS_REJECTED,
	CS_NOT_FOUND,
	CS_SUSPENDED,
	CS_PENDING,
	CS_IN_PROCESS,
	CS_ERROR
} CsStatus;

#define CS_NUM_STATUSES 11

/* "Adjusted, Forwarded, ..., Error" (for messages listing the names). */
#define CS_STATUS_LIST "Adjusted, Forwarded, Partially Paid, Denied, Paid, Rejected, Not Found, Suspended, Pending, In Process, Error"

/*
 * What the mapping looks at.  category/status_code are the first
 * claim-level STC01-1/STC01-2 (not NUL-terminated; len 0 = none).  An
 * amount is either absent (has_* false: "not reported", never zero) or has
 * a sign -1/0/1.
 */
typedef struct CsClaimFacts
{
	const char *category;
	size_t		category_len;
	const char *status_code;
	size_t		status_code_len;
	bool		has_payment;	/* STC05 */
	int			payment_sign;
	bool		has_charge;		/* STC04 */
	int			charge_sign;
	bool		other_claim_f2; /* another claim-level status (any STC01/10/11
								 * but the first STC01) in category F2 */
	bool		line_denial;	/* a service line denied: see cs_line_denies */
} CsClaimFacts;

/*
 * The §5.2 mapping, first match wins, on the category code (never STC03):
 * Adjusted F3; Forwarded A0, F3F; Partially Paid F1/F0/F3N with payment > 0
 * and a denial beside it; Denied F2, F4 (but status 6 or 98), F0/F3N with
 * payment 0 and charge > 0; Paid F1/F0/F3N otherwise and F4 with 6 or 98;
 * Rejected A3/A6/A7/A8; Not Found A4/D0; Suspended P2/P5; Pending P0/P3/P4/
 * R0-R16; In Process A1/A2/A5/P1; Error E0-E4.  CS_UNKNOWN otherwise.
 */
extern CsStatus cs_classify(const CsClaimFacts *facts);

/*
 * A service line counts as a denial beside a payment when one of its STC
 * categories is F2 or F4 (any_denial_category), or when its paid amount is
 * exactly 0 while its charge is above 0.  Paid below charge alone is not.
 */
extern bool cs_line_denies(bool any_denial_category, bool has_paid, int paid_sign,
						   bool has_charge, int charge_sign);

/* True for a category that denies a line: F2 or F4. */
extern bool cs_is_denial_category(const char *category, size_t len);

/* True for category F2 (used for other_claim_f2). */
extern bool cs_is_f2(const char *category, size_t len);

/* The canonical name ("Partially Paid", ...); NULL for CS_UNKNOWN. */
extern const char *cs_status_name(CsStatus status);

/*
 * The status named by s[0..len), compared case-insensitively with the
 * canonical names ("partially paid", "NOT FOUND"); CS_UNKNOWN if none.
 */
extern CsStatus cs_status_from_name(const char *s, size_t len);

/* True for Rejected: the claim needs correcting, not appealing. */
extern bool cs_is_rejection(CsStatus status);

#endif							/* CLAIM_STATUS_H */
