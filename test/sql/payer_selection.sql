-- test/sql/payer_selection.sql: payer_selection_stats (DESIGN §4.5), the
-- figures an admin weighs when choosing payers for a provider: contracts in
-- force, bookable providers (direct and supervised), census, workflow, and
-- the provider's own flags; on a fixed data set as of 2024-06-01.
BEGIN;
SELECT plan(27);

-- Appointment times are compared with the end of p_as_of in this zone.
SET LOCAL TimeZone = 'UTC';

INSERT INTO credentialing.providers (id, first_name, last_name, role, npi, is_attending, is_active) VALUES
	('00000000-0000-0000-0000-000000000001', 'Ann', 'Attending', 'Psychiatrist', '1000000004', true, true),
	('00000000-0000-0000-0000-000000000002', 'Ben', 'Resident', 'Resident', '1000000012', false, true),
	('00000000-0000-0000-0000-000000000003', 'Cal', 'Nurse', 'PMHNP', '1000000020', false, true),
	('00000000-0000-0000-0000-000000000004', 'Dee', 'Resident', 'Resident', '1000000038', false, true),
	('00000000-0000-0000-0000-000000000005', 'Eve', 'Retired', 'Psychiatrist', '1000000046', true, false),
	('00000000-0000-0000-0000-000000000006', 'Fay', 'Resident', 'Resident', '1000000053', false, true),
	('00000000-0000-0000-0000-000000000007', 'Gus', 'Resident', 'Resident', '1000000061', false, true);

INSERT INTO credentialing.payers
	(id, name, payer_type, state, requires_individual_contract, allows_supervised,
	 requires_attending, supervision_level, is_active) VALUES
	('00000000-0000-0000-0000-000000000101', 'Aspen Health', 'medicaid', 'UT', true, true, true, 'sign_off_only', true),
	('00000000-0000-0000-0000-000000000102', 'Birch Care', 'commercial', 'UT', true, false, false, 'none', true),
	('00000000-0000-0000-0000-000000000103', 'Cedar Plan', 'commercial', 'ID', false, true, false, 'co_visit_required', true),
	('00000000-0000-0000-0000-000000000104', 'Dogwood Mutual', 'other', 'UT', true, false, false, NULL, false),
	('00000000-0000-0000-0000-000000000105', 'Elm Medicaid', 'medicaid', 'NV', true, true, false, 'first_visit_in_person', true);

INSERT INTO credentialing.payer_credentialing_workflows (payer_id, workflow_type, typical_approval_days) VALUES
	('00000000-0000-0000-0000-000000000101', 'online_portal', 30),
	('00000000-0000-0000-0000-000000000105', 'excel_submission', 45);

INSERT INTO credentialing.provider_payer_networks
	(provider_id, payer_id, status, effective_date, expiration_date) VALUES
	-- Aspen: Ann, Cal, and Eve (who is no longer active)
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000101', 'in_network', '2024-01-01', NULL),
	('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000101', 'in_network', '2023-01-01', NULL),
	('00000000-0000-0000-0000-000000000005', '00000000-0000-0000-0000-000000000101', 'in_network', '2024-01-01', NULL),
	-- Birch: Ann
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000102', 'in_network', '2024-01-01', NULL),
	-- Cedar: a pending and a terminated contract, neither in force
	('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000103', 'pending', '2024-01-01', NULL),
	('00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-000000000103', 'terminated', '2023-01-01', NULL),
	-- Elm: Cal's starts in July, Ann's expired the day before p_as_of
	('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000105', 'in_network', '2024-07-01', NULL),
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000105', 'in_network', '2023-01-01', '2024-05-31');

