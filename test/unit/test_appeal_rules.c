/*
 * test/unit/test_appeal_rules.c
 *		Unit tests of the appeal rules (src/core/appeal_rules.c): appeal
 *		types, settings merge, eligibility, deadline anchors, the checks in
 *		order, messages and date arithmetic.
 */
#include "appeal_rules.h"
#include "unit.h"

/* Day number of an ISO date literal, for readable tests. */
static int32_t
day(const char *iso)
{
	int32_t		d = 0;

	if (ar_parse_date(iso, strlen(iso), &d) != AR_DATE_OK)
		printf("#   bad test date %s\n", iso);
	return d;
}

/* Format a day number as YYYY-MM-DD into a static buffer. */
static const char *
iso(int64_t d)
{
	static char buf[16];

	ar_format_iso(d, buf, sizeof(buf));
	return buf;
}

static void
test_dates(void)
{
	int32_t		d = -1;
	char		buf[16];
	int			y,
				m,
				dd;
	int64_t		n;
	int			ok = 1;

	CHECK_INT(ar_day_from_ymd(2000, 1, 1), 0, "2000-01-01 is day 0, the DateADT epoch");
	CHECK_INT(ar_day_from_ymd(1999, 12, 31), -1, "1999-12-31 is day -1");
	CHECK_INT(ar_day_from_ymd(2024, 3, 1) - ar_day_from_ymd(2024, 2, 28), 2,
			  "2024 is a leap year (Feb 29 exists)");
	CHECK_INT(ar_day_from_ymd(2100, 3, 1) - ar_day_from_ymd(2100, 2, 28), 1,
			  "2100 is not a leap year");
	CHECK_INT(ar_day_from_ymd(2000, 3, 1) - ar_day_from_ymd(2000, 2, 28), 2,
			  "2000 is a leap year (divisible by 400)");

	for (n = ar_day_from_ymd(1, 1, 1); n <= ar_day_from_ymd(9999, 12, 31); n += 37)
	{
		ar_ymd_from_day(n, &y, &m, &dd);
		if (ar_day_from_ymd(y, m, dd) != n || m < 1 || m > 12 || dd < 1 ||
			dd > ar_days_in_month(y, m))
			ok = 0;
	}
	CHECK(ok, "day numbers and y-m-d round-trip from year 1 to 9999");

	CHECK_INT(ar_parse_date("20240706", 8, &d), AR_DATE_OK, "CCYYMMDD parses");
	CHECK_STR(iso(d), "2024-07-06", "CCYYMMDD gives the right day");
	CHECK_INT(ar_parse_date("2024-07-06", 10, &d), AR_DATE_OK, "YYYY-MM-DD parses");
	CHECK_INT(d, ar_day_from_ymd(2024, 7, 6), "YYYY-MM-DD gives the right day");
	CHECK_INT(ar_parse_date("2024/07/06", 10, &d), AR_DATE_BAD_FORMAT, "slashes are not accepted");
	CHECK_INT(ar_parse_date("07/06/2024", 10, &d), AR_DATE_BAD_FORMAT, "US dates are not accepted");
	CHECK_INT(ar_parse_date("2024076", 7, &d), AR_DATE_BAD_FORMAT, "seven digits are not a date");
	CHECK_INT(ar_parse_date("2024-7-6", 8, &d), AR_DATE_BAD_FORMAT, "unpadded fields are not accepted");
	CHECK_INT(ar_parse_date("2024-07-06T00:00", 16, &d), AR_DATE_BAD_FORMAT, "a time is not accepted");
	CHECK_INT(ar_parse_date("20241301", 8, &d), AR_DATE_OUT_OF_RANGE, "month 13 is out of range");
	CHECK_INT(ar_parse_date("20230229", 8, &d), AR_DATE_OUT_OF_RANGE, "Feb 29 of 2023 is out of range");
	CHECK_INT(ar_parse_date("2024-02-29", 10, &d), AR_DATE_OK, "Feb 29 of 2024 exists");
	CHECK_INT(ar_parse_date("00000101", 8, &d), AR_DATE_OUT_OF_RANGE, "year 0 is out of range");
	CHECK_INT(ar_parse_date("2024-00-10", 10, &d), AR_DATE_OUT_OF_RANGE, "month 0 is out of range");
	CHECK_INT(ar_parse_date(NULL, 0, &d), AR_DATE_BAD_FORMAT, "no text is not a date");

	ar_format_ccyymmdd(ar_day_from_ymd(2024, 7, 6), buf, sizeof(buf));
	CHECK_STR(buf, "20240706", "CCYYMMDD formatting");
	ar_format_iso(ar_day_from_ymd(10000, 1, 1), buf, sizeof(buf));
	CHECK_STR(buf, "", "years past 9999 are not formatted");
}

