/*
 * src/appeal_outbox.c
 *		The appeal outbox's publisher interface (DESIGN §5.4):
 *		appeal_outbox_claim hands unpublished messages to a publisher under a
 *		lease (FOR UPDATE SKIP LOCKED, then available_at moved to the lease's
 *		end), appeal_outbox_ack records a publication (the appeal becomes
 *		submitted), appeal_outbox_nack records a failure and schedules a
 *		retry with capped exponential backoff, or gives up after
 *		credentialing.outbox_max_attempts claims (the appeal becomes failed).
 *
 * A message is pending (published_at NULL, available_at finite), published
 * (published_at set) or abandoned (published_at NULL, available_at
 * 'infinity').  These functions run with the caller's privileges (a
 * publisher is an administrator).  Callers: SQL.  Messages are written by
 * src/submit_appeal.c.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "appeal_request.h"
#include "credentialing.h"
#include "spi_util.h"

static SPIPlanPtr abandon_expired_plan;
static SPIPlanPtr claim_plan;
static SPIPlanPtr ack_plan;
static SPIPlanPtr inspect_plan;
static SPIPlanPtr lock_message_plan;
static SPIPlanPtr nack_plan;
static SPIPlanPtr appeal_status_plan;

/*
 * Copy the SPI row tup (the outbox table's live columns, in order) into
 * values/nulls laid out for desc, the table's row type (dropped columns, if
 * an upgrade ever leaves some, become NULL).
 */
static void
map_outbox_row(HeapTuple tup, TupleDesc spi_desc, TupleDesc desc, Datum *values, bool *nulls)
{
	int			src = 0;
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		if (TupleDescAttr(desc, i)->attisdropped)
		{
			values[i] = (Datum) 0;
			nulls[i] = true;
			continue;
		}
		if (src >= spi_desc->natts)
			elog(ERROR, "appeal_outbox row has fewer columns than its row type");
		values[i] = SPI_getbinval(tup, spi_desc, ++src, &nulls[i]);
	}
}

/*
 * Refuse a NULL argument.
 */
static void
require_arg(FunctionCallInfo fcinfo, int n, const char *name)
{
	if (PG_ARGISNULL(n))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", name)));
}

/*
 * Move the appeal of an outbox message from queued to status (submitted or
 * failed); any other status is left alone.
 */
static void
set_appeal_status(Datum appeal_id, const char *status)
{
	static const Oid argtypes[2] = {UUIDOID, TEXTOID};
	Datum		args[2];
	SPIPlanPtr	plan;

	args[0] = appeal_id;
	args[1] = CStringGetTextDatum(status);
	plan = cred_prepare(&appeal_status_plan,
						"UPDATE credentialing.appeals SET status = $2 "
						"WHERE id OPERATOR(pg_catalog.=) $1 "
						"AND status OPERATOR(pg_catalog.=) 'queued'",
						2, argtypes);
	cred_execute(plan, args, NULL, false, 0, SPI_OK_UPDATE);
}

/*
 * Raise the error for an ack or nack of a message that is not claimed and
 * pending: unknown (P0002), published, abandoned or never claimed (55000).
 */
static void
refuse_message(int64 id, const char *verb)
{
	static const Oid argtypes[1] = {INT8OID};
	Datum		arg = Int64GetDatum(id);
	SPIPlanPtr	plan;
	HeapTuple	tup;
	TupleDesc	desc;
	bool		isnull;
	int32		attempts;

	plan = cred_prepare(&inspect_plan,
						"SELECT o.published_at IS NOT NULL, "
						"       o.available_at OPERATOR(pg_catalog.=) 'infinity'::pg_catalog.timestamptz, "
						"       o.attempts "
						"  FROM credentialing.appeal_outbox o "
						" WHERE o.id OPERATOR(pg_catalog.=) $1",
						1, argtypes);
	cred_execute(plan, &arg, NULL, false, 1, SPI_OK_SELECT);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("outbox message " INT64_FORMAT " not found", id),
				 errhint("Pass the id of a message appeal_outbox_claim returned.")));
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	attempts = DatumGetInt32(SPI_getbinval(tup, desc, 3, &isnull));
	if (DatumGetBool(SPI_getbinval(tup, desc, 1, &isnull)))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("outbox message " INT64_FORMAT " is already published", id),
				 errdetail("A published message cannot be %s again.", verb),
				 errhint("Another publisher may have published it after this one's lease expired; drop the duplicate.")));
	if (DatumGetBool(SPI_getbinval(tup, desc, 2, &isnull)))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("outbox message " INT64_FORMAT " was abandoned", id),
				 errdetail("Publishing gave up after %d attempts and its appeal is failed.", attempts),
				 errhint("File a new appeal for the claim.")));
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("outbox message " INT64_FORMAT " has not been claimed", id),
			 errdetail("Only a message handed out by appeal_outbox_claim can be %s.", verb),
			 errhint("Claim messages with appeal_outbox_claim first.")));
}

