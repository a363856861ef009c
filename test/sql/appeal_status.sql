-- test/sql/appeal_status.sql: appeal_status and appeal_prefill on stored claims:
-- the four scenarios of the appeals/ECS integration, every reason in check
-- order, provider authorization, earlier appeals, ambiguous claim numbers.
BEGIN;
SELECT plan(32);

-- Two providers; Ann bills under NPI 1234567893.
INSERT INTO credentialing.providers (id, first_name, last_name, npi) VALUES
	('30000000-0000-0000-0000-000000000001', 'Ann', 'Lee', '1234567893'),
	('30000000-0000-0000-0000-000000000002', 'Bob', 'Ray', '1245319599');

-- The claims of the four scenarios, as the ECS response carries them.
SELECT results_eq(
	$$SELECT claim_number, claim_status, eligible_for_appeal, inserted
	  FROM credentialing.ingest_ecs_claims($j${
		"payerId": "AVAILITY",
		"claims": [
		  {"claimNumber": "CLM987654321", "claimStatus": "Denied", "statusCode": "P4",
		   "statusCodeDescription": "The procedure code is inconsistent with the modifier used",
		   "BILLED": 450.00, "ALLOWED": 0.00, "INSURANCE_TOTAL_PAID": 0.00,
		   "reasonCodes": ["CO-96", "CO-197"],
		   "comment": "Procedure code 29881 with modifier 59 is not appropriate.",
		   "patientAccountNumber": "PAT-2024-002", "memberId": "M789012",
		   "providerNpi": "5550100001", "serviceFromDate": "20231215", "serviceToDate": "20231215",
		   "finalizedDate": "20240108", "diagnosisCodes": ["M25.551", "S83.511A"],
		   "procedureCode": "29881", "modifiers": ["59"]},
		  {"claimNumber": "CLM-PP-1", "claimStatus": "Partially Paid", "BILLED": 300.00,
		   "ALLOWED": 250.00, "INSURANCE_TOTAL_PAID": 120.00, "finalizedDate": "2024-03-01"},
		  {"claimNumber": "CLM-PAID-1", "claimStatus": "Paid", "BILLED": 200.00,
		   "INSURANCE_TOTAL_PAID": 200.00, "finalizedDate": "2024-03-01"},
		  {"claimNumber": "CLM-LATE-1", "claimStatus": "Denied", "finalizedDate": "2023-06-01"}
		]}$j$)$$,
	$$VALUES ('CLM987654321', 'Denied', true, true), ('CLM-PP-1', 'Partially Paid', true, true),
			 ('CLM-PAID-1', 'Paid', false, true), ('CLM-LATE-1', 'Denied', true, true)$$,
	'the four scenario claims are stored, denied and partially paid ones eligible for appeal');

-- Scenario 1: denied claim, deadline 60 days away.
SELECT results_eq(
	$$SELECT * FROM credentialing.appeal_status('CLM987654321', NULL, '2024-05-07')$$,
	$$VALUES (true, NULL::text, 'Reconsideration'::text, '2024-07-06'::date, 60,
			  'This claim may be eligible for appeal. Timely filing deadline: 2024-07-06'::text)$$,
	'a denied claim 60 days before its deadline can be appealed by Reconsideration, with the deadline message');
SELECT is(
	credentialing.appeal_prefill('CLM987654321'),
	$${"appealType": "Reconsideration", "claimNumber": "CLM987654321",
	   "patientAccountNumber": "PAT-2024-002", "memberId": "M789012",
	   "providerNpi": "5550100001", "claimStatus": "Denied",
	   "denialReasons": ["CO-96", "CO-197"],
	   "denialComment": "Procedure code 29881 with modifier 59 is not appropriate.",
	   "billedAmount": 450.00, "timelyFilingDeadline": "20240706",
	   "serviceFromDate": "20231215", "serviceToDate": "20231215",
	   "diagnosisCodes": ["M25.551", "S83.511A"], "procedureCode": "29881",
	   "modifiers": ["59"]}$$::jsonb,
	'the appeal form of the denied claim is pre-populated exactly as the integration document shows');

-- Scenario 2: partially paid claim.
SELECT results_eq(
	$$SELECT * FROM credentialing.appeal_status('CLM-PP-1', NULL, '2024-05-07')$$,
	$$VALUES (true, NULL::text, 'Reconsideration'::text, '2024-08-28'::date, 113,
			  'This claim may be eligible for appeal. Timely filing deadline: 2024-08-28'::text)$$,
	'a partially paid claim can be appealed by Reconsideration for the underpaid amount');

-- Scenario 3: paid claim.
SELECT results_eq(
	$$SELECT * FROM credentialing.appeal_status('CLM-PAID-1', NULL, '2024-05-07')$$,
	$$VALUES (false, 'Claim status does not allow appeals'::text, NULL::text, NULL::date,
			  NULL::integer, NULL::text)$$,
	'a paid claim cannot be appealed, and no appeal type or deadline is offered');
