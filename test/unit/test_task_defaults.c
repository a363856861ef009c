/*
 * test/unit/test_task_defaults.c
 *		Unit tests of the task-template rules (src/core/task_defaults.c):
 *		default task lists, fallback workflow, skip/reopen/create decision,
 *		ordering, due-date offsets, placeholders and template value checks.
 */
#include <stdlib.h>

#include "task_defaults.h"
#include "unit.h"

/*
 * Compare one default task with its expected order, type, title and days.
 */
static void
check_task(const td_task *t, int order, const char *type, const char *title,
		   int days, const char *what)
{
	char		desc[200];

	snprintf(desc, sizeof(desc), "%s: task %d is %s", what, order, type);
	CHECK(t->order == order && strcmp(t->task_type, type) == 0 &&
		  strcmp(t->title, title) == 0 && t->estimated_days == days &&
		  t->description == NULL,
		  desc);
}

/*
 * The four default lists of DESIGN §4.1.
 */
static void
test_default_lists(void)
{
	td_task		t[TD_MAX_DEFAULT_TASKS];
	int			n;

	n = td_default_tasks(TD_INSTANT_NETWORK, -1, t);
	CHECK_INT(n, 1, "instant_network has one default task");
	check_task(&t[0], 1, "notify_payer", "Notify payer of provider addition", 1, "instant_network");

	n = td_default_tasks(TD_EXCEL_SUBMISSION, 45, t);
	CHECK_INT(n, 4, "excel_submission has four default tasks");
	check_task(&t[0], 1, "download_template", "Download Excel roster template", 0, "excel_submission");
	check_task(&t[1], 2, "fill_template", "Add provider to Excel roster", 1, "excel_submission");
	check_task(&t[2], 3, "submit_roster", "Submit roster to payer", 0, "excel_submission");
	check_task(&t[3], 4, "confirm_receipt", "Confirm receipt of roster", 3, "excel_submission");

	n = td_default_tasks(TD_ONLINE_PORTAL, -1, t);
	CHECK_INT(n, 4, "online_portal has four default tasks");
	check_task(&t[0], 1, "portal_credentials", "Obtain portal credentials", 1, "online_portal");
	check_task(&t[1], 2, "submit_application", "Submit provider application", 2, "online_portal");
	check_task(&t[2], 3, "record_application_id", "Record application ID", 0, "online_portal");
	check_task(&t[3], 4, "follow_up", "Follow up on application status", 30,
			   "online_portal without typical_approval_days");

	n = td_default_tasks(TD_ONLINE_PORTAL, 90, t);
	check_task(&t[3], 4, "follow_up", "Follow up on application status", 90,
			   "online_portal with typical_approval_days 90");
	n = td_default_tasks(TD_ONLINE_PORTAL, 0, t);
	CHECK_INT(t[3].estimated_days, 0, "typical_approval_days 0 gives a same-day follow-up");

	n = td_default_tasks(TD_PDF_FORM_SUBMISSION, 60, t);
	CHECK_INT(n, 4, "pdf_form_submission has four default tasks");
	check_task(&t[0], 1, "download_form", "Download application form", 0, "pdf_form_submission");
	check_task(&t[1], 2, "fill_form", "Complete application form", 1, "pdf_form_submission");
	check_task(&t[2], 3, "submit_form", "Email completed form to payer", 0, "pdf_form_submission");
	check_task(&t[3], 4, "confirm_receipt", "Confirm receipt of application", 3, "pdf_form_submission");

	CHECK_INT(td_default_tasks(TD_WORKFLOW_UNKNOWN, 10, t), 0, "an unknown workflow has no defaults");

	/* the static lists are not modified by a per-call follow-up */
	td_default_tasks(TD_ONLINE_PORTAL, 7, t);
	td_default_tasks(TD_ONLINE_PORTAL, -1, t);
	CHECK_INT(t[3].estimated_days, 30, "a previous call's approval days do not stick");
}

/*
 * Workflow names and the fallback of a payer without a workflow row.
 */
