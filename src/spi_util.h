/*
 * src/spi_util.h
 *		Small SPI helpers shared by the binding files: plans prepared once
 *		and kept for the life of the backend, and running bookkeeping
 *		statements as the owner of the extension's schema.
 */
#ifndef SPI_UTIL_H
#define SPI_UTIL_H

#include "executor/spi.h"

/* Identity saved by cred_become_owner and given back by cred_restore_user. */
typedef struct CredUserSwitch
{
	Oid			save_userid;
	int			save_sec_context;
} CredUserSwitch;

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

#endif							/* SPI_UTIL_H */