SELECT is(
	credentialing.appeal_prefill('CLM-PAID-1') - 'billedAmount',
	$${"appealType": null, "claimNumber": "CLM-PAID-1", "patientAccountNumber": null,
	   "memberId": null, "providerNpi": null, "claimStatus": "Paid", "denialReasons": [],
	   "denialComment": null, "timelyFilingDeadline": null, "serviceFromDate": null,
	   "serviceToDate": null, "diagnosisCodes": [], "procedureCode": null,
	   "modifiers": []}$$::jsonb,
	'the prefill of a paid claim has every key, with null type and deadline and empty lists');
SELECT is(
	(SELECT pg_catalog.array_agg(k ORDER BY k)
	 FROM pg_catalog.jsonb_object_keys(credentialing.appeal_prefill('CLM-PAID-1')) AS k),
	ARRAY['appealType', 'billedAmount', 'claimNumber', 'claimStatus', 'denialComment',
		  'denialReasons', 'diagnosisCodes', 'memberId', 'modifiers', 'patientAccountNumber',
		  'procedureCode', 'providerNpi', 'serviceFromDate', 'serviceToDate',
		  'timelyFilingDeadline'],
	'the prefill has exactly the fifteen keys of the appeal form');

-- Scenario 4: deadline in the past.
SELECT results_eq(
	$$SELECT * FROM credentialing.appeal_status('CLM-LATE-1', NULL, '2024-05-07')$$,
	$$VALUES (false, 'Timely filing deadline has passed'::text, 'Reconsideration'::text,
			  '2023-11-28'::date, -161, NULL::text)$$,
	'a denied claim past its deadline cannot be appealed: timely filing deadline has passed');
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('CLM987654321', NULL, '2024-07-06')),
	NULL, 'the deadline day itself is still in time');
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('CLM987654321', NULL, '2024-07-07')),
	'Timely filing deadline has passed', 'the day after the deadline is too late');

-- Appeals disabled for the payer, then globally.
INSERT INTO credentialing.payer_appeal_rules (payer_code, appeals_enabled) VALUES ('NOAPPEALS', false);
INSERT INTO credentialing.claims (payer_code, claim_number, claim_status, finalized_date, source)
VALUES ('NOAPPEALS', 'CLM-OFF-1', 'Denied', '2024-03-01', 'manual'),
	   ('NOAPPEALS', 'CLM-OFF-PAID', 'Paid', '2024-03-01', 'manual'),
	   ('NOAPPEALS', 'CLM-OFF-LATE', 'Denied', '2020-01-01', 'manual');
SELECT results_eq(
	$$SELECT can_appeal, reason, message FROM credentialing.appeal_status('CLM-OFF-1', NULL, '2024-05-07')$$,
	$$VALUES (false, 'Appeals are disabled for this payer'::text, NULL::text)$$,
	'a denied claim of a payer whose appeals are disabled cannot be appealed');
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('CLM-OFF-PAID', NULL, '2024-05-07')),
	'Claim status does not allow appeals', 'the claim status is checked before the payer''s switch');
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('CLM-OFF-LATE', NULL, '2024-05-07')),
	'Appeals are disabled for this payer', 'the payer''s switch is checked before the deadline');
UPDATE credentialing.appeal_settings SET appeals_enabled = false;
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('CLM-PP-1', NULL, '2024-05-07')),
	'Appeals are disabled for this payer', 'with appeals disabled globally no claim can be appealed');
UPDATE credentialing.appeal_settings SET appeals_enabled = true;

-- Provider authorization.
INSERT INTO credentialing.claims (payer_code, claim_number, claim_status, provider_npi,
								  finalized_date, source)
VALUES ('AVAILITY', 'CLM-ANN-1', 'Denied', '1234567893', '2024-03-01', 'manual'),
	   ('AVAILITY', 'CLM-ANN-LATE', 'Denied', '1234567893', '2020-03-01', 'manual');
SELECT is(
	(SELECT can_appeal FROM credentialing.appeal_status('CLM-ANN-1', NULL, '2024-05-07')),
	true, 'without a provider identity (admin, DBA) there is no authorization restriction');
SET LOCAL request.jwt.claims = '{"provider_id": "30000000-0000-0000-0000-000000000001"}';
SELECT is(
	(SELECT can_appeal FROM credentialing.appeal_status('CLM-ANN-1', NULL, '2024-05-07')),
	true, 'the provider who billed the claim may appeal it (request.jwt.claims)');
SET LOCAL request.jwt.claims = '{"provider_id": "30000000-0000-0000-0000-000000000002"}';
SELECT results_eq(
	$$SELECT can_appeal, reason FROM credentialing.appeal_status('CLM-ANN-1', NULL, '2024-05-07')$$,
	$$VALUES (false, 'Provider is not authorized for this claim'::text)$$,
	'another provider is not authorized for the claim (request.jwt.claims)');
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('CLM-ANN-LATE', NULL, '2024-05-07')),
	'Timely filing deadline has passed', 'the deadline is checked before authorization');
