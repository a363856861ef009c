/*
 * test/unit/test_claim_status.c
 *		Unit tests of the claim-status mapping of DESIGN §5.2 and the
 *		status-name lookup (src/core/claim_status.c).
 */
#include <string.h>

#include "claim_status.h"
#include "unit.h"

/* Sign of an amount given as text; "" is absent. */
typedef struct Amt
{
	bool		has;
	int			sign;
} Amt;

#define NONE ((Amt) {false, 0})
#define ZERO ((Amt) {true, 0})
#define POS ((Amt) {true, 1})
#define NEG ((Amt) {true, -1})

/* Classify a claim from its category, status code, payment and charge. */
static const char *
classify(const char *cat, const char *code, Amt payment, Amt charge,
		 bool other_f2, bool line_denial)
{
	CsClaimFacts f;

	memset(&f, 0, sizeof(f));
	f.category = cat;
	f.category_len = cat ? strlen(cat) : 0;
	f.status_code = code;
	f.status_code_len = code ? strlen(code) : 0;
	f.has_payment = payment.has;
	f.payment_sign = payment.sign;
	f.has_charge = charge.has;
	f.charge_sign = charge.sign;
	f.other_claim_f2 = other_f2;
	f.line_denial = line_denial;
	return cs_status_name(cs_classify(&f));
}

/* Shorthand: no other statuses, no lines. */
static const char *
simple(const char *cat, const char *code, Amt payment, Amt charge)
{
	return classify(cat, code, payment, charge, false, false);
}

static void
test_rows(void)
{
	CHECK_STR(simple("F3", "101", POS, POS), "Adjusted", "F3 is Adjusted");
	CHECK_STR(classify("F3", "101", POS, POS, true, true), "Adjusted",
			  "F3 is Adjusted even beside a denial (first match wins)");
	CHECK_STR(simple("A0", "16", NONE, POS), "Forwarded", "A0 is Forwarded");
	CHECK_STR(simple("F3F", "101", ZERO, POS), "Forwarded", "F3F is Forwarded");

	CHECK_STR(classify("F1", "65", POS, POS, false, true), "Partially Paid",
			  "F1 with payment > 0 and a line denial is Partially Paid");
	CHECK_STR(classify("F0", "3", POS, POS, true, false), "Partially Paid",
			  "F0 with payment > 0 and another claim-level F2 is Partially Paid");
	CHECK_STR(classify("F3N", "3", POS, POS, false, true), "Partially Paid",
			  "F3N with payment > 0 and a line denial is Partially Paid");
	CHECK_STR(classify("F1", "65", ZERO, POS, false, true), "Paid",
			  "F1 with payment 0 and a line denial is not Partially Paid (payment must be > 0)");
	CHECK_STR(classify("F1", "65", NONE, POS, true, true), "Paid",
			  "F1 without a payment beside a denial is Paid (payment not reported)");
	CHECK_STR(classify("F0", "3", ZERO, POS, false, true), "Denied",
			  "F0 with payment 0 and a charge is Denied even with a line denial");
	CHECK_STR(classify("F2", "88", POS, POS, false, true), "Denied",
			  "F2 with a payment is Denied, not Partially Paid");

	CHECK_STR(simple("F2", "88", ZERO, POS), "Denied", "F2 is Denied");
	CHECK_STR(simple("F2", "88", NONE, NONE), "Denied", "F2 without amounts is Denied");
	CHECK_STR(simple("F4", "65", NONE, POS), "Denied", "F4 with status 65 is Denied");
	CHECK_STR(simple("F4", "60", NONE, POS), "Denied", "F4 with status 60 is Denied");
	CHECK_STR(simple("F0", "3", ZERO, POS), "Denied", "F0 with payment exactly 0 and charge > 0 is Denied");
	CHECK_STR(simple("F3N", "3", ZERO, POS), "Denied", "F3N with payment 0 and charge > 0 is Denied");
	CHECK_STR(simple("F0", "3", ZERO, NONE), "Paid", "F0 with payment 0 and no charge is Paid");
	CHECK_STR(simple("F0", "3", ZERO, ZERO), "Paid", "F0 with payment 0 and charge 0 is Paid");
	CHECK_STR(simple("F1", "65", ZERO, POS), "Paid",
			  "F1 with payment 0 is Paid (the zero-payment denial rule names F0 and F3N only)");

	CHECK_STR(simple("F1", "65", POS, POS), "Paid", "F1 with a payment is Paid");
	CHECK_STR(simple("F1", "65", NONE, POS), "Paid", "F1 without a payment is Paid");
	CHECK_STR(simple("F0", "3", NONE, POS), "Paid", "F0 without a payment is Paid (not reported, not zero)");
	CHECK_STR(simple("F3N", "3", POS, POS), "Paid", "F3N with a payment is Paid");
	CHECK_STR(simple("F0", "3", NEG, POS), "Paid", "F0 with a negative payment (a reversal) is Paid");
	CHECK_STR(simple("F4", "6", NONE, POS), "Paid", "F4 with status 6 (patient responsibility) is Paid");
	CHECK_STR(simple("F4", "98", ZERO, POS), "Paid", "F4 with status 98 is Paid");
	CHECK_STR(simple("F4", "066", NONE, POS), "Denied", "F4 with status 066 is not status 6");

	CHECK_STR(simple("A3", "21", NONE, POS), "Rejected", "A3 is Rejected");
	CHECK_STR(simple("A6", "33", NONE, POS), "Rejected", "A6 is Rejected");
	CHECK_STR(simple("A7", "562", NONE, POS), "Rejected", "A7 is Rejected");
	CHECK_STR(simple("A8", "35", NONE, POS), "Rejected", "A8 is Rejected");
	CHECK_STR(simple("A4", "35", NONE, NONE), "Not Found", "A4 is Not Found");
	CHECK_STR(simple("D0", "35", NONE, NONE), "Not Found", "D0 is Not Found");
	CHECK_STR(simple("P2", "248", NONE, NONE), "Suspended", "P2 is Suspended");
	CHECK_STR(simple("P5", "3", NONE, NONE), "Suspended", "P5 is Suspended");
	CHECK_STR(simple("P0", "20", NONE, NONE), "Pending", "P0 is Pending");
	CHECK_STR(simple("P3", "317", NONE, NONE), "Pending", "P3 is Pending");
	CHECK_STR(simple("P4", "21", NONE, NONE), "Pending", "P4 is Pending");
	CHECK_STR(simple("R0", "21", NONE, NONE), "Pending", "R0 is Pending");
	CHECK_STR(simple("R9", "21", NONE, NONE), "Pending", "R9 is Pending");
	CHECK_STR(simple("R16", "21", NONE, NONE), "Pending", "R16 is Pending");
	CHECK(simple("R17", "21", NONE, NONE) == NULL, "R17 is outside the table");
	CHECK(simple("R05", "21", NONE, NONE) == NULL, "R05 is not a category");
	CHECK_STR(simple("A1", "19", NONE, POS), "In Process", "A1 is In Process");
	CHECK_STR(simple("A2", "20", NONE, POS), "In Process", "A2 is In Process");
	CHECK_STR(simple("A5", "20", NONE, POS), "In Process", "A5 is In Process");
	CHECK_STR(simple("P1", "20", NONE, POS), "In Process", "P1 is In Process");
	CHECK_STR(simple("E0", "24", NONE, NONE), "Error", "E0 is Error");
	CHECK_STR(simple("E4", "24", NONE, NONE), "Error", "E4 is Error");
	CHECK(simple("E5", "24", NONE, NONE) == NULL, "E5 is outside the table");
	CHECK(simple("f1", "65", POS, POS) == NULL, "category codes are upper case");
	CHECK(simple("", "65", POS, POS) == NULL, "no category, no status");
	CHECK(simple(NULL, NULL, NONE, NONE) == NULL, "a claim without STC has no status");
	CHECK(simple("F", "1", NONE, NONE) == NULL, "F alone is not a category");
}

