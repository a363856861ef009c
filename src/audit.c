/*
 * src/audit.c
 *		The append-only audit trail: audit_record() for the triggers and
 *		credential_payers, and the refuse_audit_change trigger that rejects
 *		UPDATE, DELETE and TRUNCATE on credentialing.credentialing_events.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "audit.h"
#include "jwt_claims.h"
#include "spi_util.h"

static SPIPlanPtr insert_event_plan = NULL;

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
	static const Oid argtypes[9] = {TEXTOID, TEXTOID, UUIDOID, UUIDOID, UUIDOID,
	TEXTOID, TEXTOID, TEXTOID, JSONBOID};
	Datum		values[9];
	char		nulls[9];
	CredUserSwitch sw;
	SPIPlanPtr	plan;

	memset(nulls, ' ', sizeof(nulls));
	values[0] = CStringGetTextDatum(audit_actor());
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

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
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
