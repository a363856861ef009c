-- test/sql/submit_appeal.sql: filing an appeal (DESIGN 5.4): the request is
-- validated, every check of appeal_status refuses what it must, the appeal,
-- its outbox message and the returned JSON carry the right values; and
-- record_appeal_decision closes a published appeal by its rules.
BEGIN;
LOAD 'credentialing';
SELECT plan(84);

INSERT INTO credentialing.providers (id, first_name, last_name, npi) VALUES
	('00000000-0000-0000-0000-0000000000a1', 'Ann', 'Lee', '1000001010'),
	('00000000-0000-0000-0000-0000000000a2', 'Bo', 'Kim', '1000001028');

-- A claim of payer p_payer with the given number and status, finalized on
-- p_finalized (deadline 180 days later), billed under p_npi.
CREATE FUNCTION pg_temp.new_claim(p_number text, p_status text DEFAULT 'Denied',
								  p_payer text DEFAULT 'P1', p_finalized date DEFAULT '2024-01-08',
								  p_npi text DEFAULT '1000001010')
RETURNS text LANGUAGE sql AS $$
	INSERT INTO credentialing.claims (payer_code, claim_number, claim_status, provider_npi, finalized_date)
	VALUES (p_payer, p_number, p_status, p_npi, p_finalized)
	RETURNING claim_number
$$;

-- submit_appeal with everything but the claim defaulted to a valid request
-- filed on 2024-03-01.
CREATE FUNCTION pg_temp.submit(p_claim text, p_reason text DEFAULT 'OTHER',
							   p_narrative text DEFAULT 'The denial does not match the record.',
							   p_attachments jsonb DEFAULT '[]', p_contact jsonb DEFAULT NULL,
							   p_source text DEFAULT 'ECS', p_as_of date DEFAULT '2024-03-01',
							   p_payer text DEFAULT NULL)
RETURNS jsonb LANGUAGE sql AS $$
	SELECT credentialing.submit_appeal(p_claim, p_reason, p_narrative, p_attachments, p_contact,
									   p_payer, p_source, p_as_of)
$$;

-- "SQLSTATE: message | detail | hint" of the error p_sql raises.
CREATE FUNCTION pg_temp.error_of(p_sql text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	msg text;
	det text;
	hnt text;
BEGIN
	EXECUTE p_sql;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
	RETURN st || ': ' || msg || ' | ' || coalesce(det, '') || ' | ' || coalesce(hnt, '');
END
$$;

-- n attachments named f1.pdf, f2.pdf, ...
CREATE FUNCTION pg_temp.files(n integer)
RETURNS jsonb LANGUAGE sql AS $$
	SELECT coalesce(jsonb_agg(jsonb_build_object('fileName', 'f' || i || '.pdf', 'fileType', 'pdf',
												 'fileSizeBytes', 1000 * i, 'documentType', 'medical_records')
							  ORDER BY i), '[]')
	FROM generate_series(1, n) i
$$;

-- The status of the appeal filed with p_attachments on a new claim.
CREATE FUNCTION pg_temp.with_files(p_number text, p_attachments jsonb)
RETURNS text LANGUAGE sql AS $$
	SELECT pg_temp.submit(pg_temp.new_claim(p_number), p_attachments => p_attachments)->>'status'
$$;

---------------------------------------------------------------------------
-- Request reasons
---------------------------------------------------------------------------

SELECT is((SELECT array_agg(pg_temp.submit(pg_temp.new_claim('R-' || r), r)->>'status' ORDER BY r)
		   FROM unnest(ARRAY['DENIAL_OF_COVERAGE', 'PAYMENT_AMOUNT', 'MEDICAL_NECESSITY',
							 'OUT_OF_NETWORK', 'PRIOR_AUTHORIZATION', 'TIMELY_FILING',
							 'CODING_DISPUTE', 'DUPLICATE_CLAIM', 'COORDINATION_OF_BENEFITS',
							 'OTHER']) r),
		  array_fill('queued'::text, ARRAY[10]),
		  'each of the ten request reasons files an appeal');
SELECT is((SELECT count(DISTINCT request_reason)::integer FROM credentialing.appeals a
		   JOIN credentialing.claims c ON c.id = a.claim_id
		   WHERE c.claim_number = 'R-' || a.request_reason), 10,
		  'each appeal keeps the reason it was filed with');

SELECT pg_temp.new_claim('V-1');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', 'FOO')$$),
		  '22023: unknown appeal request reason | p_request_reason is "FOO". | Use one of DENIAL_OF_COVERAGE, PAYMENT_AMOUNT, MEDICAL_NECESSITY, OUT_OF_NETWORK, PRIOR_AUTHORIZATION, TIMELY_FILING, CODING_DISPUTE, DUPLICATE_CLAIM, COORDINATION_OF_BENEFITS, OTHER (upper case).',
		  'an unknown request reason is refused, quoted, with the codes listed');
