/*
 * src/provider_checks.c
 *		SQL binding of the NPI check (credentialing.npi_is_valid), used by the
 *		providers_npi_valid CHECK constraint.  The arithmetic is in
 *		src/core/npi.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "npi.h"

PG_FUNCTION_INFO_V1(npi_is_valid);

/*
 * npi_is_valid(text) -> boolean: ten digits with a valid check digit.
 */
Datum
npi_is_valid(PG_FUNCTION_ARGS)
{
	text	   *npi = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(npi_is_valid_text(VARDATA_ANY(npi), VARSIZE_ANY_EXHDR(npi)));
}
