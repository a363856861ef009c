/*
 * src/core/appeal_rules.c
 *		Appeal rules in pure C: appeal types, effective settings, eligibility
 *		by claim status, the timely filing deadline, the checks of
 *		appeal_status and the provider-facing messages.  See appeal_rules.h.
 */
#include "appeal_rules.h"

#include <stdio.h>
#include <string.h>

#include "gregorian.h"
#include "text_util.h"

static const char *const appeal_type_names[AR_NUM_APPEAL_TYPES] = {
	"Reconsideration",
	"Redetermination",
	"Administrative Review"
};

/* Type named by s[0..len), case-insensitively. */
ArAppealType
ar_appeal_type_from_text(const char *s, size_t len)
{
	int			i;

	if (s == NULL)
		return AR_TYPE_INVALID;
	for (i = 0; i < AR_NUM_APPEAL_TYPES; i++)
		if (text_equal_ci(s, len, appeal_type_names[i]))
			return (ArAppealType) i;
	return AR_TYPE_INVALID;
}

/* Canonical name of a type. */
const char *
ar_appeal_type_name(ArAppealType type)
{
	if (type < 0 || type >= AR_NUM_APPEAL_TYPES)
		return NULL;
	return appeal_type_names[type];
}

/* The values the appeal_settings row is created with. */
void
ar_global_defaults(ArGlobalSettings *g)
{
	g->appeals_enabled = true;
	g->include_appeal_metadata = true;
	g->timely_filing_days = AR_DEFAULT_TIMELY_FILING_DAYS;
	g->default_appeal_type = appeal_type_names[AR_TYPE_RECONSIDERATION];
	g->deadline_warning_days = AR_DEFAULT_WARNING_DAYS;
}

/*
 * Global settings overlaid by the payer's non-NULL columns.  Enabling needs
 * both levels: a payer cannot re-enable what the global row disables.
 */
void
ar_effective_settings(const ArGlobalSettings *g, const ArPayerRule *p,
					  ArEffective *out)
{
	const char *type_text = g->default_appeal_type;

	memset(out, 0, sizeof(*out));
	out->disabled_globally = !g->appeals_enabled;
	out->appeals_enabled = g->appeals_enabled;
	out->include_appeal_metadata = g->include_appeal_metadata;
	out->timely_filing_days = g->timely_filing_days;
	out->deadline_warning_days = g->deadline_warning_days;
	out->notice_grace_days = 0;

	if (p != NULL)
	{
		if (p->has_appeals_enabled && !p->appeals_enabled)
			out->appeals_enabled = false;
		if (p->has_timely_filing_days)
			out->timely_filing_days = p->timely_filing_days;
		if (p->default_appeal_type != NULL)
		{
			type_text = p->default_appeal_type;
			out->type_from_payer = true;
		}
		out->notice_grace_days = p->notice_grace_days;
	}

	out->appeal_type = type_text != NULL
		? ar_appeal_type_from_text(type_text, strlen(type_text))
		: AR_TYPE_INVALID;
	if (out->appeal_type == AR_TYPE_INVALID)
	{
		out->appeal_type = AR_FALLBACK_APPEAL_TYPE;
		out->appeal_type_fell_back = true;
		out->configured_appeal_type = type_text;
	}
}

/*
 * What the status allows, by the §5.3/§5.4 lists.  Whether the name is a
 * known status at all is claim_status.h's business (cs_ lookup).
 */
void
ar_eligibility(const char *claim_status, ArEligibility *out)
{
	size_t		len;

	memset(out, 0, sizeof(*out));
	if (claim_status == NULL)
		return;
	len = strlen(claim_status);
	out->appeal = text_equal_ci(claim_status, len, "Denied") ||
		text_equal_ci(claim_status, len, "Partially Paid");
	out->correction = text_equal_ci(claim_status, len, "Rejected") ||
		text_equal_ci(claim_status, len, "Adjusted");
	out->attachment = text_equal_ci(claim_status, len, "Pending") ||
		text_equal_ci(claim_status, len, "In Process") ||
		text_equal_ci(claim_status, len, "Suspended");
	out->remittance_viewer = text_equal_ci(claim_status, len, "Paid") ||
		text_equal_ci(claim_status, len, "Partially Paid");
}