static void
test_types(void)
{
	CHECK_INT(ar_appeal_type_from_text("Reconsideration", 15), AR_TYPE_RECONSIDERATION,
			  "Reconsideration is a type");
	CHECK_INT(ar_appeal_type_from_text("redetermination", 15), AR_TYPE_REDETERMINATION,
			  "types match case-insensitively");
	CHECK_INT(ar_appeal_type_from_text("Administrative Review", 21), AR_TYPE_ADMINISTRATIVE_REVIEW,
			  "Administrative Review is a type");
	CHECK_INT(ar_appeal_type_from_text("Reconsider", 10), AR_TYPE_INVALID, "a prefix is not a type");
	CHECK_INT(ar_appeal_type_from_text("Reconsideration ", 16), AR_TYPE_INVALID,
			  "trailing space is not ignored");
	CHECK_INT(ar_appeal_type_from_text(NULL, 0), AR_TYPE_INVALID, "no text is not a type");
	CHECK_STR(ar_appeal_type_name(AR_TYPE_ADMINISTRATIVE_REVIEW), "Administrative Review",
			  "canonical name of Administrative Review");
	CHECK(ar_appeal_type_name(AR_TYPE_INVALID) == NULL, "the invalid type has no name");
}

static void
test_settings(void)
{
	ArGlobalSettings g;
	ArPayerRule p;
	ArEffective e;

	ar_global_defaults(&g);
	ar_effective_settings(&g, NULL, &e);
	CHECK(e.appeals_enabled && e.include_appeal_metadata, "defaults: appeals enabled with metadata");
	CHECK_INT(e.timely_filing_days, 180, "defaults: 180 timely filing days");
	CHECK_INT(e.deadline_warning_days, 30, "defaults: warn below 30 days");
	CHECK_INT(e.notice_grace_days, 0, "no payer: no grace days");
	CHECK_INT(e.appeal_type, AR_TYPE_RECONSIDERATION, "defaults: Reconsideration");
	CHECK(!e.appeal_type_fell_back, "the default type is valid");

	memset(&p, 0, sizeof(p));
	p.has_timely_filing_days = true;
	p.timely_filing_days = 120;
	p.default_appeal_type = "Redetermination";
	p.notice_grace_days = 5;
	ar_effective_settings(&g, &p, &e);
	CHECK_INT(e.timely_filing_days, 120, "a payer's timely filing days override the global ones");
	CHECK_INT(e.appeal_type, AR_TYPE_REDETERMINATION, "a payer's appeal type overrides the global one");
	CHECK(e.type_from_payer, "the type is reported as the payer's");
	CHECK_INT(e.notice_grace_days, 5, "the payer's grace days apply");
	CHECK(e.appeals_enabled, "a payer without an enabled flag follows the global flag");

	memset(&p, 0, sizeof(p));
	ar_effective_settings(&g, &p, &e);
	CHECK_INT(e.timely_filing_days, 180, "a payer's NULL days use the global value");
	CHECK_INT(e.appeal_type, AR_TYPE_RECONSIDERATION, "a payer's NULL type uses the global value");

	p.has_appeals_enabled = true;
	p.appeals_enabled = false;
	ar_effective_settings(&g, &p, &e);
	CHECK(!e.appeals_enabled && !e.disabled_globally, "a payer can disable appeals");

	g.appeals_enabled = false;
	p.appeals_enabled = true;
	ar_effective_settings(&g, &p, &e);
	CHECK(!e.appeals_enabled && e.disabled_globally,
		  "a payer cannot enable appeals that are disabled globally");

	ar_global_defaults(&g);
	g.default_appeal_type = "Second Look";
	ar_effective_settings(&g, NULL, &e);
	CHECK_INT(e.appeal_type, AR_TYPE_RECONSIDERATION, "an unknown global type falls back to Reconsideration");
	CHECK(e.appeal_type_fell_back, "the fallback is reported");
	CHECK_STR(e.configured_appeal_type, "Second Look", "the invalid text is kept for the warning");

	ar_global_defaults(&g);
	memset(&p, 0, sizeof(p));
	p.default_appeal_type = "Appeal";
	ar_effective_settings(&g, &p, &e);
	CHECK(e.appeal_type_fell_back && e.type_from_payer,
		  "an unknown payer type falls back and is reported as the payer's");
}

