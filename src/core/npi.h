/*
 * src/core/npi.h
 *		National Provider Identifier check digit (pure C, no PostgreSQL
 *		headers).  Used by the npi_is_valid() SQL function and its unit test.
 */
#ifndef NPI_H
#define NPI_H

#include <stdbool.h>
#include <stddef.h>

/* Check digit (0-9) for the first nine digits of an NPI, or -1 if they are
 * not nine ASCII digits. */
extern int	npi_check_digit(const char *digits, size_t len);

/* True when s[0..len) is ten digits ending in the right check digit. */
extern bool npi_is_valid_text(const char *s, size_t len);

#endif							/* NPI_H */
