-- test/sql/appeal_outbox.sql: the appeal outbox's publisher interface
-- (DESIGN 5.4): claiming under a lease, lease expiry, ack (the appeal is
-- submitted), nack with capped exponential backoff, and giving up after
-- credentialing.outbox_max_attempts (the appeal fails).
BEGIN;
LOAD 'credentialing';
SELECT plan(65);

DELETE FROM credentialing.appeal_outbox;

-- A denied claim appealed at once; returns the claim number.
CREATE FUNCTION pg_temp.appealed(p_number text)
RETURNS text LANGUAGE sql AS $$
	INSERT INTO credentialing.claims (payer_code, claim_number, claim_status, finalized_date)
	VALUES ('P1', p_number, 'Denied', '2024-01-08');
	SELECT credentialing.submit_appeal(p_number, 'OTHER', 'The denial does not match the record.',
									   p_as_of => '2024-03-01')->>'claimNumber'
$$;

-- The id of the latest outbox message of a claim's appeals.
CREATE FUNCTION pg_temp.msg(p_number text)
RETURNS bigint LANGUAGE sql AS $$
	SELECT max(o.id) FROM credentialing.appeal_outbox o
	JOIN credentialing.appeals a ON a.id = o.appeal_id
	JOIN credentialing.claims c ON c.id = a.claim_id
	WHERE c.claim_number = p_number
$$;

-- The status of the appeal of a claim's latest message.
CREATE FUNCTION pg_temp.appeal_of(p_number text)
RETURNS text LANGUAGE sql AS $$
	SELECT a.status FROM credentialing.appeal_outbox o
	JOIN credentialing.appeals a ON a.id = o.appeal_id
	WHERE o.id = pg_temp.msg(p_number)
$$;

-- The claim numbers of the messages a claim returns, in order.
CREATE FUNCTION pg_temp.claim(p_limit integer DEFAULT 10, p_lease interval DEFAULT '5 minutes')
RETURNS text[] LANGUAGE sql AS $$
	SELECT coalesce(array_agg(c.claim_number ORDER BY m.id), '{}')
	FROM credentialing.appeal_outbox_claim(p_limit, p_lease) m
	JOIN credentialing.appeals a ON a.id = m.appeal_id
	JOIN credentialing.claims c ON c.id = a.claim_id
$$;

-- Let a message's lease or backoff run out (as if time had passed).
CREATE FUNCTION pg_temp.expire(p_number text)
RETURNS void LANGUAGE sql AS $$
	UPDATE credentialing.appeal_outbox SET available_at = clock_timestamp() - interval '1 second'
	WHERE id = pg_temp.msg(p_number)
$$;

SELECT pg_temp.appealed('O-1'), pg_temp.appealed('O-2'), pg_temp.appealed('O-3');

---------------------------------------------------------------------------
-- Claiming
---------------------------------------------------------------------------

SELECT is(current_setting('credentialing.outbox_max_attempts'), '10',
		  'publishing is given up after 10 claims by default');

SELECT clock_timestamp() AS t0 \gset
CREATE TEMP TABLE first_claim AS SELECT * FROM credentialing.appeal_outbox_claim(2);
SELECT is((SELECT array_agg(id ORDER BY id) FROM first_claim),
		  ARRAY[pg_temp.msg('O-1'), pg_temp.msg('O-2')], 'a claim returns the oldest messages up to its limit');
SELECT is((SELECT array_agg(attempts) FROM first_claim), ARRAY[1, 1], 'a claimed message counts one attempt');
SELECT ok((SELECT bool_and(available_at >= :'t0'::timestamptz + interval '5 minutes'
						   AND available_at <= clock_timestamp() + interval '5 minutes') FROM first_claim),
		  'a claimed message is leased for five minutes by default');
SELECT is((SELECT array_agg(ROW(f.topic, f.payload->>'appealId', f.published_at)::text)
		   FROM first_claim f WHERE f.id = pg_temp.msg('O-1')),
		  (SELECT array_agg(ROW('appeals-in', o.appeal_id::text, NULL::timestamptz)::text)
		   FROM credentialing.appeal_outbox o WHERE o.id = pg_temp.msg('O-1')),
		  'a claimed message comes with its topic and payload');
