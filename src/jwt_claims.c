/*
 * src/jwt_claims.c
 *		The caller's identity as an API layer reports it: request.jwt.claims
 *		(a JSON object, PostgREST and Supabase) or jwt.claims.<name>
 *		(PostGraphile).  Provides current_provider_id() and the JWT "sub" the
 *		audit trail records (src/audit.c).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/uuid.h"

#include "jwt_claims.h"

/*
 * Look claim up in request.jwt.claims when it is set, else in
 * jwt.claims.<claim>.  A setting once set reads back as '' after its
 * transaction ends; that counts as unset.  A JSON value that is not a string
 * is returned in its text form.
 */
char *
jwt_claim_text(const char *claim)
{
	const char *json;
	char	   *name;
	const char *value;

	json = GetConfigOption("request.jwt.claims", true, false);
	if (json != NULL && json[0] != '\0')
	{
		Jsonb	   *jb;
		JsonbValue	key;
		JsonbValue *found;

		jb = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(json)));
		if (JB_ROOT_IS_OBJECT(jb))
		{
			key.type = jbvString;
			key.val.string.val = (char *) claim;
			key.val.string.len = strlen(claim);
			found = findJsonbValueFromContainer(&jb->root, JB_FOBJECT, &key);
			if (found != NULL && found->type == jbvString)
			{
				if (found->val.string.len > 0)
					return pnstrdup(found->val.string.val, found->val.string.len);
			}
			else if (found != NULL && found->type == jbvNumeric)
				return DatumGetCString(DirectFunctionCall1(numeric_out,
														   NumericGetDatum(found->val.numeric)));
		}

		/*
		 * The API layer spoke through request.jwt.claims: its claims are the
		 * whole identity, never mixed with a jwt.claims.* setting that may
		 * be left over on a pooled connection.
		 */
		return NULL;
	}

	name = psprintf("jwt.claims.%s", claim);
	value = GetConfigOption(name, true, false);
	pfree(name);
	if (value != NULL && value[0] != '\0')
		return pstrdup(value);
	return NULL;
}

PG_FUNCTION_INFO_V1(current_provider_id);

/*
 * current_provider_id() -> uuid: the provider_id claim of the caller's JWT,
 * or NULL when there is none.
 */
Datum
current_provider_id(PG_FUNCTION_ARGS)
{
	char	   *value = jwt_claim_text("provider_id");

	if (value == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(DirectFunctionCall1(uuid_in, CStringGetDatum(value)));
}
