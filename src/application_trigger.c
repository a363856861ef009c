/*
 * src/application_trigger.c
 *		Triggers of credentialing.provider_payer_applications (DESIGN 4.3).
 *		application_before_write (row) enforces the status transitions and
 *		fills the automatic dates; application_after_update (statement, with
 *		transition tables) audits a statement's status changes set-based
 *		and, for the applications that entered approved, creates or
 *		reactivates the providers' contracts with the payers.  The state
 *		machine itself is in src/core/application_states.c; the CREATE
 *		TRIGGER statements are in sql/credentialing.sql.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
#include "utils/uuid.h"

#include "application_states.h"
#include "audit.h"
#include "credentialing.h"
#include "date_util.h"
#include "jsonb_util.h"
#include "spi_util.h"

/* Size of the buffer for an allowed-next list (the longest is 63 bytes). */
#define ALLOWED_BUF_SIZE 128

/* Bound on retries when a contract disappears between two statements. */
#define CONTRACT_MAX_ATTEMPTS 10

static SPIPlanPtr workflow_days_plan = NULL;
static SPIPlanPtr contract_insert_plan = NULL;
static SPIPlanPtr contract_lock_plan = NULL;
static SPIPlanPtr contract_reactivate_plan = NULL;
static SPIPlanPtr contracts_insert_plan = NULL;

static Datum copy_uuid_to(Datum uuid, MemoryContext cxt);

/* Attribute numbers of the columns the triggers read or write. */
typedef struct AppColumns
{
	int			id;
	int			provider_id;
	int			payer_id;
	int			status;
	int			status_changed_at;
	int			started;
	int			submitted;
	int			expected_decision;
	int			approval;
	int			denial;
	int			effective;
	int			reapplication_eligible;
	int			updated_at;
} AppColumns;

/* Up to this many columns are replaced in one row. */
#define MAX_CHANGES 8

/* Columns to replace in the new row, for heap_modify_tuple_by_cols. */
typedef struct RowChanges
{
	int			n;
	int			attnums[MAX_CHANGES];
	Datum		values[MAX_CHANGES];
	bool		nulls[MAX_CHANGES];
} RowChanges;

/*
 * Look up the attribute numbers of the application columns.
 */
static void
load_columns(Relation rel, AppColumns *c)
{
	c->id = cred_column_number(rel, "id");
	c->provider_id = cred_column_number(rel, "provider_id");
	c->payer_id = cred_column_number(rel, "payer_id");
	c->status = cred_column_number(rel, "application_status");
	c->status_changed_at = cred_column_number(rel, "status_changed_at");
	c->started = cred_column_number(rel, "application_started_date");
	c->submitted = cred_column_number(rel, "application_submitted_date");
	c->expected_decision = cred_column_number(rel, "expected_decision_date");
	c->approval = cred_column_number(rel, "approval_date");
	c->denial = cred_column_number(rel, "denial_date");
	c->effective = cred_column_number(rel, "effective_date");
	c->reapplication_eligible = cred_column_number(rel, "reapplication_eligible");
	c->updated_at = cred_column_number(rel, "updated_at");
}

/*
 * A column's value; *isnull says whether it is NULL.
 */
static Datum
get_column(HeapTuple tuple, TupleDesc desc, int attnum, bool *isnull)
{
	return heap_getattr(tuple, attnum, desc, isnull);
}

/*
 * The application status of a row as a C string (NULL when the column is
 * NULL, which the NOT NULL constraint will report).
 */
