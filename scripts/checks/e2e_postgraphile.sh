#!/usr/bin/env bash
# scripts/checks/e2e_postgraphile.sh — the security model through a real
# auto-generated API: PostGraphile 4 (pinned by test/e2e/package-lock.json)
# serves schema credentialing on 127.0.0.1 with JWT authentication, and
# test/e2e/e2e.js checks over HTTP what an admin token, provider tokens and
# no token may do.  Run by scripts/test.sh against the throwaway cluster
# (PGHOST/PGPORT/PGUSER set); needs node and npm (scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

db=credentialing_e2e
authenticator=credentialing_e2e_authenticator
anonymous=credentialing_anonymous
port=${PGPORT:?PGPORT must name the test cluster}
secret=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
workdir=$(mktemp -d)
server_pid=""
export PGOPTIONS='-c client_min_messages=warning'

cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    psql -q -X -d postgres -c "DROP DATABASE IF EXISTS $db" \
         -c "DROP ROLE IF EXISTS $authenticator" -c "DROP ROLE IF EXISTS $anonymous" >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap cleanup EXIT

psql -q -X -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -q -X -v ON_ERROR_STOP=1 -d $db -c 'CREATE EXTENSION credentialing'
psql -q -X -v ON_ERROR_STOP=1 -d $db -f demo/example_data.sql
# The API's roles: requests without a token run as $anonymous (a role with
# nothing); the server logs in as $authenticator, which holds no privilege
# of its own (NOINHERIT) and may only SET ROLE to the roles a token names.
psql -q -X -v ON_ERROR_STOP=1 -d $db <<SQL
DROP ROLE IF EXISTS $authenticator;
DROP ROLE IF EXISTS $anonymous;
CREATE ROLE $anonymous NOLOGIN;
CREATE ROLE $authenticator LOGIN NOINHERIT;
GRANT $anonymous, credentialing_admin, credentialing_viewer, credentialing_provider TO $authenticator;
SQL

(cd test/e2e && npm ci --no-audit --no-fund --loglevel=error >"$workdir/npm.log" 2>&1) || {
    cat "$workdir/npm.log"
    echo "not ok 1 - npm ci installed PostGraphile"
    exit 1
}

DATABASE_URL="postgres://$authenticator@127.0.0.1:$port/$db" \
JWT_SECRET=$secret DEFAULT_ROLE=$anonymous PORT_FILE="$workdir/port" \
    node test/e2e/server.js >"$workdir/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 60); do
    [ -s "$workdir/port" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
done
if [ ! -s "$workdir/port" ]; then
    cat "$workdir/server.log"
    echo "not ok 1 - PostGraphile started"
    exit 1
fi

status=0
E2E_URL="http://127.0.0.1:$(cat "$workdir/port")/graphql" JWT_SECRET=$secret \
    timeout 120 node test/e2e/e2e.js || status=$?
if [ $status -ne 0 ]; then
    echo "--- server log"
    cat "$workdir/server.log"
fi
exit $status
