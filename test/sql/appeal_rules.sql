-- test/sql/appeal_rules.sql: the appeal rules: payer overrides loaded from the
-- integration configuration (Medicare, UnitedHealthcare), notice grace days,
-- deadline anchor fallbacks, invalid appeal types, the near-deadline warning,
-- appeals switched off globally and per payer, appeal metadata.
BEGIN;
SELECT plan(30);

-- The configuration and the payer overrides of the integration document.
SELECT lives_ok(
	$$SELECT credentialing.apply_integration_config('{
	  "ecs": {
		"enabled": true,
		"valueAdds277": {
		  "enabled": true,
		  "integrationFlags": {"appeals": true},
		  "appealConfiguration": {
			"timelyFilingDays": 180,
			"includeAppealMetadata": true,
			"defaultAppealType": "Reconsideration"
		  }
		}
	  },
	  "appeals": {"enabled": true, "consumesEcsData": true}
	}')$$,
	'the integration configuration of the document loads');
SELECT lives_ok(
	$$SELECT credentialing.apply_integration_config('{
	  "payerSpecificOverrides": {
		"MEDICARE": {
		  "payerId": "MEDICARE",
		  "payerName": "Medicare",
		  "ecsValueAdds277Override": {
			"integrationFlags": {"appeals": true},
			"appealConfiguration": {"timelyFilingDays": 120, "defaultAppealType": "Redetermination"}
		  }
		},
		"UNITED": {
		  "payerId": "UNITED",
		  "payerName": "UnitedHealthcare",
		  "ecsValueAdds277Override": {
			"integrationFlags": {"appeals": true},
			"appealConfiguration": {"timelyFilingDays": 365, "defaultAppealType": "Reconsideration"}
		  }
		}
	  }
	}')$$,
	'the payer-specific overrides of the document load');

-- The same denial (finalized 2024-01-08) at three payers.
INSERT INTO credentialing.claims (payer_code, claim_number, claim_status, finalized_date, source)
VALUES ('MEDICARE', 'MCR-1', 'Denied', '2024-01-08', 'manual'),
	   ('UNITED', 'UHC-1', 'Denied', '2024-01-08', 'manual'),
	   ('OTHER', 'OTH-1', 'Denied', '2024-01-08', 'manual');
SELECT results_eq(
	$$SELECT appeal_type, deadline, days_remaining
	  FROM credentialing.appeal_status('MCR-1', NULL, '2024-03-01')$$,
	$$VALUES ('Redetermination'::text, '2024-05-07'::date, 67)$$,
	'a Medicare denial is appealed by Redetermination within 120 days');
SELECT results_eq(
	$$SELECT appeal_type, deadline, days_remaining
	  FROM credentialing.appeal_status('UHC-1', NULL, '2024-03-01')$$,
	$$VALUES ('Reconsideration'::text, '2025-01-07'::date, 312)$$,
	'a UnitedHealthcare denial is appealed by Reconsideration within 365 days');
SELECT results_eq(
	$$SELECT appeal_type, deadline, days_remaining
	  FROM credentialing.appeal_status('OTH-1', NULL, '2024-03-01')$$,
	$$VALUES ('Reconsideration'::text, '2024-07-06'::date, 127)$$,
	'a payer without an override uses the global 180 days and Reconsideration');
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('MCR-1', NULL, '2024-05-08')),
	'Timely filing deadline has passed', 'the Medicare deadline passes after 120 days');
SELECT is(
	credentialing.ecs_value_adds('{"claimNumber": "MCR-2", "claimStatus": "Denied", "payerId": "MEDICARE",
								   "finalizedDate": "20240108"}', '2024-03-01')
	- ARRAY['claimNumber', 'claimStatus', 'payerId', 'finalizedDate'],
	'{"eligibleForAppeal": true, "appealType": "Redetermination",
	  "appealMessage": "This claim may be eligible for appeal. Timely filing deadline: 2024-05-07",
	  "appealTimelyFilingDate": "20240507", "appealDaysRemaining": 67,
	  "eligibleForCorrection": false, "eligibleForAttachment": false,
	  "eligibleForRemittanceViewer": false}'::jsonb,
	'the ECS value-adds of a Medicare claim carry the Medicare override');