static void
test_eligibility(void)
{
	ArEligibility el;

	ar_eligibility("Denied", &el);
	CHECK(el.appeal && !el.correction && !el.attachment && !el.remittance_viewer,
		  "Denied: appeal only");
	ar_eligibility("Partially Paid", &el);
	CHECK(el.appeal && el.remittance_viewer && !el.correction, "Partially Paid: appeal and remittance viewer");
	ar_eligibility("paid", &el);
	CHECK(!el.appeal && el.remittance_viewer, "paid (any case): remittance viewer, no appeal");
	ar_eligibility("Rejected", &el);
	CHECK(el.correction && !el.appeal, "Rejected: correction");
	ar_eligibility("ADJUSTED", &el);
	CHECK(el.correction && !el.appeal, "Adjusted: correction");
	ar_eligibility("Pending", &el);
	CHECK(el.attachment, "Pending: attachment");
	ar_eligibility("in process", &el);
	CHECK(el.attachment, "In Process: attachment");
	ar_eligibility("Suspended", &el);
	CHECK(el.attachment && !el.appeal, "Suspended: attachment");
	ar_eligibility("Forwarded", &el);
	CHECK(!el.appeal && !el.correction && !el.attachment && !el.remittance_viewer,
		  "Forwarded: nothing");
	ar_eligibility(NULL, &el);
	CHECK(!el.appeal, "no status: nothing");
}

static void
test_deadline(void)
{
	ArGlobalSettings g;
	ArPayerRule p;
	ArEffective e;
	ArClaimDates dates;
	int64_t		deadline = 0;

	ar_global_defaults(&g);
	ar_effective_settings(&g, NULL, &e);
	memset(&dates, 0, sizeof(dates));
	CHECK_INT(ar_deadline(&dates, &e, &deadline), AR_ANCHOR_NONE, "no date: no deadline");

	dates.has_status = true;
	dates.status = day("2024-01-20");
	CHECK_INT(ar_deadline(&dates, &e, &deadline), AR_ANCHOR_STATUS, "status date as last resort");
	CHECK_STR(iso(deadline), "2024-07-18", "status date + 180 days");

	dates.has_remittance = true;
	dates.remittance = day("2024-01-15");
	CHECK_INT(ar_deadline(&dates, &e, &deadline), AR_ANCHOR_REMITTANCE, "remittance date before status date");
	CHECK_STR(iso(deadline), "2024-07-13", "remittance date + 180 days");

	dates.has_finalized = true;
	dates.finalized = day("2024-01-08");
	CHECK_INT(ar_deadline(&dates, &e, &deadline), AR_ANCHOR_FINALIZED, "finalized date first");
	CHECK_STR(iso(deadline), "2024-07-06", "finalized 2024-01-08 + 180 days = 2024-07-06 (the seed's example)");

	memset(&p, 0, sizeof(p));
	p.has_timely_filing_days = true;
	p.timely_filing_days = 120;
	p.notice_grace_days = 5;
	ar_effective_settings(&g, &p, &e);
	ar_deadline(&dates, &e, &deadline);
	CHECK_STR(iso(deadline), "2024-05-12", "finalized + 120 days + 5 grace days");

	CHECK_STR(ar_anchor_name(AR_ANCHOR_REMITTANCE), "remittance/processed date", "anchor names");
}

