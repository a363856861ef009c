/*
 * src/submit_appeal.c
 *		Filing an appeal and recording the payer's decision (DESIGN §5.4):
 *		submit_appeal validates the request (src/core/appeal_request.c), runs
 *		every check of appeal_status on the claim locked FOR UPDATE
 *		(src/appeal_eval.c), writes the appeal, one outbox message on topic
 *		appeals-in and NOTIFY credentialing_appeals_in in the caller's
 *		transaction; record_appeal_decision closes a published appeal.
 *
 * Callers: SQL.  The outbox message is later handed to a publisher by
 * src/appeal_outbox.c.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/uuid.h"

#include "appeal_eval.h"
#include "appeal_request.h"
#include "audit.h"
#include "jsonb_util.h"
#include "spi_util.h"

/* The channel told about every new appeal (payload: the appeal id). */
#define APPEALS_CHANNEL "credentialing_appeals_in"

/* The outbox topic of new appeals. */
#define APPEALS_TOPIC "appeals-in"

static SPIPlanPtr insert_appeal_plan;
static SPIPlanPtr insert_outbox_plan;
static SPIPlanPtr lock_appeal_plan;
static SPIPlanPtr decide_appeal_plan;

/*
 * Raise a refusal of the pure-C core as SQLSTATE 22023.
 */
static void
raise_request_error(const AqError *err)
{
	if (!err->failed)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s", err->message),
			 err->detail[0] ? errdetail("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : 0));
}

/*
 * Refuse a NULL argument that has no meaningful default.
 */
static void
require_arg(FunctionCallInfo fcinfo, int n, const char *name, const char *hint)
{
	if (PG_ARGISNULL(n))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", name),
				 errhint("%s", hint)));
}

/*
 * Make a new snapshot, seeing every earlier command of this transaction, the
 * active one (as SPI does before a query that is not read-only); the caller
 * pops it.
 */
static void
push_fresh_snapshot(void)
{
	CommandCounterIncrement();
	PushActiveSnapshot(GetTransactionSnapshot());
	UpdateActiveSnapshotCommandId();
}

/*
 * The kind of a JSON value as the core names it.
 */
static AqJsonType
json_kind(const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return AQ_JSON_NULL;
		case jbvString:
			return AQ_JSON_STRING;
		case jbvNumeric:
			return AQ_JSON_NUMBER;
		case jbvBool:
			return AQ_JSON_BOOL;
		case jbvArray:
			return AQ_JSON_ARRAY;
		case jbvObject:
			return AQ_JSON_OBJECT;
		case jbvBinary:
			return JsonContainerIsArray(v->val.binary.data) ? AQ_JSON_ARRAY : AQ_JSON_OBJECT;
		default:
			elog(ERROR, "unexpected jsonb value type %d", (int) v->type);
	}
	return AQ_JSON_NULL;		/* not reached */
}

/*
 * The kind of a whole jsonb document (a raw scalar is its scalar's kind).
 */
static AqJsonType
jsonb_root_kind(Jsonb *jb)
{
	JsonbValue	v;

	if (JB_ROOT_IS_SCALAR(jb))
	{
		if (!JsonbExtractScalar(&jb->root, &v))
			elog(ERROR, "could not read jsonb scalar");
		return json_kind(&v);
	}
	return JB_ROOT_IS_ARRAY(jb) ? AQ_JSON_ARRAY : AQ_JSON_OBJECT;
}

/*
 * Fill a core JSON value from a jsonb value (numbers as their decimal text).
 */
static void
to_core_value(const JsonbValue *v, AqJsonValue *out)
{
	out->type = json_kind(v);
	out->text = NULL;
	out->len = 0;
	if (v->type == jbvString)
	{
		out->text = v->val.string.val;
		out->len = v->val.string.len;
	}
	else if (v->type == jbvNumeric)
	{
		out->text = DatumGetCString(DirectFunctionCall1(numeric_out,
														NumericGetDatum(v->val.numeric)));
		out->len = strlen(out->text);
	}
}