static char *
status_text(HeapTuple tuple, TupleDesc desc, const AppColumns *c)
{
	bool		isnull;
	Datum		d = get_column(tuple, desc, c->status, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/*
 * Parse a status string; NULL or an unknown value gives AS_INVALID (left
 * for the table's constraints to report).
 */
static AsStatus
parse_status(const char *s)
{
	return s ? as_status_from_text(s, strlen(s)) : AS_INVALID;
}

/*
 * Queue a replacement of one column of the new row.
 */
static void
change_column(RowChanges *ch, int attnum, Datum value, bool isnull)
{
	if (ch->n >= MAX_CHANGES)
		elog(ERROR, "too many column changes in application trigger");
	ch->attnums[ch->n] = attnum;
	ch->values[ch->n] = value;
	ch->nulls[ch->n] = isnull;
	ch->n++;
}

/*
 * Days from submission to the expected decision for a payer: its
 * workflow's typical_approval_days, else credentialing.default_approval_days.
 * Read as the schema owner, so that whoever may move an application need
 * not read the workflows table.
 */
static int
approval_days_for_payer(Datum payer_id)
{
	static const Oid argtypes[1] = {UUIDOID};
	Datum		values[1];
	SPIPlanPtr	plan;
	CredUserSwitch sw;
	int			days = credentialing_default_approval_days;

	values[0] = payer_id;
	cred_connect();
	plan = cred_prepare(&workflow_days_plan,
						"SELECT w.typical_approval_days "
						"FROM credentialing.payer_credentialing_workflows w "
						"WHERE w.payer_id OPERATOR(pg_catalog.=) $1",
						1, argtypes);
	cred_become_owner(&sw);
	cred_execute(plan, values, NULL, true, 1, SPI_OK_SELECT);
	cred_restore_user(&sw);
	if (SPI_processed > 0)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
			days = DatumGetInt32(d);
	}
	SPI_finish();
	return days;
}

/*
 * Refuse a status change the transition table does not allow, naming both
 * statuses and the statuses that may follow.
 */
static void
refuse_transition(const char *from, const char *to, AsStatus from_status,
				  bool reapplication_eligible)
{
	char		allowed[ALLOWED_BUF_SIZE];

	as_allowed_next(from_status, reapplication_eligible, allowed, sizeof(allowed));

	if (as_is_final(from_status))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("application status cannot change from \"%s\" to \"%s\" (allowed: %s)",
						from, to, allowed),
				 errdetail("Allowed next statuses: none (%s is final).", from),
				 errhint("An approved application stays approved; to correct data, a DBA can SET credentialing.enforce_transitions = off.")));

	if (from_status == AS_DENIED && parse_status(to) == AS_NOT_STARTED)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("application status cannot change from \"%s\" to \"%s\" (allowed: %s)",
						from, to, allowed),
				 errdetail("Allowed next statuses: %s. A denied application restarts at not_started only when reapplication_eligible is true.",
						   allowed),
				 errhint("Set reapplication_eligible = true in the same UPDATE to reopen it; to correct data, a DBA can SET credentialing.enforce_transitions = off.")));

	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("application status cannot change from \"%s\" to \"%s\" (allowed: %s)",
					from, to, allowed),
			 errdetail("Allowed next statuses: %s.", allowed),
			 errhint("Move the application through an allowed status; to correct data, a DBA can SET credentialing.enforce_transitions = off.")));
}

/*
 * Fill the automatic dates named by the AS_DATE_* bits of dates that are
 * still NULL in the new row; expected_decision_date counts from the
 * (possibly just filled) submitted date.
 */
static void
fill_dates(HeapTuple newtuple, TupleDesc desc, const AppColumns *c,
		   unsigned dates, RowChanges *ch)
{
	DateADT		today = cred_transaction_date();
	bool		isnull;
	Datum		submitted;
	bool		submitted_null;

	if ((dates & AS_DATE_STARTED) != 0)
	{
		(void) get_column(newtuple, desc, c->started, &isnull);
		if (isnull)
			change_column(ch, c->started, DateADTGetDatum(today), false);
	}

	submitted = get_column(newtuple, desc, c->submitted, &submitted_null);
	if ((dates & AS_DATE_SUBMITTED) != 0 && submitted_null)
	{
		submitted = DateADTGetDatum(today);
		submitted_null = false;
		change_column(ch, c->submitted, submitted, false);
	}

	if ((dates & AS_DATE_EXPECTED_DECISION) != 0 && !submitted_null)
	{
		(void) get_column(newtuple, desc, c->expected_decision, &isnull);
		if (isnull)
		{
			bool		payer_null;
			Datum		payer_id = get_column(newtuple, desc, c->payer_id, &payer_null);
			int			days = payer_null ? credentialing_default_approval_days :
				approval_days_for_payer(payer_id);

			change_column(ch, c->expected_decision,
						  DirectFunctionCall2(date_pli, submitted, Int32GetDatum(days)),
						  false);
		}
	}

	if ((dates & AS_DATE_APPROVAL) != 0)
	{
		(void) get_column(newtuple, desc, c->approval, &isnull);
		if (isnull)
			change_column(ch, c->approval, DateADTGetDatum(today), false);
	}

	if ((dates & AS_DATE_DENIAL) != 0)
	{
		(void) get_column(newtuple, desc, c->denial, &isnull);
		if (isnull)
			change_column(ch, c->denial, DateADTGetDatum(today), false);
	}
}

