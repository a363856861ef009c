-- test/sql/ecs_value_adds.sql: the ECS JSON claim: ecs_value_adds (what each
-- status is eligible for, appeal metadata, date forms, errors) and
-- ingest_ecs_claims (upsert, history, errors, all or nothing).
BEGIN;
SELECT plan(35);

-- What each claim status is eligible for (global defaults: appeals on).
SELECT results_eq(
	$$SELECT s, (v ->> 'eligibleForAppeal')::boolean, (v ->> 'eligibleForCorrection')::boolean,
			 (v ->> 'eligibleForAttachment')::boolean, (v ->> 'eligibleForRemittanceViewer')::boolean,
			 v ? 'appealMessage'
	  FROM unnest(ARRAY['Paid', 'Partially Paid', 'Denied', 'Pending', 'In Process', 'Suspended',
						'Forwarded', 'Adjusted', 'Rejected', 'Not Found', 'Error']) WITH ORDINALITY AS t(s, n),
		   credentialing.ecs_value_adds(pg_catalog.jsonb_build_object('claimStatus', s,
										'finalizedDate', '20240108'), '2024-05-07') AS v
	  ORDER BY n$$,
	$$VALUES ('Paid', false, false, false, true, false),
			 ('Partially Paid', true, false, false, true, true),
			 ('Denied', true, false, false, false, true),
			 ('Pending', false, false, true, false, false),
			 ('In Process', false, false, true, false, false),
			 ('Suspended', false, false, true, false, false),
			 ('Forwarded', false, false, false, false, false),
			 ('Adjusted', false, true, false, false, false),
			 ('Rejected', false, true, false, false, false),
			 ('Not Found', false, false, false, false, false),
			 ('Error', false, false, false, false, false)$$,
	'each claim status is eligible for appeal, correction, attachment or the remittance viewer as the matrix says');

-- The denied claim of the integration document.
SELECT is(
	credentialing.ecs_value_adds($${
	  "claimNumber": "CLM987654321", "claimStatus": "Denied", "statusCode": "P4",
	  "statusCodeDescription": "The procedure code is inconsistent with the modifier used",
	  "BILLED": 450.00, "ALLOWED": 0.00, "INSURANCE_TOTAL_PAID": 0.00,
	  "reasonCodes": ["CO-96", "CO-197"],
	  "comment": "Procedure code 29881 with modifier 59 is not appropriate.",
	  "finalizedDate": "20240108"}$$, '2024-05-07'),
	$${
	  "claimNumber": "CLM987654321", "claimStatus": "Denied", "statusCode": "P4",
	  "statusCodeDescription": "The procedure code is inconsistent with the modifier used",
	  "BILLED": 450.00, "ALLOWED": 0.00, "INSURANCE_TOTAL_PAID": 0.00,
	  "reasonCodes": ["CO-96", "CO-197"],
	  "comment": "Procedure code 29881 with modifier 59 is not appropriate.",
	  "finalizedDate": "20240108",
	  "eligibleForAppeal": true,
	  "appealMessage": "This claim may be eligible for appeal. Timely filing deadline: 2024-07-06",
	  "appealType": "Reconsideration",
	  "appealTimelyFilingDate": "20240706",
	  "appealDaysRemaining": 60,
	  "eligibleForCorrection": false, "eligibleForAttachment": false,
	  "eligibleForRemittanceViewer": false}$$::jsonb,
	'the denied claim of the integration document gets its appeal metadata, the rest kept as it came');
SELECT is(
	credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": "20240108"}', '2024-06-20')
		->> 'appealMessage',
	'This claim may be eligible for appeal. Timely filing deadline: 2024-07-06',
	'appealMessage always names the deadline, even close to it');
SELECT is(
	credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": "20240108"}', '2024-06-20')
		-> 'appealDaysRemaining',
	'16'::jsonb, 'appealDaysRemaining counts the days left as of p_as_of');
SELECT is(
	credentialing.ecs_value_adds('{"claimStatus": "Paid", "finalizedDate": "20240108",
		"eligibleForAppeal": true, "appealMessage": "stale", "appealType": "Reconsideration",
		"appealTimelyFilingDate": "20240706"}', '2024-05-07'),
	'{"claimStatus": "Paid", "finalizedDate": "20240108", "eligibleForAppeal": false,
	  "eligibleForCorrection": false, "eligibleForAttachment": false,
	  "eligibleForRemittanceViewer": true}'::jsonb,
	'a paid claim is not eligible for appeal, and stale appeal fields of the input are dropped');
SELECT is(
	credentialing.ecs_value_adds('{"claimStatus": "partially PAID", "finalizedDate": "20240108"}', '2024-05-07')
		->> 'eligibleForAppeal',
	'true', 'status names are matched case-insensitively');