SELECT throws_ok($$SELECT pg_temp.submit('V-1', 'other')$$, '22023', 'unknown appeal request reason',
				 'request reasons are codes matched exactly (upper case)');
SELECT throws_ok($$SELECT pg_temp.submit('V-1', NULL)$$, '22004', 'p_request_reason must not be null',
				 'a request reason is required');
SELECT throws_ok($$SELECT pg_temp.submit('NO-SUCH-CLAIM', 'FOO')$$, '22023', 'unknown appeal request reason',
				 'the request is validated before the claim is looked up');

---------------------------------------------------------------------------
-- Narrative: 10 to 4000 characters, counted as characters, not bytes
---------------------------------------------------------------------------

SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_narrative => '123456789')$$),
		  '22023: appeal narrative must be 10 to 4000 characters long | p_narrative has 9 characters. | Explain in 10 to 4000 characters why the payer should reconsider the claim.',
		  'a narrative of 9 characters is refused with its length');
SELECT is(pg_temp.submit(pg_temp.new_claim('N-10'), p_narrative => '1234567890')->>'status', 'queued',
		  'a narrative of 10 characters is accepted');
SELECT is(pg_temp.submit(pg_temp.new_claim('N-4000'), p_narrative => repeat('x', 4000))->>'status', 'queued',
		  'a narrative of 4000 characters is accepted');
SELECT throws_ok($$SELECT pg_temp.submit('V-1', p_narrative => repeat('x', 4001))$$,
				 '22023', 'appeal narrative must be 10 to 4000 characters long',
				 'a narrative of 4001 characters is refused');
SELECT is(pg_temp.submit(pg_temp.new_claim('N-E10'), p_narrative => repeat('é', 10))->>'status', 'queued',
		  'ten two-byte characters are ten characters');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_narrative => repeat('é', 9))$$),
		  '22023: appeal narrative must be 10 to 4000 characters long | p_narrative has 9 characters. | Explain in 10 to 4000 characters why the payer should reconsider the claim.',
		  'nine two-byte characters (18 bytes) are too few');
SELECT is(pg_temp.submit(pg_temp.new_claim('N-EUR'), p_narrative => repeat('€', 4000))->>'status', 'queued',
		  '4000 three-byte characters (12000 bytes) are accepted');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_narrative => repeat('😀', 4001))$$),
		  '22023: appeal narrative must be 10 to 4000 characters long | p_narrative has 4001 characters. | Explain in 10 to 4000 characters why the payer should reconsider the claim.',
		  '4001 four-byte characters are too many');
SELECT throws_ok($$SELECT pg_temp.submit('V-1', p_narrative => NULL)$$, '22004', 'p_narrative must not be null',
				 'a narrative is required');

---------------------------------------------------------------------------
-- Attachments
---------------------------------------------------------------------------

