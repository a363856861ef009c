/*
 * src/core/task_defaults.c
 *		Pure-C rules behind task generation: the default task lists of each
 *		workflow type (DESIGN §4.1 table), the fallback workflow of a payer
 *		without a workflow row, the skip/reopen/create decision, ordering and
 *		due-date offsets, placeholder filling, and the value checks of task
 *		templates (DESIGN §3).  No PostgreSQL header is used.
 *
 * Callers: src/task_generation.c and src/task_templates.c; unit tests in
 * test/unit/test_task_defaults.c.
 */
#include "task_defaults.h"

#include <stdlib.h>
#include <string.h>

#include "text_util.h"

static const char *const workflow_names[] = {
	"instant_network",
	"online_portal",
	"excel_submission",
	"pdf_form_submission"
};

/* The default lists; the online_portal follow-up's days are set per call. */
static const td_task instant_network_tasks[] = {
	{1, "notify_payer", "Notify payer of provider addition", NULL, 1, 1}
};

static const td_task online_portal_tasks[] = {
	{1, "portal_credentials", "Obtain portal credentials", NULL, 1, 1},
	{2, "submit_application", "Submit provider application", NULL, 2, 2},
	{3, "record_application_id", "Record application ID", NULL, 0, 3},
	{4, "follow_up", "Follow up on application status", NULL, TD_DEFAULT_FOLLOW_UP_DAYS, 4}
};

static const td_task excel_submission_tasks[] = {
	{1, "download_template", "Download Excel roster template", NULL, 0, 1},
	{2, "fill_template", "Add provider to Excel roster", NULL, 1, 2},
	{3, "submit_roster", "Submit roster to payer", NULL, 0, 3},
	{4, "confirm_receipt", "Confirm receipt of roster", NULL, 3, 4}
};

static const td_task pdf_form_submission_tasks[] = {
	{1, "download_form", "Download application form", NULL, 0, 1},
	{2, "fill_form", "Complete application form", NULL, 1, 2},
	{3, "submit_form", "Email completed form to payer", NULL, 0, 3},
	{4, "confirm_receipt", "Confirm receipt of application", NULL, 3, 4}
};

static const char *const key_names[TD_NUM_KEYS] = {
	"title",
	"description",
	"order",
	"estimated_days",
	"task_type"
};

static const char *const key_rules[TD_NUM_KEYS] = {
	"must be a non-empty string",
	"must be a string or null",
	"must be an integer >= 1",
	"must be an integer >= 0",
	"must be a non-empty string"
};

/* The placeholders, in the order of the td_fill_values members. */
static const char *const placeholder_names[] = {
	"{payer_name}",
	"{provider_name}",
	"{portal_url}",
	"{submission_email}"
};

#define NUM_PLACEHOLDERS (sizeof(placeholder_names) / sizeof(placeholder_names[0]))

/*
 * Workflow type named by name[0..len).
 */
td_workflow
td_workflow_from_name(const char *name, size_t len)
{
	size_t		i;

	if (name == NULL)
		return TD_WORKFLOW_UNKNOWN;
	for (i = 0; i < sizeof(workflow_names) / sizeof(workflow_names[0]); i++)
		if (text_equal(name, len, workflow_names[i]))
			return (td_workflow) i;
	return TD_WORKFLOW_UNKNOWN;
}

/*
 * Name of a workflow type.
 */
const char *
td_workflow_name(td_workflow wf)
{
	if (wf < TD_INSTANT_NETWORK || wf > TD_PDF_FORM_SUBMISSION)
		return NULL;
	return workflow_names[wf];
}

/*
 * A payer that only needs to be notified joins by instant network; every
 * other payer is assumed to take applications through a portal.
 */
td_workflow
td_fallback_workflow(bool requires_individual_contract)
{
	return requires_individual_contract ? TD_ONLINE_PORTAL : TD_INSTANT_NETWORK;
}

/*
 * Copy the default list of wf into out.
 */