static void
test_workflows(void)
{
	CHECK_INT(td_workflow_from_name("excel_submission", 16), TD_EXCEL_SUBMISSION,
			  "excel_submission is known");
	CHECK_INT(td_workflow_from_name("online_portalX", 13), TD_ONLINE_PORTAL,
			  "the name is read by length, not up to a NUL");
	CHECK_INT(td_workflow_from_name("online", 6), TD_WORKFLOW_UNKNOWN, "a prefix is not a name");
	CHECK_INT(td_workflow_from_name(NULL, 0), TD_WORKFLOW_UNKNOWN, "no name is unknown");
	CHECK_STR(td_workflow_name(TD_PDF_FORM_SUBMISSION), "pdf_form_submission", "names round-trip");
	CHECK(td_workflow_name(TD_WORKFLOW_UNKNOWN) == NULL, "an unknown workflow has no name");
	CHECK_INT(td_fallback_workflow(false), TD_INSTANT_NETWORK,
			  "without an individual contract a payer falls back to instant_network");
	CHECK_INT(td_fallback_workflow(true), TD_ONLINE_PORTAL,
			  "with an individual contract a payer falls back to online_portal");
}

/*
 * The skip, reopen and create rules.
 */
static void
test_decide(void)
{
	const char *reason;

	CHECK_INT(td_decide(NULL, NULL, true, &reason), TD_ACTION_CREATE, "nothing yet: create");
	CHECK(reason == NULL, "a creation has no reason");
	CHECK_INT(td_decide("in_network", NULL, true, &reason), TD_ACTION_SKIP, "in network: skip");
	CHECK_STR(reason, "already_contracted", "in network: already_contracted");
	CHECK_INT(td_decide("in_network", "denied", true, &reason), TD_ACTION_SKIP,
			  "in network wins over a denied application");
	CHECK_STR(reason, "already_contracted", "in network wins: already_contracted");
	CHECK_INT(td_decide("terminated", "approved", true, &reason), TD_ACTION_SKIP,
			  "approved with a terminated contract: skip");
	CHECK_STR(reason, "already_approved", "approved: already_approved");
	CHECK_INT(td_decide(NULL, "approved", true, &reason), TD_ACTION_SKIP,
			  "approved without a contract: skip");
	CHECK_STR(reason, "already_approved", "approved without contract: already_approved");
	CHECK_INT(td_decide("pending", NULL, true, &reason), TD_ACTION_CREATE,
			  "a pending contract without an application: create");
	{
		static const char *const open[] = {"not_started", "in_progress", "submitted",
		"under_review", "on_hold", "some_future_status"};
		size_t		i;

		for (i = 0; i < sizeof(open) / sizeof(open[0]); i++)
		{
			char		desc[100];

			snprintf(desc, sizeof(desc), "%s: already_credentialing", open[i]);
			td_decide(NULL, open[i], true, &reason);
			CHECK_STR(reason, "already_credentialing", desc);
		}
	}
	CHECK_INT(td_decide(NULL, "denied", true, &reason), TD_ACTION_REOPEN, "denied and eligible: reopen");
	CHECK(reason == NULL, "a reopen has no reason");
	CHECK_INT(td_decide("terminated", "withdrawn", true, &reason), TD_ACTION_REOPEN,
			  "withdrawn and eligible: reopen");
	CHECK_INT(td_decide(NULL, "denied", false, &reason), TD_ACTION_SKIP, "denied, not eligible: skip");
	CHECK_STR(reason, "not_eligible_for_reapplication", "denied, not eligible: reason");
	td_decide(NULL, "withdrawn", false, &reason);
	CHECK_STR(reason, "not_eligible_for_reapplication", "withdrawn, not eligible: reason");
}

/*
 * Sorting, duplicate orders and due-date offsets.
 */
static void
test_order_and_offsets(void)
{
	td_task		t[4] = {
		{3, "a", "third", NULL, 0, 1},
		{1, "b", "first", NULL, 1, 2},
		{4, "c", "fourth", NULL, 30, 3},
		{2, "d", "second", NULL, 2, 4},
	};
	long long	off[4];
	size_t		i1,
				i2;

	td_sort_tasks(t, 4);
	CHECK(strcmp(t[0].title, "first") == 0 && strcmp(t[1].title, "second") == 0 &&
		  strcmp(t[2].title, "third") == 0 && strcmp(t[3].title, "fourth") == 0,
		  "tasks are sorted by order");
	CHECK(!td_find_duplicate_order(t, 4, &i1, &i2), "distinct orders have no duplicate");
	td_due_offsets(t, 4, off);
	CHECK(off[0] == 1 && off[1] == 3 && off[2] == 3 && off[3] == 33,
		  "due offsets are the running sum of estimated_days (Molina: 1, 3, 3, 33)");

	{
		td_task		d[3] = {
			{2, "x", "late", NULL, 0, 3},
			{2, "x", "early", NULL, 0, 1},
			{1, "x", "one", NULL, 0, 2},
		};

		td_sort_tasks(d, 3);
		CHECK(strcmp(d[1].title, "early") == 0 && strcmp(d[2].title, "late") == 0,
			  "equal orders keep array position order");
		CHECK(td_find_duplicate_order(d, 3, &i1, &i2), "equal orders are found");
		CHECK(d[i1].position == 1 && d[i2].position == 3,
			  "the duplicate pair is reported earlier element first");
	}
	{
		td_task		big[2] = {
			{1, "x", "a", NULL, 2147483647, 1},
			{2, "x", "b", NULL, 2147483647, 2},
		};

		td_due_offsets(big, 2, off);
		CHECK(off[1] == 4294967294LL, "offsets do not overflow 32 bits");
	}
	td_sort_tasks(t, 0);
	CHECK(!td_find_duplicate_order(t, 0, &i1, &i2), "no tasks have no duplicate");
}

