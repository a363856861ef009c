/*
 * src/task_templates.c
 *		The task_templates rules of payer_credentialing_workflows (DESIGN
 *		§3): task_templates_read(), which validates and extracts the
 *		templates, and the workflow_before_write trigger, which refuses an
 *		invalid task_templates on INSERT and UPDATE and maintains updated_at.
 *
 * task_templates_read() is also called by credential_payers
 * (src/task_generation.c).  The value rules themselves are pure C, in
 * src/core/task_defaults.c.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "jsonb_util.h"
#include "spi_util.h"
#include "task_templates.h"

/* Longest JSON text quoted in an error detail before it is cut. */
#define DETAIL_VALUE_MAX 200

/*
 * Describe a jsonb value for the pure-C checks: its kind, and for strings
 * and numbers what the rules look at.
 */
static td_json_value
classify_value(JsonbValue *v)
{
	td_json_value out;

	memset(&out, 0, sizeof(out));
	switch (v->type)
	{
		case jbvNull:
			out.kind = TD_JSON_NULL;
			break;
		case jbvString:
			out.kind = TD_JSON_STRING;
			out.str = v->val.string.val;
			out.len = v->val.string.len;
			break;
		case jbvBool:
			out.kind = TD_JSON_BOOL;
			break;
		case jbvNumeric:
			out.kind = TD_JSON_NUMBER;
			if (!numeric_is_nan(v->val.numeric) && !numeric_is_inf(v->val.numeric))
			{
				bool		overflow = false;
				int32		ival;

				out.is_integral =
					DatumGetInt32(DirectFunctionCall1(numeric_min_scale,
													  NumericGetDatum(v->val.numeric))) == 0;
				if (out.is_integral)
				{
					ival = numeric_int4_opt_error(v->val.numeric, &overflow);
					out.in_int_range = !overflow;
					out.ival = overflow ? 0 : ival;
				}
			}
			break;
		case jbvBinary:
			out.kind = JsonContainerIsObject(v->val.binary.data) ? TD_JSON_OBJECT : TD_JSON_ARRAY;
			break;
		default:
			elog(ERROR, "unexpected jsonb value type %d in task template", (int) v->type);
	}
	return out;
}

/*
 * The hint of a field's rule.
 */
static const char *
key_hint(td_key key)
{
	switch (key)
	{
		case TD_KEY_TITLE:
			return "Give every task template a non-empty \"title\" string.";
		case TD_KEY_DESCRIPTION:
			return "Write \"description\" as a JSON string, or null for none.";
		case TD_KEY_ORDER:
			return "Number the templates 1, 2, 3, ... in the order the steps are done, or leave \"order\" out to use the element's position.";
		case TD_KEY_ESTIMATED_DAYS:
			return "Give the days the step takes as a whole number, 0 or more, or leave \"estimated_days\" out for 0.";
		case TD_KEY_TASK_TYPE:
			return "Name the task type (e.g. \"record_application_id\"), or leave \"task_type\" out for \"workflow_task\".";
		default:
			return NULL;
	}
}

/*
 * Raise the error for a key whose value breaks its rule (check is what
 * td_check_template_value found, v the classified value).
 */
static void
report_bad_value(int position, td_key key, JsonbValue *value, td_check check,
				 const td_json_value *v)
{
	const char *name = td_template_key_name(key);

	if (check == TD_CHECK_OUT_OF_RANGE && v->is_integral && !v->in_int_range)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("task_templates[%d].%s is out of range for an integer", position, name),
				 errdetail("Element %d of task_templates (counting from 1) has \"%s\": %s.",
						   position, name, cred_json_value_text(value, DETAIL_VALUE_MAX)),
				 errhint("%s", key_hint(key))));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("task_templates[%d].%s %s", position, name, td_template_key_rule(key)),
			 errdetail("Element %d of task_templates (counting from 1) has \"%s\": %s.",
					   position, name, cred_json_value_text(value, DETAIL_VALUE_MAX)),
			 errhint("%s", key_hint(key))));
}

/*
 * Validate one template object (element number position, 1-based) and fill
 * *task from it; order defaults to position (*has_order tells whether the
 * element gave one).
 */
static void
read_template(JsonbValue *elem, int position, td_task *task, bool *has_order)
{
	JsonbIterator *it;
	JsonbIteratorToken tok;
	JsonbValue	key;
	JsonbValue	value;
	bool		has_title = false;

	if (elem->type != jbvBinary || !JsonContainerIsObject(elem->val.binary.data))
	{
		td_json_value kind = classify_value(elem);

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("task_templates[%d] must be a JSON object", position),
				 errdetail("Element %d of task_templates (counting from 1) is %s, a JSON %s.",
						   position, cred_json_value_text(elem, DETAIL_VALUE_MAX),
						   td_json_kind_name(kind.kind)),
				 errhint("Write each task template as an object such as {\"title\": \"Submit application\", \"order\": 1, \"estimated_days\": 2}.")));
	}

	task->order = position;
	task->position = position;
	task->task_type = TD_DEFAULT_TEMPLATE_TASK_TYPE;
	task->title = NULL;
	task->description = NULL;
	task->estimated_days = 0;
	*has_order = false;

	it = JsonbIteratorInit(elem->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &key, true)) != WJB_DONE)
	{
		td_key		k;
		td_json_value v;
		td_check	check;

		if (tok != WJB_KEY)
			continue;
		tok = JsonbIteratorNext(&it, &value, true);
		if (tok != WJB_VALUE)
			elog(ERROR, "unexpected jsonb iterator token %d in task template", (int) tok);

		k = td_template_key(key.val.string.val, key.val.string.len);
		if (k == TD_KEY_UNKNOWN)
		{
			char	   *name = pnstrdup(key.val.string.val, key.val.string.len);

			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("task_templates[%d] has an unknown key \"%s\"", position, name),
					 errdetail("Element %d of task_templates (counting from 1) is %s.",
							   position, cred_json_value_text(elem, DETAIL_VALUE_MAX)),
					 errhint("A task template may only have the keys title, description, order, estimated_days and task_type.")));
		}

		v = classify_value(&value);
		check = td_check_template_value(k, &v);
		if (check != TD_CHECK_OK)
			report_bad_value(position, k, &value, check, &v);

		switch (k)
		{
			case TD_KEY_TITLE:
				task->title = pnstrdup(v.str, v.len);
				has_title = true;
				break;
			case TD_KEY_DESCRIPTION:
				task->description = v.kind == TD_JSON_NULL ? NULL : pnstrdup(v.str, v.len);
				break;
			case TD_KEY_ORDER:
				task->order = v.ival;
				*has_order = true;
				break;
			case TD_KEY_ESTIMATED_DAYS:
				task->estimated_days = v.ival;
				break;
			case TD_KEY_TASK_TYPE:
				task->task_type = pnstrdup(v.str, v.len);
				break;
			default:
				break;
		}
	}

	if (!has_title)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("task_templates[%d].title is missing", position),
				 errdetail("Element %d of task_templates (counting from 1) is %s.",
						   position, cred_json_value_text(elem, DETAIL_VALUE_MAX)),
				 errhint("%s", key_hint(TD_KEY_TITLE))));
}