static void
test_evaluate(void)
{
	ArGlobalSettings g;
	ArPayerRule p;
	ArEffective e;
	ArClaimFacts f;
	ArOutcome o;
	char		msg[AR_MESSAGE_SIZE];

	ar_global_defaults(&g);
	ar_effective_settings(&g, NULL, &e);
	memset(&f, 0, sizeof(f));
	f.claim_status = "Denied";
	f.dates.has_finalized = true;
	f.dates.finalized = day("2024-01-08");
	f.provider_authorized = true;

	ar_evaluate(&e, &f, day("2024-05-07"), &o);
	CHECK(o.can_appeal && o.reason == AR_REASON_NONE, "a denied claim 60 days before its deadline can be appealed");
	CHECK_INT(o.days_remaining, 60, "60 days remain");
	CHECK(!o.warn, "60 days left: no warning");
	ar_outcome_message(&o, msg, sizeof(msg));
	CHECK_STR(msg, "This claim may be eligible for appeal. Timely filing deadline: 2024-07-06",
			  "the appeal message names the deadline");

	ar_evaluate(&e, &f, day("2024-06-07"), &o);
	CHECK(o.can_appeal && o.warn, "29 days left: warning");
	ar_outcome_message(&o, msg, sizeof(msg));
	CHECK_STR(msg, "\xE2\x9A\xA0\xEF\xB8\x8F Appeal deadline in 29 days!", "the warning counts the days");

	ar_evaluate(&e, &f, day("2024-06-06"), &o);
	CHECK(o.can_appeal && !o.warn, "exactly 30 days left: no warning (fewer than 30 warns)");

	ar_evaluate(&e, &f, day("2024-07-06"), &o);
	CHECK(o.can_appeal && o.warn && o.days_remaining == 0, "the deadline day itself is still in time");

	ar_evaluate(&e, &f, day("2024-07-07"), &o);
	CHECK(!o.can_appeal && o.reason == AR_REASON_DEADLINE_PASSED, "the day after the deadline is late");
	CHECK_STR(ar_reason_text(o.reason), "Timely filing deadline has passed", "late reason text");
	ar_outcome_message(&o, msg, sizeof(msg));
	CHECK_STR(msg, "", "no message when the claim cannot be appealed");
	CHECK_INT(o.days_remaining, -1, "days remaining goes negative after the deadline");

	f.claim_status = "Partially Paid";
	ar_evaluate(&e, &f, day("2024-05-07"), &o);
	CHECK(o.can_appeal && o.appeal_type == AR_TYPE_RECONSIDERATION,
		  "a partially paid claim can be appealed by Reconsideration");

	f.claim_status = "Paid";
	ar_evaluate(&e, &f, day("2024-05-07"), &o);
	CHECK(!o.can_appeal && o.reason == AR_REASON_STATUS, "a paid claim cannot be appealed");
	CHECK(o.anchor == AR_ANCHOR_NONE && o.appeal_type == AR_TYPE_INVALID,
		  "no type or deadline for a status that allows no appeal");
	CHECK_STR(ar_reason_text(o.reason), "Claim status does not allow appeals", "status reason text");

	/* Order: the status check comes before everything else. */
	f.already_appealed = true;
	f.provider_authorized = false;
	ar_evaluate(&e, &f, day("2024-12-31"), &o);
	CHECK_INT(o.reason, AR_REASON_STATUS, "status is checked first");

	f.claim_status = "Denied";
	memset(&p, 0, sizeof(p));
	p.has_appeals_enabled = true;
	p.appeals_enabled = false;
	ar_effective_settings(&g, &p, &e);
	ar_evaluate(&e, &f, day("2024-12-31"), &o);
	CHECK_INT(o.reason, AR_REASON_DISABLED, "disabled appeals come before the deadline");
	CHECK(o.anchor == AR_ANCHOR_FINALIZED, "the deadline is still computed beside a later reason");

	ar_effective_settings(&g, NULL, &e);
	ar_evaluate(&e, &f, day("2024-12-31"), &o);
	CHECK_INT(o.reason, AR_REASON_DEADLINE_PASSED, "the deadline comes before authorization");

	ar_evaluate(&e, &f, day("2024-05-07"), &o);
	CHECK_INT(o.reason, AR_REASON_NOT_AUTHORIZED, "authorization comes before an earlier appeal");
	CHECK_STR(ar_reason_text(o.reason), "Provider is not authorized for this claim", "authorization reason text");

	f.provider_authorized = true;
	ar_evaluate(&e, &f, day("2024-05-07"), &o);
	CHECK_INT(o.reason, AR_REASON_ALREADY_APPEALED, "an earlier appeal is checked last");
	CHECK_STR(ar_reason_text(o.reason), "Claim has already been appealed", "already appealed reason text");
	CHECK_STR(ar_reason_text(AR_REASON_DISABLED), "Appeals are disabled for this payer", "disabled reason text");

	/* No anchor: no deadline, never late, plain message. */
	memset(&f, 0, sizeof(f));
	f.claim_status = "Denied";
	f.provider_authorized = true;
	ar_evaluate(&e, &f, day("2030-01-01"), &o);
	CHECK(o.can_appeal && o.anchor == AR_ANCHOR_NONE && !o.warn,
		  "a claim without any date has no deadline and is never late");
	ar_outcome_message(&o, msg, sizeof(msg));
	CHECK_STR(msg, "This claim may be eligible for appeal.", "the message without a deadline");

	/* Warning threshold 0 never warns. */
	g.deadline_warning_days = 0;
	ar_effective_settings(&g, NULL, &e);
	f.dates.has_finalized = true;
	f.dates.finalized = day("2024-01-08");
	ar_evaluate(&e, &f, day("2024-07-06"), &o);
	CHECK(o.can_appeal && !o.warn, "with 0 warning days there is no warning");
}

int
main(void)
{
	test_dates();
	test_types();
	test_settings();
	test_eligibility();
	test_deadline();
	test_evaluate();
	return unit_done();
}