SELECT is((SELECT array_agg(ROW(o.attempts, o.available_at)::text ORDER BY o.id)
		   FROM credentialing.appeal_outbox o WHERE o.id IN (SELECT id FROM first_claim)),
		  (SELECT array_agg(ROW(f.attempts, f.available_at)::text ORDER BY f.id) FROM first_claim f),
		  'the lease is stored on the messages');
SELECT is(pg_temp.claim(), ARRAY['O-3'], 'a second claim in the same transaction gets only the unleased message');
SELECT is(pg_temp.claim(), '{}'::text[], 'a third claim gets nothing: every message is leased');

-- Lease expiry.
SELECT pg_temp.appealed('O-4');
SELECT is(pg_temp.claim(10, '1 millisecond'), ARRAY['O-4'], 'a message can be claimed with a short lease');
SELECT pg_sleep(0.02);
SELECT is(pg_temp.claim(10, '1 millisecond'), ARRAY['O-4'], 'a message whose lease expired is claimable again');
SELECT is((SELECT attempts FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-4')), 2,
		  'the expired claim counts as an attempt');

---------------------------------------------------------------------------
-- Ack
---------------------------------------------------------------------------

SELECT credentialing.appeal_outbox_ack(pg_temp.msg('O-1')) AS acked \gset
SELECT ok((SELECT published_at IS NOT NULL FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-1')),
		  'an acked message is published');
SELECT ok((:'acked'::credentialing.appeal_outbox).published_at IS NOT NULL, 'ack returns the published message');
SELECT is(pg_temp.appeal_of('O-1'), 'submitted', 'an acked message''s appeal is submitted');
SELECT throws_like(format('SELECT credentialing.appeal_outbox_ack(%s)', pg_temp.msg('O-1')),
				   'outbox message % is already published', 'a published message cannot be acked again');
SELECT throws_ok(format('SELECT credentialing.appeal_outbox_ack(%s)', pg_temp.msg('O-1')), '55000', NULL,
				 'acking a published message is refused as a state error');
SELECT throws_like(format('SELECT credentialing.appeal_outbox_nack(%s, ''late'')', pg_temp.msg('O-1')),
				   'outbox message % is already published', 'a published message cannot be nacked');
SELECT throws_ok('SELECT credentialing.appeal_outbox_ack(-1)', 'P0002', 'outbox message -1 not found',
				 'an unknown message cannot be acked');
SELECT throws_ok('SELECT credentialing.appeal_outbox_nack(-1, ''x'')', 'P0002', 'outbox message -1 not found',
				 'an unknown message cannot be nacked');
SELECT throws_ok('SELECT credentialing.appeal_outbox_ack(NULL)', '22004', 'p_id must not be null',
				 'ack needs a message id');

SELECT pg_temp.appealed('O-UNCLAIMED');
SELECT throws_like(format('SELECT credentialing.appeal_outbox_ack(%s)', pg_temp.msg('O-UNCLAIMED')),
				   'outbox message % has not been claimed', 'a message never claimed cannot be acked');
SELECT throws_ok(format('SELECT credentialing.appeal_outbox_nack(%s, ''x'')', pg_temp.msg('O-UNCLAIMED')),
				 '55000', NULL, 'a message never claimed cannot be nacked');

SELECT is((credentialing.appeal_outbox_ack(pg_temp.msg('O-4'))).published_at IS NOT NULL, true,
		  'a message can still be acked after its lease expired');
SELECT is(pg_temp.appeal_of('O-4'), 'submitted', 'and its appeal is submitted');
SELECT is(pg_temp.claim(), ARRAY['O-UNCLAIMED'], 'a message enqueued later is handed to the next claim');
SELECT (credentialing.appeal_outbox_ack(pg_temp.msg('O-UNCLAIMED'))).published_at IS NOT NULL AS acked_late;

UPDATE credentialing.appeals SET status = 'withdrawn'
WHERE id = (SELECT appeal_id FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-3'));
SELECT (credentialing.appeal_outbox_ack(pg_temp.msg('O-3'))).published_at IS NOT NULL AS acked_withdrawn;
SELECT is(pg_temp.appeal_of('O-3'), 'withdrawn', 'ack moves only a queued appeal (a withdrawn one stays withdrawn)');

---------------------------------------------------------------------------
-- Nack and backoff
---------------------------------------------------------------------------

SELECT clock_timestamp() AS t1 \gset
SELECT credentialing.appeal_outbox_nack(pg_temp.msg('O-2'), 'HTTP 503 from the bus') AS nacked \gset
SELECT is((:'nacked'::credentialing.appeal_outbox).last_error, 'HTTP 503 from the bus',
		  'nack returns the message with its error');
SELECT is((SELECT last_error FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-2')),
		  'HTTP 503 from the bus', 'nack records the error');
SELECT ok((SELECT available_at >= :'t1'::timestamptz + interval '30 seconds'
				  AND available_at <= clock_timestamp() + interval '30 seconds'
		   FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-2')),
		  'after a first failure the message waits 30 seconds');
SELECT is(pg_temp.appeal_of('O-2'), 'queued', 'a retried message''s appeal stays queued');
SELECT is(pg_temp.claim(), '{}'::text[], 'a message waiting for its retry is not claimed');

SELECT pg_temp.expire('O-2');
SELECT is(pg_temp.claim(), ARRAY['O-2'], 'once its backoff has passed the message is claimed again');
SELECT clock_timestamp() AS t2 \gset
SELECT (credentialing.appeal_outbox_nack(pg_temp.msg('O-2'), 'timeout')).attempts AS nacked_twice;
SELECT ok((SELECT attempts = 2 AND available_at >= :'t2'::timestamptz + interval '60 seconds'
				  AND available_at <= clock_timestamp() + interval '60 seconds'
		   FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-2')),
		  'after a second failure it waits a minute');
SELECT pg_temp.expire('O-2');
SELECT is(pg_temp.claim(), ARRAY['O-2'], 'it is claimed a third time');
SELECT clock_timestamp() AS t3 \gset
SELECT (credentialing.appeal_outbox_nack(pg_temp.msg('O-2'), NULL)).attempts AS nacked_thrice;
SELECT ok((SELECT attempts = 3 AND last_error IS NULL
				  AND available_at >= :'t3'::timestamptz + interval '120 seconds'
				  AND available_at <= clock_timestamp() + interval '120 seconds'
		   FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-2')),
		  'after a third failure it waits two minutes (a NULL error is recorded as NULL)');

UPDATE credentialing.appeal_outbox SET attempts = 8 WHERE id = pg_temp.msg('O-2');
SELECT pg_temp.expire('O-2');
SELECT is(pg_temp.claim(), ARRAY['O-2'], 'a message with many failures is still claimed below the limit');
SELECT clock_timestamp() AS t4 \gset
SELECT (credentialing.appeal_outbox_nack(pg_temp.msg('O-2'), 'again')).attempts AS nacked_ninth;
SELECT ok((SELECT attempts = 9 AND available_at >= :'t4'::timestamptz + interval '1 hour'
				  AND available_at <= clock_timestamp() + interval '1 hour'
		   FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-2')),
		  'the backoff is capped at an hour');
SELECT pg_temp.expire('O-2');
SELECT is(pg_temp.claim(), ARRAY['O-2'], 'the tenth claim is handed out');
SELECT (credentialing.appeal_outbox_nack(pg_temp.msg('O-2'), 'still down')).attempts AS nacked_tenth;
SELECT is((SELECT ROW(attempts, available_at, published_at, last_error)::text
		   FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-2')),
		  ROW(10, 'infinity'::timestamptz, NULL::timestamptz, 'still down')::text,
		  'the tenth failure abandons the message');
SELECT is(pg_temp.appeal_of('O-2'), 'failed', 'an abandoned message''s appeal is failed');

---------------------------------------------------------------------------
-- The limit, set per transaction
---------------------------------------------------------------------------

SET LOCAL credentialing.outbox_max_attempts = 2;
SELECT pg_temp.appealed('O-5');
SELECT is(pg_temp.claim(), ARRAY['O-5'], 'with a limit of two, a new message is claimed');
SELECT (credentialing.appeal_outbox_nack(pg_temp.msg('O-5'), 'first failure')).attempts AS nacked_once;
SELECT is(pg_temp.appeal_of('O-5'), 'queued', 'the first failure is retried');
SELECT pg_temp.expire('O-5');
SELECT is(pg_temp.claim(), ARRAY['O-5'], 'the message is claimed a second time');
SELECT (credentialing.appeal_outbox_nack(pg_temp.msg('O-5'), 'second failure')).attempts AS nacked_again;
SELECT is((SELECT ROW(attempts, available_at, last_error)::text
		   FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-5')),
		  ROW(2, 'infinity'::timestamptz, 'second failure')::text,
		  'the second failure gives up');
SELECT is(pg_temp.appeal_of('O-5'), 'failed', 'and the appeal is failed');
SELECT is(pg_temp.claim(), '{}'::text[], 'an abandoned message is never claimed again');
SELECT throws_like(format('SELECT credentialing.appeal_outbox_ack(%s)', pg_temp.msg('O-5')),
				   'outbox message % was abandoned', 'an abandoned message cannot be acked');
SELECT throws_like(format('SELECT credentialing.appeal_outbox_nack(%s, ''x'')', pg_temp.msg('O-5')),
				   'outbox message % was abandoned', 'an abandoned message cannot be nacked');
SELECT is(credentialing.submit_appeal('O-5', 'OTHER', 'Filed again after the failure.',
									  p_as_of => '2024-03-01')->>'status', 'queued',
		  'a claim whose appeal failed can be appealed again');
SELECT is(pg_temp.claim(), ARRAY['O-5'], 'and the new appeal''s message is claimed');

-- A publisher that never answers: the lease expires at the limit.
SELECT pg_temp.appealed('O-6');
SELECT is(pg_temp.claim(10, '1 millisecond'), ARRAY['O-6'], 'a silent publisher claims a message');
SELECT pg_sleep(0.02);
SELECT is(pg_temp.claim(10, '1 millisecond'), ARRAY['O-6'], 'its lease expires and it is claimed a second time');
SELECT pg_sleep(0.02);
SELECT is(pg_temp.claim(10, '1 millisecond'), '{}'::text[], 'at the limit an expired lease is not handed out again');
SELECT is((SELECT ROW(attempts, available_at, last_error)::text
		   FROM credentialing.appeal_outbox WHERE id = pg_temp.msg('O-6')),
		  ROW(2, 'infinity'::timestamptz, 'lease expired after 2 attempts')::text,
		  'the message is abandoned, saying why');
SELECT is(pg_temp.appeal_of('O-6'), 'failed', 'and its appeal is failed');

-- A late publisher whose lease was taken over: with its lease token
-- (p_attempt, the attempts its claim returned) it cannot cut the new
-- holder's lease short, nor ack under it.
SELECT pg_temp.appealed('O-7');
SELECT is(pg_temp.claim(10, '1 millisecond'), ARRAY['O-7'], 'publisher A claims a message (attempt 1)');
SELECT pg_sleep(0.02);
SELECT is(pg_temp.claim(10, '10 minutes'), ARRAY['O-7'], 'A''s lease expires and publisher B claims it (attempt 2)');
SELECT throws_ok(format('SELECT credentialing.appeal_outbox_nack(%s, ''stale'', 1)', pg_temp.msg('O-7')),
	'55000', format('outbox message %s cannot be nacked: its lease was taken over', pg_temp.msg('O-7')),
	'A''s late nack with its lease token is refused');
SELECT throws_ok(format('SELECT credentialing.appeal_outbox_ack(%s, 1)', pg_temp.msg('O-7')),
	'55000', format('outbox message %s cannot be acked: its lease was taken over', pg_temp.msg('O-7')),
	'A''s late ack with its lease token is refused');
SELECT is((credentialing.appeal_outbox_ack(pg_temp.msg('O-7'), 2)).published_at IS NOT NULL, true,
	'B acks with its own token');

---------------------------------------------------------------------------
-- Arguments
---------------------------------------------------------------------------

SELECT throws_ok('SELECT * FROM credentialing.appeal_outbox_claim(0)', '22023', 'p_limit must be at least 1',
				 'a claim of no messages is refused');
SELECT throws_ok($$SELECT * FROM credentialing.appeal_outbox_claim(10, '0 seconds')$$, '22023',
				 'p_lease must be a positive interval', 'a lease of zero is refused');
SELECT throws_ok($$SELECT * FROM credentialing.appeal_outbox_claim(10, '-1 minute')$$, '22023',
				 'p_lease must be a positive interval', 'a negative lease is refused');
SELECT throws_ok('SELECT * FROM credentialing.appeal_outbox_claim(NULL)', '22004', 'p_limit must not be null',
				 'a claim needs a limit');
SELECT throws_ok('SET LOCAL credentialing.outbox_max_attempts = 0', '22023', NULL,
				 'the attempt limit is at least 1');

SELECT * FROM finish();
ROLLBACK;
