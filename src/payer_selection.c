/*
 * src/payer_selection.c
 *		payer_selection_stats (DESIGN §4.5): one row per active payer with
 *		what an admin weighs when choosing payers for a provider (contracts,
 *		bookable providers, census, workflow) and, given a provider, whether
 *		that provider is already credentialing, already contracted, or
 *		recommended.  Declared in sql/credentialing.sql ("Admin surface");
 *		called by admin clients (the payer selection screen).
 *
 *		One kept SPI plan, read-only; rows go straight into the function's
 *		result tuplestore.  It runs as the caller, so row-level security
 *		decides what the figures count.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "date_util.h"
#include "spi_util.h"
#include "task_defaults.h"

/*
 * $1 provider (may be NULL), $2 as-of date, $3 and $4 the workflow type of
 * a payer without a workflow row that does / does not require an individual
 * contract (the rule credential_payers applies, td_fallback_workflow).
 *
 * A contract counts while it is in force: in_network with effective_date
 * <= $2 and no expiration_date before $2.  A provider is bookable for a
 * payer when active and either holds such a contract, or the payer allows
 * supervised care and an active relationship covering $2 (for that payer,
 * or with no payer: any payer) ties them to an active attending who holds
 * one.  The census takes each patient's latest appointment that has a
 * payer, is not cancelled and starts before the end of $2 (in the session's
 * time zone); later appointments do not count yet.
 */
static const char stats_sql[] =
"WITH contracts AS ("
"    SELECT n.provider_id, n.payer_id "
"      FROM credentialing.provider_payer_networks n "
"     WHERE n.status = 'in_network' "
"       AND n.effective_date <= $2 "
"       AND (n.expiration_date IS NULL OR n.expiration_date >= $2)), "
"bookable AS ("
"    SELECT c.payer_id, c.provider_id "
"      FROM contracts c "
"      JOIN credentialing.providers pr ON pr.id = c.provider_id "
"     WHERE pr.is_active "
"    UNION "
"    SELECT c.payer_id, s.supervisee_id "
"      FROM contracts c "
"      JOIN credentialing.payers py ON py.id = c.payer_id "
"      JOIN credentialing.providers sup ON sup.id = c.provider_id "
"      JOIN credentialing.supervision_relationships s "
"        ON s.supervisor_id = c.provider_id "
"       AND (s.payer_id IS NULL OR s.payer_id = c.payer_id) "
"      JOIN credentialing.providers se ON se.id = s.supervisee_id "
"     WHERE py.allows_supervised "
"       AND sup.is_attending AND sup.is_active AND se.is_active "
"       AND s.is_active AND s.start_date <= $2 "
"       AND (s.end_date IS NULL OR s.end_date >= $2)), "
"latest AS ("
"    SELECT DISTINCT ON (a.patient_id) a.patient_id, a.payer_id "
"      FROM credentialing.appointments a "
"     WHERE a.payer_id IS NOT NULL "
"       AND a.status <> 'cancelled' "
"       AND a.starts_at < ($2 + 1)::timestamptz "
"     ORDER BY a.patient_id, a.starts_at DESC, a.created_at DESC, a.id DESC) "
"SELECT py.id, py.name, py.payer_type, py.state, "
"       py.requires_individual_contract, py.allows_supervised, "
"       py.requires_attending, py.supervision_level, "
"       COALESCE(cc.n, 0)::integer, COALESCE(bc.n, 0)::integer, "
"       COALESCE(ce.n, 0)::integer, "
"       COALESCE(w.workflow_type, "
"                CASE WHEN py.requires_individual_contract THEN $3 ELSE $4 END), "
"       w.typical_approval_days, "
"       CASE WHEN $1 IS NOT NULL THEN EXISTS ("
"           SELECT FROM credentialing.provider_payer_applications a "
"            WHERE a.provider_id = $1 AND a.payer_id = py.id "
"              AND a.application_status IN ('not_started', 'in_progress', "
"                  'submitted', 'under_review', 'on_hold')) END, "
"       CASE WHEN $1 IS NOT NULL THEN EXISTS ("
"           SELECT FROM credentialing.provider_payer_networks n "
"            WHERE n.provider_id = $1 AND n.payer_id = py.id "
"              AND n.status = 'in_network') END, "
"       CASE WHEN $1 IS NOT NULL THEN py.requires_attending AND me.is_attending END "
"  FROM credentialing.payers py "
"  LEFT JOIN credentialing.payer_credentialing_workflows w ON w.payer_id = py.id "
"  LEFT JOIN (SELECT payer_id, count(*) AS n FROM contracts GROUP BY payer_id) cc "
"    ON cc.payer_id = py.id "
"  LEFT JOIN (SELECT payer_id, count(*) AS n FROM bookable GROUP BY payer_id) bc "
"    ON bc.payer_id = py.id "
"  LEFT JOIN (SELECT payer_id, count(*) AS n FROM latest GROUP BY payer_id) ce "
"    ON ce.payer_id = py.id "
"  LEFT JOIN credentialing.providers me ON me.id = $1 "
" WHERE py.is_active "
" ORDER BY py.name, py.id";

static SPIPlanPtr stats_plan = NULL;

PG_FUNCTION_INFO_V1(payer_selection_stats);

/*
 * payer_selection_stats(p_provider_id uuid, p_as_of date)
 * One row per active payer, ordered by name (see stats_sql for the rules).
 * already_credentialing, already_contracted and is_recommended are NULL
 * without a provider; an unknown provider is an error (P0002).
 */
Datum
payer_selection_stats(PG_FUNCTION_ARGS)
{
	static const Oid argtypes[4] = {UUIDOID, DATEOID, TEXTOID, TEXTOID};
	Datum		args[4];
	char		nulls[4] = {' ', ' ', ' ', ' '};
	SPIPlanPtr	plan;

	args[1] = cred_as_of_argument(fcinfo, 1);
	InitMaterializedSRF(fcinfo, 0);

	if (PG_ARGISNULL(0))
	{
		args[0] = (Datum) 0;
		nulls[0] = 'n';
	}
	else
		args[0] = PG_GETARG_DATUM(0);
	args[2] = CStringGetTextDatum(td_workflow_name(td_fallback_workflow(true)));
	args[3] = CStringGetTextDatum(td_workflow_name(td_fallback_workflow(false)));

	cred_connect();
	if (nulls[0] != 'n')
		cred_check_provider_exists(args[0],
								   "Check the id, or pass NULL for payer figures without provider flags.");

	plan = cred_prepare(&stats_plan, stats_sql, 4, argtypes);
	cred_execute_into_srf(fcinfo, plan, 4, argtypes, args, nulls,
						  gettext_noop("payer statistics query does not match the function's result columns"));

	cred_finish();
	return (Datum) 0;
}