/* How warnings name the anchor. */
const char *
ar_anchor_name(ArAnchor anchor)
{
	switch (anchor)
	{
		case AR_ANCHOR_FINALIZED:
			return "finalized date";
		case AR_ANCHOR_REMITTANCE:
			return "remittance/processed date";
		case AR_ANCHOR_STATUS:
			return "status date";
		case AR_ANCHOR_NONE:
			break;
	}
	return "no date";
}

/* Anchor + timely filing days + notice grace days, first anchor present. */
ArAnchor
ar_deadline(const ArClaimDates *dates, const ArEffective *eff, int64_t *deadline)
{
	ArAnchor	anchor;
	int64_t		base;

	if (dates->has_finalized)
	{
		anchor = AR_ANCHOR_FINALIZED;
		base = dates->finalized;
	}
	else if (dates->has_remittance)
	{
		anchor = AR_ANCHOR_REMITTANCE;
		base = dates->remittance;
	}
	else if (dates->has_status)
	{
		anchor = AR_ANCHOR_STATUS;
		base = dates->status;
	}
	else
		return AR_ANCHOR_NONE;

	*deadline = base + (int64_t) eff->timely_filing_days + (int64_t) eff->notice_grace_days;
	return anchor;
}

/* The reason strings of appeal_status, in check order. */
const char *
ar_reason_text(ArReason reason)
{
	switch (reason)
	{
		case AR_REASON_STATUS:
			return "Claim status does not allow appeals";
		case AR_REASON_DISABLED:
			return "Appeals are disabled for this payer";
		case AR_REASON_DEADLINE_PASSED:
			return "Timely filing deadline has passed";
		case AR_REASON_NOT_AUTHORIZED:
			return "Provider is not authorized for this claim";
		case AR_REASON_ALREADY_APPEALED:
			return "Claim has already been appealed";
		case AR_REASON_NONE:
			break;
	}
	return NULL;
}

/* The checks of appeal_status, first failure wins. */
void
ar_evaluate(const ArEffective *eff, const ArClaimFacts *facts, int32_t as_of,
			ArOutcome *out)
{
	ArEligibility elig;

	memset(out, 0, sizeof(*out));
	out->appeal_type = AR_TYPE_INVALID;
	out->anchor = AR_ANCHOR_NONE;

	ar_eligibility(facts->claim_status, &elig);
	out->status_allows = elig.appeal;
	if (out->status_allows)
	{
		out->appeal_type = eff->appeal_type;
		out->anchor = ar_deadline(&facts->dates, eff, &out->deadline);
		if (out->anchor != AR_ANCHOR_NONE)
			out->days_remaining = out->deadline - (int64_t) as_of;
	}

	if (!out->status_allows)
		out->reason = AR_REASON_STATUS;
	else if (!eff->appeals_enabled)
		out->reason = AR_REASON_DISABLED;
	else if (out->anchor != AR_ANCHOR_NONE && (int64_t) as_of > out->deadline)
		out->reason = AR_REASON_DEADLINE_PASSED;
	else if (!facts->provider_authorized)
		out->reason = AR_REASON_NOT_AUTHORIZED;
	else if (facts->already_appealed)
		out->reason = AR_REASON_ALREADY_APPEALED;
	else
		out->reason = AR_REASON_NONE;

	out->can_appeal = out->reason == AR_REASON_NONE;
	out->warn = out->can_appeal && out->anchor != AR_ANCHOR_NONE &&
		out->days_remaining < (int64_t) eff->deadline_warning_days;
}

/* The appealMessage of ECS. */
void
ar_appeal_message(bool has_deadline, int64_t deadline, char *buf, size_t bufsize)
{
	char		iso[16];

	if (!has_deadline)
	{
		snprintf(buf, bufsize, "This claim may be eligible for appeal.");
		return;
	}
	ar_format_iso(deadline, iso, sizeof(iso));
	snprintf(buf, bufsize, "This claim may be eligible for appeal. Timely filing deadline: %s", iso);
}