/*
 * Validate p_attachments: an array of at most ten attachment objects; see
 * aq_check_attachment for each element.
 */
static void
check_attachments(Jsonb *attachments)
{
	AqError		err;
	AqJsonType	kind = jsonb_root_kind(attachments);
	int			count = kind == AQ_JSON_ARRAY ? (int) JB_ROOT_COUNT(attachments) : 0;
	int			i;

	aq_check_attachment_list(kind, count, &err);
	raise_request_error(&err);

	for (i = 0; i < count; i++)
	{
		JsonbValue *elem = getIthJsonbValueFromContainer(&attachments->root, i);
		AqJsonType	ekind = json_kind(elem);
		AqMember   *members = NULL;
		int			n = 0;

		if (ekind == AQ_JSON_OBJECT)
		{
			JsonbIterator *it = JsonbIteratorInit(elem->val.binary.data);
			JsonbValue	v;
			JsonbIteratorToken tok;

			members = palloc0(sizeof(AqMember) * (JsonContainerSize(elem->val.binary.data) + 1));
			while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
			{
				if (tok == WJB_KEY)
				{
					members[n].key = v.val.string.val;
					members[n].key_len = v.val.string.len;
				}
				else if (tok == WJB_VALUE)
					to_core_value(&v, &members[n++].value);
			}
		}
		aq_check_attachment(i, ekind, members, n, &err);
		raise_request_error(&err);
	}
}

/*
 * Raise the refusal of an appeal the checks of appeal_status turned down;
 * errmsg is the reason appeal_status reports.  SQLSTATEs: 23514 for the
 * claim's status, disabled appeals and a passed deadline (business rules),
 * 42501 for a provider acting on another provider's claim, 23505 for a
 * second active appeal (the unique index appeals_one_active_per_claim).
 */
static void
refuse_appeal(const AppealEvaluation *ev)
{
	char		deadline[16];
	char		as_of[16];

	switch (ev->reason_code)
	{
		case AR_REASON_NONE:
			return;
		case AR_REASON_STATUS:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s", ev->reason),
					 errdetail("Claim %s of payer %s has status %s.",
							   ev->claim_number, ev->payer_code, ev->claim_status),
					 errhint("Only Denied and Partially Paid claims can be appealed; a Rejected or Adjusted claim is corrected and resubmitted instead.")));
			break;
		case AR_REASON_DISABLED:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s", ev->reason),
					 ev->disabled_globally
					 ? errdetail("Appeals are disabled in appeal_settings.")
					 : errdetail("Appeals are disabled for payer %s in payer_appeal_rules.",
								 ev->payer_code),
					 errhint("Contact the payer directly, or ask an administrator to enable appeals.")));
			break;
		case AR_REASON_DEADLINE_PASSED:
			ar_format_iso(ev->deadline, deadline, sizeof(deadline));
			ar_format_iso(ev->as_of, as_of, sizeof(as_of));
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s", ev->reason),
					 errdetail("The timely filing deadline of claim %s of payer %s was %s; the appeal was filed on %s.",
							   ev->claim_number, ev->payer_code, deadline, as_of),
					 errhint("Contact the payer to ask for late-appeal consideration.")));
			break;
		case AR_REASON_NOT_AUTHORIZED:
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("%s", ev->reason),
					 errdetail("Claim %s of payer %s is not billed under the calling provider's NPI.",
							   ev->claim_number, ev->payer_code),
					 errhint("Only the claim's own provider, or an administrator, may appeal it.")));
			break;
		case AR_REASON_ALREADY_APPEALED:
			break;
	}
	ereport(ERROR,
			(errcode(ERRCODE_UNIQUE_VIOLATION),
			 errmsg("%s", ar_reason_text(AR_REASON_ALREADY_APPEALED)),
			 errdetail("Claim %s of payer %s has an appeal that is neither withdrawn nor failed.",
					   ev->claim_number, ev->payer_code),
			 errhint("Follow the existing appeal; a new one can be filed once it is withdrawn or has failed.")));
}