int
td_default_tasks(td_workflow wf, int approval_days, td_task *out)
{
	const td_task *src;
	int			n;

	switch (wf)
	{
		case TD_INSTANT_NETWORK:
			src = instant_network_tasks;
			n = (int) (sizeof(instant_network_tasks) / sizeof(td_task));
			break;
		case TD_ONLINE_PORTAL:
			src = online_portal_tasks;
			n = (int) (sizeof(online_portal_tasks) / sizeof(td_task));
			break;
		case TD_EXCEL_SUBMISSION:
			src = excel_submission_tasks;
			n = (int) (sizeof(excel_submission_tasks) / sizeof(td_task));
			break;
		case TD_PDF_FORM_SUBMISSION:
			src = pdf_form_submission_tasks;
			n = (int) (sizeof(pdf_form_submission_tasks) / sizeof(td_task));
			break;
		default:
			return 0;
	}
	memcpy(out, src, (size_t) n * sizeof(td_task));
	if (wf == TD_ONLINE_PORTAL && approval_days >= 0)
		out[n - 1].estimated_days = approval_days;
	return n;
}

/*
 * qsort comparator: order, then position.
 */
static int
compare_tasks(const void *a, const void *b)
{
	const td_task *ta = (const td_task *) a;
	const td_task *tb = (const td_task *) b;

	if (ta->order != tb->order)
		return ta->order < tb->order ? -1 : 1;
	if (ta->position != tb->position)
		return ta->position < tb->position ? -1 : 1;
	return 0;
}

/*
 * Sort by order then position.
 */
void
td_sort_tasks(td_task *tasks, size_t n)
{
	if (n > 1)
		qsort(tasks, n, sizeof(td_task), compare_tasks);
}

/*
 * Equal orders are adjacent once sorted; the first pair found is reported.
 */
bool
td_find_duplicate_order(const td_task *tasks, size_t n,
						size_t *first, size_t *second)
{
	size_t		i;

	for (i = 1; i < n; i++)
	{
		if (tasks[i].order == tasks[i - 1].order)
		{
			*first = i - 1;
			*second = i;
			return true;
		}
	}
	return false;
}

/*
 * Running sum of estimated_days.
 */
void
td_due_offsets(const td_task *tasks, size_t n, long long *offsets)
{
	long long	sum = 0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		if (tasks[i].estimated_days > 0)
			sum += tasks[i].estimated_days;
		offsets[i] = sum;
	}
}

/*
 * Index of the placeholder starting at s[0..len), or -1.
 */
static int
placeholder_at(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < NUM_PLACEHOLDERS; i++)
	{
		size_t		plen = strlen(placeholder_names[i]);

		if (plen <= len && memcmp(s, placeholder_names[i], plen) == 0)
			return (int) i;
	}
	return -1;
}

/*
 * Value of placeholder i ("" for NULL).
 */
static const char *
placeholder_value(const td_fill_values *values, int i)
{
	const char *v = NULL;

	switch (i)
	{
		case 0:
			v = values->payer_name;
			break;
		case 1:
			v = values->provider_name;
			break;
		case 2:
			v = values->portal_url;
			break;
		case 3:
			v = values->submission_email;
			break;
	}
	return v ? v : "";
}

/*
 * Append piece[0..plen) to dst at *used, within cap - 1 bytes.
 */
static void
append(char *dst, size_t cap, size_t *used, const char *piece, size_t plen)
{
	if (cap > 0 && *used < cap - 1)
	{
		size_t		room = cap - 1 - *used;

		memcpy(dst + *used, piece, plen < room ? plen : room);
	}
	*used += plen;
}

/*
 * Fill the placeholders of src into dst (snprintf-like).
 */
size_t
td_fill_placeholders(const char *src, size_t len, const td_fill_values *values,
					 char *dst, size_t cap)
{
	size_t		used = 0;
	size_t		i = 0;

	while (i < len)
	{
		const char *brace = memchr(src + i, '{', len - i);
		size_t		run = brace ? (size_t) (brace - (src + i)) : len - i;
		int			p;

		append(dst, cap, &used, src + i, run);
		i += run;
		if (i >= len)
			break;
		p = placeholder_at(src + i, len - i);
		if (p < 0)
		{
			append(dst, cap, &used, "{", 1);
			i++;
			continue;
		}
		{
			const char *v = placeholder_value(values, p);

			append(dst, cap, &used, v, strlen(v));
			i += strlen(placeholder_names[p]);
		}
	}
	if (cap > 0)
		dst[used < cap - 1 ? used : cap - 1] = '\0';
	return used;
}

/*
 * True when a known placeholder occurs in src[0..len).
 */
