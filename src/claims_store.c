/*
 * src/claims_store.c
 *		Upsert of observed claims into credentialing.claims and their
 *		history rows in credentialing.claim_status_history (DESIGN §5.4),
 *		a batch at a time: three statements per batch of distinct claims,
 *		each claim field passed as one array parameter and unnested.
 *		See claims_store.h for the field mapping of both sources.
 *
 * Callers: src/ecs_claims.c (ingest_ecs_claims) and ingest_277.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/uuid.h"

#include "claims_store.h"
#include "spi_util.h"

static SPIPlanPtr insert_claims_plan;
static SPIPlanPtr update_claims_plan;
static SPIPlanPtr insert_history_plan;

/* Whether the last run updated more claims than it inserted. */
static bool update_first = false;

/*
 * Parameters of the batch statements ($1 .. $28): one array per claim
 * field, index i of every array describing claim i of the run.  The text[]
 * fields of a claim travel as the text of their array (array_out), so that
 * "no list" (NULL) and "empty list" stay apart; the statements cast them
 * back.
 */
enum
{
	P_PAYER_CODE,
	P_CLAIM_NUMBER,
	P_PAYER_NAME,
	P_PATIENT_ACCOUNT,
	P_TRACE_NUMBER,
	P_MEMBER_ID,
	P_PROVIDER_NPI,
	P_CLAIM_STATUS,
	P_CATEGORY_CODE,
	P_STATUS_CODE,
	P_STATUS_CODES,
	P_BILLED,
	P_ALLOWED,
	P_PAID,
	P_REASON_CODES,
	P_COMMENT,
	P_DIAGNOSIS_CODES,
	P_PROCEDURE_CODE,
	P_MODIFIERS,
	P_SERVICE_FROM,
	P_SERVICE_TO,
	P_FINALIZED_DATE,
	P_REMITTANCE_DATE,
	P_STATUS_DATE,
	P_SOURCE,
	P_WANT,						/* claims still to be stored */
	P_CLAIM_ID,					/* the claims' ids, for the history rows */
	P_DETAILS,
	P_NPARAMS
};

static const Oid batch_argtypes[P_NPARAMS] = {
	TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
	TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
	TEXTARRAYOID, NUMERICARRAYOID, NUMERICARRAYOID, NUMERICARRAYOID,
	TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
	DATEARRAYOID, DATEARRAYOID, DATEARRAYOID, DATEARRAYOID, DATEARRAYOID,
	TEXTARRAYOID, BOOLARRAYOID, UUIDARRAYOID, JSONBARRAYOID
};

/* String fields of ClaimRecord and their parameters (source aside). */
static const struct
{
	int			param;
	size_t		offset;
}			text_fields[] =
{
	{P_PAYER_CODE, offsetof(ClaimRecord, payer_code)},
	{P_CLAIM_NUMBER, offsetof(ClaimRecord, claim_number)},
	{P_PAYER_NAME, offsetof(ClaimRecord, payer_name)},
	{P_PATIENT_ACCOUNT, offsetof(ClaimRecord, patient_account_number)},
	{P_TRACE_NUMBER, offsetof(ClaimRecord, trace_number)},
	{P_MEMBER_ID, offsetof(ClaimRecord, member_id)},
	{P_PROVIDER_NPI, offsetof(ClaimRecord, provider_npi)},
	{P_CLAIM_STATUS, offsetof(ClaimRecord, claim_status)},
	{P_CATEGORY_CODE, offsetof(ClaimRecord, category_code)},
	{P_STATUS_CODE, offsetof(ClaimRecord, status_code)},
	{P_COMMENT, offsetof(ClaimRecord, comment)},
	{P_PROCEDURE_CODE, offsetof(ClaimRecord, procedure_code)},
};