SELECT is(pg_temp.with_files('A-10', pg_temp.files(10)), 'queued', 'ten attachments are accepted');
SELECT is((SELECT jsonb_array_length(a.attachments) FROM credentialing.appeals a
		   JOIN credentialing.claims c ON c.id = a.claim_id WHERE c.claim_number = 'A-10'), 10,
		  'the appeal keeps its ten attachments');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_attachments => pg_temp.files(11))$$),
		  '22023: too many appeal attachments | p_attachments has 11 elements; at most 10 are allowed. | Attach at most 10 files; combine related documents into one file.',
		  'eleven attachments are refused');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_attachments =>
			'[{"fileName": "a.pdf", "fileType": "pdf", "fileSizeBytes": 10},
			  {"fileName": "b.exe", "fileType": "exe", "fileSizeBytes": 10}]')$$),
		  '22023: appeal attachment has an unsupported fileType | p_attachments[1].fileType is "exe". | Use one of gif, jpg, jpeg, pdf, tif, tiff (any letter case).',
		  'an unsupported fileType is refused, naming the attachment''s index');
SELECT is(pg_temp.with_files('A-CASE', '[{"fileName": "a", "fileType": "PDF", "fileSizeBytes": 1},
										  {"fileName": "b", "fileType": "Tiff", "fileSizeBytes": 1},
										  {"fileName": "c", "fileType": "gif", "fileSizeBytes": 1},
										  {"fileName": "d", "fileType": "jpg", "fileSizeBytes": 1},
										  {"fileName": "e", "fileType": "JPEG", "fileSizeBytes": 1},
										  {"fileName": "f", "fileType": "tif", "fileSizeBytes": 1}]'),
		  'queued', 'every listed file type is accepted in any letter case');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_attachments =>
			'[{"fileName": "a.pdf", "fileType": "pdf", "fileSizeBytes": 0}]')$$),
		  '22023: appeal attachment has an invalid fileSizeBytes | p_attachments[0].fileSizeBytes is 0. | fileSizeBytes must be a whole number of bytes from 1 to 67108864 (64 MiB).',
		  'an empty file (0 bytes) is refused');
SELECT throws_like($$SELECT pg_temp.submit('V-1', p_attachments =>
			'[{"fileName": "a.pdf", "fileType": "pdf", "fileSizeBytes": 67108865}]')$$,
		  'appeal attachment has an invalid fileSizeBytes',
		  'a file of 64 MiB and one byte is refused');
SELECT is(pg_temp.with_files('A-SIZES', '[{"fileName": "a", "fileType": "pdf", "fileSizeBytes": 1},
										   {"fileName": "b", "fileType": "pdf", "fileSizeBytes": 67108864}]'),
		  'queued', 'files of 1 byte and of exactly 64 MiB are accepted');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_attachments =>
			'[{"fileName": "a.pdf", "fileType": "pdf", "fileSizeBytes": 1.5}]')$$),
		  '22023: appeal attachment has an invalid fileSizeBytes | p_attachments[0].fileSizeBytes is 1.5, not a whole number. | fileSizeBytes must be a whole number of bytes from 1 to 67108864 (64 MiB).',
		  'a fractional size is refused');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_attachments =>
			'[{"fileName": "a.pdf", "fileType": "pdf", "fileSizeBytes": "100"}]')$$),
		  '22023: appeal attachment has an invalid fileSizeBytes | p_attachments[0].fileSizeBytes is a string. | fileSizeBytes must be a whole number of bytes from 1 to 67108864 (64 MiB).',
		  'a size written as a string is refused');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_attachments =>
			'[{"fileType": "pdf", "fileSizeBytes": 100}]')$$),
		  '22023: appeal attachment needs a fileName | p_attachments[0].fileName is missing. | Give every attachment a non-empty fileName string.',
		  'an attachment without a fileName is refused');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_attachments =>
			'[{"fileName": "", "fileType": "pdf", "fileSizeBytes": 100}]')$$),
		  '22023: appeal attachment needs a fileName | p_attachments[0].fileName is an empty string. | Give every attachment a non-empty fileName string.',
		  'an empty fileName is refused');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_attachments =>
			'{"fileName": "a.pdf", "fileType": "pdf", "fileSizeBytes": 100}')$$),
		  '22023: appeal attachments must be a JSON array | p_attachments is an object. | Pass an array of {fileName, fileType, fileSizeBytes, documentType} objects, or [] for none.',
		  'attachments that are not an array are refused');
