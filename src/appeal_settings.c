/*
 * src/appeal_settings.c
 *		The appeal settings (DESIGN §5.3): loading the settings that apply to
 *		a payer's claims, the appeal_settings singleton (a BEFORE INSERT
 *		trigger that merges an inserted row into the existing one, so a
 *		pg_dump restore and a plain INSERT both work), and
 *		apply_integration_config, which imports the integration
 *		configuration document into appeal_settings and payer_appeal_rules.
 *
 * Callers: SQL (apply_integration_config, trigger appeal_settings_merge),
 * src/appeal_eval.c and src/ecs_claims.c (appeal_load_settings).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/rel.h"

#include "appeal_eval.h"
#include "jsonb_util.h"
#include "spi_util.h"
#include "text_util.h"

static SPIPlanPtr load_settings_plan;
static SPIPlanPtr load_rule_plan;
static SPIPlanPtr merge_plan;
static SPIPlanPtr lock_settings_plan;
static SPIPlanPtr insert_settings_plan;
static SPIPlanPtr update_settings_plan;
static SPIPlanPtr lock_rule_plan;
static SPIPlanPtr insert_rule_plan;
static SPIPlanPtr update_rule_plan;

/*
 * The settings that apply to a claim of payer_code; see appeal_eval.h.
 */
void
appeal_load_settings(const char *payer_code, ArEffective *out)
{
	MemoryContext caller = CurrentMemoryContext;
	ArGlobalSettings g;
	ArPayerRule p;
	bool		has_rule = false;
	bool		isnull;
	HeapTuple	tup;
	TupleDesc	desc;
	SPIPlanPtr	plan;
	Datum		d;

	ar_global_defaults(&g);
	memset(&p, 0, sizeof(p));

	cred_connect();

	plan = cred_prepare(&load_settings_plan,
						"SELECT s.appeals_enabled, s.include_appeal_metadata, "
						"       s.timely_filing_days, s.default_appeal_type, "
						"       s.deadline_warning_days "
						"  FROM credentialing.appeal_settings s WHERE s.singleton",
						0, NULL);
	cred_execute(plan, NULL, NULL, true, 1, SPI_OK_SELECT);
	if (SPI_processed > 0)
	{
		tup = SPI_tuptable->vals[0];
		desc = SPI_tuptable->tupdesc;
		g.appeals_enabled = DatumGetBool(SPI_getbinval(tup, desc, 1, &isnull));
		g.include_appeal_metadata = DatumGetBool(SPI_getbinval(tup, desc, 2, &isnull));
		g.timely_filing_days = DatumGetInt32(SPI_getbinval(tup, desc, 3, &isnull));
		d = SPI_getbinval(tup, desc, 4, &isnull);
		g.default_appeal_type = isnull ? NULL
			: MemoryContextStrdup(caller, TextDatumGetCString(d));
		g.deadline_warning_days = DatumGetInt32(SPI_getbinval(tup, desc, 5, &isnull));
	}

	if (payer_code != NULL)
	{
		Oid			argtypes[1] = {TEXTOID};
		Datum		arg = CStringGetTextDatum(payer_code);

		plan = cred_prepare(&load_rule_plan,
							"SELECT r.appeals_enabled, r.timely_filing_days, "
							"       r.default_appeal_type, r.notice_grace_days "
							"  FROM credentialing.payer_appeal_rules r "
							" WHERE r.payer_code OPERATOR(pg_catalog.=) $1",
							1, argtypes);
		cred_execute(plan, &arg, NULL, true, 1, SPI_OK_SELECT);
		if (SPI_processed > 0)
		{
			has_rule = true;
			tup = SPI_tuptable->vals[0];
			desc = SPI_tuptable->tupdesc;
			d = SPI_getbinval(tup, desc, 1, &isnull);
			p.has_appeals_enabled = !isnull;
			p.appeals_enabled = !isnull && DatumGetBool(d);
			d = SPI_getbinval(tup, desc, 2, &isnull);
			p.has_timely_filing_days = !isnull;
			p.timely_filing_days = isnull ? 0 : DatumGetInt32(d);
			d = SPI_getbinval(tup, desc, 3, &isnull);
			p.default_appeal_type = isnull ? NULL
				: MemoryContextStrdup(caller, TextDatumGetCString(d));
			p.notice_grace_days = DatumGetInt32(SPI_getbinval(tup, desc, 4, &isnull));
		}
	}
	SPI_finish();

	ar_effective_settings(&g, has_rule ? &p : NULL, out);
	if (out->appeal_type_fell_back)
	{
		if (out->type_from_payer)
			ereport(WARNING,
					(errmsg("appeal type \"%s\" of payer %s is not valid; Reconsideration is used",
							out->configured_appeal_type, payer_code),
					 errdetail("Accepted types: %s.", AR_APPEAL_TYPE_LIST),
					 errhint("Correct default_appeal_type of the payer in credentialing.payer_appeal_rules, or set it to NULL to use the global type.")));
		else
			ereport(WARNING,
					(errmsg("default appeal type \"%s\" in appeal_settings is not valid; Reconsideration is used",
							out->configured_appeal_type ? out->configured_appeal_type : ""),
					 errdetail("Accepted types: %s.", AR_APPEAL_TYPE_LIST),
					 errhint("Correct default_appeal_type in credentialing.appeal_settings.")));
	}
}