SELECT is(
	credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": "2024-01-08"}', '2024-05-07'),
	credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": "20240108"}', '2024-05-07')
		|| '{"finalizedDate": "2024-01-08"}',
	'YYYY-MM-DD and CCYYMMDD dates give the same deadline');
SELECT is(
	credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": "20240229"}', '2024-05-07')
		->> 'appealTimelyFilingDate',
	'20240827', 'a leap day is a valid finalized date');
SELECT is(
	credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": "20240108"}', NULL),
	NULL, 'a null p_as_of gives null');

-- Errors.
SELECT throws_ok(
	$$SELECT credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": "2024/01/08"}', '2024-05-07')$$,
	'22007', 'finalizedDate is not a date in CCYYMMDD or YYYY-MM-DD form',
	'a date with slashes is refused, naming the field');
SELECT throws_ok(
	$$SELECT credentialing.ecs_value_adds('{"claimStatus": "Denied", "serviceFromDate": "12/15/2023"}', '2024-05-07')$$,
	'22007', 'serviceFromDate is not a date in CCYYMMDD or YYYY-MM-DD form',
	'a US-style service date is refused, naming the field');
SELECT throws_ok(
	$$SELECT credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": 20240108}', '2024-05-07')$$,
	'22007', 'finalizedDate is not a date in CCYYMMDD or YYYY-MM-DD form',
	'a date given as a number is refused');
SELECT throws_ok(
	$$SELECT credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": "20230229"}', '2024-05-07')$$,
	'22008', 'finalizedDate is not a valid date',
	'February 29 of a common year is refused');
SELECT throws_ok(
	$$SELECT credentialing.ecs_value_adds('{"claimStatus": "Denied", "statusDate": "2024-13-01"}', '2024-05-07')$$,
	'22008', 'statusDate is not a valid date',
	'month 13 is refused');
SELECT throws_ok(
	$$SELECT credentialing.ecs_value_adds('{"finalizedDate": "20240108"}', '2024-05-07')$$,
	'22023', 'claimStatus is missing',
	'a claim without claimStatus is refused');
SELECT throws_like(
	$$SELECT credentialing.ecs_value_adds('{"claimStatus": null}', '2024-05-07')$$,
	'claimStatus is missing',
	'a null claimStatus is refused');
SELECT throws_ok(
	$$SELECT credentialing.ecs_value_adds('{"claimStatus": "Appealed"}', '2024-05-07')$$,
	'22023', 'claimStatus "Appealed" is not a known claim status',
	'an unknown claimStatus is refused');
CREATE FUNCTION pg_temp.error_detail(p_sql text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	d text;
BEGIN
	EXECUTE p_sql;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN d;
END
$f$;
SELECT is(
	pg_temp.error_detail($$SELECT credentialing.ecs_value_adds('{"claimStatus": "Appealed"}', '2024-05-07')$$),
	'Accepted names: Adjusted, Forwarded, Partially Paid, Denied, Paid, Rejected, Not Found, Suspended, Pending, In Process, Error.',
	'the error lists the accepted status names');
SELECT throws_ok(
	$$SELECT credentialing.ecs_value_adds('["Denied"]', '2024-05-07')$$,
	'22023', 'the claim must be a JSON object',
	'a claim that is not an object is refused');
SELECT throws_ok(
	$$SELECT credentialing.ecs_value_adds('{"claimStatus": "Denied", "BILLED": "450.00"}', '2024-05-07')$$,
	'22023', 'BILLED must be a number',
	'an amount given as a string is refused');

-- ingest_ecs_claims: insert, then update with history.
INSERT INTO credentialing.payers (id, name, x12_payer_id)
VALUES ('20000000-0000-0000-0000-0000000000aa', 'Availity Test Payer', 'AVAILITY');
SELECT results_eq(
	$$SELECT claim_number, claim_status, eligible_for_appeal, inserted
	  FROM credentialing.ingest_ecs_claims('{"payerId": "AVAILITY", "claims": [
		{"claimNumber": "ECS-1", "claimStatus": "pending", "memberId": "M1", "BILLED": 125.50,
		 "serviceFromDate": "2024-02-01", "diagnosisCodes": ["F32.1"]},
		{"claimNumber": "ECS-2", "claimStatus": "Denied", "payerId": "OTHERPAYER",
		 "finalizedDate": "20240301", "reasonCodes": ["CO-50"]}]}')$$,
	$$VALUES ('ECS-1', 'Pending', false, true), ('ECS-2', 'Denied', true, true)$$,
	'new claims are inserted with their canonical status and appeal eligibility');