SELECT throws_like($$SELECT pg_temp.submit('V-1', p_attachments => '"letter.pdf"')$$,
				   'appeal attachments must be a JSON array',
				   'a bare string is not a list of attachments');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_attachments => '["letter.pdf"]')$$),
		  '22023: appeal attachment must be a JSON object | p_attachments[0] is a string. | Describe each attachment as {fileName, fileType, fileSizeBytes, documentType}.',
		  'an attachment that is not an object is refused');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_attachments =>
			'[{"fileName": "a.pdf", "fileType": "pdf", "fileSizeBytes": 100, "url": "http://x"}]')$$),
		  '22023: appeal attachment has an unknown key | p_attachments[0] has key "url". | Allowed keys: fileName, fileType, fileSizeBytes, documentType.',
		  'an attachment with an unknown key is refused');
SELECT throws_like($$SELECT pg_temp.submit('V-1', p_attachments =>
			'[{"fileName": "a.pdf", "fileType": "pdf", "fileSizeBytes": 100, "documentType": 5}]')$$,
		   'appeal attachment has an invalid documentType',
		   'a documentType that is not a string is refused');
SELECT is(credentialing.submit_appeal(pg_temp.new_claim('A-NULL'), 'OTHER', 'No documents attached here.',
									  NULL, p_as_of => '2024-03-01')->>'status', 'queued',
		  'NULL attachments mean none');
SELECT is((SELECT a.attachments FROM credentialing.appeals a
		   JOIN credentialing.claims c ON c.id = a.claim_id WHERE c.claim_number = 'A-NULL'), '[]'::jsonb,
		  'an appeal without attachments stores an empty list');

---------------------------------------------------------------------------
-- Contact and source
---------------------------------------------------------------------------

SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1', p_contact => '["Ann"]')$$),
		  '22023: appeal contact must be a JSON object | p_contact is an array. | Pass the contact details as an object such as {"name": ..., "phone": ..., "email": ...}, or NULL.',
		  'a contact that is not an object is refused');
SELECT is(pg_temp.submit(pg_temp.new_claim('C-NULL'), p_contact => 'null')->>'status', 'queued',
		  'a JSON null contact means none');
SELECT is((SELECT a.contact FROM credentialing.appeals a
		   JOIN credentialing.claims c ON c.id = a.claim_id WHERE c.claim_number = 'C-NULL'), NULL::jsonb,
		  'an appeal without contact stores NULL');
SELECT throws_ok($$SELECT pg_temp.submit('V-1', p_source => '')$$, '22023', 'appeal source must not be empty',
				 'an empty source is refused');
SELECT throws_ok($$SELECT pg_temp.submit('V-1', p_source => NULL)$$, '22004', 'p_source must not be null',
				 'a NULL source is refused');

---------------------------------------------------------------------------
-- The checks of appeal_status
---------------------------------------------------------------------------

SELECT pg_temp.new_claim('S-PAID', 'Paid');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('S-PAID')$$),
		  '23514: Claim status does not allow appeals | Claim S-PAID of payer P1 has status Paid. | Only Denied and Partially Paid claims can be appealed; a Rejected or Adjusted claim is corrected and resubmitted instead.',
		  'a paid claim cannot be appealed');
SELECT is(pg_temp.submit(pg_temp.new_claim('S-PARTIAL', 'Partially Paid'))->>'status', 'queued',
		  'a partially paid claim can be appealed');

INSERT INTO credentialing.payer_appeal_rules (payer_code, appeals_enabled) VALUES ('PX', false);
SELECT pg_temp.new_claim('S-OFF', p_payer => 'PX');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('S-OFF')$$),
		  '23514: Appeals are disabled for this payer | Appeals are disabled for payer PX in payer_appeal_rules. | Contact the payer directly, or ask an administrator to enable appeals.',
		  'a claim of a payer with appeals disabled cannot be appealed');
UPDATE credentialing.appeal_settings SET appeals_enabled = false;
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('V-1')$$),
		  '23514: Appeals are disabled for this payer | Appeals are disabled in appeal_settings. | Contact the payer directly, or ask an administrator to enable appeals.',
		  'no claim can be appealed while appeals are disabled globally');