/* The columns of appeal_settings the merge copies, in parameter order. */
static const char *const merge_columns[] = {
	"id", "appeals_enabled", "include_appeal_metadata", "timely_filing_days",
	"default_appeal_type", "deadline_warning_days", "created_at", "updated_at"
};

#define MERGE_NCOLS 8

PG_FUNCTION_INFO_V1(appeal_settings_merge);

/*
 * BEFORE INSERT row trigger on appeal_settings: when the singleton row
 * exists, the inserted values (every column, id and timestamps included)
 * replace its values and the INSERT itself is skipped.  pg_dump restore
 * relies on it: CREATE EXTENSION inserts the default row, then COPY brings
 * the dumped row, which must end up as the only row, unchanged.  A row whose
 * singleton is not true goes ahead, for the CHECK constraint to refuse.
 */
Datum
appeal_settings_merge(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	tuple;
	Oid			argtypes[MERGE_NCOLS] = {UUIDOID, BOOLOID, BOOLOID, INT4OID, TEXTOID,
	INT4OID, TIMESTAMPTZOID, TIMESTAMPTZOID};
	Datum		values[MERGE_NCOLS];
	char		nulls[MERGE_NCOLS];
	bool		isnull;
	Datum		singleton;
	SPIPlanPtr	plan;
	uint64		merged;
	int			i;

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "appeal_settings_merge: not called by trigger manager");
	if (!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		elog(ERROR, "appeal_settings_merge: must be fired BEFORE INSERT FOR EACH ROW");

	tuple = trigdata->tg_trigtuple;
	desc = trigdata->tg_relation->rd_att;

	singleton = heap_getattr(tuple, cred_column_number(trigdata->tg_relation, "singleton"),
							 desc, &isnull);
	if (isnull || !DatumGetBool(singleton))
		return PointerGetDatum(tuple);

	for (i = 0; i < MERGE_NCOLS; i++)
	{
		int			attnum = cred_column_number(trigdata->tg_relation, merge_columns[i]);

		values[i] = heap_getattr(tuple, attnum, desc, &isnull);
		nulls[i] = isnull ? 'n' : ' ';
	}

	cred_connect();
	plan = cred_prepare(&merge_plan,
						"UPDATE credentialing.appeal_settings s "
						"   SET id = $1, appeals_enabled = $2, include_appeal_metadata = $3, "
						"       timely_filing_days = $4, default_appeal_type = $5, "
						"       deadline_warning_days = $6, created_at = $7, updated_at = $8 "
						" WHERE s.singleton",
						MERGE_NCOLS, argtypes);
	cred_execute(plan, values, nulls, false, 0, SPI_OK_UPDATE);
	merged = SPI_processed;
	SPI_finish();

	if (merged > 0)
		return PointerGetDatum(NULL);
	return PointerGetDatum(tuple);
}

