-- demo/walkthrough.sql
-- The main credentialing flow, step by step: generate tasks for three
-- payers, work the checklist, submit, approve (which creates the contract),
-- then ask the progress, pipeline and overdue questions.
\set ON_ERROR_STOP on
\pset null '(null)'
\set jane '''20000000-0000-0000-0000-000000000001'''
\set molina '''10000000-0000-0000-0000-000000000001'''
\set regence '''10000000-0000-0000-0000-000000000002'''
\set selecthealth '''10000000-0000-0000-0000-000000000004'''

\echo
\echo '== 1. Credential Jane Doe with Molina (portal), Regence (Excel roster) and SelectHealth (PDF form)'
SELECT jsonb_pretty(credentialing.credential_payers(:jane, ARRAY[:molina, :regence, :selecthealth]::uuid[]));

\echo '== 2. Her checklist'
SELECT p.name AS payer, t.task_order AS "#", t.task_type, t.title, t.due_date
FROM credentialing.provider_credentialing_tasks t
JOIN credentialing.payers p ON p.id = t.payer_id
WHERE t.provider_id = :jane
ORDER BY p.name, t.task_order;

\echo '== 3. Work the Molina checklist: the application number recorded by a task reaches the application'
UPDATE credentialing.provider_credentialing_tasks
SET task_status = 'completed', application_id = CASE WHEN task_type = 'record_application_id' THEN 'MOL-2026-0042' END
WHERE provider_id = :jane AND payer_id = :molina AND task_order <= 3;
UPDATE credentialing.provider_payer_applications
SET application_status = 'submitted'
WHERE provider_id = :jane AND payer_id = :molina;
SELECT application_status, application_started_date, application_submitted_date,
	   expected_decision_date, payer_application_id
FROM credentialing.provider_payer_applications
WHERE provider_id = :jane AND payer_id = :molina;

\echo '== 4. A forbidden transition is refused with the allowed next statuses'
\set ON_ERROR_STOP off
UPDATE credentialing.provider_payer_applications
SET application_status = 'approved'
WHERE provider_id = :jane AND payer_id = :regence;
\set ON_ERROR_STOP on

\echo '== 5. Molina approves: the network contract is created by the extension'
UPDATE credentialing.provider_payer_applications
SET application_status = 'approved', effective_date = current_date + 7
WHERE provider_id = :jane AND payer_id = :molina;
SELECT p.name AS payer, n.status, n.effective_date, n.notes
FROM credentialing.provider_payer_networks n
JOIN credentialing.payers p ON p.id = n.payer_id
WHERE n.provider_id = :jane
ORDER BY p.name;

\echo '== 6. Progress per payer'
SELECT payer_name, application_status, total_tasks, completed_tasks, completion_percentage,
	   next_due_date, overdue_tasks
FROM credentialing.get_provider_credentialing_progress(:jane);

\echo '== 7. Pipeline summary'
SELECT * FROM credentialing.get_credentialing_pipeline_summary();

\echo '== 8. Overdue, as seen 60 days from now'
SELECT provider_name, payer_name, application_status, expected_decision_date, days_overdue
FROM credentialing.get_overdue_applications(current_date + 60);
SELECT provider_name, payer_name, title, due_date, days_overdue
FROM credentialing.get_overdue_tasks(current_date + 60);

\echo '== 9. The audit trail'
SELECT entity, action, old_value, new_value, actor
FROM credentialing.credentialing_events
ORDER BY id;