/*
 * The outbox payload: every key of the prefill, then
 * "request": {reason, narrative, attachments, contact, source} and
 * "appealId".
 */
static Jsonb *
build_payload(Jsonb *prefill, const char *appeal_id, const char *reason,
			  const char *narrative, Jsonb *attachments, Jsonb *contact,
			  const char *source)
{
	JsonbParseState *st = NULL;
	JsonbIterator *it = JsonbIteratorInit(&prefill->root);
	JsonbValue	v;
	JsonbValue *res = NULL;
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_END_OBJECT)
		{
			cred_json_key(&st, "request");
			pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
			cred_json_put_string(&st, "reason", reason);
			cred_json_put_string(&st, "narrative", narrative);
			cred_json_put_jsonb(&st, "attachments", attachments);
			cred_json_put_jsonb(&st, "contact", contact);
			cred_json_put_string(&st, "source", source);
			pushJsonbValue(&st, WJB_END_OBJECT, NULL);
			cred_json_put_string(&st, "appealId", appeal_id);
			res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
		}
		else
			res = pushJsonbValue(&st, tok, tok == WJB_BEGIN_OBJECT ? NULL : &v);
	}
	if (res == NULL || res->type != jbvObject)
		elog(ERROR, "appeal prefill is not a JSON object");
	return JsonbValueToJsonb(res);
}

/*
 * True when the current role has the privileges of credentialing_provider
 * (superusers not counted as members).
 */
static bool
caller_is_provider(void)
{
	Oid			provider_role = get_role_oid("credentialing_provider", true);

	return OidIsValid(provider_role) &&
		is_member_of_role_nosuper(GetUserId(), provider_role);
}

PG_FUNCTION_INFO_V1(submit_appeal);

/*
 * submit_appeal(p_claim_number, p_request_reason, p_narrative,
 * p_attachments, p_contact, p_payer_code, p_source, p_as_of) -> jsonb
 * {appealId, status, claimNumber, appealType, timelyFilingDeadline,
 * submittedAt}.
 *
 * Order: arguments are validated (22004 / 22023), then the claim is found and
 * locked FOR UPDATE and every check of appeal_status runs (refusals as in
 * refuse_appeal).  The lock serialises submissions for one claim; the INSERT
 * ... ON CONFLICT DO NOTHING on the partial unique index makes "at most one
 * active appeal per claim" hold even when the check ran on a snapshot older
 * than a concurrent, since committed, appeal (READ COMMITTED).  The appeal is
 * written with the caller's privileges, the outbox message as the schema
 * owner (infrastructure the caller need not reach).
 */