static void
test_lines(void)
{
	CHECK(cs_line_denies(true, true, 1, true, 1), "a line STC in F2/F4 denies the line");
	CHECK(cs_line_denies(false, true, 0, true, 1), "a line paid 0 with charge > 0 is a denial");
	CHECK(!cs_line_denies(false, true, 1, true, 1), "a line paid below its charge is not a denial");
	CHECK(!cs_line_denies(false, false, 0, true, 1), "a line without paid amount is not a denial");
	CHECK(!cs_line_denies(false, true, 0, true, 0), "a line paid 0 of 0 is not a denial");
	CHECK(!cs_line_denies(false, true, 0, false, 0), "a line paid 0 without charge is not a denial");
	CHECK(cs_is_denial_category("F2", 2) && cs_is_denial_category("F4", 2),
		  "F2 and F4 are denial categories");
	CHECK(!cs_is_denial_category("F1", 2) && !cs_is_denial_category("F2X", 3),
		  "F1 and F2X are not");
	CHECK(cs_is_f2("F2", 2) && !cs_is_f2("F4", 2), "F2 is F2, F4 is not");
}

static void
test_names(void)
{
	int			s;
	bool		round_trip = true;

	for (s = 1; s <= CS_NUM_STATUSES; s++)
	{
		const char *name = cs_status_name((CsStatus) s);

		if (name == NULL || cs_status_from_name(name, strlen(name)) != (CsStatus) s)
			round_trip = false;
	}
	CHECK(round_trip, "every status name maps back to its status");
	CHECK(cs_status_name(CS_UNKNOWN) == NULL, "CS_UNKNOWN has no name");
	CHECK(cs_status_name((CsStatus) 99) == NULL, "an out-of-range status has no name");
	CHECK_INT(cs_status_from_name("partially paid", 14), CS_PARTIALLY_PAID, "names match case-insensitively");
	CHECK_INT(cs_status_from_name("NOT FOUND", 9), CS_NOT_FOUND, "NOT FOUND");
	CHECK_INT(cs_status_from_name("in process", 10), CS_IN_PROCESS, "in process");
	CHECK_INT(cs_status_from_name("DeNiEd", 6), CS_DENIED, "DeNiEd");
	CHECK_INT(cs_status_from_name("Paid ", 5), CS_UNKNOWN, "a trailing blank does not match");
	CHECK_INT(cs_status_from_name("Pai", 3), CS_UNKNOWN, "a prefix does not match");
	CHECK_INT(cs_status_from_name("Paidx", 4), CS_PAID, "the length bounds the comparison");
	CHECK_INT(cs_status_from_name("", 0), CS_UNKNOWN, "the empty name");
	CHECK_INT(cs_status_from_name(NULL, 0), CS_UNKNOWN, "NULL");
	CHECK_INT(cs_status_from_name("InProcess", 9), CS_UNKNOWN, "InProcess is not In Process");
	CHECK(cs_is_rejection(CS_REJECTED), "Rejected is a rejection");
	CHECK(!cs_is_rejection(CS_DENIED), "Denied is not a rejection");
	CHECK(strstr(CS_STATUS_LIST, "Partially Paid") != NULL, "the list names Partially Paid");
}

int
main(void)
{
	test_rows();
	test_lines();
	test_names();
	return unit_done();
}
