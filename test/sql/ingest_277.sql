-- test/sql/ingest_277.sql: storing the claims of a 277 (DESIGN §5.4):
-- upsert by payer and claim number, a history row per observation, and
-- appeal eligibility in the result.
\getenv abs_srcdir PG_ABS_SRCDIR
\set fixtures :abs_srcdir '/fixtures/x12/'
BEGIN;
SELECT plan(12);

CREATE TEMP TABLE fx (name text PRIMARY KEY, body text NOT NULL);
INSERT INTO fx
SELECT n, pg_read_file(:'fixtures' || n || '.x12')
FROM unnest(ARRAY['status_denied', 'dependent', 'err_bad_amount']) AS n;

INSERT INTO credentialing.payers (id, name, payer_type, x12_payer_id)
VALUES ('10000000-0000-0000-0000-0000000000a1', 'Acme Health Plan', 'commercial', 'ACME01');

CREATE TEMP TABLE first_run AS
SELECT r.* FROM fx, credentialing.ingest_277(fx.body) AS r WHERE fx.name = 'status_denied';

SELECT results_eq(
	$$SELECT claim_number, claim_status, eligible_for_appeal, inserted FROM first_run$$,
	$$SELECT p.payer_claim_control_number, p.claim_status, true, true
	  FROM fx, credentialing.parse_277(fx.body) p WHERE fx.name = 'status_denied'$$,
	'every claim is stored under its REF*1K number, Denied claims are appeal-eligible');
SELECT is((SELECT count(*)::int FROM credentialing.claims), 4, 'four claims were stored');
SELECT is((SELECT count(*)::int FROM credentialing.claim_status_history), 4, 'each has one history row');
SELECT results_eq(
	$$SELECT payer_code, payer_name, source, payer_id, billed, paid, category_code, status_code, status_codes,
			 provider_npi
	  FROM credentialing.claims WHERE trace_number = 'DEN-F2'$$,
	$$VALUES ('ACME01', 'ACME HEALTH PLAN', 'x12_277', '10000000-0000-0000-0000-0000000000a1'::uuid,
			  150.00::numeric, 0.00::numeric, 'F2', '88', ARRAY['F2:88:QC'], '1245319599')$$,
	'a stored claim keeps payer, amounts and codes, and is linked to the payer with that x12_payer_id');
SELECT ok((SELECT bool_and(claim_id IN (SELECT id FROM credentialing.claims)) FROM first_run),
	'the returned claim ids are the stored claims');

CREATE TEMP TABLE second_run AS
SELECT r.* FROM fx, credentialing.ingest_277(fx.body) AS r WHERE fx.name = 'status_denied';
SELECT ok((SELECT bool_and(NOT inserted) FROM second_run), 'the same file again updates the claims');
SELECT results_eq(
	$$SELECT claim_id FROM second_run$$, $$SELECT claim_id FROM first_run$$,
	'an update keeps the claim ids');
SELECT is((SELECT count(*)::int FROM credentialing.claims), 4, 'no claim is duplicated');
SELECT is((SELECT count(*)::int FROM credentialing.claim_status_history), 8, 'every observation is kept in the history');

UPDATE credentialing.appeal_settings SET appeals_enabled = false;
SELECT is(
	(SELECT bool_or(eligible_for_appeal) FROM fx, credentialing.ingest_277(fx.body) r WHERE fx.name = 'status_denied'),
	false, 'with appeals disabled no claim is appeal-eligible');

SELECT throws_ok(
	$$SELECT * FROM fx, credentialing.ingest_277(fx.body) r WHERE fx.name = 'err_bad_amount'$$,
	'22P02', NULL, 'a malformed file is refused');
SELECT is((SELECT count(*)::int FROM credentialing.claims WHERE trace_number LIKE 'BAD%'), 0,
	'nothing of a refused file is stored');

SELECT * FROM finish();
ROLLBACK;
