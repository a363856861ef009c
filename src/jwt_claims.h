/*
 * src/jwt_claims.h
 *		Reading the caller's JWT claims that an API layer (PostgREST,
 *		Supabase, PostGraphile) put into the session's settings.
 */
#ifndef JWT_CLAIMS_H
#define JWT_CLAIMS_H

/* The claim's value as a palloc'd string, or NULL when no API layer set it
 * (or set it empty). */
extern char *jwt_claim_text(const char *claim);

#endif							/* JWT_CLAIMS_H */
