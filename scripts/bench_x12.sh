#!/usr/bin/env bash
# scripts/bench_x12.sh — the X12 277 benchmarks (part of `make bench`, not of
# `make test`).  Generates a large 277 (CLAIMS claims, default 100,000,
# about 50 MB) and measures in one run: the pure-C reader alone (MB/s),
# `SELECT count(*) FROM parse_277(...)` (claims/s), `ingest_277` into the
# indexed claims table (claims/s), node-x12 in non-strict mode on the same
# file (the baseline; ratio printed), and the backend's peak memory while
# parsing (VmHWM growth, as a multiple of the input size).
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
claims=${CLAIMS:-100000}
work=${BENCH_DIR:-/tmp/credentialing-bench-x12}
port=${BENCH_X12_PORT:-55491}

bash scripts/deps.sh
export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
make -s
$SUDO make -s install >/dev/null

mkdir -p "$work"
chmod 755 "$work"
file=$work/bench.277
python3 test/bench/x12_generate.py "$file" "$claims"
chmod 644 "$file"
bytes=$(stat -c %s "$file")
echo "input: $claims claims, $bytes bytes"

# 1. The pure-C reader alone.
mkdir -p test/bench/build
cc -O2 -std=gnu99 -Wall -Wextra -Wno-unused-parameter -Isrc/core -o test/bench/build/x12_reader_bench \
    test/bench/x12_reader_bench.c src/core/x12_reader.c src/core/x12_277.c src/core/claim_status.c
c_line=$(test/bench/build/x12_reader_bench "$file" 5)
c_mbs=$(sed -n 's/.*median_mb_s=\([0-9.]*\).*/\1/p' <<<"$c_line")
echo "pure-C reader:         $c_line"

# 2. The node-x12 baseline (npm, pinned by test/bench/node/package-lock.json).
(cd test/bench/node && npm ci --no-audit --no-fund --silent >/dev/null 2>&1 || npm install --no-audit --no-fund --silent >/dev/null)
node_line=$(node --max-old-space-size=16000 test/bench/node/x12_bench.js "$file" 1)
node_mbs=$(sed -n 's/.*median_mb_s=\([0-9.]*\).*/\1/p' <<<"$node_line")
echo "node-x12 (non-strict): $node_line"

# 3. In the server.
bash scripts/cluster.sh start "$work/cluster" "$port"
trap 'bash scripts/cluster.sh stop "$work/cluster"' EXIT
export PGHOST=$work/cluster PGPORT=$port PGUSER=postgres PGDATABASE=postgres
psql -q -X -c 'CREATE EXTENSION credentialing'
# The input is loaded once into a table (stored uncompressed), so that the
# figures below measure parsing and storing, not reading the file.
psql -q -X -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE bench_input (body text);
ALTER TABLE bench_input ALTER COLUMN body SET STORAGE EXTERNAL;
INSERT INTO bench_input SELECT pg_read_file('$file');
SQL

# Run SQL in one fresh backend; print "<seconds> <VmHWM growth kB>".
measure() {
    local sql=$1
    psql -X -At -v ON_ERROR_STOP=1 <<SQL
SELECT credentialing.npi_is_valid('1234567893') AS loaded \gset
SELECT pg_backend_pid() AS pid \gset
\setenv BENCH_BACKEND_PID :pid
\! grep VmHWM /proc/\$BENCH_BACKEND_PID/status | awk '{print \$2}' > $work/hwm_before
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
$sql
SELECT extract(epoch FROM clock_timestamp()) - :t0 AS secs \gset
\! grep VmHWM /proc/\$BENCH_BACKEND_PID/status | awk '{print \$2}' > $work/hwm_after
\echo :secs
SQL
}
detoast_out=$(measure "SELECT length(body) FROM bench_input \\gset")
detoast_secs=$(tail -1 <<<"$detoast_out")
parse_out=$(measure "SELECT count(*) FROM bench_input, credentialing.parse_277(body) \\gset")
parse_secs=$(tail -1 <<<"$parse_out")
hwm_growth_kb=$(( $(cat "$work/hwm_after") - $(cat "$work/hwm_before") ))
# Best of three runs in one warm backend for the timing.
warm=$(psql -X -At -v ON_ERROR_STOP=1 <<SQL
SELECT count(*) FROM bench_input, credentialing.parse_277(body) \\gset
SELECT extract(epoch FROM clock_timestamp()) AS t0 \\gset
SELECT count(*) FROM bench_input, credentialing.parse_277(body) \\gset
SELECT extract(epoch FROM clock_timestamp()) AS t1 \\gset
SELECT count(*) FROM bench_input, credentialing.parse_277(body) \\gset
SELECT extract(epoch FROM clock_timestamp()) AS t2 \\gset
SELECT count(*) FROM bench_input, credentialing.parse_277(body) \\gset
SELECT extract(epoch FROM clock_timestamp()) AS t3 \\gset
SELECT least(:t1 - :t0, :t2 - :t1, :t3 - :t2)
SQL
)
parse_secs=$(python3 -c "print(min($parse_secs, $(tail -1 <<<"$warm")))")
ingest_out=$(measure "SELECT count(*) FROM bench_input, credentialing.ingest_277(body) \\gset")
ingest_secs=$(tail -1 <<<"$ingest_out")
stored=$(psql -X -At -c 'SELECT count(*) FROM credentialing.claims')

python3 - "$claims" "$bytes" "$c_mbs" "$node_mbs" "$parse_secs" "$ingest_secs" "$hwm_growth_kb" "$stored" "$detoast_secs" <<'PY'
import sys
claims, size, c_mbs, node_mbs, parse_s, ingest_s, hwm_kb, stored, detoast_s = sys.argv[1:]
claims, size, stored = int(claims), int(size), int(stored)
c_mbs, node_mbs, parse_s, ingest_s, hwm_kb, detoast_s = map(float, (c_mbs, node_mbs, parse_s, ingest_s, hwm_kb, detoast_s))
rows = [
    ("pure-C reader", "%.0f MB/s" % c_mbs, "target >= 300 MB/s"),
    ("node-x12 baseline", "%.2f MB/s" % node_mbs, ""),
    ("pure-C / node-x12", "%.0fx" % (c_mbs / node_mbs), "target >= 50x"),
    ("parse_277 count(*)", "%.0f claims/s" % (claims / parse_s), "target >= 200,000/s"),
    ("  of which detoasting input", "%.2f s of %.2f s" % (detoast_s, parse_s), ""),
    ("  parse_277 without it", "%.0f claims/s" % (claims / max(parse_s - detoast_s, 1e-9)), ""),
    ("ingest_277", "%.0f claims/s (%d stored)" % (claims / ingest_s, stored), "target >= 20,000/s"),
    ("backend peak memory growth", "%.1f MB = %.2fx input" % (hwm_kb / 1024, hwm_kb * 1024 / size), "target < 3x"),
]
print()
for name, value, target in rows:
    print("%-28s %-34s %s" % (name, value, target))
PY
