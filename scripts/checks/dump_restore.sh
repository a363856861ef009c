#!/usr/bin/env bash
# scripts/checks/dump_restore.sh — a populated database survives
# `pg_dump db | psql newdb`: every extension table comes back with the same
# rows (compared row by row through a hash of each table's sorted contents)
# and the audit sequence keeps its position.  Run by scripts/test.sh against
# the throwaway cluster (PGHOST/PGPORT/PGUSER set).
set -euo pipefail
cd "$(dirname "$0")/../.."

src=credentialing_dump_src
dst=credentialing_dump_dst
psql -q -X -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" \
     -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst"
psql -q -X -v ON_ERROR_STOP=1 -d $src -c 'CREATE EXTENSION credentialing'
psql -q -X -v ON_ERROR_STOP=1 -d $src -f demo/example_data.sql
for f in demo/walkthrough*.sql; do
    psql -q -X -v ON_ERROR_STOP=1 -d $src -f "$f" >/dev/null 2>&1
done

pg_dump -d $src | psql -q -X -v ON_ERROR_STOP=1 -d $dst >/dev/null

# One line per extension table: name, row count, hash of the sorted rows.
fingerprint=$(cat <<'SQL'
SELECT c.relname || ' ' || (xpath('/row/n/text()',
         query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
       || ' ' || md5(coalesce((xpath('/row/h/text()',
         query_to_xml(format('SELECT string_agg(t::text, ''|'' ORDER BY t::text) AS h FROM %I.%I t',
                             n.nspname, c.relname), false, true, '')))[1]::text, ''))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'credentialing' AND c.relkind = 'r'
ORDER BY c.relname;
SQL
)
a=$(psql -X -At -d $src -c "$fingerprint")
b=$(psql -X -At -d $dst -c "$fingerprint")
seq_a=$(psql -X -At -d $src -c "SELECT last_value FROM credentialing.credentialing_events_id_seq")
seq_b=$(psql -X -At -d $dst -c "SELECT last_value FROM credentialing.credentialing_events_id_seq")

status=0
echo "$a" | awk '{print "#   " $1 ": " $2 " rows"}'
if [ "$a" = "$b" ]; then
    echo "ok 1 - every extension table has identical rows after pg_dump | psql"
else
    echo "not ok 1 - extension tables differ after pg_dump | psql"
    diff <(echo "$a") <(echo "$b") || true
    status=1
fi
if [ "$seq_a" = "$seq_b" ]; then
    echo "ok 2 - the audit sequence is restored ($seq_a)"
else
    echo "not ok 2 - the audit sequence is $seq_b after restore, was $seq_a"
    status=1
fi
rows=$(psql -X -At -d $src -c "SELECT count(*) FROM credentialing.provider_credentialing_tasks")
appeals=$(psql -X -At -d $src -c "SELECT count(*) FROM credentialing.appeals")
if [ "$rows" -gt 0 ] && [ "$appeals" -gt 0 ]; then
    echo "ok 3 - the dumped database was populated ($rows tasks, $appeals appeals)"
else
    echo "not ok 3 - the dumped database has $rows tasks and $appeals appeals"
    status=1
fi
psql -q -X -d postgres -c "DROP DATABASE $src" -c "DROP DATABASE $dst"
exit $status