SET LOCAL request.jwt.claims = '{"provider_id": "30000000-0000-0000-0000-0000000000ff"}';
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('CLM-ANN-1', NULL, '2024-05-07')),
	'Provider is not authorized for this claim', 'an unknown provider is not authorized');
SET LOCAL request.jwt.claims = '';
SET LOCAL jwt.claims.provider_id = '30000000-0000-0000-0000-000000000002';
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('CLM-ANN-1', NULL, '2024-05-07')),
	'Provider is not authorized for this claim', 'another provider is not authorized (jwt.claims.provider_id)');
SET LOCAL jwt.claims.provider_id = '30000000-0000-0000-0000-000000000001';
SELECT is(
	(SELECT can_appeal FROM credentialing.appeal_status('CLM-ANN-1', NULL, '2024-05-07')),
	true, 'the provider who billed the claim may appeal it (jwt.claims.provider_id)');

-- Earlier appeals: withdrawn and failed ones do not count.
INSERT INTO credentialing.appeals (claim_id, appeal_type, status, request_reason, narrative)
SELECT c.id, 'Reconsideration', 'withdrawn', 'CODING_DISPUTE', 'Modifier 59 was appropriate.'
FROM credentialing.claims c WHERE c.claim_number = 'CLM-ANN-1';
INSERT INTO credentialing.appeals (claim_id, appeal_type, status, request_reason, narrative)
SELECT c.id, 'Reconsideration', 'failed', 'CODING_DISPUTE', 'Modifier 59 was appropriate.'
FROM credentialing.claims c WHERE c.claim_number = 'CLM-ANN-1';
SELECT is(
	(SELECT can_appeal FROM credentialing.appeal_status('CLM-ANN-1', NULL, '2024-05-07')),
	true, 'withdrawn and failed appeals do not count as an earlier appeal');
INSERT INTO credentialing.appeals (claim_id, appeal_type, status, request_reason, narrative)
SELECT c.id, 'Reconsideration', 'queued', 'CODING_DISPUTE', 'Modifier 59 was appropriate.'
FROM credentialing.claims c WHERE c.claim_number = 'CLM-ANN-1';
SELECT results_eq(
	$$SELECT can_appeal, reason, appeal_type, deadline
	  FROM credentialing.appeal_status('CLM-ANN-1', NULL, '2024-05-07')$$,
	$$VALUES (false, 'Claim has already been appealed'::text, 'Reconsideration'::text, '2024-08-28'::date)$$,
	'a claim with an active appeal has already been appealed; type and deadline are still shown');
SET LOCAL jwt.claims.provider_id = '30000000-0000-0000-0000-000000000002';
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('CLM-ANN-1', NULL, '2024-05-07')),
	'Provider is not authorized for this claim', 'authorization is checked before an earlier appeal');
SET LOCAL jwt.claims.provider_id = '';
UPDATE credentialing.appeals SET status = 'decided', decision = 'upheld'
WHERE claim_id = (SELECT id FROM credentialing.claims WHERE claim_number = 'CLM-ANN-1')
  AND status = 'queued';
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('CLM-ANN-1', NULL, '2024-05-07')),
	'Claim has already been appealed', 'a decided appeal still counts as an earlier appeal');

-- One claim number, two payers.
INSERT INTO credentialing.claims (payer_code, claim_number, claim_status, finalized_date, source)
VALUES ('PAYER-A', 'DUP-1', 'Denied', '2024-03-01', 'manual'),
	   ('PAYER-B', 'DUP-1', 'Paid', '2024-03-01', 'manual');
SELECT throws_ok(
	$$SELECT * FROM credentialing.appeal_status('DUP-1', NULL, '2024-05-07')$$,
	'22023', 'claim number DUP-1 is held by several payers',
	'a claim number held by several payers needs the payer code');
SELECT throws_ok(
	$$SELECT credentialing.appeal_prefill('DUP-1')$$,
	'22023', 'claim number DUP-1 is held by several payers',
	'the prefill of an ambiguous claim number needs the payer code too');
SELECT is(
	(SELECT can_appeal FROM credentialing.appeal_status('DUP-1', 'PAYER-A', '2024-05-07')),
	true, 'with the payer code the claim of payer A is found');
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('DUP-1', 'PAYER-B', '2024-05-07')),
	'Claim status does not allow appeals', 'with the payer code the claim of payer B is found');
SELECT is(
	credentialing.appeal_prefill('DUP-1', 'PAYER-B') ->> 'claimStatus',
	'Paid', 'the prefill takes the payer code as well');

-- Unknown claims.
SELECT throws_ok(
	$$SELECT * FROM credentialing.appeal_status('NOPE', NULL, '2024-05-07')$$,
	'P0002', 'claim NOPE not found', 'an unknown claim number is reported as not found');
SELECT throws_ok(
	$$SELECT * FROM credentialing.appeal_status('CLM-PP-1', 'PAYER-A', '2024-05-07')$$,
	'P0002', 'claim CLM-PP-1 of payer PAYER-A not found',
	'a claim number under another payer is not found');

SELECT * FROM finish();
ROLLBACK;