PG_FUNCTION_INFO_V1(application_before_write);

/*
 * BEFORE INSERT OR UPDATE row trigger.  UPDATE: a status change must be in
 * the transition table (unless credentialing.enforce_transitions is off); it
 * stamps status_changed_at and fills the dates it implies; updated_at is
 * stamped on every UPDATE.  INSERT (including a restore) never rejects: it
 * only fills still-NULL dates consistent with the inserted status.
 */
Datum
application_before_write(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	newtuple;
	AppColumns	c;
	RowChanges	ch;
	char	   *new_text;
	AsStatus	new_status;
	Datum		now;
	bool		isnull;

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "application_before_write: not called by trigger manager");
	if (!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) ||
		  TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)))
		elog(ERROR, "application_before_write: must be fired BEFORE INSERT OR UPDATE FOR EACH ROW");

	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	load_columns(rel, &c);
	memset(&ch, 0, sizeof(ch));
	now = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());

	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		newtuple = trigdata->tg_trigtuple;
		new_status = parse_status(status_text(newtuple, desc, &c));
		if (new_status != AS_INVALID)
			fill_dates(newtuple, desc, &c, as_dates_on_insert(new_status), &ch);
		(void) get_column(newtuple, desc, c.status_changed_at, &isnull);
		if (isnull)
			change_column(&ch, c.status_changed_at, now, false);
		(void) get_column(newtuple, desc, c.updated_at, &isnull);
		if (isnull)
			change_column(&ch, c.updated_at, now, false);
	}
	else
	{
		char	   *old_text = status_text(trigdata->tg_trigtuple, desc, &c);

		unsigned	dates = 0;

		newtuple = trigdata->tg_newtuple;
		new_text = status_text(newtuple, desc, &c);
		new_status = new_text != NULL ? parse_status(new_text) : AS_INVALID;

		/*
		 * A row always carries the dates its status implies, as an INSERT
		 * fills them: an UPDATE that leaves one NULL gets it back.  So a
		 * dumped row never has a NULL that its restore would fill.
		 */
		if (new_status != AS_INVALID)
			dates = as_dates_on_insert(new_status);

		if (old_text != NULL && new_text != NULL && strcmp(old_text, new_text) != 0)
		{
			AsStatus	old_status = parse_status(old_text);
			bool		eligible;
			Datum		d;

			d = get_column(newtuple, desc, c.reapplication_eligible, &isnull);
			eligible = !isnull && DatumGetBool(d);

			/* Unknown statuses are left to the CHECK constraint. */
			if (old_status != AS_INVALID && new_status != AS_INVALID)
			{
				if (credentialing_enforce_transitions &&
					!as_transition_allowed(old_status, new_status, eligible))
					refuse_transition(old_text, new_text, old_status, eligible);
				dates |= as_dates_on_change(old_status, new_status);
			}
			change_column(&ch, c.status_changed_at, now, false);
		}
		if (dates != 0)
			fill_dates(newtuple, desc, &c, dates, &ch);
		change_column(&ch, c.updated_at, now, false);
	}

	if (ch.n > 0)
		newtuple = heap_modify_tuple_by_cols(newtuple, desc, ch.n, ch.attnums,
											 ch.values, ch.nulls);
	return PointerGetDatum(newtuple);
}

