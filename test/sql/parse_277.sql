-- test/sql/parse_277.sql: reading X12 277 files (DESIGN §5.1) and mapping
-- every claim to a status (§5.2), from the fixtures in test/fixtures/x12.
\getenv abs_srcdir PG_ABS_SRCDIR
\set fixtures :abs_srcdir '/fixtures/x12/'
BEGIN;
SELECT plan(40);

CREATE TEMP TABLE fx (name text PRIMARY KEY, body text NOT NULL);
INSERT INTO fx
SELECT n, pg_read_file(:'fixtures' || n || '.x12')
FROM unnest(ARRAY[
	'status_paid', 'status_partially_paid', 'status_denied', 'status_adjusted',
	'status_forwarded', 'status_rejected', 'status_not_found', 'status_suspended',
	'status_pending', 'status_in_process', 'status_error', 'dependent', 'multi_stc',
	'service_lines', 'separators', 'crlf', 'two_st', '277ca_accepted', '277ca_rejected',
	'warn_se01', 'warn_iea02', 'warn_ge01', 'warn_controls',
	'err_empty', 'err_not_x12', 'err_truncated_isa', 'err_missing_iea', 'err_missing_se',
	'err_bad_amount', 'err_bad_date', 'err_bad_month', 'err_not_composite']) AS n;

CREATE FUNCTION pg_temp.claims_of(p_name text)
RETURNS SETOF credentialing.claim_status_277
LANGUAGE sql AS
$$ SELECT p.* FROM fx, credentialing.parse_277(fx.body) AS p WHERE fx.name = p_name $$;

-- One claim per row of the status table
SELECT results_eq(
	$$SELECT trace_number, claim_status, is_rejection FROM pg_temp.claims_of('status_paid')$$,
	$$VALUES ('PAID-FULL', 'Paid', false), ('PAID-BELOW', 'Paid', false),
			 ('PAID-NO-PAYMENT', 'Paid', false), ('PAID-F4-6', 'Paid', false),
			 ('PAID-F4-98', 'Paid', false), ('PAID-F3N', 'Paid', false)$$,
	'paid claims are Paid: in full, below charge (a contractual write-down), payment not reported, F4 with patient responsibility (6, 98), F3N with payment');
SELECT results_eq(
	$$SELECT trace_number, claim_status FROM pg_temp.claims_of('status_partially_paid')$$,
	$$VALUES ('PP-LINE-F2', 'Partially Paid'), ('PP-CLAIM-F2', 'Partially Paid'),
			 ('PP-F3N-ZERO-LINE', 'Partially Paid'), ('PP-LINE-F4', 'Partially Paid')$$,
	'a payment beside a denial is Partially Paid: a line STC F2 or F4, a claim-level F2, a line paid 0 below its charge');
SELECT results_eq(
	$$SELECT trace_number, claim_status FROM pg_temp.claims_of('status_denied')$$,
	$$VALUES ('DEN-F2', 'Denied'), ('DEN-F4', 'Denied'), ('DEN-F0-ZERO', 'Denied'), ('DEN-F3N-ZERO', 'Denied')$$,
	'F2, F4 without patient responsibility, and F0/F3N paying exactly 0 of a positive charge are Denied');
SELECT results_eq(
	$$SELECT trace_number, claim_status FROM pg_temp.claims_of('status_adjusted')$$,
	$$VALUES ('ADJ-F3', 'Adjusted')$$, 'category F3 is Adjusted');
SELECT results_eq(
	$$SELECT trace_number, claim_status FROM pg_temp.claims_of('status_forwarded')$$,
	$$VALUES ('FWD-A0', 'Forwarded'), ('FWD-F3F', 'Forwarded')$$, 'A0 and F3F are Forwarded');
SELECT results_eq(
	$$SELECT trace_number, claim_status, is_rejection FROM pg_temp.claims_of('status_rejected')$$,
	$$VALUES ('REJ-A3', 'Rejected', true), ('REJ-A6', 'Rejected', true),
			 ('REJ-A7', 'Rejected', true), ('REJ-A8', 'Rejected', true)$$,
	'A3, A6, A7 and A8 are Rejected and flagged as rejections');
SELECT results_eq(
	$$SELECT trace_number, claim_status FROM pg_temp.claims_of('status_not_found')$$,
	$$VALUES ('NF-A4', 'Not Found'), ('NF-D0', 'Not Found')$$, 'A4 and D0 are Not Found');
SELECT results_eq(
	$$SELECT trace_number, claim_status FROM pg_temp.claims_of('status_suspended')$$,
	$$VALUES ('SUS-P2', 'Suspended'), ('SUS-P5', 'Suspended')$$, 'P2 and P5 are Suspended');
SELECT results_eq(
	$$SELECT trace_number, claim_status FROM pg_temp.claims_of('status_pending')$$,
	$$VALUES ('PEN-P0', 'Pending'), ('PEN-P3', 'Pending'), ('PEN-P4', 'Pending'),
			 ('PEN-R0', 'Pending'), ('PEN-R16', 'Pending')$$, 'P0, P3, P4 and R0-R16 are Pending');
