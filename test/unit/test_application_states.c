/*
 * test/unit/test_application_states.c
 *		Unit tests of the application state machine
 *		(src/core/application_states.c): names, every cell of the transition
 *		table, the allowed-next lists and the automatic dates.
 */
#include <stdio.h>

#include "application_states.h"
#include "unit.h"

/* The transition table of DESIGN 4.3, written out independently. */
static const char *const allowed_pairs[][2] = {
	{"not_started", "in_progress"}, {"not_started", "submitted"},
	{"not_started", "on_hold"}, {"not_started", "withdrawn"},
	{"in_progress", "submitted"}, {"in_progress", "on_hold"},
	{"in_progress", "withdrawn"}, {"in_progress", "not_started"},
	{"submitted", "under_review"}, {"submitted", "approved"},
	{"submitted", "denied"}, {"submitted", "on_hold"},
	{"submitted", "withdrawn"}, {"submitted", "in_progress"},
	{"under_review", "approved"}, {"under_review", "denied"},
	{"under_review", "on_hold"}, {"under_review", "withdrawn"},
	{"under_review", "submitted"},
	{"on_hold", "in_progress"}, {"on_hold", "submitted"},
	{"on_hold", "under_review"}, {"on_hold", "withdrawn"},
	{"denied", "in_progress"}, {"denied", "withdrawn"},
	{"withdrawn", "not_started"}, {"withdrawn", "in_progress"},
};

#define NUM_ALLOWED (sizeof(allowed_pairs) / sizeof(allowed_pairs[0]))

/* Status from a NUL-terminated name. */
static AsStatus
st(const char *name)
{
	return as_status_from_text(name, strlen(name));
}

/* Whether from -> to is listed in allowed_pairs. */
static int
listed(AsStatus from, AsStatus to)
{
	size_t		i;

	for (i = 0; i < NUM_ALLOWED; i++)
	{
		if (st(allowed_pairs[i][0]) == from && st(allowed_pairs[i][1]) == to)
			return 1;
	}
	return 0;
}

/* Every cell of the 8 x 8 table agrees with the written-out list. */
static void
test_table(void)
{
	int			from;
	int			to;
	int			mismatches = 0;
	int			allowed = 0;
	char		desc[128];

	for (from = 0; from < AS_NUM_STATUSES; from++)
	{
		for (to = 0; to < AS_NUM_STATUSES; to++)
		{
			int			want;
			int			got;

			if (from == to)
				continue;
			want = listed((AsStatus) from, (AsStatus) to);
			/* denied -> not_started is the one conditional entry */
			if (from == AS_DENIED && to == AS_NOT_STARTED)
				continue;
			got = as_transition_allowed((AsStatus) from, (AsStatus) to, true) ? 1 : 0;
			if (got != want || (as_transition_allowed((AsStatus) from, (AsStatus) to, false) ? 1 : 0) != want)
			{
				snprintf(desc, sizeof(desc), "%s -> %s is %s",
						 as_status_name((AsStatus) from), as_status_name((AsStatus) to),
						 want ? "allowed" : "forbidden");
				CHECK(0, desc);
				mismatches++;
			}
			allowed += got;
		}
	}
	CHECK_INT(mismatches, 0, "every cell of the transition table matches DESIGN 4.3");
	CHECK_INT(allowed, 27, "27 transitions are allowed unconditionally");
	CHECK_INT((int) NUM_ALLOWED, 27, "the written-out table has 27 unconditional pairs");
	CHECK(as_transition_allowed(AS_DENIED, AS_NOT_STARTED, true),
		  "denied -> not_started is allowed when the application is eligible for reapplication");
	CHECK(!as_transition_allowed(AS_DENIED, AS_NOT_STARTED, false),
		  "denied -> not_started is refused when it is not eligible");
	CHECK(as_transition_allowed(AS_APPROVED, AS_APPROVED, false),
		  "a status staying the same is not a transition");
	CHECK(!as_transition_allowed(AS_APPROVED, AS_SUBMITTED, true), "approved -> submitted is refused");
	CHECK(!as_transition_allowed(AS_NOT_STARTED, AS_APPROVED, true), "not_started -> approved is refused");
	CHECK(!as_transition_allowed(AS_INVALID, AS_SUBMITTED, true), "an unknown from status is refused");
	CHECK(!as_transition_allowed(AS_SUBMITTED, AS_INVALID, true), "an unknown to status is refused");
	CHECK(!as_transition_allowed((AsStatus) 42, AS_SUBMITTED, true), "an out-of-range status is refused");
}