/*
 * Fill src (NUL-terminated) and return a malloc'd result, checking the
 * measured length against the written one.
 */
static char *
fill(const char *src, const td_fill_values *v)
{
	size_t		need = td_fill_placeholders(src, strlen(src), v, NULL, 0);
	char	   *buf = malloc(need + 1);
	size_t		got = td_fill_placeholders(src, strlen(src), v, buf, need + 1);

	if (got != need || strlen(buf) != need)
		buf[0] = '\0';
	return buf;
}

/*
 * Placeholder substitution.
 */
static void
test_placeholders(void)
{
	td_fill_values v = {"Molina Healthcare of Utah", "Jane Doe",
	"https://provider.molinahealthcare.com", NULL};
	char	   *s;
	char		small[8];
	size_t		n;

	s = fill("Complete Molina provider application for {provider_name} at {portal_url}", &v);
	CHECK_STR(s, "Complete Molina provider application for Jane Doe at https://provider.molinahealthcare.com",
			  "provider name and portal URL are filled in");
	free(s);
	s = fill("Send to {submission_email}.", &v);
	CHECK_STR(s, "Send to .", "a missing value becomes the empty string");
	free(s);
	s = fill("{payer_name}{payer_name}", &v);
	CHECK_STR(s, "Molina Healthcare of UtahMolina Healthcare of Utah", "adjacent placeholders are all filled");
	free(s);
	s = fill("{unknown} {payer_name", &v);
	CHECK_STR(s, "{unknown} {payer_name", "unknown and unclosed placeholders are left as they are");
	free(s);
	s = fill("{{provider_name}}", &v);
	CHECK_STR(s, "{Jane Doe}", "a placeholder inside extra braces is filled");
	free(s);
	s = fill("", &v);
	CHECK_STR(s, "", "the empty string stays empty");
	free(s);
	s = fill("no braces", &v);
	CHECK_STR(s, "no braces", "text without placeholders is copied");
	free(s);

	n = td_fill_placeholders("to {provider_name}", 18, &v, small, sizeof(small));
	CHECK_INT(n, 11, "a short buffer still reports the full length");
	CHECK_STR(small, "to Jane", "a short buffer is truncated and terminated");
	n = td_fill_placeholders("{payer_name}", 5, &v, small, sizeof(small));
	CHECK_STR(small, "{paye", "only len bytes of the source are read");
	CHECK_INT(n, 5, "a cut placeholder is plain text");

	CHECK(td_has_placeholder("x {portal_url}", 14), "a placeholder is detected");
	CHECK(!td_has_placeholder("x {portal} {", 12), "brace text that is no placeholder is not");
	CHECK(!td_has_placeholder("{portal_url}", 11), "a placeholder cut by len is not detected");
}

/*
 * Build a string value.
 */
static td_json_value
string_value(const char *s)
{
	td_json_value v;

	memset(&v, 0, sizeof(v));
	v.kind = TD_JSON_STRING;
	v.str = s;
	v.len = strlen(s);
	return v;
}

/*
 * Build a number value.
 */
static td_json_value
number_value(bool integral, bool in_range, int ival)
{
	td_json_value v;

	memset(&v, 0, sizeof(v));
	v.kind = TD_JSON_NUMBER;
	v.is_integral = integral;
	v.in_int_range = in_range;
	v.ival = ival;
	return v;
}

/*
 * Template keys and value checks.
 */
