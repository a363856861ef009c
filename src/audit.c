/*
 * src/audit.c
 *		The append-only audit trail: audit_record() for the triggers and
 *		credential_payers, audit_batch_*() for the statement-level triggers
 *		(a statement's events in one INSERT), and the refuse_audit_change
 *		trigger that rejects UPDATE, DELETE and TRUNCATE on
 *		credentialing.credentialing_events.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/uuid.h"

#include "audit.h"
#include "jwt_claims.h"
#include "spi_util.h"

static SPIPlanPtr insert_event_plan = NULL;
static SPIPlanPtr insert_batch_plan = NULL;

static void insert_event(const char *actor, const char *entity, Datum entity_id,
						 bool has_parties, Datum provider_id, Datum payer_id,
						 const char *action, const char *old_value,
						 const char *new_value, Jsonb *details);

/*
 * The caller's role name, followed by the JWT sub when an API layer set one.
 * Taken before any identity switch, so it names the session's role, not the
 * owner of a trigger or of the schema.
 */
char *
audit_actor(void)
{
	char	   *role = GetUserNameFromId(GetUserId(), false);
	char	   *sub = jwt_claim_text("sub");

	if (sub == NULL)
		return role;
	return psprintf("%s (sub %s)", role, sub);
}

/*
 * Insert one row into credentialing_events as the schema owner.
 */
void
audit_record(const char *entity, Datum entity_id,
			 bool has_parties, Datum provider_id, Datum payer_id,
			 const char *action, const char *old_value,
			 const char *new_value, Jsonb *details)
{
	insert_event(audit_actor(), entity, entity_id, has_parties, provider_id,
				 payer_id, action, old_value, new_value, details);
}

/*
 * Insert one event with the given actor, as the schema owner.
 */
static void
insert_event(const char *actor, const char *entity, Datum entity_id,
			 bool has_parties, Datum provider_id, Datum payer_id,
			 const char *action, const char *old_value,
			 const char *new_value, Jsonb *details)
{
	static const Oid argtypes[9] = {TEXTOID, TEXTOID, UUIDOID, UUIDOID, UUIDOID,
	TEXTOID, TEXTOID, TEXTOID, JSONBOID};
	Datum		values[9];
	char		nulls[9];
	CredUserSwitch sw;
	SPIPlanPtr	plan;

	memset(nulls, ' ', sizeof(nulls));
	values[0] = CStringGetTextDatum(actor);
	values[1] = CStringGetTextDatum(entity);
	values[2] = entity_id;
	values[3] = provider_id;
	values[4] = payer_id;
	if (!has_parties)
		nulls[3] = nulls[4] = 'n';
	values[5] = CStringGetTextDatum(action);
	values[6] = old_value ? CStringGetTextDatum(old_value) : (Datum) 0;
	nulls[6] = old_value ? ' ' : 'n';
	values[7] = new_value ? CStringGetTextDatum(new_value) : (Datum) 0;
	nulls[7] = new_value ? ' ' : 'n';
	values[8] = details ? JsonbPGetDatum(details) : (Datum) 0;
	nulls[8] = details ? ' ' : 'n';

	cred_connect();
	plan = cred_prepare(&insert_event_plan,
						"INSERT INTO credentialing.credentialing_events "
						"(actor, entity, entity_id, provider_id, payer_id, action, "
						"old_value, new_value, details) "
						"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
						9, argtypes);
	cred_become_owner(&sw);
	cred_execute(plan, values, nulls, false, 0, SPI_OK_INSERT);
	cred_restore_user(&sw);
	SPI_finish();
}

/*
 * Start a batch: the actor and the arrays are set up by the first event, in
 * the caller's memory context; the values go in a child context reset per
 * write.
 */
void
audit_batch_begin(AuditBatch *batch)
{
	memset(batch, 0, sizeof(*batch));
	batch->cxt = AllocSetContextCreate(CurrentMemoryContext, "audit batch",
									   ALLOCSET_DEFAULT_SIZES);
}

/*
 * Make room for one more event: the arrays start small (most statements
 * change one row) and double up to AUDIT_BATCH_ROWS.  They live in the
 * memory context that was current at audit_batch_begin.
 */