/*
 * apply_integration_config: the configuration document is read into the
 * structures below (everything validated first), then written.
 */

typedef enum CfgType
{
	CFG_BOOL,
	CFG_INT,
	CFG_TEXT
} CfgType;

/* One setting: present in the document or not; NULL or a value. */
typedef struct CfgValue
{
	bool		present;
	bool		isnull;
	bool		b;
	int32		i;
	char	   *s;
} CfgValue;

/* A column a document value lands in. */
typedef struct CfgColumn
{
	const char *column;
	CfgType		type;
} CfgColumn;

#define SETTINGS_NCOLS 5
static const CfgColumn settings_columns[SETTINGS_NCOLS] = {
	{"appeals_enabled", CFG_BOOL},
	{"include_appeal_metadata", CFG_BOOL},
	{"timely_filing_days", CFG_INT},
	{"default_appeal_type", CFG_TEXT},
	{"deadline_warning_days", CFG_INT}
};

#define RULE_NCOLS 5
static const CfgColumn rule_columns[RULE_NCOLS] = {
	{"payer_name", CFG_TEXT},
	{"appeals_enabled", CFG_BOOL},
	{"timely_filing_days", CFG_INT},
	{"default_appeal_type", CFG_TEXT},
	{"notice_grace_days", CFG_INT}
};

/* One payer of payerSpecificOverrides. */
typedef struct CfgPayer
{
	char	   *path;			/* payerSpecificOverrides.<key> */
	char	   *payer_code;
	CfgValue	vals[RULE_NCOLS];
} CfgPayer;

/* The value of key in obj, or NULL. */
static JsonbValue *
json_get(JsonbContainer *obj, const char *key)
{
	return getKeyJsonValueFromContainer(obj, key, strlen(key), NULL);
}

/* The object under key (NULL when absent); an error when not an object. */
static JsonbContainer *
json_get_object(JsonbContainer *obj, const char *key, const char *path, char **childpath)
{
	JsonbValue *v = json_get(obj, key);

	*childpath = cred_json_path(path, key);
	if (v == NULL)
		return NULL;
	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a JSON object", *childpath),
				 errdetail("Got %s.", cred_json_value_text(v, 0))));
	return v->val.binary.data;
}

/* Refuse any key of obj not in allowed (a NULL-terminated list). */
static void
json_check_keys(JsonbContainer *obj, const char *path, const char *const *allowed,
				const char *allowed_list)
{
	JsonbIterator *it = JsonbIteratorInit(obj);
	JsonbValue	v;
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		const char *const *a;
		bool		known = false;

		if (tok != WJB_KEY)
			continue;
		for (a = allowed; *a != NULL; a++)
			if (text_equal(v.val.string.val, v.val.string.len, *a))
				known = true;
		if (!known)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown key \"%.*s\" in %s", v.val.string.len, v.val.string.val, path),
					 errdetail("Accepted keys: %s.", allowed_list),
					 errhint("Check the spelling of the key.")));
	}
}

/* A boolean (null allowed when nullable). */
static void
json_read_bool(JsonbContainer *obj, const char *key, const char *path, bool nullable,
			   CfgValue *out)
{
	JsonbValue *v = json_get(obj, key);

	if (v == NULL)
		return;
	out->present = true;
	if (v->type == jbvNull && nullable)
		out->isnull = true;
	else if (v->type == jbvBool)
		out->b = v->val.boolean;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be %s", cred_json_path(path, key),
						nullable ? "true, false or null" : "true or false"),
				 errdetail("Got %s.", cred_json_value_text(v, 0))));
}

/* A non-negative integer that fits int4 (null allowed when nullable). */
static void
json_read_days(JsonbContainer *obj, const char *key, const char *path, bool nullable,
			   CfgValue *out)
{
	JsonbValue *v = json_get(obj, key);
	bool		ok = false;

	if (v == NULL)
		return;
	out->present = true;
	if (v->type == jbvNull && nullable)
	{
		out->isnull = true;
		return;
	}
	if (v->type == jbvNumeric && !numeric_is_nan(v->val.numeric))
	{
		Datum		n = NumericGetDatum(v->val.numeric);
		Datum		t = DirectFunctionCall2(numeric_trunc, n, Int32GetDatum(0));
		bool		overflow = false;

		if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, n, t)) == 0)
		{
			out->i = numeric_int4_opt_error(v->val.numeric, &overflow);
			ok = !overflow && out->i >= 0;
		}
	}
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a non-negative integer%s", cred_json_path(path, key),
						nullable ? " or null" : ""),
				 errdetail("Got %s.", cred_json_value_text(v, 0)),
				 errhint("Give a number of days, such as 180.")));
}