/* String-list fields of ClaimRecord (items, count) and their parameters. */
static const struct
{
	int			param;
	size_t		items;
	size_t		count;
}			list_fields[] =
{
	{P_STATUS_CODES, offsetof(ClaimRecord, status_codes), offsetof(ClaimRecord, n_status_codes)},
	{P_REASON_CODES, offsetof(ClaimRecord, reason_codes), offsetof(ClaimRecord, n_reason_codes)},
	{P_DIAGNOSIS_CODES, offsetof(ClaimRecord, diagnosis_codes),
	offsetof(ClaimRecord, n_diagnosis_codes)},
	{P_MODIFIERS, offsetof(ClaimRecord, modifiers), offsetof(ClaimRecord, n_modifiers)},
};

/* Numeric and date fields of ClaimRecord and their parameters. */
static const struct
{
	int			param;
	size_t		offset;
	Oid			type;
}			datum_fields[] =
{
	{P_BILLED, offsetof(ClaimRecord, billed), NUMERICOID},
	{P_ALLOWED, offsetof(ClaimRecord, allowed), NUMERICOID},
	{P_PAID, offsetof(ClaimRecord, paid), NUMERICOID},
	{P_SERVICE_FROM, offsetof(ClaimRecord, service_from), DATEOID},
	{P_SERVICE_TO, offsetof(ClaimRecord, service_to), DATEOID},
	{P_FINALIZED_DATE, offsetof(ClaimRecord, finalized_date), DATEOID},
	{P_REMITTANCE_DATE, offsetof(ClaimRecord, remittance_date), DATEOID},
	{P_STATUS_DATE, offsetof(ClaimRecord, status_date), DATEOID},
};

/*
 * The run's claims as rows t(..., want, ord), ord counting from 1 in input
 * order.
 */
#define INPUT_ROWS \
	"ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), " \
	"  pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6), " \
	"  pg_catalog.unnest($7), pg_catalog.unnest($8), pg_catalog.unnest($9), " \
	"  pg_catalog.unnest($10), pg_catalog.unnest($11), pg_catalog.unnest($12), " \
	"  pg_catalog.unnest($13), pg_catalog.unnest($14), pg_catalog.unnest($15), " \
	"  pg_catalog.unnest($16), pg_catalog.unnest($17), pg_catalog.unnest($18), " \
	"  pg_catalog.unnest($19), pg_catalog.unnest($20), pg_catalog.unnest($21), " \
	"  pg_catalog.unnest($22), pg_catalog.unnest($23), pg_catalog.unnest($24), " \
	"  pg_catalog.unnest($25), pg_catalog.unnest($26)) WITH ORDINALITY " \
	"  AS t(payer_code, claim_number, payer_name, patient_account_number, " \
	"       trace_number, member_id, provider_npi, claim_status, category_code, " \
	"       status_code, status_codes, billed, allowed, paid, reason_codes, " \
	"       comment, diagnosis_codes, procedure_code, modifiers, service_from, " \
	"       service_to, finalized_date, remittance_date, status_date, source, " \
	"       want, ord)"

/*
 * The payer row of a claim's payer code, looked up inside both claim
 * statements.
 */
#define PAYER_OF_CODE \
	"(SELECT p.id FROM credentialing.payers p " \
	"  WHERE p.x12_payer_id OPERATOR(pg_catalog.=) t.payer_code)"

/* Mark every field of rec unknown. */
void
claims_record_init(ClaimRecord *rec)
{
	memset(rec, 0, sizeof(*rec));
	rec->billed.isnull = true;
	rec->allowed.isnull = true;
	rec->paid.isnull = true;
	rec->service_from.isnull = true;
	rec->service_to.isnull = true;
	rec->finalized_date.isnull = true;
	rec->remittance_date.isnull = true;
	rec->status_date.isnull = true;
}

/* A one-dimensional array of elems[0..n) (nulls marking NULL elements). */
static Datum
make_array(Datum *elems, bool *nulls, int n, Oid elmtype)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int			dims[1];
	int			lbs[1];

	get_typlenbyvalalign(elmtype, &typlen, &typbyval, &typalign);
	dims[0] = n;
	lbs[0] = 1;
	return PointerGetDatum(construct_md_array(elems, nulls, 1, dims, lbs,
											  elmtype, typlen, typbyval, typalign));
}