static void
batch_grow(AuditBatch *batch)
{
	MemoryContext old = MemoryContextSwitchTo(MemoryContextGetParent(batch->cxt));
	int			cap = batch->capacity == 0 ? 8 : Min(batch->capacity * 2, AUDIT_BATCH_ROWS);

	if (batch->capacity == 0)
	{
		batch->entities = palloc(sizeof(char *) * cap);
		batch->entity_ids = palloc(sizeof(Datum) * cap);
		batch->provider_ids = palloc(sizeof(Datum) * cap);
		batch->payer_ids = palloc(sizeof(Datum) * cap);
		batch->has_parties = palloc(sizeof(bool) * cap);
		batch->actions = palloc(sizeof(char *) * cap);
		batch->old_values = palloc(sizeof(char *) * cap);
		batch->new_values = palloc(sizeof(char *) * cap);
		batch->details = palloc(sizeof(Jsonb *) * cap);
	}
	else
	{
		batch->entities = repalloc(batch->entities, sizeof(char *) * cap);
		batch->entity_ids = repalloc(batch->entity_ids, sizeof(Datum) * cap);
		batch->provider_ids = repalloc(batch->provider_ids, sizeof(Datum) * cap);
		batch->payer_ids = repalloc(batch->payer_ids, sizeof(Datum) * cap);
		batch->has_parties = repalloc(batch->has_parties, sizeof(bool) * cap);
		batch->actions = repalloc(batch->actions, sizeof(char *) * cap);
		batch->old_values = repalloc(batch->old_values, sizeof(char *) * cap);
		batch->new_values = repalloc(batch->new_values, sizeof(char *) * cap);
		batch->details = repalloc(batch->details, sizeof(Jsonb *) * cap);
	}
	batch->capacity = cap;
	MemoryContextSwitchTo(old);
}

/*
 * Copy one event into the batch; write the batch when it is full.
 */
void
audit_batch_add(AuditBatch *batch, const char *entity, Datum entity_id,
				bool has_parties, Datum provider_id, Datum payer_id,
				const char *action, const char *old_value,
				const char *new_value, Jsonb *details)
{
	MemoryContext old;
	int			i = batch->n;

	if (batch->actor == NULL)
		batch->actor = MemoryContextStrdup(MemoryContextGetParent(batch->cxt),
										   audit_actor());
	if (i >= batch->capacity)
		batch_grow(batch);
	old = MemoryContextSwitchTo(batch->cxt);
	batch->entities[i] = pstrdup(entity);
	batch->entity_ids[i] = datumCopy(entity_id, false, UUID_LEN);
	batch->has_parties[i] = has_parties;
	batch->provider_ids[i] = has_parties ? datumCopy(provider_id, false, UUID_LEN) : (Datum) 0;
	batch->payer_ids[i] = has_parties ? datumCopy(payer_id, false, UUID_LEN) : (Datum) 0;
	batch->actions[i] = pstrdup(action);
	batch->old_values[i] = old_value ? pstrdup(old_value) : NULL;
	batch->new_values[i] = new_value ? pstrdup(new_value) : NULL;
	if (details != NULL)
	{
		batch->details[i] = palloc(VARSIZE(details));
		memcpy(batch->details[i], details, VARSIZE(details));
	}
	else
		batch->details[i] = NULL;
	MemoryContextSwitchTo(old);

	if (++batch->n >= AUDIT_BATCH_ROWS)
		audit_batch_flush(batch);
}

/*
 * A one-dimensional array of n Datums of type elemtype (nulls[i] marks a
 * NULL element).
 */
static Datum
batch_array(Datum *elems, bool *nulls, int n, Oid elemtype)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int			dims[1];
	int			lbs[1];

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	dims[0] = n;
	lbs[0] = 1;
	return PointerGetDatum(construct_md_array(elems, nulls, 1, dims, lbs,
											  elemtype, typlen, typbyval, typalign));
}

/*
 * A text[] of n C strings (NULL ones as NULL elements); elems and nulls are
 * work space of n entries.
 */
static Datum
batch_text_array(char **strings, Datum *elems, bool *nulls, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		nulls[i] = strings[i] == NULL;
		elems[i] = nulls[i] ? (Datum) 0 : CStringGetTextDatum(strings[i]);
	}
	return batch_array(elems, nulls, n, TEXTOID);
}

/*
 * Write the collected events with one INSERT as the schema owner, in the
 * order they were added, then empty the batch.  A single event takes the
 * one-row plan of audit_record (cheaper than building arrays).
 */
