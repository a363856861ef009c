/*
 * src/claim_ingest.c
 *		The batching shared by ingest_277 (src/parse_277.c) and
 *		ingest_ecs_claims (src/ecs_claims.c): claims are buffered, stored
 *		CLAIM_INGEST_BATCH at a time with a constant number of statements
 *		(src/claims_store.c), and each gets its result row, in input order,
 *		with its appeal eligibility (status and the payer's settings).
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "appeal_eval.h"
#include "appeal_rules.h"
#include "claim_ingest.h"

/* See claim_ingest.h. */
ClaimIngest *
claim_ingest_begin(ReturnSetInfo *rsinfo)
{
	ClaimIngest *ci = palloc0(sizeof(ClaimIngest));

	ci->rsinfo = rsinfo;
	ci->keep = CurrentMemoryContext;
	ci->cxt = AllocSetContextCreate(CurrentMemoryContext, "claim ingest batch",
									ALLOCSET_DEFAULT_SIZES);
	return ci;
}

/* See claim_ingest.h. */
ClaimRecord *
claim_ingest_slot(ClaimIngest *ci)
{
	return &ci->recs[ci->n];
}

/*
 * Store the buffered claims in one batch and emit their result rows in
 * input order; then forget them.  A file usually carries one payer, so its
 * appeal settings are loaded once, not per claim.
 */
static void
claim_ingest_flush(ClaimIngest *ci)
{
	MemoryContext old;
	int			i;

	if (ci->n == 0)
		return;
	old = MemoryContextSwitchTo(ci->cxt);
	claims_store_upsert_batch(ci->recs, ci->n, ci->ids, ci->inserted);
	for (i = 0; i < ci->n; i++)
	{
		const ClaimRecord *rec = &ci->recs[i];
		ArEligibility elig;
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		if (ci->settings_payer == NULL || strcmp(ci->settings_payer, rec->payer_code) != 0)
		{
			ArEffective eff;

			appeal_load_settings(rec->payer_code, &eff);
			ci->payer_appeals_enabled = eff.appeals_enabled;
			if (ci->settings_payer != NULL)
				pfree(ci->settings_payer);
			ci->settings_payer = MemoryContextStrdup(ci->keep, rec->payer_code);
		}
		ar_eligibility(rec->claim_status, &elig);
		values[0] = ci->ids[i];
		values[1] = CStringGetTextDatum(rec->claim_number);
		values[2] = CStringGetTextDatum(rec->claim_status);
		values[3] = BoolGetDatum(elig.appeal && ci->payer_appeals_enabled);
		values[4] = BoolGetDatum(ci->inserted[i]);
		tuplestore_putvalues(ci->rsinfo->setResult, ci->rsinfo->setDesc, values, nulls);
	}
	MemoryContextSwitchTo(old);
	MemoryContextReset(ci->cxt);
	ci->n = 0;
}

/* See claim_ingest.h. */
void
claim_ingest_add(ClaimIngest *ci)
{
	if (++ci->n == CLAIM_INGEST_BATCH)
		claim_ingest_flush(ci);
}

/* See claim_ingest.h. */
void
claim_ingest_end(ClaimIngest *ci)
{
	claim_ingest_flush(ci);
	MemoryContextDelete(ci->cxt);
	if (ci->settings_payer != NULL)
		pfree(ci->settings_payer);
	pfree(ci);
}
