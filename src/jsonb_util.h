/*
 * src/jsonb_util.h
 *		jsonb helpers shared by the binding files: building objects and
 *		arrays with pushJsonbValue (the appeal files, the triggers' audit
 *		details, credential_payers' result, the dashboard, the 277 claim
 *		details), and describing a value or its place in a document for
 *		error details (the configuration, template, patch and claim readers).
 */
#ifndef JSONB_UTIL_H
#define JSONB_UTIL_H

#include "utils/jsonb.h"
#include "utils/numeric.h"

/*
 * Building: with a key, push the key then the value (inside an object);
 * with key NULL, push the value as an array element.  NULL strings,
 * numerics and jsonb documents become JSON null.  Keys and strings are
 * copied, so callers may pass stack buffers.
 */
extern void cred_json_key(JsonbParseState **st, const char *key);

/* Push a key that has static storage (a string literal): not copied. */
extern void cred_json_key_literal(JsonbParseState **st, const char *key);
extern void cred_json_put_value(JsonbParseState **st, const char *key, JsonbValue *v);
extern void cred_json_put_string(JsonbParseState **st, const char *key, const char *s);
extern void cred_json_put_bool(JsonbParseState **st, const char *key, bool b);
extern void cred_json_put_numeric(JsonbParseState **st, const char *key, Numeric n);
extern void cred_json_put_int(JsonbParseState **st, const char *key, int64 i);
extern void cred_json_put_jsonb(JsonbParseState **st, const char *key, Jsonb *jb);

/*
 * JsonbValueToJsonb(v), allocated in cxt: a result built while connected
 * to SPI goes to the caller's context so that it outlives SPI_finish.
 */
extern Jsonb *cred_jsonb_in_context(MemoryContext cxt, JsonbValue *v);

/*
 * The JSON text of v, for an error detail.  With max_bytes > 0, a longer
 * text is cut after at most max_bytes bytes (on a character boundary) and
 * "..." appended; 0 keeps it whole.
 */
extern char *cred_json_value_text(JsonbValue *v, int max_bytes);

/* The dotted path of key under path ("" is the document's root). */
extern char *cred_json_path(const char *path, const char *key);

#endif							/* JSONB_UTIL_H */