/*
 * Validate the whole task_templates value and extract its templates.
 */
int
task_templates_read(Jsonb *templates, td_task **tasks)
{
	JsonbIterator *it;
	JsonbIteratorToken tok;
	JsonbValue	v;
	td_task    *out;
	bool	   *has_order;
	int			count;
	int			n = 0;
	size_t		first;
	size_t		second;

	if (!JB_ROOT_IS_ARRAY(templates) || JB_ROOT_IS_SCALAR(templates))
	{
		const char *kind;

		if (JB_ROOT_IS_OBJECT(templates))
			kind = "object";
		else
		{
			JsonbValue	scalar;

			if (!JsonbExtractScalar(&templates->root, &scalar))
				elog(ERROR, "task_templates: jsonb is neither array, object nor scalar");
			kind = td_json_kind_name(classify_value(&scalar).kind);
		}
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("task_templates must be a JSON array"),
				 errdetail("task_templates is a JSON %s: %s.", kind,
						   JsonbToCString(NULL, &templates->root, VARSIZE(templates))),
				 errhint("Write an array of task template objects, or [] for the default tasks of the workflow type.")));
	}

	count = JB_ROOT_COUNT(templates);
	out = palloc(sizeof(td_task) * Max(count, 1));
	has_order = palloc(sizeof(bool) * Max(count, 1));

	it = JsonbIteratorInit(&templates->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		if (n >= count)
			elog(ERROR, "task_templates: more elements than the array header says");
		read_template(&v, n + 1, &out[n], &has_order[n]);
		n++;
	}

	td_sort_tasks(out, n);
	if (td_find_duplicate_order(out, n, &first, &second))
	{
		const td_task *a = &out[first];
		const td_task *b = &out[second];
		const char *implied = "";

		/* two implied orders never collide: positions are distinct */
		if (!has_order[b->position - 1])
			implied = psprintf(" (element %d has no \"order\" and takes its position)", b->position);
		else if (!has_order[a->position - 1])
			implied = psprintf(" (element %d has no \"order\" and takes its position)", a->position);

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("task_templates[%d].order duplicates the order of task_templates[%d]",
						b->position, a->position),
				 errdetail("Elements %d and %d of task_templates (counting from 1) both have order %d%s.",
						   a->position, b->position, a->order, implied),
				 errhint("Give every task template a different \"order\".")));
	}

	*tasks = out;
	return n;
}

PG_FUNCTION_INFO_V1(workflow_before_write);

/*
 * BEFORE INSERT OR UPDATE row trigger on payer_credentialing_workflows:
 * refuse an invalid task_templates (nothing is written) and, on UPDATE, set
 * updated_at to the transaction time as set_updated_at does.  An INSERT
 * only validates, so that restoring a dump gives back identical rows.
 */
Datum
workflow_before_write(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	tupdesc;
	HeapTuple	tuple;
	bool		is_update;
	int			attnum;
	Datum		value;
	bool		isnull;

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "workflow_before_write: not called by trigger manager");
	if (!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!TRIGGER_FIRED_BEFORE(trigdata->tg_event))
		elog(ERROR, "workflow_before_write: must be fired BEFORE ... FOR EACH ROW");
	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		is_update = false;
	else if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		is_update = true;
	else
		elog(ERROR, "workflow_before_write: must be fired by INSERT or UPDATE");

	tupdesc = trigdata->tg_relation->rd_att;
	tuple = is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple;

	attnum = cred_column_number(trigdata->tg_relation, "task_templates");
	value = heap_getattr(tuple, attnum, tupdesc, &isnull);
	if (!isnull)
	{
		/* NULL is left to the NOT NULL constraint */
		MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext,
												  "workflow_before_write",
												  ALLOCSET_SMALL_SIZES);
		MemoryContext old = MemoryContextSwitchTo(tmp);
		td_task    *tasks;

		(void) task_templates_read(DatumGetJsonbP(value), &tasks);
		MemoryContextSwitchTo(old);
		MemoryContextDelete(tmp);
	}

	if (is_update)
	{
		bool		nullflag = false;

		attnum = cred_column_number(trigdata->tg_relation, "updated_at");
		value = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
		tuple = heap_modify_tuple_by_cols(tuple, tupdesc, 1, &attnum, &value, &nullflag);
	}
	return PointerGetDatum(tuple);
}
