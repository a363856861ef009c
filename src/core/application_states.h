/*
 * src/core/application_states.h
 *		The application state machine (pure C, no PostgreSQL headers): the
 *		eight application statuses, the table of allowed transitions, the
 *		"allowed next statuses" list used in error messages, and which
 *		automatic dates a status change sets.  Used by src/application_trigger.c
 *		and test/unit/test_application_states.c.
 */
#ifndef APPLICATION_STATES_H
#define APPLICATION_STATES_H

#include <stdbool.h>
#include <stddef.h>

/* The values of provider_payer_applications.application_status. */
typedef enum AsStatus
{
	AS_INVALID = -1,
	AS_NOT_STARTED = 0,
	AS_IN_PROGRESS,
	AS_SUBMITTED,
	AS_UNDER_REVIEW,
	AS_APPROVED,
	AS_DENIED,
	AS_ON_HOLD,
	AS_WITHDRAWN
} AsStatus;

#define AS_NUM_STATUSES 8

/* Automatic dates, as bits of the mask as_dates_on_change returns. */
#define AS_DATE_STARTED				0x01	/* application_started_date */
#define AS_DATE_SUBMITTED			0x02	/* application_submitted_date */
#define AS_DATE_APPROVAL			0x04	/* approval_date */
#define AS_DATE_DENIAL				0x08	/* denial_date */
#define AS_DATE_EXPECTED_DECISION	0x10	/* expected_decision_date */

/* Status named by s[0..len), or AS_INVALID for anything else. */
extern AsStatus as_status_from_text(const char *s, size_t len);

/* The status's name ("not_started", ...), or NULL for AS_INVALID. */
extern const char *as_status_name(AsStatus status);

/*
 * True when the table allows from -> to.  denied -> not_started is allowed
 * only when reapplication_eligible (the row's new value) is true.  A status
 * "changing" to itself is not a transition and is always allowed.
 */
extern bool as_transition_allowed(AsStatus from, AsStatus to,
								  bool reapplication_eligible);

/*
 * Write the statuses allowed after from, in table order, separated by ", ",
 * into buf (always NUL-terminated when bufsize > 0); "none" when there are
 * none.  Returns the length of the full list, like snprintf, so a result >=
 * bufsize means buf was too small.
 */
extern size_t as_allowed_next(AsStatus from, bool reapplication_eligible,
							  char *buf, size_t bufsize);

/* True when from is final (no status may follow it): approved. */
extern bool as_is_final(AsStatus status);

/*
 * The automatic dates a change from -> to sets, each only where the row's
 * date is still empty (AS_DATE_* bits): started on leaving not_started,
 * submitted on entering submitted or under_review, approval on entering
 * approved, denial on entering denied, expected decision on entering
 * submitted.  0 when from == to.
 */
extern unsigned as_dates_on_change(AsStatus from, AsStatus to);

/*
 * The automatic dates a row inserted directly in status may fill: those of
 * reaching it from not_started (so an INSERT only fills what the status
 * implies, never more).
 */
extern unsigned as_dates_on_insert(AsStatus status);

#endif							/* APPLICATION_STATES_H */