-- Notice grace days extend the deadline.
SELECT lives_ok(
	$$SELECT credentialing.apply_integration_config('{"payerSpecificOverrides": {"MEDICARE":
		{"ecsValueAdds277Override": {"appealConfiguration": {"noticeGraceDays": 5}}}}}')$$,
	'notice grace days are set through the configuration');
SELECT is(
	(SELECT deadline FROM credentialing.appeal_status('MCR-1', NULL, '2024-03-01')),
	'2024-05-12'::date, 'the deadline is finalized date + 120 days + 5 grace days');
SELECT is(
	(SELECT can_appeal FROM credentialing.appeal_status('MCR-1', NULL, '2024-05-12')),
	true, 'within the grace days the claim can still be appealed');

-- Deadline anchors: finalized, else remittance/processed, else status date.
INSERT INTO credentialing.claims (payer_code, claim_number, claim_status, finalized_date,
								  remittance_date, status_date, source)
VALUES ('OTHER', 'ANCHOR-ALL', 'Denied', '2024-01-08', '2024-01-15', '2024-01-20', 'manual'),
	   ('OTHER', 'ANCHOR-REM', 'Denied', NULL, '2024-01-15', '2024-01-20', 'manual'),
	   ('OTHER', 'ANCHOR-STS', 'Partially Paid', NULL, NULL, '2024-01-20', 'manual'),
	   ('OTHER', 'ANCHOR-NONE', 'Denied', NULL, NULL, NULL, 'manual'),
	   ('OTHER', 'ANCHOR-PAID', 'Paid', NULL, NULL, NULL, 'manual');
SELECT is(
	(SELECT deadline FROM credentialing.appeal_status('ANCHOR-ALL', NULL, '2024-03-01')),
	'2024-07-06'::date, 'the finalized date anchors the deadline when present, without a warning');
SELECT is(
	(SELECT deadline FROM credentialing.appeal_status('ANCHOR-REM', NULL, '2024-03-01')),
	'2024-07-13'::date, 'without a finalized date the remittance date anchors it, with a warning');
SELECT is(
	(SELECT deadline FROM credentialing.appeal_status('ANCHOR-STS', NULL, '2024-03-01')),
	'2024-07-18'::date, 'without finalized and remittance dates the status date anchors it, with a warning');
SELECT results_eq(
	$$SELECT can_appeal, deadline, days_remaining, message
	  FROM credentialing.appeal_status('ANCHOR-NONE', NULL, '2024-03-01')$$,
	$$VALUES (true, NULL::date, NULL::integer, 'This claim may be eligible for appeal.'::text)$$,
	'a claim without any date has no deadline, with a warning');
SELECT is(
	(SELECT reason FROM credentialing.appeal_status('ANCHOR-PAID', NULL, '2024-03-01')),
	'Claim status does not allow appeals', 'a claim that cannot be appealed raises no date warning');
SELECT is(
	credentialing.ecs_value_adds('{"claimNumber": "ECS-REM", "claimStatus": "Denied",
								   "processedDate": "2024-01-15", "statusDate": "20240120"}',
								 '2024-03-01') ->> 'appealTimelyFilingDate',
	'20240713', 'the ECS processed date anchors the deadline without a finalized date, with a warning');

-- An invalid appeal type in the settings falls back to Reconsideration.
UPDATE credentialing.appeal_settings SET default_appeal_type = 'Second Look';
SELECT is(
	(SELECT appeal_type FROM credentialing.appeal_status('OTH-1', NULL, '2024-03-01')),
	'Reconsideration', 'an invalid global appeal type falls back to Reconsideration with a warning');
UPDATE credentialing.appeal_settings SET default_appeal_type = 'Administrative Review';
UPDATE credentialing.payer_appeal_rules SET default_appeal_type = 'Appeal' WHERE payer_code = 'UNITED';
SELECT is(
	(SELECT appeal_type FROM credentialing.appeal_status('UHC-1', NULL, '2024-03-01')),
	'Reconsideration', 'an invalid payer appeal type falls back to Reconsideration with a warning');