SELECT results_eq(
	$$SELECT claim_number, payer_code, payer_id IS NOT NULL, source, member_id, billed, service_from,
			 diagnosis_codes
	  FROM credentialing.claims WHERE claim_number IN ('ECS-1', 'ECS-2') ORDER BY claim_number$$,
	$$VALUES ('ECS-1', 'AVAILITY', true, 'ecs_json', 'M1', 125.50, '2024-02-01'::date, ARRAY['F32.1']),
			 ('ECS-2', 'OTHERPAYER', false, 'ecs_json', NULL, NULL::numeric, NULL::date, NULL::text[])$$,
	'a claim takes the response''s payer unless it names its own, and links to the payer with that X12 id');
SELECT results_eq(
	$$SELECT claim_number, claim_status, eligible_for_appeal, inserted
	  FROM credentialing.ingest_ecs_claims('{"claims": [
		{"claimNumber": "ECS-1", "payerCode": "AVAILITY", "claimStatus": "Denied",
		 "finalizedDate": "20240315", "reasonCodes": ["CO-197"], "comment": "No authorization."}]}')$$,
	$$VALUES ('ECS-1', 'Denied', true, false)$$,
	'a known claim is updated, not inserted');
SELECT results_eq(
	$$SELECT claim_status, member_id, billed, finalized_date, reason_codes, comment
	  FROM credentialing.claims WHERE claim_number = 'ECS-1'$$,
	$$VALUES ('Denied', 'M1', 125.50, '2024-03-15'::date, ARRAY['CO-197'], 'No authorization.')$$,
	'the update takes the new status and facts and keeps what the new observation does not carry');
SELECT results_eq(
	$$SELECT h.claim_status, h.source, h.billed, h.finalized_date, h.details ->> 'claimNumber'
	  FROM credentialing.claim_status_history h JOIN credentialing.claims c ON c.id = h.claim_id
	  WHERE c.claim_number = 'ECS-1' ORDER BY h.id$$,
	$$VALUES ('Pending', 'ecs_json', 125.50, NULL::date, 'ECS-1'),
			 ('Denied', 'ecs_json', NULL::numeric, '2024-03-15'::date, 'ECS-1')$$,
	'every observation is kept in the history, as it came');
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('ECS-1', NULL, '2024-05-07')),
	NULL, 'the ingested denial can be appealed');
SELECT is(
	(SELECT count(*)::integer FROM credentialing.ingest_ecs_claims('{"claims": []}')),
	0, 'an empty response stores nothing');
SELECT count(*) AS stored FROM credentialing.ingest_ecs_claims('{"payerId": null, "payerCode": "AVAILITY",
	"claims": [{"claimNumber": "ECS-NULLID", "claimStatus": "Paid"}]}');
SELECT results_eq(
	$$SELECT payer_code FROM credentialing.claims WHERE claim_number = 'ECS-NULLID'$$,
	$$VALUES ('AVAILITY')$$,
	'a response whose payerId is null falls back to its payerCode');

-- ingest_ecs_claims errors, all or nothing.
SELECT throws_ok(
	$$SELECT * FROM credentialing.ingest_ecs_claims('{"payerId": "AVAILITY", "claims": [
		{"claimNumber": "ECS-3", "claimStatus": "Paid"},
		{"claimStatus": "Paid"}]}')$$,
	'22023', 'claims[1] has no claimNumber',
	'a claim without claimNumber is refused, naming its position');
SELECT is(
	(SELECT count(*)::integer FROM credentialing.claims WHERE claim_number = 'ECS-3'),
	0, 'a refused response stores none of its claims');
SELECT throws_ok(
	$$SELECT * FROM credentialing.ingest_ecs_claims('{"claims": [{"claimNumber": "ECS-4", "claimStatus": "Paid"}]}')$$,
	'22023', 'claims[0] has no payer id',
	'a claim without a payer id is refused');
SELECT throws_ok(
	$$SELECT * FROM credentialing.ingest_ecs_claims('{"payerId": "AVAILITY", "claims": [
		{"claimNumber": "ECS-5", "claimStatus": "Paid", "finalizedDate": "2024-02-30"}]}')$$,
	'22008', 'claims[0].finalizedDate is not a valid date',
	'a bad date is refused, naming the claim and field');
SELECT throws_ok(
	$$SELECT * FROM credentialing.ingest_ecs_claims('{"payerId": "AVAILITY", "claims": [
		{"claimNumber": "ECS-6", "claimStatus": "Paid", "reasonCodes": "CO-45"}]}')$$,
	'22023', 'claims[0].reasonCodes must be an array of strings',
	'reason codes must be a list');
SELECT throws_ok(
	$$SELECT * FROM credentialing.ingest_ecs_claims('{"payerId": "AVAILITY", "claims": ["ECS-7"]}')$$,
	'22023', 'claims[0] must be a JSON object',
	'a claim that is not an object is refused');
SELECT throws_ok(
	$$SELECT * FROM credentialing.ingest_ecs_claims('{"claim": []}')$$,
	'22023', 'the claim-status response must be an object with a "claims" array',
	'a response without a claims array is refused');

SELECT * FROM finish();
ROLLBACK;