/*
 * {"application_id": ..., "effective_date": ...}: the details of a contract
 * event.  The date is ISO 8601 whatever the session's DateStyle, as to_jsonb
 * writes dates.
 */
static Jsonb *
contract_details(Datum application_id, DateADT effective)
{
	JsonbParseState *state = NULL;
	JsonbValue *result;

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	cred_json_put_string(&state, "application_id",
						 DatumGetCString(DirectFunctionCall1(uuid_out, application_id)));
	cred_json_put_string(&state, "effective_date",
						 JsonEncodeDateTime(NULL, DateADTGetDatum(effective), DATEOID, NULL));
	result = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(result);
}

/*
 * {"transition_override": true}: the details of a status change the table
 * does not allow, made with credentialing.enforce_transitions off.
 */
static Jsonb *
override_details(void)
{
	JsonbParseState *state = NULL;
	JsonbValue *result;

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	cred_json_put_bool(&state, "transition_override", true);
	result = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(result);
}

/* What settling an approved application's contract did. */
typedef enum ContractOutcome
{
	CONTRACT_VANISHED,			/* the existing row was deleted meanwhile */
	CONTRACT_CREATED,
	CONTRACT_REACTIVATED,
	CONTRACT_KEPT				/* already in network: left alone */
} ContractOutcome;

/*
 * Insert the contract unless the pair already has one (ON CONFLICT DO
 * NOTHING, which waits for an uncommitted contract of the pair to commit or
 * abort).  True, with *contract_id set, when a row was inserted.  Connected
 * to SPI, as the schema owner.
 */
static bool
insert_contract(Datum application_id, Datum provider_id, Datum payer_id,
				DateADT effective, const char *app_text, Datum *contract_id)
{
	static const Oid argtypes[5] = {UUIDOID, UUIDOID, DATEOID, UUIDOID, TEXTOID};
	SPIPlanPtr	plan;
	Datum		values[5];
	bool		isnull;

	plan = cred_prepare(&contract_insert_plan,
						"INSERT INTO credentialing.provider_payer_networks "
						"(provider_id, payer_id, status, effective_date, application_id, notes) "
						"VALUES ($1, $2, 'in_network', $3, $4, $5) "
						"ON CONFLICT (provider_id, payer_id) DO NOTHING "
						"RETURNING id",
						5, argtypes);
	values[0] = provider_id;
	values[1] = payer_id;
	values[2] = DateADTGetDatum(effective);
	values[3] = application_id;
	values[4] = CStringGetTextDatum(psprintf("Created from approved application %s", app_text));
	cred_execute(plan, values, NULL, false, 0, SPI_OK_INSERT_RETURNING);
	if (SPI_processed != 1)
		return false;
	*contract_id = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return true;
}

/*
 * Lock the pair's existing contract (FOR UPDATE waits for a concurrent
 * writer and sees its result) and reactivate it unless it is in network:
 * status in_network, the new effective date, no expiration date, the
 * application, and a note appended to the earlier ones.  Sets *contract_id
 * and *old_status (both in SPI memory).  Connected to SPI, as the schema
 * owner.
 */