PG_FUNCTION_INFO_V1(appeal_outbox_claim);

/*
 * appeal_outbox_claim(p_limit, p_lease) -> SETOF appeal_outbox, by id.
 *
 * First abandons the messages whose lease expired after
 * credentialing.outbox_max_attempts claims (their appeals become failed),
 * then locks up to p_limit pending messages that are available now, skipping
 * those another transaction holds, and leases them: attempts + 1 and
 * available_at = now + p_lease (clock time), so that no other claim, in this
 * transaction or another, sees them until the lease ends, an ack or a nack.
 */
Datum
appeal_outbox_claim(PG_FUNCTION_ARGS)
{
	static const Oid abandon_types[1] = {INT4OID};
	static const Oid claim_types[3] = {INT4OID, INTERVALOID, INT4OID};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int32		limit;
	Interval   *lease;
	Interval	zero;
	Datum		args[3];
	Datum		max_attempts = Int32GetDatum(credentialing_outbox_max_attempts);
	SPIPlanPtr	plan;
	Datum	   *values;
	bool	   *nulls;
	uint64		i;

	require_arg(fcinfo, 0, "p_limit");
	require_arg(fcinfo, 1, "p_lease");
	limit = PG_GETARG_INT32(0);
	lease = PG_GETARG_INTERVAL_P(1);
	if (limit < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_limit must be at least 1"),
				 errdetail("p_limit is %d.", limit)));
	memset(&zero, 0, sizeof(zero));
	if (!DatumGetBool(DirectFunctionCall2(interval_gt, IntervalPGetDatum(lease),
										  IntervalPGetDatum(&zero))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_lease must be a positive interval"),
				 errdetail("p_lease is %s.",
						   DatumGetCString(DirectFunctionCall1(interval_out,
															   IntervalPGetDatum(lease)))),
				 errhint("Give the publisher enough time to publish and ack, such as '5 minutes'.")));

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);

	cred_connect();

	plan = cred_prepare(&abandon_expired_plan,
						"WITH expired AS ("
						"  SELECT o.id FROM credentialing.appeal_outbox o "
						"   WHERE o.published_at IS NULL "
						"     AND o.available_at OPERATOR(pg_catalog.<=) pg_catalog.clock_timestamp() "
						"     AND o.attempts OPERATOR(pg_catalog.>=) $1 "
						"   ORDER BY o.id "
						"     FOR UPDATE SKIP LOCKED"
						"), abandoned AS ("
						"  UPDATE credentialing.appeal_outbox o "
						"     SET available_at = 'infinity', "
						"         last_error = pg_catalog.concat_ws('; ', o.last_error, "
						"             pg_catalog.format('lease expired after %s attempts', o.attempts)) "
						"    FROM expired e "
						"   WHERE o.id OPERATOR(pg_catalog.=) e.id "
						"  RETURNING o.appeal_id"
						") "
						"UPDATE credentialing.appeals a SET status = 'failed' "
						"  FROM abandoned d "
						" WHERE a.id OPERATOR(pg_catalog.=) d.appeal_id "
						"   AND a.status OPERATOR(pg_catalog.=) 'queued'",
						1, abandon_types);
	cred_execute(plan, &max_attempts, NULL, false, 0, SPI_OK_UPDATE);

	args[0] = Int32GetDatum(limit);
	args[1] = IntervalPGetDatum(lease);
	args[2] = max_attempts;
	plan = cred_prepare(&claim_plan,
						"WITH picked AS ("
						"  SELECT o.id FROM credentialing.appeal_outbox o "
						"   WHERE o.published_at IS NULL "
						"     AND o.available_at OPERATOR(pg_catalog.<=) pg_catalog.clock_timestamp() "
						"     AND o.attempts OPERATOR(pg_catalog.<) $3 "
						"   ORDER BY o.id "
						"   LIMIT $1 "
						"     FOR UPDATE SKIP LOCKED"
						"), claimed AS ("
						"  UPDATE credentialing.appeal_outbox o "
						"     SET attempts = o.attempts OPERATOR(pg_catalog.+) 1, "
						"         available_at = pg_catalog.clock_timestamp() OPERATOR(pg_catalog.+) $2 "
						"    FROM picked p "
						"   WHERE o.id OPERATOR(pg_catalog.=) p.id "
						"  RETURNING o.*"
						") "
						"SELECT * FROM claimed ORDER BY id",
						3, claim_types);
	cred_execute(plan, args, NULL, false, 0, SPI_OK_SELECT);

	values = palloc(sizeof(Datum) * rsinfo->setDesc->natts);
	nulls = palloc(sizeof(bool) * rsinfo->setDesc->natts);
	for (i = 0; i < SPI_processed; i++)
	{
		map_outbox_row(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, rsinfo->setDesc,
					   values, nulls);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}

	SPI_finish();
	return (Datum) 0;
}