/* A string (null allowed when nullable; empty refused when nonempty). */
static void
json_read_string(JsonbContainer *obj, const char *key, const char *path, bool nullable,
				 bool nonempty, CfgValue *out)
{
	JsonbValue *v = json_get(obj, key);

	if (v == NULL)
		return;
	out->present = true;
	if (v->type == jbvNull && nullable)
		out->isnull = true;
	else if (v->type == jbvString && !(nonempty && v->val.string.len == 0))
		out->s = pnstrdup(v->val.string.val, v->val.string.len);
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a %sstring%s", cred_json_path(path, key),
						nonempty ? "non-empty " : "", nullable ? " or null" : ""),
				 errdetail("Got %s.", cred_json_value_text(v, 0))));
}

/* An appeal type, stored in its canonical spelling. */
static void
json_read_type(JsonbContainer *obj, const char *key, const char *path, bool nullable,
			   CfgValue *out)
{
	ArAppealType type;

	json_read_string(obj, key, path, nullable, false, out);
	if (!out->present || out->isnull)
		return;
	type = ar_appeal_type_from_text(out->s, strlen(out->s));
	if (type == AR_TYPE_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s names an unknown appeal type", cred_json_path(path, key)),
				 errdetail("Got \"%s\"; accepted types: %s.", out->s, AR_APPEAL_TYPE_LIST)));
	out->s = pstrdup(ar_appeal_type_name(type));
}

static const char *const appeal_config_keys[] = {
	"timelyFilingDays", "includeAppealMetadata", "defaultAppealType", "deadlineWarningDays", NULL
};
static const char *const override_config_keys[] = {
	"timelyFilingDays", "defaultAppealType", "noticeGraceDays", NULL
};

/*
 * Read the global part: ecs.valueAdds277.{integrationFlags.appeals,
 * appealConfiguration} and appeals.enabled.
 */
static void
read_global_config(JsonbContainer *root, CfgValue *vals)
{
	char	   *ecs_path,
			   *va_path,
			   *flags_path,
			   *conf_path,
			   *appeals_path;
	JsonbContainer *ecs,
			   *va = NULL,
			   *flags = NULL,
			   *conf = NULL,
			   *appeals;
	CfgValue	flag_appeals = {0};
	CfgValue	appeals_enabled = {0};

	ecs = json_get_object(root, "ecs", "", &ecs_path);
	if (ecs != NULL)
		va = json_get_object(ecs, "valueAdds277", ecs_path, &va_path);
	if (va != NULL)
	{
		flags = json_get_object(va, "integrationFlags", va_path, &flags_path);
		conf = json_get_object(va, "appealConfiguration", va_path, &conf_path);
	}
	if (flags != NULL)
		json_read_bool(flags, "appeals", flags_path, false, &flag_appeals);
	if (conf != NULL)
	{
		json_check_keys(conf, conf_path, appeal_config_keys,
						"timelyFilingDays, includeAppealMetadata, defaultAppealType, deadlineWarningDays");
		json_read_days(conf, "timelyFilingDays", conf_path, false, &vals[2]);
		json_read_bool(conf, "includeAppealMetadata", conf_path, false, &vals[1]);
		json_read_type(conf, "defaultAppealType", conf_path, false, &vals[3]);
		json_read_days(conf, "deadlineWarningDays", conf_path, false, &vals[4]);
	}
	appeals = json_get_object(root, "appeals", "", &appeals_path);
	if (appeals != NULL)
		json_read_bool(appeals, "enabled", appeals_path, false, &appeals_enabled);

	/* Appeals are on unless either switch present says false. */
	if (flag_appeals.present || appeals_enabled.present)
	{
		vals[0].present = true;
		vals[0].b = !((flag_appeals.present && !flag_appeals.b) ||
					  (appeals_enabled.present && !appeals_enabled.b));
	}
}