static ContractOutcome
reactivate_contract(Datum application_id, Datum provider_id, Datum payer_id,
					DateADT effective, const char *app_text,
					Datum *contract_id, char **old_status)
{
	static const Oid lock_types[2] = {UUIDOID, UUIDOID};
	static const Oid update_types[4] = {UUIDOID, DATEOID, UUIDOID, TEXTOID};
	SPIPlanPtr	lock_plan;
	SPIPlanPtr	update_plan;
	Datum		keys[2];
	Datum		values[4];
	HeapTuple	row;
	TupleDesc	rowdesc;
	char	   *old_notes;
	char	   *note;
	bool		isnull;

	lock_plan = cred_prepare(&contract_lock_plan,
							 "SELECT n.id, n.status, n.notes "
							 "FROM credentialing.provider_payer_networks n "
							 "WHERE n.provider_id OPERATOR(pg_catalog.=) $1 "
							 "AND n.payer_id OPERATOR(pg_catalog.=) $2 "
							 "FOR UPDATE",
							 2, lock_types);
	update_plan = cred_prepare(&contract_reactivate_plan,
							   "UPDATE credentialing.provider_payer_networks "
							   "SET status = 'in_network', effective_date = $2, "
							   "expiration_date = NULL, application_id = $3, notes = $4 "
							   "WHERE id OPERATOR(pg_catalog.=) $1",
							   4, update_types);

	keys[0] = provider_id;
	keys[1] = payer_id;
	cred_execute(lock_plan, keys, NULL, false, 0, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return CONTRACT_VANISHED;

	row = SPI_tuptable->vals[0];
	rowdesc = SPI_tuptable->tupdesc;
	*contract_id = SPI_getbinval(row, rowdesc, 1, &isnull);
	*old_status = SPI_getvalue(row, rowdesc, 2);
	if (*old_status != NULL && strcmp(*old_status, "in_network") == 0)
		return CONTRACT_KEPT;

	old_notes = SPI_getvalue(row, rowdesc, 3);
	note = psprintf("Reactivated from approved application %s", app_text);
	values[0] = *contract_id;
	values[1] = DateADTGetDatum(effective);
	values[2] = application_id;
	values[3] = CStringGetTextDatum(old_notes != NULL && old_notes[0] != '\0' ?
									psprintf("%s\n%s", old_notes, note) : note);
	cred_execute(update_plan, values, NULL, false, 0, SPI_OK_UPDATE);
	if (SPI_processed != 1)
		elog(ERROR, "reactivating the contract of application %s updated %llu rows",
			 app_text, (unsigned long long) SPI_processed);
	return CONTRACT_REACTIVATED;
}

/* Approved rows whose contracts one INSERT creates; more are settled in
 * further chunks. */
#define APP_CHUNK_ROWS 1024

/* One status change of the statement, kept until its events are written. */
typedef struct AppChange
{
	Datum		id;
	Datum		provider_id;
	Datum		payer_id;
	char	   *old_text;
	char	   *new_text;
	Jsonb	   *details;		/* override details, or NULL */
	bool		approved;		/* entered approved: settle the contract */
	DateADT		effective;
	ContractOutcome outcome;
	Datum		contract_id;
	char	   *contract_old_status;	/* of a reactivated contract */
} AppChange;

/*
 * Insert the contracts of the approved changes with one INSERT (in the
 * changes' order, ON CONFLICT DO NOTHING) and mark the ones it created.
 * Connected to SPI, as the schema owner; the contract ids are copied into
 * keep_cxt.
 */
static void
insert_contracts(AppChange *changes, int n, MemoryContext keep_cxt)
{
	static const Oid argtypes[5] = {UUIDARRAYOID, UUIDARRAYOID, DATEARRAYOID,
	UUIDARRAYOID, TEXTARRAYOID};
	Datum	   *providers = palloc(sizeof(Datum) * n);
	Datum	   *payers = palloc(sizeof(Datum) * n);
	Datum	   *dates = palloc(sizeof(Datum) * n);
	Datum	   *applications = palloc(sizeof(Datum) * n);
	const char **notes = palloc(sizeof(char *) * n);
	Datum		values[5];
	SPIPlanPtr	plan;
	int			m = 0;
	int			i;
	uint64		r;

	for (i = 0; i < n; i++)
	{
		if (!changes[i].approved)
			continue;
		providers[m] = changes[i].provider_id;
		payers[m] = changes[i].payer_id;
		dates[m] = DateADTGetDatum(changes[i].effective);
		applications[m] = changes[i].id;
		notes[m] = psprintf("Created from approved application %s",
							DatumGetCString(DirectFunctionCall1(uuid_out, changes[i].id)));
		m++;
	}
	values[0] = PointerGetDatum(construct_array(providers, m, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR));
	values[1] = PointerGetDatum(construct_array(payers, m, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR));
	values[2] = PointerGetDatum(construct_array(dates, m, DATEOID, sizeof(DateADT), true, TYPALIGN_INT));
	values[3] = PointerGetDatum(construct_array(applications, m, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR));
	values[4] = cred_text_array(notes, m);

	plan = cred_prepare(&contracts_insert_plan,
						"INSERT INTO credentialing.provider_payer_networks "
						"(provider_id, payer_id, status, effective_date, application_id, notes) "
						"SELECT c.provider_id, c.payer_id, 'in_network', c.effective_date, "
						"c.application_id, c.notes "
						"FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), "
						"pg_catalog.unnest($3), pg_catalog.unnest($4), pg_catalog.unnest($5)) "
						"WITH ORDINALITY AS c(provider_id, payer_id, effective_date, "
						"application_id, notes, n) "
						"ORDER BY c.n "
						"ON CONFLICT (provider_id, payer_id) DO NOTHING "
						"RETURNING id, application_id",
						5, argtypes);
	cred_execute(plan, values, NULL, false, 0, SPI_OK_INSERT_RETURNING);

	/* The inserted rows come back in the order they were inserted. */
	i = 0;
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	row = SPI_tuptable->vals[r];
		bool		isnull;
		Datum		contract_id = SPI_getbinval(row, SPI_tuptable->tupdesc, 1, &isnull);
		Datum		application_id = SPI_getbinval(row, SPI_tuptable->tupdesc, 2, &isnull);

		while (i < n && !(changes[i].approved &&
						  datum_image_eq(changes[i].id, application_id, false, UUID_LEN)))
			i++;
		if (i >= n)
			elog(ERROR, "inserted contract does not match an approved application");
		changes[i].outcome = CONTRACT_CREATED;
		changes[i].contract_id = copy_uuid_to(contract_id, keep_cxt);
		i++;
	}
}