SELECT results_eq(
	$$SELECT trace_number, claim_status FROM pg_temp.claims_of('status_in_process')$$,
	$$VALUES ('INP-A1', 'In Process'), ('INP-A2', 'In Process'), ('INP-A5', 'In Process'), ('INP-P1', 'In Process')$$,
	'A1, A2, A5 and P1 are In Process');
SELECT results_eq(
	$$SELECT trace_number, claim_status FROM pg_temp.claims_of('status_error')$$,
	$$VALUES ('ERR-E0', 'Error'), ('ERR-E2', 'Error'), ('ERR-E4', 'Error')$$, 'E0-E4 are Error');

-- Amounts, codes and dates
SELECT results_eq(
	$$SELECT total_charge, payment_amount, category_code, status_code, entity_code, status_codes
	  FROM pg_temp.claims_of('status_denied') WHERE trace_number = 'DEN-F2'$$,
	$$VALUES (150.00::numeric, 0.00::numeric, 'F2', '88', 'QC', ARRAY['F2:88:QC'])$$,
	'STC04 and STC05 become numerics and STC01 its category, status and entity codes');
SELECT is(
	(SELECT payment_amount FROM pg_temp.claims_of('status_paid') WHERE trace_number = 'PAID-NO-PAYMENT'),
	NULL, 'a payment that is not reported is NULL, not zero');

-- Dependents, several STC, service lines
SELECT results_eq(
	$$SELECT trace_number, is_dependent, claim_status FROM pg_temp.claims_of('dependent')$$,
	$$VALUES ('DEP-1', true, 'Paid'), ('DEP-2', true, 'Denied'), ('SUB-1', false, 'Pending')$$,
	'claims under HL 23 are dependents; a subscriber claim after them is not');
SELECT results_eq(
	$$SELECT status_codes, action_code, total_charge, payment_amount, finalized_date, remittance_date,
			 check_number, free_text, service_from, service_to, bill_type
	  FROM pg_temp.claims_of('multi_stc')$$,
	$$VALUES (ARRAY['F1:65', 'F1:107:PR', 'F1:10', 'F1:171', 'F1:3:1P'], 'WQ', 400.00::numeric, 350.00::numeric,
			  '2024-01-09'::date, '2024-01-12'::date, 'EFT0043', 'PAID WITH ADJUSTMENTS',
			  '2023-12-01'::date, '2023-12-01'::date, '131')$$,
	'every claim-level STC01/STC10/STC11 is kept in order, with the other STC elements and RD8 service dates');
SELECT is(
	(SELECT jsonb_array_length(service_lines) FROM pg_temp.claims_of('status_partially_paid') WHERE trace_number = 'PP-LINE-F2'),
	2, 'service lines are read');
SELECT is(
	(SELECT service_lines -> 1 FROM pg_temp.claims_of('status_partially_paid') WHERE trace_number = 'PP-LINE-F2'),
	'{"paid": 0.00, "units": 1, "charge": 150.00, "modifiers": [], "service_to": null, "revenue_code": null,
	  "service_from": null, "status_codes": ["F2:96"], "procedure_code": "99214", "procedure_qualifier": "HC",
	  "line_item_control_number": "L0004B"}'::jsonb,
	'a service line carries its procedure, amounts, status codes and REF*FJ');
SELECT results_eq(
	$$SELECT service_from, service_to FROM pg_temp.claims_of('status_partially_paid') WHERE trace_number = 'PP-LINE-F2'$$,
	$$VALUES ('2023-12-18'::date, '2023-12-18'::date)$$, 'a claim DTP*472 D8 gives both service dates');

-- Envelopes and separators
SELECT results_eq(
	$$SELECT trace_number, claim_status, total_charge, payment_amount FROM pg_temp.claims_of('separators')$$,
	$$VALUES ('SEP-1', 'Paid', 120.00::numeric, 96.00::numeric)$$,
	'separators come from the ISA (| elements, } components, ! segments)');
SELECT is(
	(SELECT service_lines -> 0 -> 'modifiers' FROM pg_temp.claims_of('separators')),
	'["95"]'::jsonb, 'component separators of the ISA split SVC01 into code and modifiers');
SELECT results_eq(
	$$SELECT trace_number, claim_status FROM pg_temp.claims_of('crlf')$$,
	$$VALUES ('CRLF-1', 'Paid')$$, 'CR/LF after segment terminators is skipped');
SELECT results_eq(
	$$SELECT trace_number, transaction_control_number, payer_id, payer_name, provider_npi, claim_status
	  FROM pg_temp.claims_of('two_st')$$,
	$$VALUES ('TWO-ST-1', '0001', 'ACME01', 'ACME HEALTH PLAN', '1245319599', 'Paid'),
			 ('TWO-ST-2', '0002', 'SEC02', 'SECOND PAYER', '1234567893', 'Denied')$$,
	'two ST in one GS are both read, each with its own payer and provider');
