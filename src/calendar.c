/*
 * src/calendar.c
 *		credentialing_calendar (DESIGN §4.5): an iCalendar (RFC 5545) feed
 *		of the open tasks' due dates and the open applications' expected
 *		decision dates, for one provider or for everyone.  Declared in
 *		sql/credentialing.sql ("Admin surface"); called by admin clients
 *		that publish the feed to calendar applications.
 *
 *		The rows come from one kept plan read through a cursor; the RFC 5545
 *		text (escaping, folding, CRLF, date formats) is the pure-C core
 *		src/core/icalendar.c.  The output depends only on the data: DTSTAMP
 *		is the row's updated_at in UTC, so the same rows give the same feed.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "icalendar.h"
#include "spi_util.h"

/* Rows fetched from the cursor at a time. */
#define CALENDAR_BATCH 500

/* DTSTAMP of a row whose updated_at cannot be written (infinite). */
#define FALLBACK_DTSTAMP "19700101T000000Z"

/*
 * One event per open task (pending, in_progress, blocked) with a due date,
 * and per open application (submitted, under_review, in_progress: those
 * get_overdue_applications watches) with an expected decision date; dates
 * outside the years 1 .. 9999, which iCalendar cannot write, are left out.
 * TASK_FILTER and APPLICATION_FILTER are empty (everyone) or restrict each
 * half to the provider $1.
 * Ordered by date, then UID (byte order, whatever the collation).
 */
#define CALENDAR_SQL(TASK_FILTER, APPLICATION_FILTER) \
"SELECT e.day, e.uid, e.stamp, e.summary, e.description FROM (" \
"  SELECT t.due_date AS day, " \
"         'task-' || t.id::text || '@credentialing' AS uid, " \
"         t.updated_at AS stamp, " \
"         py.name || ': ' || t.title " \
"           || ' (' || pr.first_name || ' ' || pr.last_name || ')' AS summary, " \
"         pg_catalog.concat_ws(E'\\n', 'Task status: ' || t.task_status, " \
"                              NULLIF(t.description, ''), " \
"                              'Assigned to: ' || NULLIF(t.assigned_to, '')) AS description " \
"    FROM credentialing.provider_credentialing_tasks t " \
"    JOIN credentialing.providers pr ON pr.id = t.provider_id " \
"    JOIN credentialing.payers py ON py.id = t.payer_id " \
"   WHERE t.task_status IN ('pending', 'in_progress', 'blocked') " \
"     AND t.due_date BETWEEN '0001-01-01' AND '9999-12-31' " \
TASK_FILTER \
"  UNION ALL " \
"  SELECT a.expected_decision_date, " \
"         'application-' || a.id::text || '@credentialing', " \
"         a.updated_at, " \
"         py.name || ': Expected credentialing decision' " \
"           || ' (' || pr.first_name || ' ' || pr.last_name || ')', " \
"         pg_catalog.concat_ws(E'\\n', 'Application status: ' || a.application_status, " \
"                              'Submitted: ' || pg_catalog.to_char(a.application_submitted_date::timestamp, 'YYYY-MM-DD'), " \
"                              'Payer application ID: ' || NULLIF(a.payer_application_id, '')) " \
"    FROM credentialing.provider_payer_applications a " \
"    JOIN credentialing.providers pr ON pr.id = a.provider_id " \
"    JOIN credentialing.payers py ON py.id = a.payer_id " \
"   WHERE a.application_status IN ('submitted', 'under_review', 'in_progress') " \
"     AND a.expected_decision_date BETWEEN '0001-01-01' AND '9999-12-31' " \
APPLICATION_FILTER \
") e " \
"ORDER BY e.day, e.uid COLLATE \"C\""

static const char calendar_all_sql[] = CALENDAR_SQL("", "");
static const char calendar_provider_sql[] =
CALENDAR_SQL("AND t.provider_id = $1 ", "AND a.provider_id = $1 ");

static SPIPlanPtr calendar_all_plan = NULL;
static SPIPlanPtr calendar_provider_plan = NULL;

/* Columns of CALENDAR_SQL. */
#define COL_DAY 1
#define COL_UID 2
#define COL_STAMP 3
#define COL_SUMMARY 4
#define COL_DESCRIPTION 5

/*
 * Character length in the database encoding, for folding when the
 * database is not UTF-8.
 */
static size_t
server_charlen(const unsigned char *s, size_t avail)
{
	int			len = pg_mblen((const char *) s);

	if (len < 1)
		return 1;
	return Min((size_t) len, avail);
}

/*
 * Append one content line (see ical_content_line) to buf.
 */