/*
 * Copy a uuid Datum into cxt.
 */
static Datum
copy_uuid_to(Datum uuid, MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	Datum		copy = datumCopy(uuid, false, UUID_LEN);

	MemoryContextSwitchTo(old);
	return copy;
}

/*
 * Settle the contract of one approved application whose insert found a
 * contract of the pair (inserted_tried), or from scratch: reactivate a
 * pending or terminated contract, leave an in_network one, and go back to
 * the insert when the contract was deleted between the two steps.
 * Connected to SPI, as the schema owner; results copied into keep_cxt.
 */
static void
settle_contract(AppChange *change, bool insert_tried, MemoryContext keep_cxt)
{
	char	   *app_text = DatumGetCString(DirectFunctionCall1(uuid_out, change->id));
	Datum		contract_id = (Datum) 0;
	char	   *old_status = NULL;
	ContractOutcome outcome = CONTRACT_VANISHED;
	int			attempt;

	for (attempt = 0; outcome == CONTRACT_VANISHED; attempt++)
	{
		if (attempt >= CONTRACT_MAX_ATTEMPTS)
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("could not settle the contract of application %s: concurrent sessions keep creating and deleting it",
							app_text),
					 errhint("Retry the transaction.")));
		if (!(attempt == 0 && insert_tried) &&
			insert_contract(change->id, change->provider_id, change->payer_id,
							change->effective, app_text, &contract_id))
			outcome = CONTRACT_CREATED;
		else
			outcome = reactivate_contract(change->id, change->provider_id,
										  change->payer_id, change->effective,
										  app_text, &contract_id, &old_status);
	}
	change->outcome = outcome;
	if (outcome == CONTRACT_CREATED || outcome == CONTRACT_REACTIVATED)
		change->contract_id = copy_uuid_to(contract_id, keep_cxt);
	if (old_status != NULL)
		change->contract_old_status = MemoryContextStrdup(keep_cxt, old_status);
}

/*
 * Make the providers of the approved changes in network with their payers:
 * insert the contracts (one INSERT when several), reactivate pending or
 * terminated ones; an in_network contract is left as it is.  Exactly one
 * contract per provider and payer, whatever runs concurrently: the unique
 * key decides between inserters, and an existing row is locked before it
 * is looked at.  The writes run as the schema owner.
 */
