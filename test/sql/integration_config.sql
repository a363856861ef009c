-- test/sql/integration_config.sql: apply_integration_config (what it writes,
-- its report, its validation, all or nothing) and the appeal_settings
-- singleton (INSERT merges into the one row, updated_at).
BEGIN;
SELECT plan(34);

-- The singleton as CREATE EXTENSION leaves it.
SELECT results_eq(
	$$SELECT appeals_enabled, include_appeal_metadata, timely_filing_days, default_appeal_type,
			 deadline_warning_days FROM credentialing.appeal_settings$$,
	$$VALUES (true, true, 180, 'Reconsideration'::text, 30)$$,
	'the extension starts with one settings row: enabled, metadata, 180 days, Reconsideration, warn below 30');

-- The integration document, applied twice.
SELECT is(
	credentialing.apply_integration_config('{
	  "ecs": {"enabled": true, "valueAdds277": {"enabled": true,
		"integrationFlags": {"appeals": true},
		"appealConfiguration": {"timelyFilingDays": 180, "includeAppealMetadata": true,
								"defaultAppealType": "Reconsideration"}}},
	  "appeals": {"enabled": true, "consumesEcsData": true},
	  "payerSpecificOverrides": {
		"MEDICARE": {"payerId": "MEDICARE", "payerName": "Medicare",
		  "ecsValueAdds277Override": {"integrationFlags": {"appeals": true},
			"appealConfiguration": {"timelyFilingDays": 120, "defaultAppealType": "Redetermination"}}},
		"UNITED": {"payerId": "UNITED", "payerName": "UnitedHealthcare",
		  "ecsValueAdds277Override": {"integrationFlags": {"appeals": true},
			"appealConfiguration": {"timelyFilingDays": 365, "defaultAppealType": "Reconsideration"}}}}}'),
	'{"settings": {}, "payerRules": {"inserted": ["UNITED", "MEDICARE"], "updated": [], "unchanged": []}}'::jsonb,
	'the document''s defaults change nothing globally and insert the two payer rules');
SELECT results_eq(
	$$SELECT payer_code, payer_name, appeals_enabled, timely_filing_days, default_appeal_type,
			 notice_grace_days FROM credentialing.payer_appeal_rules ORDER BY payer_code$$,
	$$VALUES ('MEDICARE', 'Medicare', true, 120, 'Redetermination', 0),
			 ('UNITED', 'UnitedHealthcare', true, 365, 'Reconsideration', 0)$$,
	'the payer rules hold the overrides of the document');
SELECT is(
	credentialing.apply_integration_config('{"payerSpecificOverrides": {
		"MEDICARE": {"payerId": "MEDICARE", "payerName": "Medicare",
		  "ecsValueAdds277Override": {"appealConfiguration": {"timelyFilingDays": 120}}}}}'),
	'{"settings": {}, "payerRules": {"inserted": [], "updated": [], "unchanged": ["MEDICARE"]}}'::jsonb,
	'applying the same values again reports the payer as unchanged');

-- Changes are reported old -> new.
SELECT is(
	credentialing.apply_integration_config('{
	  "ecs": {"valueAdds277": {"appealConfiguration": {"timelyFilingDays": 90,
		"defaultAppealType": "administrative review", "deadlineWarningDays": 14}}},
	  "appeals": {"enabled": false},
	  "payerSpecificOverrides": {
		"UNITED": {"ecsValueAdds277Override": {"integrationFlags": {"appeals": null},
		  "appealConfiguration": {"timelyFilingDays": null, "noticeGraceDays": 10}}},
		"AETNA": {"payerName": "Aetna",
		  "ecsValueAdds277Override": {"appealConfiguration": {"timelyFilingDays": 200}}}}}'),
	'{"settings": {
		"appeals_enabled": {"old": true, "new": false},
		"timely_filing_days": {"old": 180, "new": 90},
		"default_appeal_type": {"old": "Reconsideration", "new": "Administrative Review"},
		"deadline_warning_days": {"old": 30, "new": 14}},
	  "payerRules": {"inserted": ["AETNA"],
		"updated": [{"payerCode": "UNITED", "changes": {
			"appeals_enabled": {"old": true, "new": null},
			"timely_filing_days": {"old": 365, "new": null},
			"notice_grace_days": {"old": 0, "new": 10}}}],
		"unchanged": []}}'::jsonb,
	'the report lists every changed setting and payer rule with its old and new value');
