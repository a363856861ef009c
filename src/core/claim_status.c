/*
 * src/core/claim_status.c
 *		The claim-status mapping of DESIGN §5.2 and the status-name lookup
 *		(pure C, no PostgreSQL headers); see claim_status.h.
 *
 * Callers: src/core/x12_277.c and the SQL bindings; unit-tested by
 * test/unit/test_claim_status.c.
 */
#include "claim_status.h"

#include <string.h>

#include "text_util.h"

/* Canonical names, indexed by CsStatus. */
static const char *const cs_names[CS_NUM_STATUSES + 1] = {
	NULL,
	"Adjusted",
	"Forwarded",
	"Partially Paid",
	"Denied",
	"Paid",
	"Rejected",
	"Not Found",
	"Suspended",
	"Pending",
	"In Process",
	"Error"
};

/*
 * True when s[0..len) is prefix letter followed by a decimal number in
 * lo..hi without leading zeros ("R0".."R16", "E0".."E4").
 */
static bool
code_in_range(const char *s, size_t len, char prefix, int lo, int hi)
{
	int			v = 0;
	size_t		i;

	if (len < 2 || len > 3 || s[0] != prefix)
		return false;
	if (len == 3 && s[1] == '0')
		return false;
	for (i = 1; i < len; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	return v >= lo && v <= hi;
}

/* F4 with status code 6 or 98: the balance is the patient's responsibility. */
static bool
is_patient_responsibility(const CsClaimFacts *f)
{
	return text_equal(f->status_code, f->status_code_len, "6") ||
		text_equal(f->status_code, f->status_code_len, "98");
}

/* See claim_status.h. */
bool
cs_is_denial_category(const char *category, size_t len)
{
	return text_equal(category, len, "F2") || text_equal(category, len, "F4");
}

/* See claim_status.h. */
bool
cs_is_f2(const char *category, size_t len)
{
	return text_equal(category, len, "F2");
}

/* See claim_status.h. */
bool
cs_line_denies(bool any_denial_category, bool has_paid, int paid_sign,
			   bool has_charge, int charge_sign)
{
	if (any_denial_category)
		return true;
	return has_paid && paid_sign == 0 && has_charge && charge_sign > 0;
}

/* See claim_status.h.  The rules are tested in the order of the table. */
CsStatus
cs_classify(const CsClaimFacts *f)
{
	const char *c = f->category;
	size_t		n = f->category_len;
	bool		finalized_payment;	/* F1, F0 or F3N */

	if (c == NULL || n == 0)
		return CS_UNKNOWN;

	/* Adjusted */
	if (text_equal(c, n, "F3"))
		return CS_ADJUSTED;

	/* Forwarded */
	if (text_equal(c, n, "A0") || text_equal(c, n, "F3F"))
		return CS_FORWARDED;

	finalized_payment = text_equal(c, n, "F1") || text_equal(c, n, "F0") ||
		text_equal(c, n, "F3N");

	/* Partially Paid: a payment above zero with a denial beside it. */
	if (finalized_payment && f->has_payment && f->payment_sign > 0 &&
		(f->line_denial || f->other_claim_f2))
		return CS_PARTIALLY_PAID;

	/* Denied */
	if (text_equal(c, n, "F2"))
		return CS_DENIED;
	if (text_equal(c, n, "F4") && !is_patient_responsibility(f))
		return CS_DENIED;
	if ((text_equal(c, n, "F0") || text_equal(c, n, "F3N")) &&
		f->has_payment && f->payment_sign == 0 &&
		f->has_charge && f->charge_sign > 0)
		return CS_DENIED;

	/* Paid (an absent payment is not reported, not zero) */
	if (finalized_payment || text_equal(c, n, "F4"))
		return CS_PAID;

	/* Rejected */
	if (text_equal(c, n, "A3") || text_equal(c, n, "A6") ||
		text_equal(c, n, "A7") || text_equal(c, n, "A8"))
		return CS_REJECTED;

	/* Not Found */
	if (text_equal(c, n, "A4") || text_equal(c, n, "D0"))
		return CS_NOT_FOUND;

	/* Suspended */
	if (text_equal(c, n, "P2") || text_equal(c, n, "P5"))
		return CS_SUSPENDED;

	/* Pending */
	if (text_equal(c, n, "P0") || text_equal(c, n, "P3") ||
		text_equal(c, n, "P4") || code_in_range(c, n, 'R', 0, 16))
		return CS_PENDING;

	/* In Process */
	if (text_equal(c, n, "A1") || text_equal(c, n, "A2") ||
		text_equal(c, n, "A5") || text_equal(c, n, "P1"))
		return CS_IN_PROCESS;

	/* Error */
	if (code_in_range(c, n, 'E', 0, 4))
		return CS_ERROR;

	return CS_UNKNOWN;
}

/* See claim_status.h. */
const char *
cs_status_name(CsStatus status)
{
	if ((int) status <= 0 || (int) status > CS_NUM_STATUSES)
		return NULL;
	return cs_names[status];
}

/* See claim_status.h. */
CsStatus
cs_status_from_name(const char *s, size_t len)
{
	int			st;

	if (s == NULL)
		return CS_UNKNOWN;
	for (st = 1; st <= CS_NUM_STATUSES; st++)
		if (text_equal_ci(s, len, cs_names[st]))
			return (CsStatus) st;
	return CS_UNKNOWN;
}

/* See claim_status.h. */
bool
cs_is_rejection(CsStatus status)
{
	return status == CS_REJECTED;
}