static void
make_contracts(AppChange *changes, int n, MemoryContext keep_cxt)
{
	CredUserSwitch sw;
	int			approved = 0;
	int			i;

	for (i = 0; i < n; i++)
		if (changes[i].approved)
			approved++;
	if (approved == 0)
		return;

	cred_connect();
	cred_become_owner(&sw);
	if (approved > 1)
		insert_contracts(changes, n, keep_cxt);
	for (i = 0; i < n; i++)
	{
		if (changes[i].approved && changes[i].outcome != CONTRACT_CREATED)
			settle_contract(&changes[i], approved > 1, keep_cxt);
	}
	cred_restore_user(&sw);
	SPI_finish();
}

/*
 * Settle the contracts of a chunk of status changes, then queue their
 * events in the rows' order: each status_changed event followed by its
 * contract's network_created or network_reactivated event.
 */
static void
finish_changes(AppChange *changes, int n, AuditBatch *events, MemoryContext keep_cxt)
{
	MemoryContext old;
	int			i;

	make_contracts(changes, n, keep_cxt);
	old = MemoryContextSwitchTo(keep_cxt);
	for (i = 0; i < n; i++)
	{
		AppChange  *ch = &changes[i];

		audit_batch_add(events, "application", ch->id, true, ch->provider_id,
						ch->payer_id, "status_changed", ch->old_text, ch->new_text,
						ch->details);
		if (!ch->approved)
			continue;
		if (ch->outcome == CONTRACT_CREATED)
			audit_batch_add(events, "network", ch->contract_id, true, ch->provider_id,
							ch->payer_id, "network_created", NULL, "in_network",
							contract_details(ch->id, ch->effective));
		else if (ch->outcome == CONTRACT_REACTIVATED)
			audit_batch_add(events, "network", ch->contract_id, true, ch->provider_id,
							ch->payer_id, "network_reactivated", ch->contract_old_status,
							"in_network", contract_details(ch->id, ch->effective));
	}
	MemoryContextSwitchTo(old);
	audit_batch_flush(events);
}

/*
 * Position a reader of a transition table at its first row, on a read
 * pointer of its own (other readers of the same table are not disturbed).
 */
static void
rewind_transition_table(Tuplestorestate *table)
{
	int			ptr = tuplestore_alloc_read_pointer(table, EXEC_FLAG_REWIND);

	tuplestore_select_read_pointer(table, ptr);
	tuplestore_rescan(table);
}

/*
 * A text column of a slot as a C string, or NULL.
 */