Datum
submit_appeal(PG_FUNCTION_ARGS)
{
	MemoryContext fn_cxt = CurrentMemoryContext;
	static const Oid appeal_types[9] = {UUIDOID, TEXTOID, TEXTOID, TEXTOID, JSONBOID,
	JSONBOID, TEXTOID, TEXTOID, DATEOID};
	static const Oid outbox_types[3] = {TEXTOID, UUIDOID, JSONBOID};
	char	   *claim_number;
	char	   *payer_code;
	char	   *reason;
	text	   *narrative_t;
	char	   *narrative;
	Jsonb	   *attachments;
	Jsonb	   *contact;
	char	   *source;
	DateADT		as_of;
	AqError		err;
	size_t		chars;
	AppealEvaluation ev;
	Jsonb	   *prefill;
	Datum		values[9];
	char		nulls[9];
	Datum		appeal_id;
	char	   *appeal_id_text;
	Datum		submitted_at;
	CredUserSwitch sw;
	SPIPlanPtr	plan;
	JsonbParseState *st = NULL;
	JsonbValue *res;
	char		deadline_buf[16];
	char		submitted_buf[MAXDATELEN + 1];

	require_arg(fcinfo, 0, "p_claim_number", "Pass the payer's claim number.");
	require_arg(fcinfo, 1, "p_request_reason", "Use one of " AQ_REQUEST_REASON_LIST ".");
	require_arg(fcinfo, 2, "p_narrative", "Explain in 10 to 4000 characters why the payer should reconsider the claim.");
	require_arg(fcinfo, 6, "p_source", "Omit it to use ECS, or name the channel the appeal comes from.");
	require_arg(fcinfo, 7, "p_as_of", "Omit it to use the current date.");

	claim_number = text_to_cstring(PG_GETARG_TEXT_PP(0));
	reason = text_to_cstring(PG_GETARG_TEXT_PP(1));
	narrative_t = PG_GETARG_TEXT_PP(2);
	narrative = text_to_cstring(narrative_t);
	attachments = PG_ARGISNULL(3)
		? DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum("[]")))
		: PG_GETARG_JSONB_P(3);
	contact = PG_ARGISNULL(4) ? NULL : PG_GETARG_JSONB_P(4);
	payer_code = PG_ARGISNULL(5) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(5));
	source = text_to_cstring(PG_GETARG_TEXT_PP(6));
	as_of = PG_GETARG_DATEADT(7);

	/*
	 * A provider files appeals today: a deadline check against another day
	 * would let them file late.  Other roles may date it, e.g. to record an
	 * appeal that was filed on paper.
	 */
	if (as_of != GetSQLCurrentDate() && caller_is_provider())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("a provider cannot set p_as_of of submit_appeal"),
				 errdetail("Appeals filed by a provider are checked against the current date, %s; p_as_of was %s.",
						   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(GetSQLCurrentDate()))),
						   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(as_of)))),
				 errhint("Omit p_as_of.")));

	/* The request itself, before anything is read or locked. */
	aq_check_request_reason(reason, strlen(reason), &err);
	raise_request_error(&err);
	if (GetDatabaseEncoding() == PG_UTF8)
		chars = aq_utf8_char_count(VARDATA_ANY(narrative_t), VARSIZE_ANY_EXHDR(narrative_t));
	else
		chars = pg_mbstrlen_with_len(VARDATA_ANY(narrative_t), VARSIZE_ANY_EXHDR(narrative_t));
	aq_check_narrative_chars(chars, &err);
	raise_request_error(&err);
	check_attachments(attachments);
	if (contact != NULL)
	{
		aq_check_contact(jsonb_root_kind(contact), &err);
		raise_request_error(&err);
		if (jsonb_root_kind(contact) == AQ_JSON_NULL)
			contact = NULL;
	}
	aq_check_source(source, strlen(source), &err);
	raise_request_error(&err);

	/*
	 * The claim, locked, and every check of appeal_status.  The evaluation's
	 * reads are read-only SPI queries, which use the active snapshot; give
	 * them a fresh one (as a volatile function's own queries would get), so
	 * that they see what this transaction, even this statement, wrote.
	 */
	push_fresh_snapshot();
	appeal_evaluate(claim_number, payer_code, as_of, true, &ev);
	PopActiveSnapshot();
	if (!ev.can_appeal)
		refuse_appeal(&ev);
	if (ev.appeal_type == NULL)
		elog(ERROR, "appealable claim without an appeal type");
	push_fresh_snapshot();
	prefill = appeal_prefill_for_claim(ev.claim_id, &ev);
	PopActiveSnapshot();

	cred_connect();

	memset(nulls, ' ', sizeof(nulls));
	values[0] = ev.claim_id;
	values[1] = CStringGetTextDatum(ev.appeal_type);
	values[2] = CStringGetTextDatum(reason);
	values[3] = PointerGetDatum(narrative_t);
	values[4] = JsonbPGetDatum(attachments);
	values[5] = contact ? JsonbPGetDatum(contact) : (Datum) 0;
	nulls[5] = contact ? ' ' : 'n';
	values[6] = CStringGetTextDatum(source);
	values[7] = CStringGetTextDatum(audit_actor());
	values[8] = ev.has_deadline ? DateADTGetDatum(ev.deadline) : (Datum) 0;
	nulls[8] = ev.has_deadline ? ' ' : 'n';
	plan = cred_prepare(&insert_appeal_plan,
						"INSERT INTO credentialing.appeals AS a "
						"(claim_id, appeal_type, status, request_reason, narrative, "
						" attachments, contact, source, submitted_by, deadline) "
						"VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7, $8, $9) "
						"ON CONFLICT (claim_id) "
						"WHERE status OPERATOR(pg_catalog.<>) ALL ('{withdrawn,failed}'::pg_catalog.text[]) "
						"DO NOTHING "
						"RETURNING a.id, a.submitted_at",
						9, appeal_types);

	/*
	 * Every check has passed: the appeal is written as the schema owner, so
	 * that a provider may file appeals only through this function, never by
	 * inserting rows of their own.
	 */
	cred_become_owner(&sw);
	cred_execute(plan, values, nulls, false, 0, SPI_OK_INSERT_RETURNING);
	cred_restore_user(&sw);
	if (SPI_processed == 0)
	{
		/* A concurrent appeal committed after our check's snapshot. */
		ev.reason_code = AR_REASON_ALREADY_APPEALED;
		ev.reason = ar_reason_text(AR_REASON_ALREADY_APPEALED);
		refuse_appeal(&ev);
	}
	{
		bool		isnull;
		Datum		id = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		pg_uuid_t  *copy = MemoryContextAlloc(fn_cxt, sizeof(pg_uuid_t));

		memcpy(copy, DatumGetUUIDP(id), sizeof(pg_uuid_t));
		appeal_id = UUIDPGetDatum(copy);
		submitted_at = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull);
	}
	appeal_id_text = MemoryContextStrdup(fn_cxt,
										 DatumGetCString(DirectFunctionCall1(uuid_out, appeal_id)));

	values[0] = CStringGetTextDatum(APPEALS_TOPIC);
	values[1] = appeal_id;
	values[2] = JsonbPGetDatum(build_payload(prefill, appeal_id_text, reason, narrative,
											 attachments, contact, source));
	plan = cred_prepare(&insert_outbox_plan,
						"INSERT INTO credentialing.appeal_outbox (topic, appeal_id, payload) "
						"VALUES ($1, $2, $3)",
						3, outbox_types);
	cred_become_owner(&sw);
	cred_execute(plan, values, NULL, false, 0, SPI_OK_INSERT);
	cred_restore_user(&sw);

	SPI_finish();

	Async_Notify(APPEALS_CHANNEL, appeal_id_text);

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	cred_json_put_string(&st, "appealId", appeal_id_text);
	cred_json_put_string(&st, "status", "queued");
	cred_json_put_string(&st, "claimNumber", ev.claim_number);
	cred_json_put_string(&st, "appealType", ev.appeal_type);
	if (ev.has_deadline)
	{
		ar_format_ccyymmdd(ev.deadline, deadline_buf, sizeof(deadline_buf));
		cred_json_put_string(&st, "timelyFilingDeadline", deadline_buf);
	}
	else
		cred_json_put_string(&st, "timelyFilingDeadline", NULL);
	/* timestamptz is by value: the Datum outlives the SPI tuple.  The parse
	 * state keeps pointers to strings, so each has its own buffer. */
	cred_json_put_string(&st, "submittedAt",
						 JsonEncodeDateTime(submitted_buf, submitted_at, TIMESTAMPTZOID, NULL));
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	PG_RETURN_JSONB_P(JsonbValueToJsonb(res));
}

