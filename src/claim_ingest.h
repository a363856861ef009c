/*
 * src/claim_ingest.h
 *		Buffering of the claims that ingest_277 and ingest_ecs_claims read,
 *		stored a batch at a time (claims_store_upsert_batch) with their result
 *		rows (claim_id, claim_number, claim_status, eligible_for_appeal,
 *		inserted) emitted in input order.
 */
#ifndef CLAIM_INGEST_H
#define CLAIM_INGEST_H

#include "fmgr.h"

#include "claims_store.h"

/* Claims stored per batch. */
#define CLAIM_INGEST_BATCH 1000

/* Claims awaiting storage, and the cached appeal settings of one payer. */
typedef struct ClaimIngest
{
	ClaimRecord recs[CLAIM_INGEST_BATCH];
	Datum		ids[CLAIM_INGEST_BATCH];
	bool		inserted[CLAIM_INGEST_BATCH];
	int			n;
	MemoryContext cxt;			/* the records; reset after each flush */
	MemoryContext keep;			/* lives for the call */
	char	   *settings_payer; /* payer whose settings are cached */
	bool		payer_appeals_enabled;
	ReturnSetInfo *rsinfo;		/* where result rows go */
} ClaimIngest;

/* Start ingesting into the materialized result of rsinfo. */
extern ClaimIngest *claim_ingest_begin(ReturnSetInfo *rsinfo);

/*
 * The record to fill for the next claim; fill it in ci->cxt (switch to it),
 * then call claim_ingest_add.
 */
extern ClaimRecord *claim_ingest_slot(ClaimIngest *ci);

/* Count the filled slot in; stores the batch when it is full. */
extern void claim_ingest_add(ClaimIngest *ci);

/* Store what is left and release the buffer. */
extern void claim_ingest_end(ClaimIngest *ci);

#endif							/* CLAIM_INGEST_H */