/*
 * Number of claims from recs[start] on (at most n - start, at least 1)
 * whose (payer_code, claim_number) keys are all distinct: one statement
 * may store each claim only once.  slots is an open-addressing table of
 * mask + 1 >= 2 * n entries, all -1 before the first call; entries of
 * earlier runs (below start) count as free.
 */
static int
distinct_run(const ClaimRecord *recs, int start, int n, int *slots, uint32 mask)
{
	int			i;

	for (i = start; i < n; i++)
	{
		uint32		pos;
		int			free_slot = -1;

		pos = hash_combine(hash_bytes((const unsigned char *) recs[i].payer_code,
									  (int) strlen(recs[i].payer_code)),
						   hash_bytes((const unsigned char *) recs[i].claim_number,
									  (int) strlen(recs[i].claim_number))) & mask;
		for (;; pos = (pos + 1) & mask)
		{
			int			j = slots[pos];

			if (j < 0)
				break;
			if (j < start)
			{
				if (free_slot < 0)
					free_slot = (int) pos;
			}
			else if (strcmp(recs[j].claim_number, recs[i].claim_number) == 0 &&
					 strcmp(recs[j].payer_code, recs[i].payer_code) == 0)
				return i - start;
		}
		slots[free_slot >= 0 ? (uint32) free_slot : pos] = i;
	}
	return n - start;
}

/*
 * Fill the claim parameters of recs[0..n) (all but want, claim ids and
 * details) in the current memory context.
 */
static void
claim_params(const ClaimRecord *recs, int n, Datum *values, char *nulls)
{
	Datum	   *elems = palloc(sizeof(Datum) * n);
	bool	   *isnull = palloc(sizeof(bool) * n);
	FmgrInfo	array_out_fn;
	const char *rec;
	int			f,
				i;

	fmgr_info(F_ARRAY_OUT, &array_out_fn);
	for (f = 0; f < (int) lengthof(text_fields); f++)
	{
		for (i = 0; i < n; i++)
		{
			const char *s;

			rec = (const char *) &recs[i];
			s = *(const char *const *) (rec + text_fields[f].offset);
			isnull[i] = (s == NULL);
			elems[i] = s ? CStringGetTextDatum(s) : (Datum) 0;
		}
		values[text_fields[f].param] = make_array(elems, isnull, n, TEXTOID);
	}
	for (f = 0; f < (int) lengthof(list_fields); f++)
	{
		for (i = 0; i < n; i++)
		{
			const char *const *items;
			int			count;

			rec = (const char *) &recs[i];
			items = *(const char *const *const *) (rec + list_fields[f].items);
			count = *(const int *) (rec + list_fields[f].count);
			isnull[i] = (items == NULL);
			elems[i] = items == NULL ? (Datum) 0
				: CStringGetTextDatum(OutputFunctionCall(&array_out_fn,
														 cred_text_array(items, count)));
		}
		values[list_fields[f].param] = make_array(elems, isnull, n, TEXTOID);
	}
	for (f = 0; f < (int) lengthof(datum_fields); f++)
	{
		for (i = 0; i < n; i++)
		{
			const NullableDatum *d;

			rec = (const char *) &recs[i];
			d = (const NullableDatum *) (rec + datum_fields[f].offset);
			isnull[i] = d->isnull;
			elems[i] = d->isnull ? (Datum) 0 : d->value;
		}
		values[datum_fields[f].param] = make_array(elems, isnull, n, datum_fields[f].type);
	}
	for (i = 0; i < n; i++)
	{
		isnull[i] = false;
		elems[i] = CStringGetTextDatum(recs[i].source ? recs[i].source : "manual");
	}
	values[P_SOURCE] = make_array(elems, isnull, n, TEXTOID);
	for (f = 0; f < P_NPARAMS; f++)
		nulls[f] = ' ';
}

/* Set the want parameter from done[0..n): the claims not yet stored. */
static void
want_param(const bool *done, int n, Datum *values)
{
	Datum	   *elems = palloc(sizeof(Datum) * n);
	int			i;

	for (i = 0; i < n; i++)
		elems[i] = BoolGetDatum(!done[i]);
	values[P_WANT] = make_array(elems, NULL, n, BOOLOID);
}