SELECT results_eq(
	$$SELECT interchange_control_number, implementation, subscriber_id, patient_last_name, patient_first_name,
			 payer_claim_control_number, patient_account_number, segment_number
	  FROM pg_temp.claims_of('status_partially_paid') WHERE trace_number = 'PP-LINE-F2'$$,
	$$VALUES ('000000101', '005010X212', 'MEMPPLINEF2', 'DOE', 'JANE', 'PCN0004', 'ACCT0004', 13)$$,
	'envelope, subscriber and references are read; segment_number is the TRN''s, counting the ISA as 1');

-- 277CA: the category decides, not STC03
SELECT results_eq(
	$$SELECT trace_number, implementation, claim_status, is_rejection, action_code, provider_npi
	  FROM pg_temp.claims_of('277ca_accepted')$$,
	$$VALUES ('CA-ACCEPT-1', '005010X214', 'In Process', false, 'WQ', '1245319599')$$,
	'a 277CA acceptance (A2) is In Process');
SELECT results_eq(
	$$SELECT trace_number, implementation, claim_status, is_rejection, action_code, patient_last_name
	  FROM pg_temp.claims_of('277ca_rejected')$$,
	$$VALUES ('CA-REJECT-1', '005010X214', 'Rejected', true, 'WQ', 'TOWNS')$$,
	'a 277CA rejection (A7) is Rejected although its STC03 says WQ (accepted)');

-- Envelope mismatches are warnings: the claims are still read
SELECT is((SELECT count(*)::int FROM pg_temp.claims_of('warn_se01')), 1, 'an SE01 segment-count mismatch still parses');
SELECT is((SELECT count(*)::int FROM pg_temp.claims_of('warn_iea02')), 1, 'an IEA02 control-number mismatch still parses');
SELECT is((SELECT count(*)::int FROM pg_temp.claims_of('warn_ge01')), 1, 'a GE01 count mismatch still parses');
SELECT is((SELECT count(*)::int FROM pg_temp.claims_of('warn_controls')), 1, 'SE02, GE02 and IEA01 mismatches still parse');

-- Malformed input: 22P02 naming the segment and element
SELECT throws_ok($$SELECT * FROM pg_temp.claims_of('err_empty')$$, '22P02',
	'invalid X12 277: the X12 text is empty: an interchange must start with an ISA segment',
	'empty text is refused');
SELECT throws_ok($$SELECT * FROM credentialing.parse_277('')$$, '22P02',
	'invalid X12 277: the X12 text is empty: an interchange must start with an ISA segment',
	'the empty string is refused');
SELECT throws_ok($$SELECT * FROM pg_temp.claims_of('err_not_x12')$$, '22P02',
	'invalid X12 277: the text is not an X12 interchange: it must start with an ISA segment',
	'text that is not X12 is refused');
SELECT throws_ok($$SELECT * FROM pg_temp.claims_of('err_truncated_isa')$$, '22P02',
	'invalid X12 277 at segment 1 (ISA): ISA segment is truncated: it has 60 of its 106 characters',
	'a truncated ISA is refused');
SELECT throws_ok($$SELECT * FROM pg_temp.claims_of('err_missing_iea')$$, '22P02',
	'invalid X12 277 at segment 1 (ISA): missing IEA trailer: the interchange that starts at segment 1 is not closed at the end of the text',
	'a missing IEA is refused');
SELECT throws_ok($$SELECT * FROM pg_temp.claims_of('err_missing_se')$$, '22P02',
	'invalid X12 277 at segment 3 (ST): missing SE trailer: transaction set "0001" that starts at segment 3 is not closed before GE',
	'a missing SE is refused');
SELECT throws_ok($$SELECT * FROM pg_temp.claims_of('err_bad_amount')$$, '22P02',
	'invalid X12 277 at segment 14 (STC), element STC04: invalid amount "12.3x" in STC04: expected a decimal number such as 125.50',
	'a non-numeric amount is refused, naming segment and element');
SELECT throws_ok($$SELECT * FROM pg_temp.claims_of('err_bad_date')$$, '22P02',
	'invalid X12 277 at segment 14 (STC), element STC02: invalid date "20240230" in STC02: expected a real calendar date as CCYYMMDD',
	'an impossible date is refused');
SELECT throws_ok($$SELECT * FROM pg_temp.claims_of('err_bad_month')$$, '22P02',
	'invalid X12 277 at segment 17 (DTP), element DTP03: invalid date "20241301" in DTP03: expected a real calendar date as CCYYMMDD',
	'month 13 is refused');
SELECT throws_ok($$SELECT * FROM pg_temp.claims_of('err_not_composite')$$, '22P02',
	'invalid X12 277 at segment 14 (STC), element STC01: STC01 must be a composite of category code and status code separated by ":", found the single element "F2"',
	'a single element where a composite must be is refused');
SELECT is(
	(SELECT provolatile::text || ':' || proisstrict::text || ':' || proparallel::text
	 FROM pg_proc WHERE oid = 'credentialing.parse_277(text)'::regprocedure),
	'i:true:s', 'parse_277 is IMMUTABLE STRICT PARALLEL SAFE');

SELECT * FROM finish();
ROLLBACK;
