/*
 * src/core/application_states.c
 *		The application state machine (pure C, no PostgreSQL headers): status
 *		names, the transition table of DESIGN 4.3, the allowed-next list for
 *		messages and the automatic dates of each change.  Called by
 *		src/application_trigger.c and test/unit/test_application_states.c.
 */
#include <stdio.h>
#include <string.h>

#include "application_states.h"
#include "text_util.h"

/* Status names, indexed by AsStatus. */
static const char *const status_names[AS_NUM_STATUSES] = {
	"not_started",
	"in_progress",
	"submitted",
	"under_review",
	"approved",
	"denied",
	"on_hold",
	"withdrawn"
};

/*
 * The transition table: for each status, the statuses that may follow it,
 * in the order messages list them, ended by AS_INVALID.  denied ->
 * not_started is conditional (see as_transition_allowed).
 */
static const AsStatus next_statuses[AS_NUM_STATUSES][7] = {
	[AS_NOT_STARTED] = {AS_IN_PROGRESS, AS_SUBMITTED, AS_ON_HOLD, AS_WITHDRAWN, AS_INVALID},
	[AS_IN_PROGRESS] = {AS_SUBMITTED, AS_ON_HOLD, AS_WITHDRAWN, AS_NOT_STARTED, AS_INVALID},
	[AS_SUBMITTED] = {AS_UNDER_REVIEW, AS_APPROVED, AS_DENIED, AS_ON_HOLD, AS_WITHDRAWN,
	AS_IN_PROGRESS, AS_INVALID},
	[AS_UNDER_REVIEW] = {AS_APPROVED, AS_DENIED, AS_ON_HOLD, AS_WITHDRAWN, AS_SUBMITTED,
	AS_INVALID},
	[AS_APPROVED] = {AS_INVALID},
	[AS_DENIED] = {AS_IN_PROGRESS, AS_NOT_STARTED, AS_WITHDRAWN, AS_INVALID},
	[AS_ON_HOLD] = {AS_IN_PROGRESS, AS_SUBMITTED, AS_UNDER_REVIEW, AS_WITHDRAWN, AS_INVALID},
	[AS_WITHDRAWN] = {AS_NOT_STARTED, AS_IN_PROGRESS, AS_INVALID}
};

/* True when status is one of the eight real statuses. */
static bool
is_valid(AsStatus status)
{
	return status >= AS_NOT_STARTED && status < AS_NUM_STATUSES;
}

/*
 * True when the entry from -> to of the table applies given the row's
 * reapplication_eligible flag (the one conditional entry).
 */
static bool
entry_applies(AsStatus from, AsStatus to, bool reapplication_eligible)
{
	if (from == AS_DENIED && to == AS_NOT_STARTED)
		return reapplication_eligible;
	return true;
}

/*
 * Look s[0..len) up among the status names (exact, case-sensitive, as the
 * CHECK constraint on the column is).
 */
AsStatus
as_status_from_text(const char *s, size_t len)
{
	int			i;

	if (s == NULL)
		return AS_INVALID;
	for (i = 0; i < AS_NUM_STATUSES; i++)
	{
		if (text_equal(s, len, status_names[i]))
			return (AsStatus) i;
	}
	return AS_INVALID;
}

/*
 * Name of a status; NULL when it is not one.
 */
const char *
as_status_name(AsStatus status)
{
	return is_valid(status) ? status_names[status] : NULL;
}

/*
 * Whether the table allows from -> to (see the header).
 */
bool
as_transition_allowed(AsStatus from, AsStatus to, bool reapplication_eligible)
{
	const AsStatus *next;

	if (!is_valid(from) || !is_valid(to))
		return false;
	if (from == to)
		return true;
	for (next = next_statuses[from]; *next != AS_INVALID; next++)
	{
		if (*next == to)
			return entry_applies(from, to, reapplication_eligible);
	}
	return false;
}

/*
 * The allowed next statuses of from as a comma-separated list (see the
 * header).  Conditional entries that do not apply are left out.
 */
size_t
as_allowed_next(AsStatus from, bool reapplication_eligible,
				char *buf, size_t bufsize)
{
	size_t		total = 0;
	const AsStatus *next;

	if (bufsize > 0)
		buf[0] = '\0';
	if (is_valid(from))
	{
		for (next = next_statuses[from]; *next != AS_INVALID; next++)
		{
			const char *sep = total > 0 ? ", " : "";

			if (!entry_applies(from, *next, reapplication_eligible))
				continue;
			if (total < bufsize)
				snprintf(buf + total, bufsize - total, "%s%s", sep, status_names[*next]);
			total += strlen(sep) + strlen(status_names[*next]);
		}
	}
	if (total == 0)
	{
		if (bufsize > 0)
			snprintf(buf, bufsize, "%s", "none");
		total = strlen("none");
	}
	return total;
}

/*
 * Whether no status may follow status.
 */
bool
as_is_final(AsStatus status)
{
	return is_valid(status) && next_statuses[status][0] == AS_INVALID;
}

/*
 * The automatic dates of the change from -> to (see the header).
 */
unsigned
as_dates_on_change(AsStatus from, AsStatus to)
{
	unsigned	dates = 0;

	if (!is_valid(from) || !is_valid(to) || from == to)
		return 0;
	if (from == AS_NOT_STARTED)
		dates |= AS_DATE_STARTED;
	if (to == AS_SUBMITTED || to == AS_UNDER_REVIEW)
		dates |= AS_DATE_SUBMITTED;
	if (to == AS_SUBMITTED)
		dates |= AS_DATE_EXPECTED_DECISION;
	if (to == AS_APPROVED)
		dates |= AS_DATE_APPROVAL;
	if (to == AS_DENIED)
		dates |= AS_DATE_DENIAL;
	return dates;
}

/*
 * The automatic dates an INSERT in status may fill (see the header).
 */
unsigned
as_dates_on_insert(AsStatus status)
{
	return as_dates_on_change(AS_NOT_STARTED, status);
}