static void
append_line(StringInfo buf, const char *name, const char *params,
			const char *value, bool text)
{
	ical_charlen_fn charlen = GetDatabaseEncoding() == PG_UTF8 ? NULL : server_charlen;
	size_t		vlen = strlen(value);
	size_t		n;

	n = ical_content_line(name, params, value, vlen, text, charlen, NULL, 0);
	if (n >= MaxAllocSize - (size_t) buf->len - 1)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the calendar is too large"),
				 errdetail("The feed would exceed %zu bytes.", (size_t) MaxAllocSize),
				 errhint("Ask for one provider's calendar.")));
	enlargeStringInfo(buf, (int) n);
	ical_content_line(name, params, value, vlen, text, charlen,
					  buf->data + buf->len, n + 1);
	buf->len += (int) n;
}

/*
 * Append the VEVENT of one query row.
 */
static void
append_event(StringInfo buf, HeapTuple row, TupleDesc desc)
{
	bool		isnull;
	DateADT		day;
	TimestampTz stamp;
	int			year;
	int			month;
	int			mday;
	char		date_buf[ICAL_DATE_BUFSIZE];
	char		stamp_buf[ICAL_DATETIME_BUFSIZE];
	struct pg_tm tm;
	fsec_t		fsec;
	char	   *description;

	day = DatumGetDateADT(SPI_getbinval(row, desc, COL_DAY, &isnull));
	j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
	if (!ical_format_date(year, month, mday, date_buf))
		return;					/* the query keeps such dates out */

	stamp = DatumGetTimestampTz(SPI_getbinval(row, desc, COL_STAMP, &isnull));
	if (isnull || TIMESTAMP_NOT_FINITE(stamp) ||
		timestamp2tm(stamp, NULL, &tm, &fsec, NULL, NULL) != 0 ||
		!ical_format_utc_datetime(tm.tm_year, tm.tm_mon, tm.tm_mday,
								  tm.tm_hour, tm.tm_min, tm.tm_sec, stamp_buf))
		strlcpy(stamp_buf, FALLBACK_DTSTAMP, sizeof(stamp_buf));

	append_line(buf, "BEGIN", NULL, "VEVENT", false);
	append_line(buf, "UID", NULL, SPI_getvalue(row, desc, COL_UID), false);
	append_line(buf, "DTSTAMP", NULL, stamp_buf, false);
	append_line(buf, "DTSTART", "VALUE=DATE", date_buf, false);
	append_line(buf, "SUMMARY", NULL, SPI_getvalue(row, desc, COL_SUMMARY), true);
	description = SPI_getvalue(row, desc, COL_DESCRIPTION);
	if (description != NULL && description[0] != '\0')
		append_line(buf, "DESCRIPTION", NULL, description, true);
	append_line(buf, "TRANSP", NULL, "TRANSPARENT", false);
	append_line(buf, "END", NULL, "VEVENT", false);
}

PG_FUNCTION_INFO_V1(credentialing_calendar);

/*
 * credentialing_calendar(p_provider_id uuid) RETURNS text
 * The VCALENDAR of every provider (NULL) or of one (an unknown provider is
 * an error, P0002): one all-day VEVENT per date, CRLF line ends, folded at
 * 75 octets.
 */
Datum
credentialing_calendar(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[1] = {UUIDOID};
	StringInfoData buf;
	Datum		args[1];
	bool		all = PG_ARGISNULL(0);
	SPIPlanPtr	plan;
	Portal		portal;
	MemoryContext rowcxt;

	/* the text is built in the caller's memory, outside SPI's */
	initStringInfo(&buf);
	args[0] = all ? (Datum) 0 : PG_GETARG_DATUM(0);

	cred_connect();
	if (!all)
	{
		cred_check_provider_exists(args[0],
								   "Check the id, or pass NULL for everyone's calendar.");
		plan = cred_prepare(&calendar_provider_plan, calendar_provider_sql, 1, argtypes);
	}
	else
		plan = cred_prepare(&calendar_all_plan, calendar_all_sql, 0, NULL);

	append_line(&buf, "BEGIN", NULL, "VCALENDAR", false);
	append_line(&buf, "VERSION", NULL, "2.0", false);
	append_line(&buf, "PRODID", NULL, "-//credentialing//EN", false);
	append_line(&buf, "CALSCALE", NULL, "GREGORIAN", false);

	portal = SPI_cursor_open(NULL, plan, all ? NULL : args, NULL, true);
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "credentialing_calendar rows",
								   ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		uint64		i;
		MemoryContext oldcxt;

		SPI_cursor_fetch(portal, true, CALENDAR_BATCH);
		if (SPI_processed == 0)
			break;
		oldcxt = MemoryContextSwitchTo(rowcxt);
		for (i = 0; i < SPI_processed; i++)
		{
			append_event(&buf, SPI_tuptable->vals[i], SPI_tuptable->tupdesc);
			MemoryContextReset(rowcxt);
		}
		MemoryContextSwitchTo(oldcxt);
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	MemoryContextDelete(rowcxt);

	append_line(&buf, "END", NULL, "VCALENDAR", false);

	cred_finish();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf.data, buf.len));
}
