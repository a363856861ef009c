/*
 * src/core/task_defaults.h
 *		Task-template rules of credential_payers (DESIGN §4.1) and of the
 *		task_templates check on payer_credentialing_workflows (DESIGN §3),
 *		in pure C: no PostgreSQL header is included here or in
 *		task_defaults.c.
 *
 * Callers: src/task_generation.c (default task lists, fallback workflow,
 * placeholder filling, ordering and due-date offsets) and
 * src/task_templates.c (validation of template values once extracted from
 * jsonb).  Unit-tested by test/unit/test_task_defaults.c.
 */
#ifndef TASK_DEFAULTS_H
#define TASK_DEFAULTS_H

#include <stdbool.h>
#include <stddef.h>

/* The four workflow types of payer_credentialing_workflows.workflow_type. */
typedef enum td_workflow
{
	TD_WORKFLOW_UNKNOWN = -1,
	TD_INSTANT_NETWORK = 0,
	TD_ONLINE_PORTAL,
	TD_EXCEL_SUBMISSION,
	TD_PDF_FORM_SUBMISSION
} td_workflow;

/* Most tasks a default list has (sizes the caller's output array). */
#define TD_MAX_DEFAULT_TASKS 4

/* task_type given to a template that names none. */
#define TD_DEFAULT_TEMPLATE_TASK_TYPE "workflow_task"

/* Follow-up days of the online_portal defaults without typical_approval_days. */
#define TD_DEFAULT_FOLLOW_UP_DAYS 30

/*
 * One task to create, from a default list or a payer's template.  Strings
 * are borrowed (never freed here); description may be NULL.  position is
 * the 1-based place of the template in its array (defaults: same as
 * order) and breaks ties when sorting.
 */
typedef struct td_task
{
	int			order;
	const char *task_type;
	const char *title;
	const char *description;
	int			estimated_days;
	int			position;
} td_task;

/* Workflow type for its name (len bytes, not NUL-terminated), or
 * TD_WORKFLOW_UNKNOWN. */
extern td_workflow td_workflow_from_name(const char *name, size_t len);

/* Name of a workflow type ("instant_network", ...), or NULL if unknown. */
extern const char *td_workflow_name(td_workflow wf);

/*
 * Workflow type of a payer that has no workflow row: instant_network when
 * the payer does not require an individual contract, else online_portal.
 */
extern td_workflow td_fallback_workflow(bool requires_individual_contract);

/*
 * Fill out[0..TD_MAX_DEFAULT_TASKS) with the default tasks of wf, in order
 * (orders 1..n), and return n (0 for an unknown type).  approval_days is
 * the workflow's typical_approval_days, or negative when it has none: it
 * sets the online_portal follow-up (else TD_DEFAULT_FOLLOW_UP_DAYS).
 * Descriptions are NULL.
 */
extern int	td_default_tasks(td_workflow wf, int approval_days, td_task *out);

/*
 * Sort tasks by order, then by position (stable for equal orders).
 */
extern void td_sort_tasks(td_task *tasks, size_t n);

/*
 * In tasks sorted by td_sort_tasks, find two with the same order: return
 * true and set *first and *second to their indexes in tasks (first has the
 * smaller position), or return false.
 */
extern bool td_find_duplicate_order(const td_task *tasks, size_t n,
									size_t *first, size_t *second);

/*
 * Due-date offsets in days from the as-of date: offsets[i] is the sum of
 * estimated_days of tasks[0..i] (the steps are sequential; negative days
 * count 0).  Sums are 64-bit, so they cannot overflow for n < 2^32.
 */
extern void td_due_offsets(const td_task *tasks, size_t n, long long *offsets);

/* Values of the placeholders; a NULL member is filled in as "". */
typedef struct td_fill_values
{
	const char *payer_name;
	const char *provider_name;
	const char *portal_url;
	const char *submission_email;
} td_fill_values;

