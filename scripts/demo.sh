#!/usr/bin/env bash
# scripts/demo.sh — what `make demo` runs: packages, build, install, a local
# throwaway cluster with the extension and the example data, and a walk
# through the main flows.  The cluster keeps running afterwards so that you
# can explore it; the last lines say how to connect and how to stop it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
make -s
$SUDO make -s install >/dev/null

dir=${DEMO_DIR:-/tmp/credentialing-demo}
port=${DEMO_PORT:-55440}
bash scripts/cluster.sh start "$dir" "$port"
export PGHOST=$dir PGPORT=$port PGUSER=postgres
psql -q -X -d postgres -c 'CREATE DATABASE credentialing_demo'
export PGDATABASE=credentialing_demo
psql -q -X -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION credentialing'
psql -q -X -v ON_ERROR_STOP=1 -f demo/example_data.sql
psql -X -f demo/walkthrough.sql
for f in demo/walkthrough_*.sql; do
    [ -e "$f" ] && psql -X -f "$f"
done

cat <<MSG

The demo database is running.  Connect with:
  psql "host=$dir port=$port user=postgres dbname=credentialing_demo"
Stop it with:
  bash scripts/cluster.sh stop $dir
MSG