/*
 * Read payerSpecificOverrides into *payers (count in *npayers).
 */
static void
read_payer_config(JsonbContainer *root, CfgPayer **payers, int *npayers)
{
	char	   *ov_path;
	JsonbContainer *ov = json_get_object(root, "payerSpecificOverrides", "", &ov_path);
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			n = 0;
	int			cap;

	*payers = NULL;
	*npayers = 0;
	if (ov == NULL)
		return;
	cap = JsonContainerSize(ov);
	*payers = palloc0(sizeof(CfgPayer) * Max(cap, 1));

	it = JsonbIteratorInit(ov);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *key;
		CfgPayer   *p;
		JsonbContainer *entry,
				   *over,
				   *flags = NULL,
				   *conf = NULL;
		char	   *over_path,
				   *flags_path,
				   *conf_path;
		CfgValue	payer_id = {0};
		int			j;

		if (tok != WJB_KEY)
			continue;
		key = pnstrdup(v.val.string.val, v.val.string.len);
		p = &(*payers)[n];
		entry = json_get_object(ov, key, ov_path, &p->path);
		if (key[0] == '\0')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s has an empty payer key", ov_path),
					 errhint("Key each override by its payer id.")));

		json_read_string(entry, "payerId", p->path, false, true, &payer_id);
		p->payer_code = payer_id.present ? payer_id.s : key;
		json_read_string(entry, "payerName", p->path, true, false, &p->vals[0]);
		over = json_get_object(entry, "ecsValueAdds277Override", p->path, &over_path);
		if (over != NULL)
		{
			flags = json_get_object(over, "integrationFlags", over_path, &flags_path);
			conf = json_get_object(over, "appealConfiguration", over_path, &conf_path);
		}
		if (flags != NULL)
			json_read_bool(flags, "appeals", flags_path, true, &p->vals[1]);
		if (conf != NULL)
		{
			json_check_keys(conf, conf_path, override_config_keys,
							"timelyFilingDays, defaultAppealType, noticeGraceDays");
			json_read_days(conf, "timelyFilingDays", conf_path, true, &p->vals[2]);
			json_read_type(conf, "defaultAppealType", conf_path, true, &p->vals[3]);
			json_read_days(conf, "noticeGraceDays", conf_path, false, &p->vals[4]);
		}

		for (j = 0; j < n; j++)
			if (strcmp((*payers)[j].payer_code, p->payer_code) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("payer code %s is configured twice", p->payer_code),
						 errdetail("Both %s and %s name it.", (*payers)[j].path, p->path),
						 errhint("Merge the two overrides into one.")));
		n++;
	}
	*npayers = n;
}

/* Read column col of the current SPI row into *out. */
static void
cfg_from_spi(HeapTuple tup, TupleDesc desc, int col, CfgType type, CfgValue *out)
{
	Datum		d = SPI_getbinval(tup, desc, col, &out->isnull);

	out->present = true;
	if (out->isnull)
		return;
	switch (type)
	{
		case CFG_BOOL:
			out->b = DatumGetBool(d);
			break;
		case CFG_INT:
			out->i = DatumGetInt32(d);
			break;
		case CFG_TEXT:
			out->s = TextDatumGetCString(d);
			break;
	}
}

/* True when a and b hold the same value. */
static bool
cfg_equal(const CfgValue *a, const CfgValue *b, CfgType type)
{
	if (a->isnull || b->isnull)
		return a->isnull == b->isnull;
	switch (type)
	{
		case CFG_BOOL:
			return a->b == b->b;
		case CFG_INT:
			return a->i == b->i;
		case CFG_TEXT:
			return strcmp(a->s, b->s) == 0;
	}
	return false;
}