/*
 * Take the rows (ord, id) of the last statement: claim ord - 1 is stored
 * with that id (copied into caller), inserted or not.  Returns how many.
 */
static int
take_ids(MemoryContext caller, bool inserted, Datum *ids_out, bool *inserted_out, bool *done, int n)
{
	uint64		r;

	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		bool		isnull;
		int64		ord = DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
		pg_uuid_t  *id;

		if (isnull || ord < 1 || ord > n || done[ord - 1])
			elog(ERROR, "claims_store: unexpected claim ordinal " INT64_FORMAT, ord);
		id = MemoryContextAlloc(caller, sizeof(pg_uuid_t));
		memcpy(id, DatumGetUUIDP(SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull)),
			   sizeof(pg_uuid_t));
		ids_out[ord - 1] = UUIDPGetDatum(id);
		inserted_out[ord - 1] = inserted;
		done[ord - 1] = true;
	}
	SPI_freetuptable(SPI_tuptable);
	return (int) r;
}

/*
 * Insert the wanted claims of the run that do not exist yet; take their
 * ids.  Returns how many were inserted.
 */
static int
insert_new(Datum *values, const char *nulls, MemoryContext caller,
		   Datum *ids_out, bool *inserted_out, bool *done, int n)
{
	SPIPlanPtr	plan;

	want_param(done, n, values);
	plan = cred_prepare(&insert_claims_plan,
						"WITH ins AS ("
						" INSERT INTO credentialing.claims "
						" (payer_code, claim_number, payer_name, patient_account_number, "
						"  trace_number, member_id, provider_npi, claim_status, category_code, "
						"  status_code, status_codes, billed, allowed, paid, reason_codes, "
						"  comment, diagnosis_codes, procedure_code, modifiers, service_from, "
						"  service_to, finalized_date, remittance_date, status_date, source, "
						"  payer_id, last_status_at) "
						" SELECT t.payer_code, t.claim_number, t.payer_name, "
						"  t.patient_account_number, t.trace_number, t.member_id, "
						"  t.provider_npi, t.claim_status, t.category_code, t.status_code, "
						"  CAST(t.status_codes AS pg_catalog.text[]), t.billed, t.allowed, "
						"  t.paid, CAST(t.reason_codes AS pg_catalog.text[]), t.comment, "
						"  CAST(t.diagnosis_codes AS pg_catalog.text[]), t.procedure_code, "
						"  CAST(t.modifiers AS pg_catalog.text[]), t.service_from, "
						"  t.service_to, t.finalized_date, t.remittance_date, t.status_date, "
						"  t.source, " PAYER_OF_CODE ", pg_catalog.now() "
						" FROM " INPUT_ROWS
						" WHERE t.want "
						" ORDER BY t.ord "
						" ON CONFLICT (payer_code, claim_number) DO NOTHING "
						" RETURNING id, payer_code, claim_number) "
						"SELECT k.ord, ins.id "
						"  FROM ins JOIN ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) "
						"       WITH ORDINALITY AS k(payer_code, claim_number, ord) "
						"    ON ins.payer_code OPERATOR(pg_catalog.=) k.payer_code "
						"   AND ins.claim_number OPERATOR(pg_catalog.=) k.claim_number",
						P_NPARAMS, batch_argtypes);
	cred_execute(plan, values, nulls, false, 0, SPI_OK_SELECT);
	return take_ids(caller, true, ids_out, inserted_out, done, n);
}

/*
 * Apply the wanted claims of the run that exist to their rows; take their
 * ids.  Returns how many were updated.
 */