/*
 * Finish an ack or nack: the message the statement returned (the first SPI
 * row) becomes the function's composite result (an appeal_outbox row),
 * built in the caller's memory context fn_cxt; with appeal_status, the
 * message's appeal moves from queued to it.  Disconnects from SPI.
 */
static Datum
finish_message(FunctionCallInfo fcinfo, MemoryContext fn_cxt, const char *appeal_status)
{
	TupleDesc	desc;
	Datum	   *values;
	bool	   *nulls;
	HeapTuple	tuple;
	Datum		appeal_id;
	bool		isnull;
	MemoryContext old = MemoryContextSwitchTo(fn_cxt);

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	desc = BlessTupleDesc(desc);
	values = palloc(sizeof(Datum) * desc->natts);
	nulls = palloc(sizeof(bool) * desc->natts);
	map_outbox_row(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, desc, values, nulls);
	tuple = heap_form_tuple(desc, values, nulls);
	MemoryContextSwitchTo(old);

	appeal_id = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
							  SPI_fnumber(SPI_tuptable->tupdesc, "appeal_id"), &isnull);
	if (appeal_status != NULL && !isnull)
		set_appeal_status(appeal_id, appeal_status);

	SPI_finish();
	return HeapTupleGetDatum(tuple);
}

/*
 * With a lease token (the attempts value the publisher's claim returned),
 * refuse an ack or nack of a message that has been claimed again since: the
 * caller's lease expired and another publisher holds the message now.
 */
static void
check_lease_token(FunctionCallInfo fcinfo, int token_arg, Datum id, int32 attempts,
				  const char *verb)
{
	int32		token;

	if (PG_ARGISNULL(token_arg))
		return;
	token = PG_GETARG_INT32(token_arg);
	if (token != attempts)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("outbox message " INT64_FORMAT " cannot be %s: its lease was taken over",
						DatumGetInt64(id), verb),
				 errdetail("p_attempt is %d, but the message has been claimed %d times.", token, attempts),
				 errhint("Another publisher claimed the message after your lease expired; let it finish.")));
}

/*
 * Lock message id if it can be acked or nacked (claimed, not published,
 * not abandoned) and return its attempts; refuse it otherwise.
 */
static int32
lock_claimed_message(Datum id, const char *verb)
{
	static const Oid lock_types[1] = {INT8OID};
	SPIPlanPtr	plan;
	bool		isnull;

	plan = cred_prepare(&lock_message_plan,
						"SELECT o.attempts FROM credentialing.appeal_outbox o "
						" WHERE o.id OPERATOR(pg_catalog.=) $1 "
						"   AND o.published_at IS NULL "
						"   AND o.attempts OPERATOR(pg_catalog.>) 0 "
						"   AND o.available_at OPERATOR(pg_catalog.<>) 'infinity'::pg_catalog.timestamptz "
						"   FOR UPDATE",
						1, lock_types);
	cred_execute(plan, &id, NULL, false, 1, SPI_OK_SELECT);
	if (SPI_processed == 0)
		refuse_message(DatumGetInt64(id), verb);
	return DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
									   1, &isnull));
}

