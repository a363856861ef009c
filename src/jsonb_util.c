/*
 * src/jsonb_util.c
 *		jsonb building helpers (pushJsonbValue underneath) and the text of a
 *		value or path for error details, shared by the binding files.  See
 *		jsonb_util.h.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "jsonb_util.h"

/*
 * Push a key of the object being built.  The parse state keeps pointers
 * until the value is serialized, so the key is copied.
 */
void
cred_json_key(JsonbParseState **st, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = pstrdup(key);
	k.val.string.len = strlen(key);
	pushJsonbValue(st, WJB_KEY, &k);
}

/*
 * Push a key with static storage (a string literal) without copying it:
 * the parse state keeps the pointer until JsonbValueToJsonb copies the
 * bytes, which matters in loops that build many objects.
 */
void
cred_json_key_literal(JsonbParseState **st, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(st, WJB_KEY, &k);
}

/* Push v after key (or as an element when key is NULL). */
void
cred_json_put_value(JsonbParseState **st, const char *key, JsonbValue *v)
{
	if (key != NULL)
	{
		cred_json_key(st, key);
		pushJsonbValue(st, WJB_VALUE, v);
	}
	else
		pushJsonbValue(st, WJB_ELEM, v);
}

/* A string (NULL: null), copied like the keys. */
void
cred_json_put_string(JsonbParseState **st, const char *key, const char *s)
{
	JsonbValue	v;

	if (s == NULL)
		v.type = jbvNull;
	else
	{
		v.type = jbvString;
		v.val.string.val = pstrdup(s);
		v.val.string.len = strlen(s);
	}
	cred_json_put_value(st, key, &v);
}

/* A boolean. */
void
cred_json_put_bool(JsonbParseState **st, const char *key, bool b)
{
	JsonbValue	v;

	v.type = jbvBool;
	v.val.boolean = b;
	cred_json_put_value(st, key, &v);
}

/* A numeric (NULL: null). */
void
cred_json_put_numeric(JsonbParseState **st, const char *key, Numeric n)
{
	JsonbValue	v;

	if (n == NULL)
		v.type = jbvNull;
	else
	{
		v.type = jbvNumeric;
		v.val.numeric = n;
	}
	cred_json_put_value(st, key, &v);
}

/* An integer. */
void
cred_json_put_int(JsonbParseState **st, const char *key, int64 i)
{
	cred_json_put_numeric(st, key, int64_to_numeric(i));
}

/*
 * A jsonb document (NULL: null): a scalar document as that scalar, an array
 * or object as a binary container that pushJsonbValue copies in.
 */
void
cred_json_put_jsonb(JsonbParseState **st, const char *key, Jsonb *jb)
{
	JsonbValue	v;

	if (jb == NULL)
	{
		cred_json_put_string(st, key, NULL);
		return;
	}
	if (JB_ROOT_IS_SCALAR(jb))
	{
		if (!JsonbExtractScalar(&jb->root, &v))
			elog(ERROR, "could not read jsonb scalar");
	}
	else
	{
		v.type = jbvBinary;
		v.val.binary.data = &jb->root;
		v.val.binary.len = VARSIZE(jb) - VARHDRSZ;
	}
	cred_json_put_value(st, key, &v);
}

/*
 * The jsonb of a finished value, allocated in cxt.
 */
Jsonb *
cred_jsonb_in_context(MemoryContext cxt, JsonbValue *v)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	Jsonb	   *result = JsonbValueToJsonb(v);

	MemoryContextSwitchTo(old);
	return result;
}

/*
 * The JSON text of v, cut after max_bytes bytes when max_bytes > 0; see
 * jsonb_util.h.
 */
char *
cred_json_value_text(JsonbValue *v, int max_bytes)
{
	char	   *text;
	int			len;
	int			cut;

	if (v->type == jbvBinary)
		text = JsonbToCString(NULL, v->val.binary.data, v->val.binary.len);
	else
	{
		Jsonb	   *jb = JsonbValueToJsonb(v);

		text = JsonbToCString(NULL, &jb->root, VARSIZE(jb));
	}
	len = strlen(text);
	if (max_bytes <= 0 || len <= max_bytes)
		return text;
	cut = pg_mbcliplen(text, len, max_bytes);
	return psprintf("%.*s...", cut, text);
}

/* The dotted path of key under path. */
char *
cred_json_path(const char *path, const char *key)
{
	return path[0] ? psprintf("%s.%s", path, key) : pstrdup(key);
}