static int
update_existing(Datum *values, const char *nulls, MemoryContext caller,
				Datum *ids_out, bool *inserted_out, bool *done, int n)
{
	SPIPlanPtr	plan;

	want_param(done, n, values);
	plan = cred_prepare(&update_claims_plan,
						"UPDATE credentialing.claims c SET "
						"  payer_name = COALESCE(t.payer_name, c.payer_name), "
						"  patient_account_number = COALESCE(t.patient_account_number, "
						"                                    c.patient_account_number), "
						"  trace_number = COALESCE(t.trace_number, c.trace_number), "
						"  member_id = COALESCE(t.member_id, c.member_id), "
						"  provider_npi = COALESCE(t.provider_npi, c.provider_npi), "
						"  claim_status = t.claim_status, category_code = t.category_code, "
						"  status_code = t.status_code, "
						"  status_codes = CAST(t.status_codes AS pg_catalog.text[]), "
						"  billed = COALESCE(t.billed, c.billed), "
						"  allowed = COALESCE(t.allowed, c.allowed), "
						"  paid = COALESCE(t.paid, c.paid), "
						"  reason_codes = COALESCE(CAST(t.reason_codes AS pg_catalog.text[]), "
						"                          c.reason_codes), "
						"  comment = COALESCE(t.comment, c.comment), "
						"  diagnosis_codes = "
						"    COALESCE(CAST(t.diagnosis_codes AS pg_catalog.text[]), "
						"             c.diagnosis_codes), "
						"  procedure_code = COALESCE(t.procedure_code, c.procedure_code), "
						"  modifiers = COALESCE(CAST(t.modifiers AS pg_catalog.text[]), "
						"                       c.modifiers), "
						"  service_from = COALESCE(t.service_from, c.service_from), "
						"  service_to = COALESCE(t.service_to, c.service_to), "
						"  finalized_date = COALESCE(t.finalized_date, c.finalized_date), "
						"  remittance_date = COALESCE(t.remittance_date, c.remittance_date), "
						"  status_date = COALESCE(t.status_date, c.status_date), "
						"  source = t.source, "
						"  payer_id = COALESCE(" PAYER_OF_CODE ", c.payer_id), "
						"  last_status_at = pg_catalog.now() "
						"FROM " INPUT_ROWS " "
						"WHERE t.want "
						"  AND c.payer_code OPERATOR(pg_catalog.=) t.payer_code "
						"  AND c.claim_number OPERATOR(pg_catalog.=) t.claim_number "
						"RETURNING t.ord, c.id",
						P_NPARAMS, batch_argtypes);
	cred_execute(plan, values, nulls, false, 0, SPI_OK_UPDATE_RETURNING);
	return take_ids(caller, false, ids_out, inserted_out, done, n);
}

/*
 * Store recs[0..n), whose keys are distinct, and append their history
 * rows: two or three statements whatever n.  Connected to SPI; allocates
 * in the current memory context except the ids, which go to caller.
 */
