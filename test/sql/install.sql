-- test/sql/install.sql: the extension installs its schema, tables and GUCs.
BEGIN;
SELECT plan(7);

SELECT has_schema('credentialing', 'the extension owns schema credentialing');
SELECT tables_are('credentialing', ARRAY[
	'providers', 'payers', 'provider_payer_networks', 'supervision_relationships',
	'appointments', 'payer_credentialing_workflows', 'provider_payer_applications',
	'provider_credentialing_tasks', 'credentialing_events',
	'appeal_settings', 'payer_appeal_rules', 'claims', 'claim_status_history',
	'appeals', 'appeal_outbox'],
	'the credentialing tables exist');
SELECT ok(credentialing.npi_is_valid('1234567893'), 'a valid NPI passes the check digit');
SELECT ok(NOT credentialing.npi_is_valid('1234567890'), 'a wrong check digit fails');
SELECT is(current_setting('credentialing.enforce_transitions'), 'on',
	'transitions are enforced by default');
SELECT is(current_setting('credentialing.default_approval_days'), '60',
	'the default approval period is 60 days');
SELECT throws_ok(
	$$INSERT INTO credentialing.providers (first_name, last_name, npi) VALUES ('Ann', 'Lee', '1234567890')$$,
	'23514', NULL, 'a provider with an invalid NPI is refused');

SELECT * FROM finish();
ROLLBACK;