UPDATE credentialing.payer_appeal_rules SET default_appeal_type = NULL WHERE payer_code = 'UNITED';
SELECT is(
	(SELECT appeal_type FROM credentialing.appeal_status('UHC-1', NULL, '2024-03-01')),
	'Administrative Review', 'a payer without its own type uses the global type');
UPDATE credentialing.appeal_settings SET default_appeal_type = 'Reconsideration';

-- The near-deadline warning.
SELECT is(
	(SELECT message FROM credentialing.appeal_status('OTH-1', NULL, '2024-06-07')),
	'⚠️ Appeal deadline in 29 days!', 'fewer than 30 days left: the message warns of the deadline');
SELECT is(
	(SELECT message FROM credentialing.appeal_status('OTH-1', NULL, '2024-06-06')),
	'This claim may be eligible for appeal. Timely filing deadline: 2024-07-06',
	'exactly 30 days left: the usual message');
SELECT is(
	(SELECT message FROM credentialing.appeal_status('OTH-1', NULL, '2024-07-06')),
	'⚠️ Appeal deadline in 0 days!', 'on the deadline day the warning counts 0 days');
UPDATE credentialing.appeal_settings SET deadline_warning_days = 45;
SELECT is(
	(SELECT message FROM credentialing.appeal_status('OTH-1', NULL, '2024-05-27')),
	'⚠️ Appeal deadline in 40 days!', 'the warning threshold follows deadline_warning_days');
UPDATE credentialing.appeal_settings SET deadline_warning_days = 30;

-- Appeals switched off.
SELECT lives_ok(
	$$SELECT credentialing.apply_integration_config('{"payerSpecificOverrides": {"UNITED":
		{"ecsValueAdds277Override": {"integrationFlags": {"appeals": false}}}}}')$$,
	'appeals are switched off for UnitedHealthcare through the configuration');
SELECT results_eq(
	$$SELECT (SELECT reason FROM credentialing.appeal_status('UHC-1', NULL, '2024-03-01')),
			 (SELECT reason FROM credentialing.appeal_status('OTH-1', NULL, '2024-03-01'))$$,
	$$VALUES ('Appeals are disabled for this payer'::text, NULL::text)$$,
	'UnitedHealthcare claims cannot be appealed, other payers'' claims still can');
SELECT is(
	credentialing.ecs_value_adds('{"claimStatus": "Denied", "payerId": "UNITED", "finalizedDate": "20240108"}',
								 '2024-03-01') ? 'appealMessage',
	false, 'a claim of a payer with appeals off gets no appeal metadata');
SELECT lives_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"integrationFlags": {"appeals": false}}},
		"appeals": {"enabled": true}}')$$,
	'the ECS appeals flag switches appeals off globally even with appeals.enabled true');
SELECT results_eq(
	$$SELECT (SELECT reason FROM credentialing.appeal_status('OTH-1', NULL, '2024-03-01')),
			 (credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": "20240108"}',
										   '2024-03-01') -> 'eligibleForAppeal')::text$$,
	$$VALUES ('Appeals are disabled for this payer'::text, 'false'::text)$$,
	'with appeals off globally no claim is eligible for appeal');
SELECT lives_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"integrationFlags": {"appeals": true},
		"appealConfiguration": {"includeAppealMetadata": false}}}, "appeals": {"enabled": true}}')$$,
	'appeals are switched back on, without appeal metadata');
SELECT is(
	credentialing.ecs_value_adds('{"claimStatus": "Denied", "finalizedDate": "20240108"}', '2024-03-01'),
	'{"claimStatus": "Denied", "finalizedDate": "20240108", "eligibleForAppeal": true,
	  "eligibleForCorrection": false, "eligibleForAttachment": false,
	  "eligibleForRemittanceViewer": false}'::jsonb,
	'without appeal metadata an eligible claim says so but carries no message, type or date');

SELECT * FROM finish();
ROLLBACK;