static void
upsert_run(const ClaimRecord *recs, int n, MemoryContext caller,
		   Datum *ids_out, bool *inserted_out)
{
	Datum		values[P_NPARAMS];
	char		nulls[P_NPARAMS];
	bool	   *done = palloc0(sizeof(bool) * n);
	Datum	   *elems;
	bool	   *isnull;
	SPIPlanPtr	plan;
	int			stored = 0;
	int			inserted = 0;
	int			updated = 0;
	int			attempt;
	int			step;
	int			k;
	int			i;

	claim_params(recs, n, values, nulls);
	nulls[P_CLAIM_ID] = 'n';
	nulls[P_DETAILS] = 'n';

	/*
	 * Insert the new claims and update the others, each claim by whichever
	 * statement applies; the first is the one that stored most claims of
	 * the previous run (a file is mostly new claims, or mostly known ones),
	 * so the second usually has nothing left to do.  A concurrent insert of
	 * the same claim makes ON CONFLICT DO NOTHING wait and skip; the next
	 * UPDATE, a statement of its own with a fresh snapshot, then finds the
	 * row.  Should a row vanish in between, try again for the claims left.
	 */
	for (attempt = 0; stored < n; attempt++)
	{
		if (attempt > 3)
		{
			for (i = 0; i < n && done[i]; i++)
				;
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("could not store claim %s of payer %s: concurrent sessions keep inserting and deleting it",
							recs[i].claim_number, recs[i].payer_code),
					 errhint("Retry the transaction.")));
		}
		for (step = 0; step < 2 && stored < n; step++)
		{
			if ((step == 0) == update_first)
			{
				k = update_existing(values, nulls, caller, ids_out, inserted_out, done, n);
				updated += k;
			}
			else
			{
				k = insert_new(values, nulls, caller, ids_out, inserted_out, done, n);
				inserted += k;
			}
			stored += k;
		}
	}
	update_first = (updated > inserted);

	/* The history rows record the observations as they came, in order. */
	elems = palloc(sizeof(Datum) * n);
	isnull = palloc(sizeof(bool) * n);
	for (i = 0; i < n; i++)
	{
		elems[i] = ids_out[i];
		isnull[i] = false;
	}
	values[P_CLAIM_ID] = make_array(elems, isnull, n, UUIDOID);
	nulls[P_CLAIM_ID] = ' ';
	for (i = 0; i < n; i++)
	{
		isnull[i] = (recs[i].details == NULL);
		elems[i] = recs[i].details ? JsonbPGetDatum(recs[i].details) : (Datum) 0;
	}
	values[P_DETAILS] = make_array(elems, isnull, n, JSONBOID);
	nulls[P_DETAILS] = ' ';

	plan = cred_prepare(&insert_history_plan,
						"INSERT INTO credentialing.claim_status_history "
						"(claim_id, source, claim_status, category_code, status_code, "
						" status_codes, billed, paid, status_date, finalized_date, "
						" trace_number, details) "
						"SELECT h.claim_id, h.source, h.claim_status, h.category_code, "
						"  h.status_code, CAST(h.status_codes AS pg_catalog.text[]), h.billed, "
						"  h.paid, h.status_date, h.finalized_date, h.trace_number, h.details "
						"FROM ROWS FROM (pg_catalog.unnest($27), pg_catalog.unnest($25), "
						"  pg_catalog.unnest($8), pg_catalog.unnest($9), pg_catalog.unnest($10), "
						"  pg_catalog.unnest($11), pg_catalog.unnest($12), pg_catalog.unnest($14), "
						"  pg_catalog.unnest($24), pg_catalog.unnest($22), pg_catalog.unnest($5), "
						"  pg_catalog.unnest($28)) WITH ORDINALITY "
						"  AS h(claim_id, source, claim_status, category_code, status_code, "
						"       status_codes, billed, paid, status_date, finalized_date, "
						"       trace_number, details, ord) "
						"ORDER BY h.ord",
						P_NPARAMS, batch_argtypes);
	cred_execute(plan, values, nulls, false, 0, SPI_OK_INSERT);
}

/*
 * Upsert recs[0..n) in order and append their history rows; see
 * claims_store.h.
 */
void
claims_store_upsert_batch(const ClaimRecord *recs, int n, Datum *ids_out, bool *inserted_out)
{
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext work;
	MemoryContext old;
	int		   *slots;
	uint32		nslots = 16;
	int			start;
	int			len;
	int			i;

	if (n <= 0)
		return;
	for (i = 0; i < n; i++)
		if (recs[i].payer_code == NULL || recs[i].claim_number == NULL ||
			recs[i].claim_status == NULL)
			elog(ERROR, "claims_store_upsert: payer code, claim number and status are required");

	work = AllocSetContextCreate(caller, "claims_store batch", ALLOCSET_DEFAULT_SIZES);
	cred_connect();
	old = MemoryContextSwitchTo(work);

	while (nslots < 2 * (uint32) n)
		nslots *= 2;
	slots = palloc(sizeof(int) * nslots);
	memset(slots, -1, sizeof(int) * nslots);

	/*
	 * Runs of distinct claims; a claim seen again within the batch starts
	 * the next run, so that its observations apply in arrival order.
	 */
	for (start = 0; start < n; start += len)
	{
		len = distinct_run(recs, start, n, slots, nslots - 1);
		upsert_run(recs + start, len, caller, ids_out + start, inserted_out + start);
	}

	MemoryContextSwitchTo(old);
	SPI_finish();
	MemoryContextDelete(work);
}

/*
 * Upsert one claim and append its history row: a batch of one.
 */
Datum
claims_store_upsert(const ClaimRecord *rec, bool *inserted)
{
	Datum		id;

	claims_store_upsert_batch(rec, 1, &id, inserted);
	return id;
}
