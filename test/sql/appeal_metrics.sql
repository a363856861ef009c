-- test/sql/appeal_metrics.sql: the appeal figures of DESIGN 5.4 on a fixed
-- set of claims and appeals, for a quarter, a month and an empty window.
BEGIN;
LOAD 'credentialing';
SELECT plan(8);

-- A claim with the given dates; returns its number.
CREATE FUNCTION pg_temp.claim(p_number text, p_status text, p_finalized date,
							  p_remittance date DEFAULT NULL, p_status_date date DEFAULT NULL,
							  p_payer text DEFAULT 'P1')
RETURNS text LANGUAGE sql AS $$
	INSERT INTO credentialing.claims (payer_code, claim_number, claim_status, finalized_date,
									  remittance_date, status_date)
	VALUES (p_payer, p_number, p_status, p_finalized, p_remittance, p_status_date)
	RETURNING claim_number
$$;

-- An appeal of a claim submitted at noon UTC on p_submitted.
CREATE FUNCTION pg_temp.appeal(p_number text, p_submitted date, p_source text, p_deadline date,
							   p_status text DEFAULT 'submitted', p_decision text DEFAULT NULL,
							   p_decided date DEFAULT NULL)
RETURNS void LANGUAGE sql AS $$
	INSERT INTO credentialing.appeals (claim_id, appeal_type, status, decision, request_reason, narrative,
									   source, submitted_at, deadline, decided_at, approved_amount)
	SELECT c.id, 'Reconsideration', p_status, p_decision, 'OTHER', 'A narrative for the figures.',
		   p_source, p_submitted + time '12:00' AT TIME ZONE 'UTC', p_deadline,
		   p_decided + time '12:00' AT TIME ZONE 'UTC',
		   CASE WHEN p_decision IN ('overturned', 'partially_overturned') THEN 100 END
	FROM credentialing.claims c WHERE c.claim_number = p_number
$$;

INSERT INTO credentialing.payer_appeal_rules (payer_code, timely_filing_days, notice_grace_days)
VALUES ('MCR', 120, 5);

-- Claims that became appeal-eligible in the first quarter of 2024 (C*), one
-- before and one after it, and claims whose deadline fell in it (D*).
SELECT pg_temp.claim('C1', 'Denied', '2024-01-10'),
	   pg_temp.claim('C2', 'Partially Paid', '2024-02-01'),
	   pg_temp.claim('C3', 'Denied', '2024-03-01'),
	   pg_temp.claim('C4', 'Denied', NULL, '2024-03-20'),
	   pg_temp.claim('C5', 'Denied', NULL, NULL, '2024-02-15'),
	   pg_temp.claim('C6', 'Paid', '2024-02-01'),
	   pg_temp.claim('C7', 'Paid', '2024-01-05'),
	   pg_temp.claim('C8', 'Denied', '2023-12-20'),
	   pg_temp.claim('C9', 'Denied', '2024-04-02');
SELECT pg_temp.claim('D1', 'Denied', '2023-07-15'),
	   pg_temp.claim('D2', 'Denied', '2023-08-01'),
	   pg_temp.claim('D3', 'Denied', '2023-09-01'),
	   pg_temp.claim('D4', 'Denied', '2023-09-10'),
	   pg_temp.claim('D5', 'Denied', '2023-11-20', p_payer => 'MCR'),
	   pg_temp.claim('D6', 'Denied', '2023-06-01'),
	   pg_temp.claim('D7', 'Paid', '2023-08-01'),
	   pg_temp.claim('D8', 'Denied', '2023-11-01', p_payer => 'MCR'),
	   pg_temp.claim('D9', 'Denied', '2023-11-01');

SELECT pg_temp.appeal('C1', '2024-01-20', 'ECS', '2024-07-08', 'decided', 'overturned', '2024-03-01'),
	   pg_temp.appeal('C2', '2024-02-11', 'portal', '2024-07-30', 'decided', 'upheld', '2024-03-15'),
	   pg_temp.appeal('C5', '2024-03-05', 'ecs', '2024-08-13', 'queued'),
	   pg_temp.appeal('C7', '2024-01-25', 'ECS', '2024-07-03', 'decided', 'partially_overturned', '2024-02-20'),
	   pg_temp.appeal('C8', '2024-01-02', 'ECS', '2024-06-17'),
	   pg_temp.appeal('C9', '2024-04-05', 'ECS', '2024-09-29');
