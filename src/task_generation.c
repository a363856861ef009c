/*
 * src/task_generation.c
 *		Placeholder until implemented.
 */
#include "postgres.h"
#include "fmgr.h"

PG_FUNCTION_INFO_V1(credential_payers);
Datum
credential_payers(PG_FUNCTION_ARGS)
{
	ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("credential_payers is not implemented yet")));
	PG_RETURN_NULL();
}