bool
td_has_placeholder(const char *src, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		const char *brace = memchr(src + i, '{', len - i);

		if (brace == NULL)
			return false;
		i = (size_t) (brace - src);
		if (placeholder_at(src + i, len - i) >= 0)
			return true;
		i++;
	}
	return false;
}

/*
 * The skip/reopen/create rules, in the order DESIGN §4.1 gives them.
 */
td_action
td_decide(const char *network_status, const char *application_status,
		  bool reapplication_eligible, const char **reason)
{
	*reason = NULL;
	if (network_status != NULL && strcmp(network_status, "in_network") == 0)
	{
		*reason = "already_contracted";
		return TD_ACTION_SKIP;
	}
	if (application_status == NULL)
		return TD_ACTION_CREATE;
	if (strcmp(application_status, "approved") == 0)
	{
		*reason = "already_approved";
		return TD_ACTION_SKIP;
	}
	if (strcmp(application_status, "denied") == 0 ||
		strcmp(application_status, "withdrawn") == 0)
	{
		if (reapplication_eligible)
			return TD_ACTION_REOPEN;
		*reason = "not_eligible_for_reapplication";
		return TD_ACTION_SKIP;
	}
	/* not_started, in_progress, submitted, under_review, on_hold */
	*reason = "already_credentialing";
	return TD_ACTION_SKIP;
}

/*
 * Known template key for name[0..len).
 */
td_key
td_template_key(const char *name, size_t len)
{
	int			i;

	for (i = 0; i < TD_NUM_KEYS; i++)
		if (text_equal(name, len, key_names[i]))
			return (td_key) i;
	return TD_KEY_UNKNOWN;
}

/*
 * JSON name of a key.
 */
const char *
td_template_key_name(td_key key)
{
	if (key < 0 || key >= TD_NUM_KEYS)
		return NULL;
	return key_names[key];
}

/*
 * The rule a key's value must follow, as a phrase for error messages.
 */
const char *
td_template_key_rule(td_key key)
{
	if (key < 0 || key >= TD_NUM_KEYS)
		return NULL;
	return key_rules[key];
}

/*
 * Empty or white space only.
 */
bool
td_is_blank(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (!text_is_space(s[i]))
			return false;
	return true;
}

/*
 * Check an integer value against a minimum.
 */
static td_check
check_integer(const td_json_value *value, int minimum)
{
	if (value->kind != TD_JSON_NUMBER)
		return TD_CHECK_WRONG_TYPE;
	if (!value->is_integral)
		return TD_CHECK_NOT_INTEGER;
	if (!value->in_int_range || value->ival < minimum)
		return TD_CHECK_OUT_OF_RANGE;
	return TD_CHECK_OK;
}

/*
 * Check a non-empty string value.
 */
static td_check
check_text(const td_json_value *value)
{
	if (value->kind != TD_JSON_STRING)
		return TD_CHECK_WRONG_TYPE;
	if (td_is_blank(value->str, value->len))
		return TD_CHECK_EMPTY;
	return TD_CHECK_OK;
}

/*
 * The per-key rules of DESIGN §3.
 */
td_check
td_check_template_value(td_key key, const td_json_value *value)
{
	switch (key)
	{
		case TD_KEY_TITLE:
		case TD_KEY_TASK_TYPE:
			return check_text(value);
		case TD_KEY_DESCRIPTION:
			if (value->kind == TD_JSON_STRING || value->kind == TD_JSON_NULL)
				return TD_CHECK_OK;
			return TD_CHECK_WRONG_TYPE;
		case TD_KEY_ORDER:
			return check_integer(value, 1);
		case TD_KEY_ESTIMATED_DAYS:
			return check_integer(value, 0);
		default:
			return TD_CHECK_WRONG_TYPE;
	}
}

/*
 * Name of a JSON kind.
 */
const char *
td_json_kind_name(td_json_kind kind)
{
	switch (kind)
	{
		case TD_JSON_NULL:
			return "null";
		case TD_JSON_STRING:
			return "string";
		case TD_JSON_NUMBER:
			return "number";
		case TD_JSON_BOOL:
			return "boolean";
		case TD_JSON_ARRAY:
			return "array";
		case TD_JSON_OBJECT:
			return "object";
	}
	return "unknown";
}