static char *
slot_text(TupleTableSlot *slot, int attnum)
{
	bool		isnull;
	Datum		d = slot_getattr(slot, attnum, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

PG_FUNCTION_INFO_V1(application_after_update);

/*
 * AFTER UPDATE statement trigger (REFERENCING OLD TABLE AS old_applications
 * NEW TABLE AS new_applications): the statement's rows are walked in the
 * order they were updated, old and new side by side.  Every status change
 * is written to the audit trail; entering approved makes the provider in
 * network with the payer.  Work is done per chunk of APP_CHUNK_ROWS status
 * changes: the contracts first (set-based), then the events with one
 * INSERT, so event ids follow the rows' order as a row trigger's would.
 * INSERT has no such side effects, so that restoring a dump writes nothing
 * more.
 */
Datum
application_after_update(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	AppColumns	c;
	TupleTableSlot *old_slot;
	TupleTableSlot *new_slot;
	MemoryContext row_cxt;
	MemoryContext chunk_cxt;
	MemoryContext caller_cxt;
	AppChange  *changes;
	int			n = 0;
	int			capacity = 0;
	AuditBatch	events;

	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "application_after_update: not called by trigger manager");
	if (!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ||
		trigdata->tg_oldtable == NULL || trigdata->tg_newtable == NULL)
		elog(ERROR, "application_after_update: must be fired AFTER UPDATE FOR EACH STATEMENT "
			 "with OLD TABLE and NEW TABLE");

	desc = RelationGetDescr(trigdata->tg_relation);
	load_columns(trigdata->tg_relation, &c);
	old_slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	new_slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	rewind_transition_table(trigdata->tg_oldtable);
	rewind_transition_table(trigdata->tg_newtable);
	row_cxt = AllocSetContextCreate(CurrentMemoryContext, "application_after_update row",
									ALLOCSET_DEFAULT_SIZES);
	chunk_cxt = AllocSetContextCreate(CurrentMemoryContext, "application_after_update chunk",
									  ALLOCSET_DEFAULT_SIZES);
	changes = NULL;
	audit_batch_begin(&events);

	for (;;)
	{
		bool		have_old = tuplestore_gettupleslot(trigdata->tg_oldtable, true,
													   false, old_slot);
		bool		have_new = tuplestore_gettupleslot(trigdata->tg_newtable, true,
													   false, new_slot);
		char	   *old_text;
		char	   *new_text;
		AsStatus	old_status;
		AsStatus	new_status;
		AppChange  *ch;
		Datum		d;
		bool		isnull;
		bool		eligible;

		CHECK_FOR_INTERRUPTS();
		if (!have_old || !have_new)
		{
			if (have_old != have_new)
				elog(ERROR, "application_after_update: transition tables differ in length");
			break;
		}

		MemoryContextReset(row_cxt);
		caller_cxt = MemoryContextSwitchTo(row_cxt);
		old_text = slot_text(old_slot, c.status);
		new_text = slot_text(new_slot, c.status);
		if (old_text == NULL || new_text == NULL || strcmp(old_text, new_text) == 0)
		{
			MemoryContextSwitchTo(caller_cxt);
			continue;
		}
		d = slot_getattr(new_slot, c.id, &isnull);
		if (!datum_image_eq(d, slot_getattr(old_slot, c.id, &isnull), false, UUID_LEN))
			elog(ERROR, "application_after_update: transition tables out of step");

		/* Keep the change in the chunk's memory. */
		MemoryContextSwitchTo(chunk_cxt);
		if (n >= capacity)
		{
			capacity = capacity == 0 ? 8 : Min(capacity * 2, APP_CHUNK_ROWS);
			changes = changes == NULL ? palloc(sizeof(AppChange) * capacity) :
				repalloc(changes, sizeof(AppChange) * capacity);
		}
		ch = &changes[n++];
		memset(ch, 0, sizeof(*ch));
		ch->id = datumCopy(d, false, UUID_LEN);
		ch->provider_id = datumCopy(slot_getattr(new_slot, c.provider_id, &isnull),
									false, UUID_LEN);
		ch->payer_id = datumCopy(slot_getattr(new_slot, c.payer_id, &isnull),
								 false, UUID_LEN);
		ch->old_text = pstrdup(old_text);
		ch->new_text = pstrdup(new_text);
		old_status = parse_status(old_text);
		new_status = parse_status(new_text);
		d = slot_getattr(new_slot, c.reapplication_eligible, &isnull);
		eligible = !isnull && DatumGetBool(d);
		if (!as_transition_allowed(old_status, new_status, eligible))
			ch->details = override_details();
		ch->outcome = CONTRACT_VANISHED;
		ch->approved = new_status == AS_APPROVED;
		if (ch->approved)
		{
			d = slot_getattr(new_slot, c.effective, &isnull);
			if (isnull)
				d = slot_getattr(new_slot, c.approval, &isnull);
			ch->effective = isnull ? cred_transaction_date() : DatumGetDateADT(d);
		}
		MemoryContextSwitchTo(caller_cxt);

		if (n >= APP_CHUNK_ROWS)
		{
			finish_changes(changes, n, &events, chunk_cxt);
			MemoryContextReset(chunk_cxt);
			changes = NULL;
			capacity = 0;
			n = 0;
		}
	}
	if (n > 0)
		finish_changes(changes, n, &events, chunk_cxt);

	audit_batch_end(&events);
	MemoryContextDelete(chunk_cxt);
	MemoryContextDelete(row_cxt);
	ExecDropSingleTupleTableSlot(old_slot);
	ExecDropSingleTupleTableSlot(new_slot);
	return PointerGetDatum(NULL);
}