/*
 * Copy src[0..len) to dst with {payer_name}, {provider_name}, {portal_url}
 * and {submission_email} replaced by their values; any other brace text is
 * copied as is.  Like snprintf: at most cap - 1 bytes are written, dst is
 * NUL-terminated when cap > 0, and the return value is the full length of
 * the result (excluding the NUL), so a call with cap 0 measures it.
 */
extern size_t td_fill_placeholders(const char *src, size_t len,
								   const td_fill_values *values,
								   char *dst, size_t cap);

/* True when src[0..len) contains a known placeholder. */
extern bool td_has_placeholder(const char *src, size_t len);

/* What credential_payers does for one payer. */
typedef enum td_action
{
	TD_ACTION_CREATE,			/* new application and its tasks */
	TD_ACTION_REOPEN,			/* denied/withdrawn application reopened */
	TD_ACTION_SKIP				/* nothing; *reason says why */
} td_action;

/*
 * Decide for one payer (DESIGN §4.1, rules in that order).
 * network_status is the provider's contract status with the payer, NULL
 * without one; application_status is the existing application's status,
 * NULL without one.  On TD_ACTION_SKIP *reason is already_contracted,
 * already_approved, already_credentialing or
 * not_eligible_for_reapplication; otherwise it is set to NULL.  An unknown
 * application status counts as open (already_credentialing), so that
 * nothing is ever duplicated.
 */
extern td_action td_decide(const char *network_status,
						   const char *application_status,
						   bool reapplication_eligible,
						   const char **reason);

/* ---- Template validation (DESIGN §3) ---------------------------------- */

/* Keys a template object may have. */
typedef enum td_key
{
	TD_KEY_UNKNOWN = -1,
	TD_KEY_TITLE = 0,
	TD_KEY_DESCRIPTION,
	TD_KEY_ORDER,
	TD_KEY_ESTIMATED_DAYS,
	TD_KEY_TASK_TYPE
} td_key;

/* Number of known keys. */
#define TD_NUM_KEYS 5

/* Known key for a name (len bytes), or TD_KEY_UNKNOWN. */
extern td_key td_template_key(const char *name, size_t len);

/* JSON name of a known key. */
extern const char *td_template_key_name(td_key key);

/* What a key's value must be, e.g. "must be an integer >= 1". */
extern const char *td_template_key_rule(td_key key);

/* Kind of a JSON value, as the caller found it. */
typedef enum td_json_kind
{
	TD_JSON_NULL,
	TD_JSON_STRING,
	TD_JSON_NUMBER,
	TD_JSON_BOOL,
	TD_JSON_ARRAY,
	TD_JSON_OBJECT
} td_json_kind;

/*
 * A template value as extracted by the caller.  For a string, str/len; for
 * a number, is_integral (no fractional part), in_int_range (integral and
 * within -2^31 .. 2^31-1) and, when in range, ival.
 */
typedef struct td_json_value
{
	td_json_kind kind;
	const char *str;
	size_t		len;
	bool		is_integral;
	bool		in_int_range;
	int			ival;
} td_json_value;

/* Result of checking one template value. */
typedef enum td_check
{
	TD_CHECK_OK = 0,
	TD_CHECK_WRONG_TYPE,		/* e.g. a number where a string belongs */
	TD_CHECK_EMPTY,				/* a string that is empty after trimming */
	TD_CHECK_NOT_INTEGER,		/* a number with a fractional part */
	TD_CHECK_OUT_OF_RANGE		/* an integer below the minimum or too big */
} td_check;

/*
 * Check the value of a known key against DESIGN §3: title a non-empty
 * string (after trimming white space); description a string or null;
 * order an integer >= 1; estimated_days an integer >= 0; task_type a
 * non-empty string.  Only description may be null.
 */
extern td_check td_check_template_value(td_key key, const td_json_value *value);

/* True when s[0..len) is empty or only ASCII white space. */
extern bool td_is_blank(const char *s, size_t len);

/* Name of a JSON kind: "null", "string", "number", "boolean", "array",
 * "object". */
extern const char *td_json_kind_name(td_json_kind kind);

#endif							/* TASK_DEFAULTS_H */
