/*
 * src/spi_util.c
 *		SPI helpers for the binding files: kept plans with $n parameters, a
 *		checked execute, a temporary switch to the schema owner's identity
 *		(as the RI triggers do) for audit and contract bookkeeping, a kept
 *		plan run straight into a set-returning function's tuplestore (the
 *		admin reports), the provider existence check, trigger column
 *		lookup, and text[] parameters.  See spi_util.h.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "executor/tstoreReceiver.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/params.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/uuid.h"

#include "spi_util.h"

static SPIPlanPtr provider_exists_plan = NULL;

/*
 * Connect to SPI; failing to is a can't-happen error.
 */
void
cred_connect(void)
{
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
}

/*
 * Disconnect from SPI; failing to is a can't-happen error.
 */
void
cred_finish(void)
{
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
}

/*
 * Prepare sql once per backend and keep the plan; later calls return it.
 */
SPIPlanPtr
cred_prepare(SPIPlanPtr *cache, const char *sql, int nargs, const Oid *argtypes)
{
	SPIPlanPtr	plan;

	if (*cache != NULL)
		return *cache;

	plan = SPI_prepare(sql, nargs, (Oid *) argtypes);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s",
			 sql, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	*cache = plan;
	return plan;
}

/*
 * Run a prepared plan and check its result code.
 */
void
cred_execute(SPIPlanPtr plan, const Datum *values, const char *nulls,
			 bool read_only, long count, int expected_rc)
{
	int			rc;

	rc = SPI_execute_plan(plan, (Datum *) values, nulls, read_only, count);
	if (rc != expected_rc)
		elog(ERROR, "SPI_execute_plan returned %s, expected %s",
			 SPI_result_code_string(rc), SPI_result_code_string(expected_rc));
}

/*
 * Owner of the extension's schema (the role that created the extension).
 */
Oid
cred_schema_owner(void)
{
	Oid			nspid = get_namespace_oid("credentialing", false);
	HeapTuple	tup;
	Oid			owner;

	tup = SearchSysCache1(NAMESPACEOID, ObjectIdGetDatum(nspid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for namespace %u", nspid);
	owner = ((Form_pg_namespace) GETSTRUCT(tup))->nspowner;
	ReleaseSysCache(tup);
	return owner;
}

/*
 * Become the schema owner for the statements that follow.  An error raised
 * meanwhile is safe: transaction abort restores the caller's identity.
 */
void
cred_become_owner(CredUserSwitch *sw)
{
	GetUserIdAndSecContext(&sw->save_userid, &sw->save_sec_context);
	SetUserIdAndSecContext(cred_schema_owner(),
						   sw->save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_NOFORCE_RLS);
}

/*
 * Give back the identity saved by cred_become_owner.
 */
void
cred_restore_user(const CredUserSwitch *sw)
{
	SetUserIdAndSecContext(sw->save_userid, sw->save_sec_context);
}

/*
 * Run plan read-only into the result tuplestore of fcinfo; see spi_util.h.
 * The arguments go in as constant parameters, so the plan's generic or
 * custom choice is SPI's usual one.
 */
void
cred_execute_into_srf(FunctionCallInfo fcinfo, SPIPlanPtr plan,
					  int nargs, const Oid *argtypes,
					  const Datum *values, const char *nulls,
					  const char *mismatch_msg)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ParamListInfo params;
	SPIExecuteOptions options;
	DestReceiver *dest;
	int			rc;
	int			i;

	params = makeParamList(nargs);
	for (i = 0; i < nargs; i++)
	{
		params->params[i].value = values[i];
		params->params[i].isnull = (nulls != NULL && nulls[i] == 'n');
		params->params[i].pflags = PARAM_FLAG_CONST;
		params->params[i].ptype = argtypes[i];
	}

	dest = CreateTuplestoreDestReceiver();
	SetTuplestoreDestReceiverParams(dest, rsinfo->setResult,
									rsinfo->econtext->ecxt_per_query_memory,
									false, rsinfo->setDesc, mismatch_msg);
	memset(&options, 0, sizeof(options));
	options.params = params;
	options.read_only = true;
	options.dest = dest;
	rc = SPI_execute_plan_extended(plan, &options);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan_extended returned %s, expected SPI_OK_SELECT",
			 SPI_result_code_string(rc));
	dest->rDestroy(dest);
}

/*
 * Raise P0002 unless the provider exists; see spi_util.h.  Runs as the
 * caller, so a provider hidden by row-level security does not exist.
 */
void
cred_check_provider_exists(Datum provider_id, const char *hint)
{
	static const Oid argtypes[1] = {UUIDOID};
	SPIPlanPtr	plan;

	plan = cred_prepare(&provider_exists_plan,
						"SELECT FROM credentialing.providers WHERE id = $1",
						1, argtypes);
	cred_execute(plan, &provider_id, NULL, true, 1, SPI_OK_SELECT);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("provider %s does not exist",
						DatumGetCString(DirectFunctionCall1(uuid_out, provider_id))),
				 errdetail("No row of credentialing.providers has this id."),
				 errhint("%s", hint)));
}

/*
 * Attribute number of a column the table must have.
 */
int
cred_column_number(Relation rel, const char *name)
{
	int			attnum = SPI_fnumber(RelationGetDescr(rel), name);

	if (attnum <= 0)
		elog(ERROR, "relation \"%s\" has no column \"%s\"",
			 RelationGetRelationName(rel), name);
	return attnum;
}

/*
 * text[] of C strings, NULL ones as NULL elements.
 */
Datum
cred_text_array(const char *const *strings, int n)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));
	bool	   *nulls = palloc(sizeof(bool) * Max(n, 1));
	int			dims[1];
	int			lbs[1];
	int			i;

	for (i = 0; i < n; i++)
	{
		nulls[i] = strings[i] == NULL;
		elems[i] = nulls[i] ? (Datum) 0 : CStringGetTextDatum(strings[i]);
	}
	dims[0] = n;
	lbs[0] = 1;
	return PointerGetDatum(construct_md_array(elems, nulls, 1, dims, lbs,
											  TEXTOID, -1, false, TYPALIGN_INT));
}
