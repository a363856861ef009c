/*
 * src/spi_util.c
 *		SPI helpers for the binding files: kept plans with $n parameters, a
 *		checked execute, and a temporary switch to the schema owner's identity
 *		(as the RI triggers do) for audit and contract bookkeeping.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_namespace.h"
#include "miscadmin.h"
#include "utils/syscache.h"

#include "spi_util.h"

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