UPDATE credentialing.appeal_settings SET appeals_enabled = true;

SELECT pg_temp.new_claim('S-LATE');
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('S-LATE', p_as_of => '2024-07-07')$$),
		  '23514: Timely filing deadline has passed | The timely filing deadline of claim S-LATE of payer P1 was 2024-07-06; the appeal was filed on 2024-07-07. | Contact the payer to ask for late-appeal consideration.',
		  'an appeal the day after the deadline is refused with a hint to ask for late consideration');
SELECT is(pg_temp.submit('S-LATE', p_as_of => '2024-07-06')->>'status', 'queued',
		  'an appeal on the deadline itself is accepted');

SELECT pg_temp.new_claim('S-AUTH');
SET LOCAL request.jwt.claims = '{"provider_id": "00000000-0000-0000-0000-0000000000a2", "sub": "user-2"}';
SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('S-AUTH')$$),
		  '42501: Provider is not authorized for this claim | Claim S-AUTH of payer P1 is not billed under the calling provider''s NPI. | Only the claim''s own provider, or an administrator, may appeal it.',
		  'a provider cannot appeal another provider''s claim');
SET LOCAL request.jwt.claims = '{"provider_id": "00000000-0000-0000-0000-0000000000a1", "sub": "user-1"}';
SELECT is(pg_temp.submit('S-AUTH')->>'status', 'queued', 'the claim''s own provider can appeal it');
SELECT is((SELECT a.submitted_by FROM credentialing.appeals a
		   JOIN credentialing.claims c ON c.id = a.claim_id WHERE c.claim_number = 'S-AUTH'),
		  current_user || ' (sub user-1)', 'the appeal records the role and the JWT subject that filed it');
SET LOCAL request.jwt.claims = '';

SELECT is(pg_temp.error_of($$SELECT pg_temp.submit('S-AUTH')$$),
		  '23505: Claim has already been appealed | Claim S-AUTH of payer P1 has an appeal that is neither withdrawn nor failed. | Follow the existing appeal; a new one can be filed once it is withdrawn or has failed.',
		  'a claim with an active appeal cannot be appealed again');
UPDATE credentialing.appeals SET status = 'withdrawn'
WHERE claim_id = (SELECT id FROM credentialing.claims WHERE claim_number = 'S-AUTH');
SELECT is(pg_temp.submit('S-AUTH')->>'status', 'queued', 'a claim can be appealed again once its appeal is withdrawn');
UPDATE credentialing.appeals SET status = 'failed'
WHERE claim_id = (SELECT id FROM credentialing.claims WHERE claim_number = 'S-AUTH') AND status = 'queued';
SELECT is(pg_temp.submit('S-AUTH')->>'status', 'queued', 'a claim can be appealed again once its appeal failed');
SELECT is((SELECT array_agg(a.status ORDER BY a.status) FROM credentialing.appeals a
		   JOIN credentialing.claims c ON c.id = a.claim_id WHERE c.claim_number = 'S-AUTH'),
		  ARRAY['failed', 'queued', 'withdrawn'], 'the claim keeps one active appeal beside the closed ones');

SELECT throws_ok($$SELECT pg_temp.submit('NO-SUCH-CLAIM')$$, 'P0002', 'claim NO-SUCH-CLAIM not found',
				 'an unknown claim cannot be appealed');
SELECT throws_ok($$SELECT pg_temp.submit(NULL)$$, '22004', 'p_claim_number must not be null',
				 'a claim number is required');

---------------------------------------------------------------------------
-- What a filed appeal writes and returns
---------------------------------------------------------------------------

INSERT INTO credentialing.claims (payer_code, claim_number, claim_status, provider_npi, finalized_date,
								  patient_account_number, member_id, reason_codes, comment, billed,
								  service_from, service_to, diagnosis_codes, procedure_code, modifiers)
VALUES ('P1', 'CLM987654321', 'Denied', '1000001010', '2024-01-08', 'PAT-2024-002', 'M789012',
		'{CO-96,CO-197}', 'Procedure code 29881 with modifier 59 is not appropriate.', 450.00,
		'2023-12-15', '2023-12-15', '{M25.551,S83.511A}', '29881', '{59}');
