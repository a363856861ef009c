-- test/sql/identity.sql: the caller's identity (DESIGN §6) and keys that
-- must hold with NULLs.
BEGIN;
SELECT plan(8);

SELECT is(credentialing.current_provider_id(), NULL, 'without a JWT there is no provider identity');

SET LOCAL request.jwt.claims = '{"provider_id": "20000000-0000-0000-0000-000000000001", "sub": "u1"}';
SELECT is(credentialing.current_provider_id(), '20000000-0000-0000-0000-000000000001'::uuid,
	'the provider_id claim of request.jwt.claims is the identity (PostgREST, Supabase)');

SET LOCAL jwt.claims.provider_id = '20000000-0000-0000-0000-000000000002';
SELECT is(credentialing.current_provider_id(), '20000000-0000-0000-0000-000000000001'::uuid,
	'request.jwt.claims wins over a jwt.claims.provider_id setting');

SET LOCAL request.jwt.claims = '{"sub": "u1", "role": "credentialing_admin"}';
SELECT is(credentialing.current_provider_id(), NULL,
	'claims without provider_id mean no provider, even beside a left-over jwt.claims.provider_id');

SET LOCAL request.jwt.claims = '';
SELECT is(credentialing.current_provider_id(), '20000000-0000-0000-0000-000000000002'::uuid,
	'jwt.claims.provider_id is the identity when request.jwt.claims is empty (PostGraphile)');

SET LOCAL jwt.claims.provider_id = '';
SELECT is(credentialing.current_provider_id(), NULL, 'an empty setting is no identity');

-- One supervision relationship per supervisor, supervisee, payer (or any
-- payer: NULL) and start date.
INSERT INTO credentialing.providers (id, first_name, last_name, npi) VALUES
	('30000000-0000-0000-0000-000000000001', 'Ada', 'One', '1234567893'),
	('30000000-0000-0000-0000-000000000002', 'Bo', 'Two', '1245319599');
INSERT INTO credentialing.supervision_relationships (supervisor_id, supervisee_id, payer_id, start_date)
VALUES ('30000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000002', NULL, '2026-01-01');
SELECT throws_ok(
	$$INSERT INTO credentialing.supervision_relationships (supervisor_id, supervisee_id, payer_id, start_date)
	  VALUES ('30000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000002', NULL, '2026-01-01')$$,
	'23505', NULL, 'an any-payer supervision relationship cannot be entered twice');
SELECT lives_ok(
	$$INSERT INTO credentialing.supervision_relationships (supervisor_id, supervisee_id, payer_id, start_date)
	  VALUES ('30000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000002', NULL, '2026-07-01')$$,
	'a later relationship of the same pair is allowed');

SELECT * FROM finish();
ROLLBACK;