PG_FUNCTION_INFO_V1(record_appeal_decision);

/*
 * record_appeal_decision(p_appeal_id, p_decision, p_approved_amount) ->
 * jsonb: the appeal row after the change.
 *
 * The decision must be overturned, partially_overturned or upheld, with an
 * approved amount > 0 for the first two and NULL or 0 for upheld (22023).
 * Only an appeal in submitted or in_review can be decided (55000); an
 * unknown appeal is P0002.  Sets status decided, decision, approved_amount
 * and decided_at (the transaction time).  The appeal row is locked first, so
 * concurrent decisions of one appeal serialise and the second is refused.
 */
Datum
record_appeal_decision(PG_FUNCTION_ARGS)
{
	static const Oid lock_types[1] = {UUIDOID};
	static const Oid decide_types[3] = {UUIDOID, TEXTOID, NUMERICOID};
	Datum		appeal_id;
	char	   *decision_text;
	AqAmount	amount = AQ_AMOUNT_ABSENT;
	char	   *amount_text = NULL;
	Numeric		amount_num = NULL;
	AqDecision	decision;
	AqError		err;
	SPIPlanPtr	plan;
	Datum		values[3];
	char		nulls[3] = {' ', ' ', ' '};
	bool		isnull;
	char	   *status;
	Jsonb	   *result;

	require_arg(fcinfo, 0, "p_appeal_id", "Pass the appealId submit_appeal returned.");
	require_arg(fcinfo, 1, "p_decision", "Use one of " AQ_DECISION_LIST ".");
	appeal_id = PG_GETARG_DATUM(0);
	decision_text = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (!PG_ARGISNULL(2))
	{
		amount_num = PG_GETARG_NUMERIC(2);
		amount_text = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(amount_num)));
		if (numeric_is_nan(amount_num) || numeric_is_inf(amount_num))
			amount = AQ_AMOUNT_NOT_FINITE;
		else
		{
			int			cmp = DatumGetInt32(DirectFunctionCall2(numeric_cmp,
																NumericGetDatum(amount_num),
																NumericGetDatum(int64_to_numeric(0))));

			amount = cmp < 0 ? AQ_AMOUNT_NEGATIVE : cmp == 0 ? AQ_AMOUNT_ZERO : AQ_AMOUNT_POSITIVE;
		}
	}
	aq_check_decision(decision_text, strlen(decision_text), amount, amount_text, &decision, &err);
	raise_request_error(&err);

	cred_connect();

	plan = cred_prepare(&lock_appeal_plan,
						"SELECT a.status FROM credentialing.appeals a "
						"WHERE a.id OPERATOR(pg_catalog.=) $1 FOR UPDATE",
						1, lock_types);
	cred_execute(plan, &appeal_id, NULL, false, 1, SPI_OK_SELECT);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("appeal %s not found",
						DatumGetCString(DirectFunctionCall1(uuid_out, appeal_id))),
				 errhint("Pass the appealId submit_appeal returned.")));
	status = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
											   1, &isnull));
	if (strcmp(status, "submitted") != 0 && strcmp(status, "in_review") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("only a submitted or in_review appeal can be decided"),
				 errdetail("Appeal %s is %s.",
						   DatumGetCString(DirectFunctionCall1(uuid_out, appeal_id)), status),
				 strcmp(status, "queued") == 0
				 ? errhint("Wait until the appeal has been published to the payer (appeal_outbox_ack).")
				 : errhint("A decided, withdrawn or failed appeal is final; file a new appeal if the claim allows it.")));

	values[0] = appeal_id;
	values[1] = CStringGetTextDatum(aq_decision_name(decision));
	values[2] = amount_num ? NumericGetDatum(amount_num) : (Datum) 0;
	nulls[2] = amount_num ? ' ' : 'n';
	plan = cred_prepare(&decide_appeal_plan,
						"UPDATE credentialing.appeals AS a "
						"SET status = 'decided', decision = $2, approved_amount = $3, "
						"    decided_at = pg_catalog.now() "
						"WHERE a.id OPERATOR(pg_catalog.=) $1 "
						"RETURNING pg_catalog.to_jsonb(a.*)",
						3, decide_types);
	cred_execute(plan, values, nulls, false, 0, SPI_OK_UPDATE_RETURNING);
	if (SPI_processed != 1)
		elog(ERROR, "appeal vanished while locked");
	result = DatumGetJsonbP(SPI_datumTransfer(SPI_getbinval(SPI_tuptable->vals[0],
															SPI_tuptable->tupdesc, 1, &isnull),
											  false, -1));
	SPI_finish();
	PG_RETURN_JSONB_P(result);
}
