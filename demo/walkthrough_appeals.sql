-- demo/walkthrough_appeals.sql
-- Claim appeals from a 277: load the payer overrides, read and store a
-- claim-status response, ask which claims can be appealed, file an
-- appeal and publish it through the outbox.  Dates are pinned to
-- 2026-11-24 so that the output does not depend on the day it runs.
\set ON_ERROR_STOP on
\pset null '(null)'
\set x12 `cat demo/sample.277`

\echo
\echo '== 10. Payer-specific appeal rules from the integration configuration'
SELECT jsonb_pretty(credentialing.apply_integration_config('{
  "ecs": {"valueAdds277": {"integrationFlags": {"appeals": true},
          "appealConfiguration": {"timelyFilingDays": 180, "includeAppealMetadata": true,
                                  "defaultAppealType": "Reconsideration"}}},
  "appeals": {"enabled": true},
  "payerSpecificOverrides": {
    "MEDICARE": {"payerId": "MEDICARE", "payerName": "Medicare",
      "ecsValueAdds277Override": {"appealConfiguration": {"timelyFilingDays": 120, "defaultAppealType": "Redetermination"}}},
    "UNITED": {"payerId": "UNITED", "payerName": "UnitedHealthcare",
      "ecsValueAdds277Override": {"appealConfiguration": {"timelyFilingDays": 365}}}}}'));

\echo '== 11. Read the 277 (demo/sample.277)'
SELECT trace_number, payer_claim_control_number, claim_status, status_codes, total_charge, payment_amount
FROM credentialing.parse_277(:'x12');

\echo '== 12. Store its claims'
SELECT claim_number, claim_status, eligible_for_appeal, inserted FROM credentialing.ingest_277(:'x12');

\echo '== 13. Which claims can be appealed, and by when'
SELECT c.claim_number, s.*
FROM credentialing.claims c,
	 credentialing.appeal_status(c.claim_number, c.payer_code, p_as_of => '2026-11-24') s
ORDER BY c.claim_number;

\echo '== 14. File an appeal of the denied claim'
SELECT jsonb_pretty(credentialing.submit_appeal(
	p_claim_number => 'CLM987654321',
	p_request_reason => 'CODING_DISPUTE',
	p_narrative => 'Modifier 59 is supported by the session note (attached).',
	p_attachments => '[{"fileName": "session-note.pdf", "fileType": "pdf", "fileSizeBytes": 48213, "documentType": "PROGRESS_NOTE"}]',
	p_as_of => '2026-11-24') - 'appealId' - 'submittedAt');

\echo '== 15. A publisher drains the outbox'
SELECT id, topic, attempts, payload -> 'claimNumber' AS claim_number, payload -> 'request' -> 'reason' AS reason
FROM credentialing.appeal_outbox_claim(10, '5 minutes');
-- ... published; acknowledged with the attempts value the claim returned.
SELECT (credentialing.appeal_outbox_ack(o.id, p_attempt => o.attempts)).published_at IS NOT NULL AS published
FROM credentialing.appeal_outbox o ORDER BY o.id DESC LIMIT 1;
SELECT a.status, a.appeal_type, a.deadline, c.claim_number
FROM credentialing.appeals a JOIN credentialing.claims c ON c.id = a.claim_id;