/* The SPI parameter of a value. */
static void
cfg_param(const CfgValue *v, CfgType type, Datum *value, char *null)
{
	*null = v->isnull ? 'n' : ' ';
	*value = (Datum) 0;
	if (v->isnull)
		return;
	switch (type)
	{
		case CFG_BOOL:
			*value = BoolGetDatum(v->b);
			break;
		case CFG_INT:
			*value = Int32GetDatum(v->i);
			break;
		case CFG_TEXT:
			*value = CStringGetTextDatum(v->s);
			break;
	}
}

/* Push a value as JSON after key. */
static void
cfg_push(JsonbParseState **st, const char *key, const CfgValue *v, CfgType type)
{
	if (v->isnull)
	{
		cred_json_put_string(st, key, NULL);
		return;
	}
	switch (type)
	{
		case CFG_BOOL:
			cred_json_put_bool(st, key, v->b);
			break;
		case CFG_INT:
			cred_json_put_int(st, key, v->i);
			break;
		case CFG_TEXT:
			cred_json_put_string(st, key, v->s);
			break;
	}
}

/*
 * new = present document values over old; push {"column": {"old", "new"}}
 * for each change into the open object of st.  Returns the change count.
 */
static int
cfg_merge(const CfgColumn *cols, int ncols, const CfgValue *old, const CfgValue *doc,
		  CfgValue *new, JsonbParseState **st)
{
	int			changes = 0;
	int			i;

	for (i = 0; i < ncols; i++)
	{
		new[i] = doc[i].present ? doc[i] : old[i];
		if (cfg_equal(&old[i], &new[i], cols[i].type))
			continue;
		changes++;
		cred_json_key(st, cols[i].column);
		pushJsonbValue(st, WJB_BEGIN_OBJECT, NULL);
		cfg_push(st, "old", &old[i], cols[i].type);
		cfg_push(st, "new", &new[i], cols[i].type);
		pushJsonbValue(st, WJB_END_OBJECT, NULL);
	}
	return changes;
}

/*
 * Write the global settings; pushes key "settings" with the changes.
 */
static void
write_settings(const CfgValue *doc, JsonbParseState **st)
{
	Oid			argtypes[SETTINGS_NCOLS] = {BOOLOID, BOOLOID, INT4OID, TEXTOID, INT4OID};
	Datum		values[SETTINGS_NCOLS];
	char		nulls[SETTINGS_NCOLS];
	CfgValue	old[SETTINGS_NCOLS];
	CfgValue	new[SETTINGS_NCOLS];
	bool		exists;
	int			changes;
	int			i;
	SPIPlanPtr	plan;

	memset(old, 0, sizeof(old));
	plan = cred_prepare(&lock_settings_plan,
						"SELECT s.appeals_enabled, s.include_appeal_metadata, "
						"       s.timely_filing_days, s.default_appeal_type, "
						"       s.deadline_warning_days "
						"  FROM credentialing.appeal_settings s WHERE s.singleton "
						"   FOR UPDATE",
						0, NULL);
	cred_execute(plan, NULL, NULL, false, 1, SPI_OK_SELECT);
	exists = SPI_processed > 0;
	if (exists)
	{
		for (i = 0; i < SETTINGS_NCOLS; i++)
			cfg_from_spi(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, i + 1,
						 settings_columns[i].type, &old[i]);
	}
	else
	{
		ArGlobalSettings g;

		ar_global_defaults(&g);
		old[0].b = g.appeals_enabled;
		old[1].b = g.include_appeal_metadata;
		old[2].i = g.timely_filing_days;
		old[3].s = pstrdup(g.default_appeal_type);
		old[4].i = g.deadline_warning_days;
	}

	cred_json_key(st, "settings");
	pushJsonbValue(st, WJB_BEGIN_OBJECT, NULL);
	changes = cfg_merge(settings_columns, SETTINGS_NCOLS, old, doc, new, st);
	pushJsonbValue(st, WJB_END_OBJECT, NULL);

	if (changes == 0 && exists)
		return;
	for (i = 0; i < SETTINGS_NCOLS; i++)
		cfg_param(&new[i], settings_columns[i].type, &values[i], &nulls[i]);
	if (exists)
	{
		plan = cred_prepare(&update_settings_plan,
							"UPDATE credentialing.appeal_settings s "
							"   SET appeals_enabled = $1, include_appeal_metadata = $2, "
							"       timely_filing_days = $3, default_appeal_type = $4, "
							"       deadline_warning_days = $5 "
							" WHERE s.singleton",
							SETTINGS_NCOLS, argtypes);
		cred_execute(plan, values, nulls, false, 0, SPI_OK_UPDATE);
	}
	else
	{
		plan = cred_prepare(&insert_settings_plan,
							"INSERT INTO credentialing.appeal_settings "
							"(appeals_enabled, include_appeal_metadata, timely_filing_days, "
							" default_appeal_type, deadline_warning_days) "
							"VALUES ($1, $2, $3, $4, $5)",
							SETTINGS_NCOLS, argtypes);
		cred_execute(plan, values, nulls, false, 0, SPI_OK_INSERT);
	}
}