INSERT INTO credentialing.supervision_relationships
	(supervisor_id, supervisee_id, payer_id, start_date, end_date, is_active) VALUES
	-- Ann supervises Ben for any payer: bookable for Aspen, not for Birch
	-- (no supervised care) nor Elm (Ann's contract expired)
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', NULL, '2024-01-01', NULL, true),
	-- Cal is not an attending: Dee is not bookable through Cal
	('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-000000000101', '2024-01-01', NULL, true),
	-- Eve is an attending in network but no longer active
	('00000000-0000-0000-0000-000000000005', '00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-000000000101', '2024-02-01', NULL, true),
	-- an inactive relationship
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000006', '00000000-0000-0000-0000-000000000101', '2024-01-01', NULL, false),
	-- Gus: one relationship ended before p_as_of, the next starts after it
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000007', '00000000-0000-0000-0000-000000000101', '2024-01-01', '2024-05-31', true),
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000007', '00000000-0000-0000-0000-000000000101', '2024-06-02', NULL, true),
	-- Cal is bookable for Aspen directly and through Ann: counted once
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000101', '2024-01-01', NULL, true),
	-- Ann supervises Dee for Cedar, where Ann has no contract
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-000000000103', '2024-01-01', NULL, true);

INSERT INTO credentialing.appointments (patient_id, provider_id, payer_id, starts_at, status) VALUES
	-- pat-1: Aspen, then Birch (a scheduled visit before p_as_of): Birch
	('pat-1', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000101', '2024-05-01 10:00+00', 'completed'),
	('pat-1', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000102', '2024-05-20 10:00+00', 'scheduled'),
	-- pat-2: Aspen, then a cancelled Birch visit: Aspen
	('pat-2', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000101', '2024-05-01 10:00+00', 'completed'),
	('pat-2', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000102', '2024-05-25 10:00+00', 'cancelled'),
	-- pat-3: Birch, and an Aspen visit booked after p_as_of: Birch
	('pat-3', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000102', '2024-04-01 10:00+00', 'completed'),
	('pat-3', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000101', '2024-06-10 10:00+00', 'scheduled'),
	-- pat-4: Cedar, then a self-pay visit (no payer): Cedar
	('pat-4', '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000103', '2024-05-01 10:00+00', 'completed'),
	('pat-4', '00000000-0000-0000-0000-000000000003', NULL, '2024-05-15 10:00+00', 'completed'),
	-- pat-5: a no-show still names the patient's payer: Elm
	('pat-5', '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000105', '2024-05-30 10:00+00', 'no_show'),
	-- pat-6: Aspen, then the inactive Dogwood: counted for no listed payer
	('pat-6', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000101', '2024-05-01 10:00+00', 'completed'),
	('pat-6', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000104', '2024-05-30 10:00+00', 'completed'),
	-- pat-7: only a cancelled visit
	('pat-7', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000101', '2024-05-30 10:00+00', 'cancelled'),
	-- pat-8: late on p_as_of itself: Aspen
	('pat-8', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000101', '2024-06-01 23:00+00', 'scheduled');

INSERT INTO credentialing.provider_payer_applications
	(provider_id, payer_id, application_status, application_started_date, denial_date) VALUES
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000103', 'in_progress', '2024-05-01', NULL),
	('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000105', 'denied', '2023-01-01', '2023-03-01'),
	('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000102', 'on_hold', '2024-04-01', NULL);

SELECT volatility_is('credentialing', 'payer_selection_stats', ARRAY['uuid', 'date'], 'stable',
	'payer_selection_stats is STABLE');

-- The whole table without a provider
SELECT results_eq(
	$$SELECT name, payer_type, state, requires_individual_contract, allows_supervised,
			 requires_attending, supervision_level, total_contracts, bookable_providers,
			 current_census, workflow_type, typical_approval_days,
			 already_credentialing, already_contracted, is_recommended
	  FROM credentialing.payer_selection_stats(NULL, '2024-06-01')$$,
	$$VALUES
		('Aspen Health', 'medicaid', 'UT', true, true, true, 'sign_off_only', 3, 3, 2, 'online_portal', 30, NULL::boolean, NULL::boolean, NULL::boolean),
		('Birch Care', 'commercial', 'UT', true, false, false, 'none', 1, 1, 2, 'online_portal', NULL, NULL, NULL, NULL),
		('Cedar Plan', 'commercial', 'ID', false, true, false, 'co_visit_required', 0, 0, 1, 'instant_network', NULL, NULL, NULL, NULL),
		('Elm Medicaid', 'medicaid', 'NV', true, true, false, 'first_visit_in_person', 0, 0, 1, 'excel_submission', 45, NULL, NULL, NULL)$$,
	'every active payer has one row, by name, with its contracts, bookable providers, census and workflow');

SELECT is(
	(SELECT count(*)::integer FROM credentialing.payer_selection_stats(NULL, '2024-06-01')
	 WHERE name = 'Dogwood Mutual'),
	0,
	'an inactive payer is not offered');

SELECT is(
	(SELECT id FROM credentialing.payer_selection_stats(NULL, '2024-06-01') WHERE name = 'Aspen Health'),
	'00000000-0000-0000-0000-000000000101'::uuid,
	'each row carries the payer''s id');

SELECT is(
	(SELECT workflow_type FROM credentialing.payer_selection_stats() WHERE name = 'Cedar Plan'),
	'instant_network',
	'a payer without a workflow that needs no individual contract shows instant_network, as credential_payers would use');

SELECT is(
	(SELECT workflow_type FROM credentialing.payer_selection_stats() WHERE name = 'Birch Care'),
	'online_portal',
	'a payer without a workflow that needs an individual contract shows online_portal');

-- Contracts in force
SELECT is(
	(SELECT total_contracts FROM credentialing.payer_selection_stats(NULL, '2024-07-01') WHERE name = 'Elm Medicaid'),
	1,
	'a contract counts from its effective date on');

SELECT is(
	(SELECT total_contracts FROM credentialing.payer_selection_stats(NULL, '2024-05-31') WHERE name = 'Elm Medicaid'),
	1,
	'a contract still counts on its expiration date');

-- Bookable providers
SELECT is(
	(SELECT bookable_providers FROM credentialing.payer_selection_stats(NULL, '2024-06-02') WHERE name = 'Aspen Health'),
	4,
	'a supervisee becomes bookable on the first day of the relationship');

UPDATE credentialing.payers SET allows_supervised = false WHERE name = 'Aspen Health';
SELECT is(
	(SELECT bookable_providers FROM credentialing.payer_selection_stats(NULL, '2024-06-01') WHERE name = 'Aspen Health'),
	2,
	'without supervised care only the active contracted providers are bookable');
UPDATE credentialing.payers SET allows_supervised = true WHERE name = 'Aspen Health';

UPDATE credentialing.supervision_relationships SET is_active = false
WHERE supervisee_id = '00000000-0000-0000-0000-000000000002';
SELECT is(
	(SELECT bookable_providers FROM credentialing.payer_selection_stats(NULL, '2024-06-01') WHERE name = 'Aspen Health'),
	2,
	'a supervisee is not bookable under an inactive relationship');
UPDATE credentialing.supervision_relationships SET is_active = true
WHERE supervisee_id = '00000000-0000-0000-0000-000000000002';

UPDATE credentialing.providers SET is_attending = false WHERE id = '00000000-0000-0000-0000-000000000001';
SELECT is(
	(SELECT bookable_providers FROM credentialing.payer_selection_stats(NULL, '2024-06-01') WHERE name = 'Aspen Health'),
	2,
	'a supervisee is bookable only through a supervisor who is an attending');
UPDATE credentialing.providers SET is_attending = true WHERE id = '00000000-0000-0000-0000-000000000001';

UPDATE credentialing.supervision_relationships SET payer_id = '00000000-0000-0000-0000-000000000102'
WHERE supervisee_id = '00000000-0000-0000-0000-000000000002';
SELECT is(
	(SELECT bookable_providers FROM credentialing.payer_selection_stats(NULL, '2024-06-01') WHERE name = 'Aspen Health'),
	2,
	'a relationship for another payer does not make the supervisee bookable');
UPDATE credentialing.supervision_relationships SET payer_id = NULL
WHERE supervisee_id = '00000000-0000-0000-0000-000000000002';

UPDATE credentialing.provider_payer_networks SET status = 'terminated'
WHERE provider_id = '00000000-0000-0000-0000-000000000001' AND payer_id = '00000000-0000-0000-0000-000000000101';
SELECT is(
	(SELECT bookable_providers FROM credentialing.payer_selection_stats(NULL, '2024-06-01') WHERE name = 'Aspen Health'),
	1,
	'a supervisee is bookable only through a supervisor in network with the payer');
UPDATE credentialing.provider_payer_networks SET status = 'in_network'
WHERE provider_id = '00000000-0000-0000-0000-000000000001' AND payer_id = '00000000-0000-0000-0000-000000000101';

SELECT is(
	(SELECT bookable_providers FROM credentialing.payer_selection_stats(NULL, '2024-06-01') WHERE name = 'Aspen Health'),
	3,
	'the data set is back to three bookable providers for Aspen Health');

-- Census
SELECT results_eq(
	$$SELECT name, current_census FROM credentialing.payer_selection_stats(NULL, '2024-06-10')$$,
	$$VALUES ('Aspen Health', 3), ('Birch Care', 1), ('Cedar Plan', 1), ('Elm Medicaid', 1)$$,
	'a scheduled visit counts once its day has come: the patient moves to the new payer');

SELECT is(
	(SELECT current_census FROM credentialing.payer_selection_stats(NULL, '2024-05-31') WHERE name = 'Aspen Health'),
	1,
	'a visit after p_as_of does not count yet');

-- The provider's flags
SELECT results_eq(
	$$SELECT name, already_credentialing, already_contracted, is_recommended
	  FROM credentialing.payer_selection_stats('00000000-0000-0000-0000-000000000001', '2024-06-01')$$,
	$$VALUES ('Aspen Health', false, true, true),
			 ('Birch Care', false, true, false),
			 ('Cedar Plan', true, false, false),
			 ('Elm Medicaid', false, true, false)$$,
	'an attending sees their contracts, open applications, and the payers that require an attending recommended');

SELECT results_eq(
	$$SELECT name, already_credentialing, already_contracted, is_recommended
	  FROM credentialing.payer_selection_stats('00000000-0000-0000-0000-000000000002', '2024-06-01')$$,
	$$VALUES ('Aspen Health', false, false, false),
			 ('Birch Care', true, false, false),
			 ('Cedar Plan', false, false, false),
			 ('Elm Medicaid', false, false, false)$$,
	'a resident is recommended nothing; an on_hold application counts as credentialing, a pending contract as no contract');

SELECT is(
	(SELECT already_credentialing FROM credentialing.payer_selection_stats('00000000-0000-0000-0000-000000000001', '2024-06-01')
	 WHERE name = 'Elm Medicaid'),
	false,
	'a denied application is not credentialing');

SELECT is(
	(SELECT already_contracted FROM credentialing.payer_selection_stats('00000000-0000-0000-0000-000000000001', '2024-06-01')
	 WHERE name = 'Elm Medicaid'),
	true,
	'an in_network contract counts as already contracted whatever its dates, as credential_payers decides');

SELECT is(
	(SELECT total_contracts FROM credentialing.payer_selection_stats('00000000-0000-0000-0000-000000000001', '2024-06-01')
	 WHERE name = 'Aspen Health'),
	3,
	'the payer figures do not depend on the provider asked about');

SELECT results_eq(
	$$SELECT count(*)::integer FROM credentialing.payer_selection_stats('00000000-0000-0000-0000-000000000001')$$,
	ARRAY[4],
	'p_as_of defaults to today');

-- Errors
SELECT throws_ok(
	$$SELECT * FROM credentialing.payer_selection_stats('00000000-0000-0000-0000-0000000000ff', '2024-06-01')$$,
	'P0002', 'provider 00000000-0000-0000-0000-0000000000ff does not exist',
	'an unknown provider is an error');

SELECT throws_ok(
	$$SELECT * FROM credentialing.payer_selection_stats(NULL, NULL)$$,
	'22004', 'p_as_of must not be NULL',
	'a NULL p_as_of is an error');

SELECT throws_ok(
	$$SELECT * FROM credentialing.payer_selection_stats(NULL, 'infinity')$$,
	'22023', 'p_as_of must be a finite date',
	'an infinite p_as_of is an error');

SET LOCAL transaction_read_only = on;
SELECT lives_ok(
	$$SELECT * FROM credentialing.payer_selection_stats('00000000-0000-0000-0000-000000000001', '2024-06-01')$$,
	'the payer statistics run in a read-only transaction');

SELECT * FROM finish();
ROLLBACK;