static void
test_template_checks(void)
{
	td_json_value v;
	td_json_value null_value;

	memset(&null_value, 0, sizeof(null_value));
	null_value.kind = TD_JSON_NULL;

	CHECK_INT(td_template_key("title", 5), TD_KEY_TITLE, "title is a key");
	CHECK_INT(td_template_key("estimated_days", 14), TD_KEY_ESTIMATED_DAYS, "estimated_days is a key");
	CHECK_INT(td_template_key("task_type", 9), TD_KEY_TASK_TYPE, "task_type is a key");
	CHECK_INT(td_template_key("Title", 5), TD_KEY_UNKNOWN, "keys are case-sensitive");
	CHECK_INT(td_template_key("days", 4), TD_KEY_UNKNOWN, "days is not a key");
	CHECK_STR(td_template_key_name(TD_KEY_ORDER), "order", "key names round-trip");
	CHECK_STR(td_template_key_rule(TD_KEY_ESTIMATED_DAYS), "must be an integer >= 0",
			  "estimated_days has its rule");

	v = string_value("Submit");
	CHECK_INT(td_check_template_value(TD_KEY_TITLE, &v), TD_CHECK_OK, "a title string is fine");
	v = string_value(" \t\n");
	CHECK_INT(td_check_template_value(TD_KEY_TITLE, &v), TD_CHECK_EMPTY, "a blank title is empty");
	v = string_value("");
	CHECK_INT(td_check_template_value(TD_KEY_TASK_TYPE, &v), TD_CHECK_EMPTY, "an empty task_type is empty");
	CHECK_INT(td_check_template_value(TD_KEY_TITLE, &null_value), TD_CHECK_WRONG_TYPE,
			  "a null title is the wrong type");
	CHECK_INT(td_check_template_value(TD_KEY_TASK_TYPE, &null_value), TD_CHECK_WRONG_TYPE,
			  "a null task_type is the wrong type");
	CHECK_INT(td_check_template_value(TD_KEY_DESCRIPTION, &null_value), TD_CHECK_OK,
			  "a null description is fine");
	v = string_value("");
	CHECK_INT(td_check_template_value(TD_KEY_DESCRIPTION, &v), TD_CHECK_OK,
			  "an empty description is fine");
	v = number_value(true, true, 3);
	CHECK_INT(td_check_template_value(TD_KEY_DESCRIPTION, &v), TD_CHECK_WRONG_TYPE,
			  "a numeric description is the wrong type");
	CHECK_INT(td_check_template_value(TD_KEY_TITLE, &v), TD_CHECK_WRONG_TYPE,
			  "a numeric title is the wrong type");
	CHECK_INT(td_check_template_value(TD_KEY_ORDER, &v), TD_CHECK_OK, "order 3 is fine");
	v = number_value(true, true, 0);
	CHECK_INT(td_check_template_value(TD_KEY_ORDER, &v), TD_CHECK_OUT_OF_RANGE, "order 0 is out of range");
	CHECK_INT(td_check_template_value(TD_KEY_ESTIMATED_DAYS, &v), TD_CHECK_OK, "0 days are fine");
	v = number_value(true, true, -1);
	CHECK_INT(td_check_template_value(TD_KEY_ESTIMATED_DAYS, &v), TD_CHECK_OUT_OF_RANGE,
			  "negative days are out of range");
	v = number_value(false, false, 0);
	CHECK_INT(td_check_template_value(TD_KEY_ESTIMATED_DAYS, &v), TD_CHECK_NOT_INTEGER,
			  "1.5 days are not an integer");
	v = number_value(true, false, 0);
	CHECK_INT(td_check_template_value(TD_KEY_ORDER, &v), TD_CHECK_OUT_OF_RANGE,
			  "an order beyond 32 bits is out of range");
	v = string_value("2");
	CHECK_INT(td_check_template_value(TD_KEY_ORDER, &v), TD_CHECK_WRONG_TYPE,
			  "a string order is the wrong type");
	CHECK_INT(td_check_template_value(TD_KEY_UNKNOWN, &v), TD_CHECK_WRONG_TYPE,
			  "an unknown key has no valid value");
	CHECK(td_is_blank("", 0) && td_is_blank(" \r\f\v", 4) && !td_is_blank(" x ", 3),
		  "blank means only white space");
	CHECK_STR(td_json_kind_name(TD_JSON_BOOL), "boolean", "JSON kinds have names");
	CHECK_STR(td_json_kind_name(TD_JSON_OBJECT), "object", "objects are named object");
}

int
main(void)
{
	test_default_lists();
	test_workflows();
	test_decide();
	test_order_and_offsets();
	test_placeholders();
	test_template_checks();
	return unit_done();
}