SELECT pg_temp.appeal('D1', '2023-12-28', 'portal', '2024-01-11', 'decided', 'upheld', '2024-04-10'),
	   pg_temp.appeal('D3', '2024-03-02', 'portal', '2024-02-28'),
	   pg_temp.appeal('D4', '2023-12-10', 'portal', '2024-03-08', 'failed'),
	   pg_temp.appeal('D5', '2023-12-15', 'portal', '2024-03-24'),
	   pg_temp.appeal('D6', '2023-12-01', 'portal', '2024-01-15', 'decided', 'overturned', '2023-12-31');

-- Quarter: eligible C1 C2 C3 C4 C5 C7, appealed C1 C2 C5 C7 (4/6); ECS
-- submissions C1 C5 C7 C8 (C2 came from the portal, C9 after the window);
-- deadlines in the window D1 D2 D3 D4 D5 D6 D8, met by D1 D5 D6 (3/7: D2
-- and D8 were not appealed, D3 late, D4 failed; D8's deadline is its payer's
-- 125 days, D9's 180 fall after the window, D6's is the one its appeal
-- recorded); decided C1 C2 C7, won C1 C7 (2/3); days to appeal of C1 10, C2
-- 10, C5 19 (from its status date), C7 20, C8 13, D3 183: 255/6.
SELECT is(credentialing.appeal_metrics('2024-01-01', '2024-03-31'),
		  '{"appealInitiationRate": 0.6667, "appealsFromEcs": 4, "timelyFilingCompliance": 0.4286,
			"appealSuccessRate": 0.6667, "averageDaysToAppeal": 47.20}'::jsonb,
		  'the quarter''s figures follow the definitions');
SELECT is((SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(credentialing.appeal_metrics('2024-01-01', '2024-03-31')) k),
		  ARRAY['appealInitiationRate', 'appealSuccessRate', 'appealsFromEcs', 'averageDaysToAppeal',
				'timelyFilingCompliance'],
		  'the figures are exactly the five of the design');

-- January: eligible C1 C7, both appealed; ECS C1 C7 C8; deadlines D1 (met),
-- D2 (missed), D6 (met); nothing decided; days 10, 20, 13.
SELECT is(credentialing.appeal_metrics('2024-01-01', '2024-01-31'),
		  '{"appealInitiationRate": 1.0000, "appealsFromEcs": 3, "timelyFilingCompliance": 0.6667,
			"appealSuccessRate": null, "averageDaysToAppeal": 14.33}'::jsonb,
		  'a month''s figures, with no decision in it');
SELECT is(credentialing.appeal_metrics('2030-01-01', '2030-12-31'),
		  '{"appealInitiationRate": null, "appealsFromEcs": 0, "timelyFilingCompliance": null,
			"appealSuccessRate": null, "averageDaysToAppeal": null}'::jsonb,
		  'an empty window has no rates and no ECS appeals');
SELECT is(credentialing.appeal_metrics('2024-03-01', '2024-03-01')->'appealSuccessRate', '1.0000'::jsonb,
		  'a window of one day includes that day');

SELECT throws_ok($$SELECT credentialing.appeal_metrics('2024-04-01', '2024-03-01')$$, '22023',
				 'p_from must not be after p_to', 'a window that ends before it starts is refused');
SELECT throws_ok($$SELECT credentialing.appeal_metrics(NULL, '2024-03-01')$$, '22004',
				 'p_from must not be null', 'the window needs a start');
SELECT throws_ok($$SELECT credentialing.appeal_metrics('-infinity', '2024-03-01')$$, '22023',
				 'the window of appeal_metrics must have finite dates', 'the window must be finite');

SELECT * FROM finish();
ROLLBACK;
