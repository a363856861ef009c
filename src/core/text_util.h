/*
 * src/core/text_util.h
 *		Counted-string helpers shared by the pure-C core files (no PostgreSQL
 *		headers): whether s[0..len) equals a NUL-terminated name, exactly or
 *		ASCII case-insensitively, and ASCII white space.  All locale-
 *		independent on purpose: the names compared are ASCII codes, keys and
 *		status names.
 *
 *		Header-only (static inline), so that a program linking only some
 *		core files (the X12 fuzzer, conformance tool and benchmark build
 *		x12_reader.c, x12_277.c and claim_status.c alone) needs nothing
 *		more.
 *
 * Callers: src/core/appeal_request.c, appeal_rules.c, application_states.c,
 * claim_status.c, task_defaults.c and x12_reader.c; src/appeal_settings.c
 * and src/ecs_claims.c (known-key lists).
 */
#ifndef TEXT_UTIL_H
#define TEXT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* ASCII lower case of c; other bytes unchanged. */
static inline char
text_ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

/* True when s[0..len) equals name exactly; false when s is NULL. */
static inline bool
text_equal(const char *s, size_t len, const char *name)
{
	return s != NULL && strlen(name) == len && memcmp(s, name, len) == 0;
}

/*
 * True when s[0..len) equals name but for ASCII letter case; false when s
 * is NULL.
 */
static inline bool
text_equal_ci(const char *s, size_t len, const char *name)
{
	size_t		i;

	if (s == NULL || strlen(name) != len)
		return false;
	for (i = 0; i < len; i++)
		if (text_ascii_lower(s[i]) != text_ascii_lower(name[i]))
			return false;
	return true;
}

/* True for ASCII white space: space, \t, \n, \v, \f, \r. */
static inline bool
text_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

#endif							/* TEXT_UTIL_H */