/* Lock and read the payer's rule into old; false when there is none. */
static bool
lock_rule(const char *payer_code, CfgValue *old)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		arg = CStringGetTextDatum(payer_code);
	SPIPlanPtr	plan;
	int			i;

	plan = cred_prepare(&lock_rule_plan,
						"SELECT r.payer_name, r.appeals_enabled, r.timely_filing_days, "
						"       r.default_appeal_type, r.notice_grace_days "
						"  FROM credentialing.payer_appeal_rules r "
						" WHERE r.payer_code OPERATOR(pg_catalog.=) $1 "
						"   FOR UPDATE",
						1, argtypes);
	cred_execute(plan, &arg, NULL, false, 1, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return false;
	for (i = 0; i < RULE_NCOLS; i++)
		cfg_from_spi(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, i + 1,
					 rule_columns[i].type, &old[i]);
	return true;
}

/*
 * Insert or update each payer's rule; pushes key "payerRules" with
 * {"inserted": [codes], "updated": [{"payerCode", "changes"}],
 * "unchanged": [codes]}.
 */
static void
write_payer_rules(CfgPayer *payers, int npayers, JsonbParseState **st)
{
	Oid			argtypes[RULE_NCOLS + 1] = {TEXTOID, TEXTOID, BOOLOID, INT4OID, TEXTOID, INT4OID};
	Datum		values[RULE_NCOLS + 1];
	char		nulls[RULE_NCOLS + 1];
	bool	   *inserted = palloc0(sizeof(bool) * Max(npayers, 1));
	bool	   *changed = palloc0(sizeof(bool) * Max(npayers, 1));
	JsonbParseState *changes_st = NULL;
	JsonbValue **changes = palloc0(sizeof(JsonbValue *) * Max(npayers, 1));
	int			k;
	int			i;

	for (k = 0; k < npayers; k++)
	{
		CfgPayer   *p = &payers[k];
		CfgValue	old[RULE_NCOLS];
		CfgValue	new[RULE_NCOLS];
		SPIPlanPtr	plan;

		memset(old, 0, sizeof(old));
		values[0] = CStringGetTextDatum(p->payer_code);
		nulls[0] = ' ';

		if (!lock_rule(p->payer_code, old))
		{
			for (i = 0; i < RULE_NCOLS; i++)
			{
				new[i] = p->vals[i];
				if (!new[i].present)
					new[i].isnull = true;
			}
			if (!p->vals[4].present)
			{
				new[4].isnull = false;
				new[4].i = 0;
			}
			for (i = 0; i < RULE_NCOLS; i++)
				cfg_param(&new[i], rule_columns[i].type, &values[i + 1], &nulls[i + 1]);
			plan = cred_prepare(&insert_rule_plan,
								"INSERT INTO credentialing.payer_appeal_rules "
								"(payer_code, payer_name, appeals_enabled, timely_filing_days, "
								" default_appeal_type, notice_grace_days) "
								"VALUES ($1, $2, $3, $4, $5, $6) "
								"ON CONFLICT (payer_code) DO NOTHING",
								RULE_NCOLS + 1, argtypes);
			cred_execute(plan, values, nulls, false, 0, SPI_OK_INSERT);
			if (SPI_processed > 0)
			{
				inserted[k] = true;
				continue;
			}
			/* Inserted meanwhile by another session: update it. */
			if (!lock_rule(p->payer_code, old))
				elog(ERROR, "payer_appeal_rules row %s vanished", p->payer_code);
		}

		changes_st = NULL;
		pushJsonbValue(&changes_st, WJB_BEGIN_OBJECT, NULL);
		changed[k] = cfg_merge(rule_columns, RULE_NCOLS, old, p->vals, new, &changes_st) > 0;
		changes[k] = pushJsonbValue(&changes_st, WJB_END_OBJECT, NULL);
		if (!changed[k])
			continue;
		for (i = 0; i < RULE_NCOLS; i++)
			cfg_param(&new[i], rule_columns[i].type, &values[i + 1], &nulls[i + 1]);
		plan = cred_prepare(&update_rule_plan,
							"UPDATE credentialing.payer_appeal_rules r "
							"   SET payer_name = $2, appeals_enabled = $3, "
							"       timely_filing_days = $4, default_appeal_type = $5, "
							"       notice_grace_days = $6 "
							" WHERE r.payer_code OPERATOR(pg_catalog.=) $1",
							RULE_NCOLS + 1, argtypes);
		cred_execute(plan, values, nulls, false, 0, SPI_OK_UPDATE);
	}

	cred_json_key(st, "payerRules");
	pushJsonbValue(st, WJB_BEGIN_OBJECT, NULL);
	cred_json_key(st, "inserted");
	pushJsonbValue(st, WJB_BEGIN_ARRAY, NULL);
	for (k = 0; k < npayers; k++)
		if (inserted[k])
			cred_json_put_string(st, NULL, payers[k].payer_code);
	pushJsonbValue(st, WJB_END_ARRAY, NULL);
	cred_json_key(st, "updated");
	pushJsonbValue(st, WJB_BEGIN_ARRAY, NULL);
	for (k = 0; k < npayers; k++)
	{
		if (inserted[k] || !changed[k])
			continue;
		pushJsonbValue(st, WJB_BEGIN_OBJECT, NULL);
		cred_json_put_string(st, "payerCode", payers[k].payer_code);
		/* A finished JsonbValue is pushed back as a document. */
		cred_json_put_jsonb(st, "changes", JsonbValueToJsonb(changes[k]));
		pushJsonbValue(st, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(st, WJB_END_ARRAY, NULL);
	cred_json_key(st, "unchanged");
	pushJsonbValue(st, WJB_BEGIN_ARRAY, NULL);
	for (k = 0; k < npayers; k++)
		if (!inserted[k] && !changed[k])
			cred_json_put_string(st, NULL, payers[k].payer_code);
	pushJsonbValue(st, WJB_END_ARRAY, NULL);
	pushJsonbValue(st, WJB_END_OBJECT, NULL);
}

PG_FUNCTION_INFO_V1(apply_integration_config);

/*
 * apply_integration_config(p_config jsonb) -> jsonb: validate the whole
 * document, then write appeal_settings and payer_appeal_rules; all or
 * nothing (any error leaves every table as it was).
 */
Datum
apply_integration_config(PG_FUNCTION_ARGS)
{
	Jsonb	   *config;
	CfgValue	doc[SETTINGS_NCOLS];
	CfgPayer   *payers;
	int			npayers;
	JsonbParseState *st = NULL;
	JsonbValue *res;
	Jsonb	   *result;
	MemoryContext caller = CurrentMemoryContext;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the integration configuration must not be null")));
	config = PG_GETARG_JSONB_P(0);
	if (!JB_ROOT_IS_OBJECT(config))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the integration configuration must be a JSON object"),
				 errdetail("Got %s.", JsonbToCString(NULL, &config->root, VARSIZE(config)))));

	memset(doc, 0, sizeof(doc));
	read_global_config(&config->root, doc);
	read_payer_config(&config->root, &payers, &npayers);

	cred_connect();
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	write_settings(doc, &st);
	write_payer_rules(payers, npayers, &st);
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	result = cred_jsonb_in_context(caller, res);
	SPI_finish();
	PG_RETURN_JSONB_P(result);
}