/* Names round-trip; anything else is AS_INVALID. */
static void
test_names(void)
{
	int			i;
	int			ok = 1;

	for (i = 0; i < AS_NUM_STATUSES; i++)
	{
		const char *name = as_status_name((AsStatus) i);

		if (name == NULL || st(name) != (AsStatus) i)
			ok = 0;
	}
	CHECK(ok, "every status name reads back as its status");
	CHECK_INT(st("approved"), AS_APPROVED, "approved is a status");
	CHECK_INT(st("Approved"), AS_INVALID, "names are case-sensitive like the CHECK constraint");
	CHECK_INT(st("approve"), AS_INVALID, "a prefix of a name is not a status");
	CHECK_INT(st("approvedx"), AS_INVALID, "a name with a suffix is not a status");
	CHECK_INT(st(""), AS_INVALID, "the empty string is not a status");
	CHECK_INT(as_status_from_text("submitted!", 9), AS_SUBMITTED, "the length bounds the name");
	CHECK_INT(as_status_from_text(NULL, 0), AS_INVALID, "NULL is not a status");
	CHECK(as_status_name(AS_INVALID) == NULL, "AS_INVALID has no name");
}

/* The comma-separated lists used in error messages. */
static void
test_allowed_next(void)
{
	char		buf[128];
	char		tiny[8];
	size_t		n;

	as_allowed_next(AS_NOT_STARTED, true, buf, sizeof(buf));
	CHECK_STR(buf, "in_progress, submitted, on_hold, withdrawn", "not_started lists its four next statuses");
	as_allowed_next(AS_IN_PROGRESS, true, buf, sizeof(buf));
	CHECK_STR(buf, "submitted, on_hold, withdrawn, not_started", "in_progress lists its four next statuses");
	as_allowed_next(AS_SUBMITTED, true, buf, sizeof(buf));
	CHECK_STR(buf, "under_review, approved, denied, on_hold, withdrawn, in_progress",
			  "submitted lists its six next statuses");
	as_allowed_next(AS_UNDER_REVIEW, true, buf, sizeof(buf));
	CHECK_STR(buf, "approved, denied, on_hold, withdrawn, submitted", "under_review lists its five next statuses");
	as_allowed_next(AS_ON_HOLD, true, buf, sizeof(buf));
	CHECK_STR(buf, "in_progress, submitted, under_review, withdrawn", "on_hold lists its four next statuses");
	as_allowed_next(AS_DENIED, true, buf, sizeof(buf));
	CHECK_STR(buf, "in_progress, not_started, withdrawn", "an eligible denied application may restart");
	as_allowed_next(AS_DENIED, false, buf, sizeof(buf));
	CHECK_STR(buf, "in_progress, withdrawn", "an ineligible denied application may not restart");
	as_allowed_next(AS_WITHDRAWN, false, buf, sizeof(buf));
	CHECK_STR(buf, "not_started, in_progress", "withdrawn lists its two next statuses");
	n = as_allowed_next(AS_APPROVED, true, buf, sizeof(buf));
	CHECK_STR(buf, "none", "approved is final: none");
	CHECK_INT(n, 4, "the length of \"none\" is returned");
	CHECK(as_is_final(AS_APPROVED), "approved is final");
	CHECK(!as_is_final(AS_DENIED), "denied is not final");
	CHECK(!as_is_final(AS_INVALID), "an unknown status is not final");

	n = as_allowed_next(AS_SUBMITTED, true, tiny, sizeof(tiny));
	CHECK_INT(n, strlen("under_review, approved, denied, on_hold, withdrawn, in_progress"),
			  "a short buffer still reports the full length");
	CHECK_STR(tiny, "under_r", "a short buffer is truncated and terminated");
	n = as_allowed_next(AS_APPROVED, true, tiny, 3);
	CHECK_STR(tiny, "no", "\"none\" is truncated too");
	n = as_allowed_next(AS_SUBMITTED, true, NULL, 0);
	CHECK_INT(n, 63, "a zero-size buffer is never written");
	as_allowed_next(AS_INVALID, true, buf, sizeof(buf));
	CHECK_STR(buf, "none", "an unknown status has no next statuses");
}