SELECT credentialing.submit_appeal('CLM987654321', 'CODING_DISPUTE',
								   'Modifier 59 marks a distinct procedure on a separate compartment.',
								   '[{"fileName": "op-note.pdf", "fileType": "pdf", "fileSizeBytes": 52000, "documentType": "operative_report"}]',
								   '{"name": "Ann Lee", "phone": "801-555-0100"}', NULL, 'ECS', '2024-03-01') AS r \gset
SELECT id AS appeal_id FROM credentialing.appeals a
WHERE a.claim_id = (SELECT id FROM credentialing.claims WHERE claim_number = 'CLM987654321') \gset

SELECT is(:'r'::jsonb - 'appealId' - 'submittedAt',
		  '{"status": "queued", "claimNumber": "CLM987654321", "appealType": "Reconsideration",
			"timelyFilingDeadline": "20240706"}'::jsonb,
		  'the result gives the status, claim number, appeal type and deadline');
SELECT is((:'r'::jsonb)->>'appealId', :'appeal_id', 'the result gives the new appeal''s id');
SELECT is((:'r'::jsonb)->'submittedAt', to_jsonb(now()), 'the result gives the submission time');
SELECT is((SELECT ROW(a.appeal_type, a.status, a.decision, a.request_reason, a.narrative, a.attachments,
					  a.contact, a.source, a.submitted_by, a.submitted_at, a.deadline)::text
		   FROM credentialing.appeals a WHERE a.id = :'appeal_id'),
		  ROW('Reconsideration', 'queued', NULL::text, 'CODING_DISPUTE',
			  'Modifier 59 marks a distinct procedure on a separate compartment.',
			  '[{"fileName": "op-note.pdf", "fileType": "pdf", "fileSizeBytes": 52000, "documentType": "operative_report"}]'::jsonb,
			  '{"name": "Ann Lee", "phone": "801-555-0100"}'::jsonb, 'ECS', current_user::text, now(),
			  '2024-07-06'::date)::text,
		  'the appeal is queued with the request, the submitter and the deadline');
SELECT is((SELECT count(*)::integer FROM credentialing.appeal_outbox WHERE appeal_id = :'appeal_id'), 1,
		  'filing an appeal enqueues exactly one outbox message');
SELECT is((SELECT ROW(o.topic, o.attempts, o.published_at, o.last_error, o.available_at <= clock_timestamp())::text
		   FROM credentialing.appeal_outbox o WHERE o.appeal_id = :'appeal_id'),
		  ROW('appeals-in', 0, NULL::timestamptz, NULL::text, true)::text,
		  'the message is on topic appeals-in, unclaimed and available at once');
SELECT is((SELECT o.payload - 'appealId' FROM credentialing.appeal_outbox o WHERE o.appeal_id = :'appeal_id'),
		  '{"appealType": "Reconsideration", "claimNumber": "CLM987654321", "patientAccountNumber": "PAT-2024-002",
			"memberId": "M789012", "providerNpi": "1000001010", "claimStatus": "Denied",
			"denialReasons": ["CO-96", "CO-197"],
			"denialComment": "Procedure code 29881 with modifier 59 is not appropriate.",
			"billedAmount": 450.00, "timelyFilingDeadline": "20240706", "serviceFromDate": "20231215",
			"serviceToDate": "20231215", "diagnosisCodes": ["M25.551", "S83.511A"], "procedureCode": "29881",
			"modifiers": ["59"],
			"request": {"reason": "CODING_DISPUTE",
						"narrative": "Modifier 59 marks a distinct procedure on a separate compartment.",
						"attachments": [{"fileName": "op-note.pdf", "fileType": "pdf", "fileSizeBytes": 52000,
										 "documentType": "operative_report"}],
						"contact": {"name": "Ann Lee", "phone": "801-555-0100"}, "source": "ECS"}}'::jsonb,
		  'the message carries the prefill and the request');