PG_FUNCTION_INFO_V1(appeal_outbox_ack);

/*
 * appeal_outbox_ack(p_id, p_attempt) -> appeal_outbox: the message is published
 * (published_at = clock time) and its appeal moves from queued to
 * submitted.  Accepted after the lease expired, as long as nobody else has
 * acked the message meanwhile.
 */
Datum
appeal_outbox_ack(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[1] = {INT8OID};
	MemoryContext fn_cxt = CurrentMemoryContext;
	Datum		id;
	SPIPlanPtr	plan;

	require_arg(fcinfo, 0, "p_id");
	id = PG_GETARG_DATUM(0);

	cred_connect();

	if (!PG_ARGISNULL(1))
		check_lease_token(fcinfo, 1, id, lock_claimed_message(id, "acked"), "acked");

	plan = cred_prepare(&ack_plan,
						"UPDATE credentialing.appeal_outbox o "
						"   SET published_at = pg_catalog.clock_timestamp() "
						" WHERE o.id OPERATOR(pg_catalog.=) $1 "
						"   AND o.published_at IS NULL "
						"   AND o.attempts OPERATOR(pg_catalog.>) 0 "
						"   AND o.available_at OPERATOR(pg_catalog.<>) 'infinity'::pg_catalog.timestamptz "
						"RETURNING o.*",
						1, argtypes);
	cred_execute(plan, &id, NULL, false, 0, SPI_OK_UPDATE_RETURNING);
	if (SPI_processed == 0)
		refuse_message(DatumGetInt64(id), "acked");

	PG_RETURN_DATUM(finish_message(fcinfo, fn_cxt, "submitted"));
}

PG_FUNCTION_INFO_V1(appeal_outbox_nack);

/*
 * appeal_outbox_nack(p_id, p_error, p_attempt) -> appeal_outbox: records p_error in
 * last_error.  Below credentialing.outbox_max_attempts claims the message
 * becomes available again after aq_backoff_seconds(attempts) (30 s, 1 min,
 * 2 min, ... capped at 1 h, from the clock time); at the limit it is
 * abandoned (available_at 'infinity') and its appeal moves from queued to
 * failed.
 */
Datum
appeal_outbox_nack(PG_FUNCTION_ARGS)
{
	static const Oid nack_types[4] = {INT8OID, TEXTOID, INTERVALOID, BOOLOID};
	MemoryContext fn_cxt = CurrentMemoryContext;
	Datum		id;
	SPIPlanPtr	plan;
	Datum		values[4];
	char		nulls[4] = {' ', ' ', ' ', ' '};
	Interval   *delay;
	int32		attempts;
	bool		give_up;

	require_arg(fcinfo, 0, "p_id");
	id = PG_GETARG_DATUM(0);

	cred_connect();

	attempts = lock_claimed_message(id, "nacked");
	check_lease_token(fcinfo, 2, id, attempts, "nacked");
	give_up = attempts >= credentialing_outbox_max_attempts;

	delay = palloc0(sizeof(Interval));
	delay->time = aq_backoff_seconds(attempts) * USECS_PER_SEC;
	values[0] = id;
	values[1] = PG_ARGISNULL(1) ? (Datum) 0 : PG_GETARG_DATUM(1);
	nulls[1] = PG_ARGISNULL(1) ? 'n' : ' ';
	values[2] = IntervalPGetDatum(delay);
	values[3] = BoolGetDatum(give_up);
	plan = cred_prepare(&nack_plan,
						"UPDATE credentialing.appeal_outbox o "
						"   SET last_error = $2, "
						"       available_at = CASE WHEN $4 THEN 'infinity'::pg_catalog.timestamptz "
						"           ELSE pg_catalog.clock_timestamp() OPERATOR(pg_catalog.+) $3 END "
						" WHERE o.id OPERATOR(pg_catalog.=) $1 "
						"RETURNING o.*",
						4, nack_types);
	cred_execute(plan, values, nulls, false, 0, SPI_OK_UPDATE_RETURNING);
	if (SPI_processed != 1)
		elog(ERROR, "outbox message vanished while locked");

	PG_RETURN_DATUM(finish_message(fcinfo, fn_cxt, give_up ? "failed" : NULL));
}