/* Which automatic dates each change sets. */
static void
test_dates(void)
{
	CHECK_INT(as_dates_on_change(AS_NOT_STARTED, AS_IN_PROGRESS), AS_DATE_STARTED,
			  "leaving not_started sets the started date");
	CHECK_INT(as_dates_on_change(AS_NOT_STARTED, AS_WITHDRAWN), AS_DATE_STARTED,
			  "leaving not_started for withdrawn sets the started date too");
	CHECK_INT(as_dates_on_change(AS_NOT_STARTED, AS_SUBMITTED),
			  AS_DATE_STARTED | AS_DATE_SUBMITTED | AS_DATE_EXPECTED_DECISION,
			  "not_started -> submitted sets started, submitted and expected decision dates");
	CHECK_INT(as_dates_on_change(AS_IN_PROGRESS, AS_SUBMITTED),
			  AS_DATE_SUBMITTED | AS_DATE_EXPECTED_DECISION,
			  "entering submitted sets the submitted and expected decision dates");
	CHECK_INT(as_dates_on_change(AS_ON_HOLD, AS_UNDER_REVIEW), AS_DATE_SUBMITTED,
			  "entering under_review sets the submitted date only");
	CHECK_INT(as_dates_on_change(AS_SUBMITTED, AS_APPROVED), AS_DATE_APPROVAL,
			  "entering approved sets the approval date");
	CHECK_INT(as_dates_on_change(AS_UNDER_REVIEW, AS_DENIED), AS_DATE_DENIAL,
			  "entering denied sets the denial date");
	CHECK_INT(as_dates_on_change(AS_SUBMITTED, AS_ON_HOLD), 0, "entering on_hold sets no date");
	CHECK_INT(as_dates_on_change(AS_IN_PROGRESS, AS_NOT_STARTED), 0, "returning to not_started sets no date");
	CHECK_INT(as_dates_on_change(AS_SUBMITTED, AS_SUBMITTED), 0, "no change sets no date");
	CHECK_INT(as_dates_on_change(AS_INVALID, AS_SUBMITTED), 0, "an unknown status sets no date");
	CHECK_INT(as_dates_on_insert(AS_NOT_STARTED), 0, "a not_started row is inserted without dates");
	CHECK_INT(as_dates_on_insert(AS_IN_PROGRESS), AS_DATE_STARTED, "an in_progress row gets a started date");
	CHECK_INT(as_dates_on_insert(AS_SUBMITTED),
			  AS_DATE_STARTED | AS_DATE_SUBMITTED | AS_DATE_EXPECTED_DECISION,
			  "a submitted row gets started, submitted and expected decision dates");
	CHECK_INT(as_dates_on_insert(AS_APPROVED), AS_DATE_STARTED | AS_DATE_APPROVAL,
			  "an approved row gets started and approval dates");
	CHECK_INT(as_dates_on_insert(AS_DENIED), AS_DATE_STARTED | AS_DATE_DENIAL,
			  "a denied row gets started and denial dates");
}

int
main(void)
{
	test_names();
	test_table();
	test_allowed_next();
	test_dates();
	return unit_done();
}