SELECT is((SELECT o.payload->>'appealId' FROM credentialing.appeal_outbox o WHERE o.appeal_id = :'appeal_id'),
		  :'appeal_id', 'the message names its appeal');
SELECT is((SELECT o.payload->'request'->'contact' FROM credentialing.appeal_outbox o
		   JOIN credentialing.appeals a ON a.id = o.appeal_id
		   JOIN credentialing.claims c ON c.id = a.claim_id WHERE c.claim_number = 'A-NULL'),
		  'null'::jsonb, 'a message without contact carries a null contact');

INSERT INTO credentialing.payer_appeal_rules (payer_code, timely_filing_days, default_appeal_type, notice_grace_days)
VALUES ('MEDICARE', 120, 'Redetermination', 5);
SELECT pg_temp.new_claim('M-1', p_payer => 'MEDICARE');
SELECT is(pg_temp.submit('M-1') - 'appealId' - 'submittedAt',
		  '{"status": "queued", "claimNumber": "M-1", "appealType": "Redetermination",
			"timelyFilingDeadline": "20240512"}'::jsonb,
		  'the payer''s appeal type and timely filing days (plus grace) apply');
SELECT pg_temp.new_claim('DUP-1', p_payer => 'P1'), pg_temp.new_claim('DUP-1', p_payer => 'P2');
SELECT throws_ok($$SELECT pg_temp.submit('DUP-1')$$, '22023', 'claim number DUP-1 is held by several payers',
				 'a claim number held by several payers needs the payer code');
SELECT is(pg_temp.submit('DUP-1', p_payer => 'P2')->>'status', 'queued',
		  'with the payer code the claim of that payer is appealed');
SELECT is((SELECT c.payer_code FROM credentialing.appeals a JOIN credentialing.claims c ON c.id = a.claim_id
		   WHERE c.claim_number = 'DUP-1'), 'P2', 'the appeal belongs to the chosen payer''s claim');

---------------------------------------------------------------------------
-- record_appeal_decision
---------------------------------------------------------------------------

SELECT is(pg_temp.error_of(format($$SELECT credentialing.record_appeal_decision(%L, 'overturned', 450)$$, :'appeal_id')),
		  format('55000: only a submitted or in_review appeal can be decided | Appeal %s is queued. | Wait until the appeal has been published to the payer (appeal_outbox_ack).', :'appeal_id'),
		  'a queued appeal cannot be decided yet');
UPDATE credentialing.appeals SET status = 'submitted' WHERE id = :'appeal_id';
SELECT credentialing.record_appeal_decision(:'appeal_id', 'overturned', 450.00) AS decided \gset
SELECT is(ROW((:'decided'::jsonb)->>'status', (:'decided'::jsonb)->>'decision',
			  (:'decided'::jsonb)->'approved_amount', (:'decided'::jsonb)->>'id')::text,
		  ROW('decided', 'overturned', '450.00'::jsonb, :'appeal_id')::text,
		  'an overturned decision returns the decided appeal with its amount');
SELECT is((SELECT ROW(status, decision, approved_amount, decided_at)::text
		   FROM credentialing.appeals WHERE id = :'appeal_id'),
		  ROW('decided', 'overturned', 450.00, now())::text, 'the decision is stored with its time');
SELECT is(pg_temp.error_of(format($$SELECT credentialing.record_appeal_decision(%L, 'upheld')$$, :'appeal_id')),
		  format('55000: only a submitted or in_review appeal can be decided | Appeal %s is decided. | A decided, withdrawn or failed appeal is final; file a new appeal if the claim allows it.', :'appeal_id'),
		  'a decided appeal cannot be decided again');

-- Appeals of the reason claims, put in review, take the other decisions.
UPDATE credentialing.appeals a SET status = 'in_review'
FROM credentialing.claims c WHERE c.id = a.claim_id AND c.claim_number LIKE 'R-%';
SELECT id AS r1 FROM credentialing.appeals WHERE request_reason = 'DENIAL_OF_COVERAGE' \gset
SELECT id AS r2 FROM credentialing.appeals WHERE request_reason = 'PAYMENT_AMOUNT' \gset
SELECT id AS r3 FROM credentialing.appeals WHERE request_reason = 'MEDICAL_NECESSITY' \gset