/* The near-deadline warning (UTF-8: U+26A0 U+FE0F). */
void
ar_warning_message(int64_t days_remaining, char *buf, size_t bufsize)
{
	snprintf(buf, bufsize, "\xE2\x9A\xA0\xEF\xB8\x8F Appeal deadline in %lld days!",
			 (long long) days_remaining);
}

/* Warning, appeal message, or nothing. */
void
ar_outcome_message(const ArOutcome *o, char *buf, size_t bufsize)
{
	if (bufsize == 0)
		return;
	buf[0] = '\0';
	if (!o->can_appeal)
		return;
	if (o->warn)
		ar_warning_message(o->days_remaining, buf, bufsize);
	else
		ar_appeal_message(o->anchor != AR_ANCHOR_NONE, o->deadline, buf, bufsize);
}

/*
 * Civil dates (proleptic Gregorian), after H. Hinnant's days_from_civil:
 * exact for every year, with floor division for negative eras.
 */
int64_t
ar_day_from_ymd(int y, int m, int d)
{
	int64_t		yy = (int64_t) y - (m <= 2 ? 1 : 0);
	int64_t		era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t		yoe = yy - era * 400;
	int64_t		mp = (m + 9) % 12;
	int64_t		doy = (153 * mp + 2) / 5 + d - 1;
	int64_t		doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	/* 10957 days from 1970-01-01 to 2000-01-01 */
	return era * 146097 + doe - 719468 - 10957;
}

/* Inverse of ar_day_from_ymd (civil_from_days). */
void
ar_ymd_from_day(int64_t day, int *y, int *m, int *d)
{
	int64_t		z = day + 10957 + 719468;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int64_t		dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t		mm = mp < 10 ? mp + 3 : mp - 9;

	*y = (int) (yoe + era * 400 + (mm <= 2 ? 1 : 0));
	*m = (int) mm;
	*d = (int) dd;
}

/* Month length with the Gregorian leap rule. */
int
ar_days_in_month(int y, int m)
{
	return greg_days_in_month(y, m);
}

/* n ASCII digits at s as a number, or -1. */
static int
read_digits(const char *s, int n)
{
	int			v = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* CCYYMMDD or YYYY-MM-DD; nothing else (no spaces, no times). */
ArDateParse
ar_parse_date(const char *s, size_t len, int32_t *day)
{
	int			y,
				m,
				d;

	if (s == NULL)
		return AR_DATE_BAD_FORMAT;
	if (len == 8)
	{
		y = read_digits(s, 4);
		m = read_digits(s + 4, 2);
		d = read_digits(s + 6, 2);
	}
	else if (len == 10 && s[4] == '-' && s[7] == '-')
	{
		y = read_digits(s, 4);
		m = read_digits(s + 5, 2);
		d = read_digits(s + 8, 2);
	}
	else
		return AR_DATE_BAD_FORMAT;

	if (y < 0 || m < 0 || d < 0)
		return AR_DATE_BAD_FORMAT;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > ar_days_in_month(y, m))
		return AR_DATE_OUT_OF_RANGE;
	*day = (int32_t) ar_day_from_ymd(y, m, d);
	return AR_DATE_OK;
}

/*
 * Year, month and day of a day number joined by sep ("" or "-"); an empty
 * string outside years 1..9999.
 */
static void
format_day(int64_t day, const char *sep, char *buf, size_t bufsize)
{
	int			y,
				m,
				d;

	ar_ymd_from_day(day, &y, &m, &d);
	if (y < 1 || y > 9999)
	{
		if (bufsize > 0)
			buf[0] = '\0';
		return;
	}
	snprintf(buf, bufsize, "%04d%s%02d%s%02d", y, sep, m, sep, d);
}

/* CCYYMMDD. */
void
ar_format_ccyymmdd(int64_t day, char *buf, size_t bufsize)
{
	format_day(day, "", buf, bufsize);
}

/* YYYY-MM-DD. */
void
ar_format_iso(int64_t day, char *buf, size_t bufsize)
{
	format_day(day, "-", buf, bufsize);
}