void
audit_batch_flush(AuditBatch *batch)
{
	static const Oid argtypes[9] = {TEXTOID, TEXTARRAYOID, UUIDARRAYOID,
		UUIDARRAYOID, UUIDARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
	JSONBARRAYOID};
	Datum		values[9];
	MemoryContext old;
	Datum	   *elems;
	bool	   *nulls;
	bool	   *no_nulls;
	int			n = batch->n;
	int			i;
	CredUserSwitch sw;
	SPIPlanPtr	plan;

	if (n == 0)
		return;
	if (n == 1)
	{
		insert_event(batch->actor, batch->entities[0], batch->entity_ids[0],
					 batch->has_parties[0], batch->provider_ids[0],
					 batch->payer_ids[0], batch->actions[0], batch->old_values[0],
					 batch->new_values[0], batch->details[0]);
		MemoryContextReset(batch->cxt);
		batch->n = 0;
		return;
	}
	old = MemoryContextSwitchTo(batch->cxt);
	elems = palloc(sizeof(Datum) * n);
	nulls = palloc(sizeof(bool) * n);
	no_nulls = palloc0(sizeof(bool) * n);

	values[0] = CStringGetTextDatum(batch->actor);
	values[1] = batch_text_array(batch->entities, elems, nulls, n);
	values[2] = batch_array(batch->entity_ids, no_nulls, n, UUIDOID);
	for (i = 0; i < n; i++)
		nulls[i] = !batch->has_parties[i];
	values[3] = batch_array(batch->provider_ids, nulls, n, UUIDOID);
	values[4] = batch_array(batch->payer_ids, nulls, n, UUIDOID);
	values[5] = batch_text_array(batch->actions, elems, nulls, n);
	values[6] = batch_text_array(batch->old_values, elems, nulls, n);
	values[7] = batch_text_array(batch->new_values, elems, nulls, n);
	for (i = 0; i < n; i++)
	{
		nulls[i] = batch->details[i] == NULL;
		elems[i] = nulls[i] ? (Datum) 0 : JsonbPGetDatum(batch->details[i]);
	}
	values[8] = batch_array(elems, nulls, n, JSONBOID);

	cred_connect();
	plan = cred_prepare(&insert_batch_plan,
						"INSERT INTO credentialing.credentialing_events "
						"(actor, entity, entity_id, provider_id, payer_id, action, "
						"old_value, new_value, details) "
						"SELECT $1, e.entity, e.entity_id, e.provider_id, e.payer_id, "
						"e.action, e.old_value, e.new_value, e.details "
						"FROM ROWS FROM (pg_catalog.unnest($2), pg_catalog.unnest($3), "
						"pg_catalog.unnest($4), pg_catalog.unnest($5), "
						"pg_catalog.unnest($6), pg_catalog.unnest($7), "
						"pg_catalog.unnest($8), pg_catalog.unnest($9)) WITH ORDINALITY "
						"AS e(entity, entity_id, provider_id, payer_id, action, "
						"old_value, new_value, details, n) "
						"ORDER BY e.n",
						9, argtypes);
	cred_become_owner(&sw);
	cred_execute(plan, values, NULL, false, 0, SPI_OK_INSERT);
	cred_restore_user(&sw);
	SPI_finish();

	MemoryContextSwitchTo(old);
	MemoryContextReset(batch->cxt);
	batch->n = 0;
}

/*
 * Write the remaining events and free the batch's memory.
 */
void
audit_batch_end(AuditBatch *batch)
{
	audit_batch_flush(batch);
	MemoryContextDelete(batch->cxt);
	batch->cxt = NULL;
	if (batch->capacity > 0)
	{
		pfree(batch->entities);
		pfree(batch->entity_ids);
		pfree(batch->provider_ids);
		pfree(batch->payer_ids);
		pfree(batch->has_parties);
		pfree(batch->actions);
		pfree(batch->old_values);
		pfree(batch->new_values);
		pfree(batch->details);
		batch->capacity = 0;
	}
}

PG_FUNCTION_INFO_V1(refuse_audit_change);

/*
 * BEFORE UPDATE/DELETE (row) and BEFORE TRUNCATE (statement) trigger on the
 * audit table: the trail is append-only, for every role.
 */
Datum
refuse_audit_change(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	const char *what;

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "refuse_audit_change: not called by trigger manager");

	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		what = "UPDATE";
	else if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		what = "DELETE";
	else if (TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		what = "TRUNCATE";
	else
		elog(ERROR, "refuse_audit_change: must be fired by UPDATE, DELETE or TRUNCATE");

	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("credentialing_events is append-only"),
			 errdetail("%s is not allowed on the audit trail.", what),
			 errhint("Record a correcting event instead.")));
	PG_RETURN_NULL();			/* not reached */
}