SELECT is(credentialing.record_appeal_decision(:'r1', 'upheld')->'approved_amount', 'null'::jsonb,
		  'an upheld decision takes no amount');
SELECT is(credentialing.record_appeal_decision(:'r2', 'upheld', 0)->'approved_amount', '0'::jsonb,
		  'an upheld decision takes an amount of 0');
SELECT is(credentialing.record_appeal_decision(:'r3', 'partially_overturned', 120.50)->>'decision',
		  'partially_overturned', 'an in_review appeal can be partially overturned');
SELECT is(pg_temp.error_of($$SELECT credentialing.record_appeal_decision(
			(SELECT id FROM credentialing.appeals WHERE request_reason = 'OUT_OF_NETWORK'), 'upheld', 10)$$),
		  '22023: an upheld appeal approves no amount | p_approved_amount is 10. | Pass NULL or 0 as p_approved_amount for decision upheld.',
		  'an upheld decision with an amount is refused');
SELECT is(pg_temp.error_of($$SELECT credentialing.record_appeal_decision(
			(SELECT id FROM credentialing.appeals WHERE request_reason = 'OUT_OF_NETWORK'), 'overturned')$$),
		  '22023: decision overturned needs an approved amount greater than 0 | p_approved_amount is NULL. | Pass the amount the payer approved on appeal as p_approved_amount.',
		  'an overturned decision needs an amount');
SELECT throws_ok($$SELECT credentialing.record_appeal_decision(
			(SELECT id FROM credentialing.appeals WHERE request_reason = 'OUT_OF_NETWORK'), 'partially_overturned', 0)$$,
		  '22023', 'decision partially_overturned needs an approved amount greater than 0',
		  'a partially overturned decision needs an amount above 0');
SELECT throws_ok($$SELECT credentialing.record_appeal_decision(
			(SELECT id FROM credentialing.appeals WHERE request_reason = 'OUT_OF_NETWORK'), 'overturned', -5)$$,
		  '22023', 'approved amount must be a finite amount of at least 0',
		  'a negative amount is refused');
SELECT throws_ok($$SELECT credentialing.record_appeal_decision(
			(SELECT id FROM credentialing.appeals WHERE request_reason = 'OUT_OF_NETWORK'), 'overturned', 'NaN')$$,
		  '22023', 'approved amount must be a finite amount of at least 0',
		  'NaN is not an amount');
SELECT is(pg_temp.error_of($$SELECT credentialing.record_appeal_decision(
			(SELECT id FROM credentialing.appeals WHERE request_reason = 'OUT_OF_NETWORK'), 'reversed')$$),
		  '22023: unknown appeal decision | p_decision is "reversed". | Use one of overturned, partially_overturned, upheld.',
		  'an unknown decision is refused');
SELECT is((SELECT ROW(status, decision, decided_at)::text FROM credentialing.appeals
		   WHERE request_reason = 'OUT_OF_NETWORK'),
		  ROW('in_review', NULL::text, NULL::timestamptz)::text, 'refused decisions change nothing');
SELECT throws_ok($$SELECT credentialing.record_appeal_decision('00000000-0000-0000-0000-00000000dead', 'upheld')$$,
		  'P0002', 'appeal 00000000-0000-0000-0000-00000000dead not found', 'an unknown appeal cannot be decided');
SELECT throws_like($$SELECT credentialing.record_appeal_decision(
			(SELECT a.id FROM credentialing.appeals a JOIN credentialing.claims c ON c.id = a.claim_id
			 WHERE c.claim_number = 'S-AUTH' AND a.status = 'withdrawn'), 'upheld')$$,
		  'only a submitted or in_review appeal can be decided', 'a withdrawn appeal cannot be decided');
SELECT throws_ok($$SELECT credentialing.record_appeal_decision(NULL, 'upheld')$$,
		  '22004', 'p_appeal_id must not be null', 'an appeal id is required');

SELECT * FROM finish();
ROLLBACK;