SELECT results_eq(
	$$SELECT appeals_enabled, include_appeal_metadata, timely_filing_days, default_appeal_type,
			 deadline_warning_days FROM credentialing.appeal_settings$$,
	$$VALUES (false, true, 90, 'Administrative Review'::text, 14)$$,
	'the settings take the new values, the appeal type in its canonical spelling');
SELECT results_eq(
	$$SELECT payer_code, payer_name, appeals_enabled, timely_filing_days, default_appeal_type,
			 notice_grace_days FROM credentialing.payer_appeal_rules ORDER BY payer_code$$,
	$$VALUES ('AETNA', 'Aetna', NULL::boolean, 200, NULL::text, 0),
			 ('MEDICARE', 'Medicare', true, 120, 'Redetermination', 0),
			 ('UNITED', 'UnitedHealthcare', NULL::boolean, NULL::integer, 'Reconsideration', 10)$$,
	'a payer without payerId is keyed by its override key; null means "use the global value"');
SELECT is(
	credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"integrationFlags": {"appeals": true}}}}')
		-> 'settings',
	'{"appeals_enabled": {"old": false, "new": true}}'::jsonb,
	'the ECS appeals flag alone switches appeals back on');
SELECT is(
	credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"integrationFlags": {"appeals": true}}},
											 "appeals": {"enabled": false}}') -> 'settings',
	'{"appeals_enabled": {"old": true, "new": false}}'::jsonb,
	'appeals are off when appeals.enabled is false, whatever the ECS flag says');
SELECT is(
	credentialing.apply_integration_config('{"eligibility": {"enabled": true}, "appeals": {"enabled": true}}'),
	'{"settings": {"appeals_enabled": {"old": false, "new": true}},
	  "payerRules": {"inserted": [], "updated": [], "unchanged": []}}'::jsonb,
	'other sections of the configuration are ignored');

-- Validation: every error names the JSON path.
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"appealConfiguration": {"timelyFilingDays": -1}}}}')$$,
	'22023', 'ecs.valueAdds277.appealConfiguration.timelyFilingDays must be a non-negative integer',
	'negative timely filing days are refused');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"appealConfiguration": {"timelyFilingDays": 90.5}}}}')$$,
	'22023', 'ecs.valueAdds277.appealConfiguration.timelyFilingDays must be a non-negative integer',
	'fractional timely filing days are refused');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"appealConfiguration": {"timelyFilingDays": "180"}}}}')$$,
	'22023', 'ecs.valueAdds277.appealConfiguration.timelyFilingDays must be a non-negative integer',
	'timely filing days given as a string are refused');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"appealConfiguration": {"timelyFilingDays": 3000000000}}}}')$$,
	'22023', 'ecs.valueAdds277.appealConfiguration.timelyFilingDays must be a non-negative integer',
	'timely filing days beyond the integer range are refused');
SELECT is(
	credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"appealConfiguration": {"timelyFilingDays": 180.0}}}}')
		#>> '{settings,timely_filing_days,new}',
	'180', 'a whole number written with a decimal point is accepted');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"appealConfiguration": {"timelyFilingDays": null}}}}')$$,
	'22023', 'ecs.valueAdds277.appealConfiguration.timelyFilingDays must be a non-negative integer',
	'the global timely filing days cannot be null');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"appealConfiguration": {"includeAppealMetadata": "yes"}}}}')$$,
	'22023', 'ecs.valueAdds277.appealConfiguration.includeAppealMetadata must be true or false',
	'includeAppealMetadata must be a boolean');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"appealConfiguration": {"defaultAppealType": "Second Look"}}}}')$$,
	'22023', 'ecs.valueAdds277.appealConfiguration.defaultAppealType names an unknown appeal type',
	'an unknown global appeal type is refused');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"payerSpecificOverrides": {"CIGNA": {"ecsValueAdds277Override":
		{"appealConfiguration": {"defaultAppealType": "Appeal"}}}}}')$$,
	'22023', 'payerSpecificOverrides.CIGNA.ecsValueAdds277Override.appealConfiguration.defaultAppealType names an unknown appeal type',
	'an unknown payer appeal type is refused');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"appealConfiguration": {"timelyFillingDays": 90}}}}')$$,
	'22023', 'unknown key "timelyFillingDays" in ecs.valueAdds277.appealConfiguration',
	'a misspelt key in appealConfiguration is refused');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"payerSpecificOverrides": {"CIGNA": {"ecsValueAdds277Override":
		{"appealConfiguration": {"includeAppealMetadata": false}}}}}')$$,
	'22023', 'unknown key "includeAppealMetadata" in payerSpecificOverrides.CIGNA.ecsValueAdds277Override.appealConfiguration',
	'a setting that cannot be set per payer is refused in an override');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"appeals": {"enabled": "true"}}')$$,
	'22023', 'appeals.enabled must be true or false',
	'appeals.enabled must be a boolean');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"ecs": {"valueAdds277": []}}')$$,
	'22023', 'ecs.valueAdds277 must be a JSON object',
	'a section that is not an object is refused');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"payerSpecificOverrides": {"CIGNA": {"payerId": ""}}}')$$,
	'22023', 'payerSpecificOverrides.CIGNA.payerId must be a non-empty string',
	'an empty payerId is refused');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{"payerSpecificOverrides": {"A": {"payerId": "CIGNA"}, "CIGNA": {}}}')$$,
	'22023', 'payer code CIGNA is configured twice',
	'two overrides of the same payer are refused');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('"appeals"')$$,
	'22023', 'the integration configuration must be a JSON object',
	'a configuration that is not an object is refused');
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config(NULL)$$,
	'22004', 'the integration configuration must not be null',
	'a null configuration is refused');

