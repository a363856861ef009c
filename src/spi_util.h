/*
 * src/spi_util.h
 *		Small SPI helpers shared by the binding files: plans prepared once
 *		and kept for the life of the backend, running bookkeeping
 *		statements as the owner of the extension's schema, streaming a
 *		kept plan's rows into a set-returning function's result, the
 *		provider existence check of the admin reports, the attribute
 *		number of a column a trigger's table must have, and text[] values
 *		built from C strings.
 */
#ifndef SPI_UTIL_H
#define SPI_UTIL_H

#include "executor/spi.h"
#include "fmgr.h"
#include "utils/relcache.h"

/* Identity saved by cred_become_owner and given back by cred_restore_user. */
typedef struct CredUserSwitch
{
	Oid			save_userid;
	int			save_sec_context;
} CredUserSwitch;

/* SPI_connect / SPI_finish, raising a can't-happen error on failure. */
extern void cred_connect(void);
extern void cred_finish(void);

/*
 * Return the kept plan in *cache, preparing and keeping it on first use.
 * Must be called while connected to SPI.
 */
extern SPIPlanPtr cred_prepare(SPIPlanPtr *cache, const char *sql,
							   int nargs, const Oid *argtypes);

/* Execute a kept plan; raises a can't-happen error when SPI returns other
 * than expected_rc. */
extern void cred_execute(SPIPlanPtr plan, const Datum *values, const char *nulls,
						 bool read_only, long count, int expected_rc);

/* Switch to the owner of schema "credentialing" (row security not forced)
 * for bookkeeping writes that the caller's own privileges need not cover. */
extern void cred_become_owner(CredUserSwitch *sw);
extern void cred_restore_user(const CredUserSwitch *sw);

/* Oid of the owner of schema "credentialing". */
extern Oid	cred_schema_owner(void);

/*
 * Run a kept plan read-only with nargs parameters (nulls as for
 * SPI_execute_plan: NULL, or 'n' marking a NULL argument) and send its rows
 * straight into the result tuplestore of the set-returning function fcinfo
 * (after InitMaterializedSRF).  The tuplestore receiver checks the query's
 * columns against the declared result columns and raises mismatch_msg (a
 * gettext_noop string) when they differ.  Must be called while connected to
 * SPI.
 */
extern void cred_execute_into_srf(FunctionCallInfo fcinfo, SPIPlanPtr plan,
								  int nargs, const Oid *argtypes,
								  const Datum *values, const char *nulls,
								  const char *mismatch_msg);

/*
 * Raise P0002 "provider <id> does not exist" (with hint) unless the
 * provider exists and the caller may see it.  Must be called while
 * connected to SPI.
 */
extern void cred_check_provider_exists(Datum provider_id, const char *hint);

/*
 * Attribute number of column name, which rel (a trigger's table) must have;
 * a can't-happen error when it has not.
 */
extern int	cred_column_number(Relation rel, const char *name);

/*
 * A text[] Datum of strings[0..n) (a NULL string is a NULL element), for a
 * statement parameter or a result column; palloc'd in the current memory
 * context.
 */
extern Datum cred_text_array(const char *const *strings, int n);

#endif							/* SPI_UTIL_H */