-- All or nothing: a bad override keeps the valid settings beside it from being written.
SELECT throws_ok(
	$$SELECT credentialing.apply_integration_config('{
	  "ecs": {"valueAdds277": {"appealConfiguration": {"timelyFilingDays": 45}}},
	  "payerSpecificOverrides": {"CIGNA": {"ecsValueAdds277Override": {"appealConfiguration": {"timelyFilingDays": -5}}}}}')$$,
	'22023', 'payerSpecificOverrides.CIGNA.ecsValueAdds277Override.appealConfiguration.timelyFilingDays must be a non-negative integer or null',
	'a bad payer override refuses the whole document');
SELECT results_eq(
	$$SELECT (SELECT timely_filing_days FROM credentialing.appeal_settings),
			 (SELECT count(*)::integer FROM credentialing.payer_appeal_rules WHERE payer_code = 'CIGNA')$$,
	$$VALUES (180, 0)$$,
	'nothing of the refused document was written');

-- The singleton: an INSERT replaces the one row's values.
INSERT INTO credentialing.appeal_settings (id, timely_filing_days, default_appeal_type, updated_at)
VALUES ('40000000-0000-0000-0000-000000000001', 150, 'Redetermination', '2024-01-02 03:04:05+00');
SELECT results_eq(
	$$SELECT count(*)::integer, min(id::text), min(timely_filing_days), min(default_appeal_type),
			 bool_and(appeals_enabled), min(updated_at)
	  FROM credentialing.appeal_settings$$,
	$$VALUES (1, '40000000-0000-0000-0000-000000000001', 150, 'Redetermination'::text, true,
			  '2024-01-02 03:04:05+00'::timestamptz)$$,
	'an INSERT into appeal_settings replaces the values of the one row, id and timestamps included');
SELECT throws_ok(
	$$INSERT INTO credentialing.appeal_settings (singleton) VALUES (false)$$,
	'23514', NULL,
	'a second, non-singleton settings row is refused');
UPDATE credentialing.appeal_settings SET timely_filing_days = 160;
SELECT is(
	(SELECT updated_at FROM credentialing.appeal_settings), now(),
	'an UPDATE of the settings sets updated_at');
UPDATE credentialing.appeal_settings SET timely_filing_days = 170, updated_at = '2024-02-03 00:00:00+00';
SELECT is(
	(SELECT updated_at FROM credentialing.appeal_settings), '2024-02-03 00:00:00+00'::timestamptz,
	'an UPDATE that sets updated_at itself keeps that value');
DELETE FROM credentialing.appeal_settings;
SELECT is(
	credentialing.apply_integration_config('{"ecs": {"valueAdds277": {"appealConfiguration": {"timelyFilingDays": 60}}}}')
		-> 'settings',
	'{"timely_filing_days": {"old": 180, "new": 60}}'::jsonb,
	'without a settings row the configuration recreates it from the built-in defaults');

SELECT * FROM finish();
ROLLBACK;
