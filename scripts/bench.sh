#!/usr/bin/env bash
# scripts/bench.sh — what `make bench` runs (not part of `make test`): builds
# and installs the extension, starts a throwaway cluster and runs every
# benchmark suite test/bench/*.sh against it (the credentialing core:
# test/bench/credentialing.sh), then the X12 benchmarks (scripts/bench_x12.sh,
# which start their own cluster).  Each suite prints its figures and ratios;
# a missed performance target is reported, never an error.
#
# Environment: SCALE (default 1: 20,000 providers, 200,000 applications,
# about 1,000,000 tasks; 0.1 for a quick run), MEM_CALLS (default 100000),
# BENCH_SUITES (suites to run, e.g. "credentialing" or "x12"; default all),
# BENCH_SKIP_INSTALL=1 to use the extension as already installed,
# BENCH_CLUSTER_DIR / BENCH_PORT for the cluster (default /tmp/credentialing-bench,
# 55490).
set -euo pipefail
cd "$(dirname "$0")/.."

export PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
export PATH="$("$PG_CONFIG" --bindir):$PATH"
export SCALE=${SCALE:-1}
export MEM_CALLS=${MEM_CALLS:-100000}

if [ "${BENCH_SKIP_INSTALL:-0}" != 1 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    make -s PG_CONFIG="$PG_CONFIG" >/dev/null
    $SUDO make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
fi

BENCH_CLUSTER_DIR=${BENCH_CLUSTER_DIR:-/tmp/credentialing-bench}
BENCH_PORT=${BENCH_PORT:-55490}
bash scripts/cluster.sh start "$BENCH_CLUSTER_DIR" "$BENCH_PORT"
trap 'bash scripts/cluster.sh stop "$BENCH_CLUSTER_DIR"' EXIT
export PGHOST=$BENCH_CLUSTER_DIR PGPORT=$BENCH_PORT PGUSER=postgres PGDATABASE=postgres

# Whether suite $1 is selected by BENCH_SUITES (all when unset).
selected() {
    [ -z "${BENCH_SUITES:-}" ] || [[ " $BENCH_SUITES " == *" $1 "* ]]
}

status=0
for suite in test/bench/*.sh; do
    [ -e "$suite" ] || continue
    name=$(basename "$suite" .sh)
    selected "$name" || continue
    if ! bash "$suite"; then
        echo "benchmark suite $name failed" >&2
        status=1
    fi
done
bash scripts/cluster.sh stop "$BENCH_CLUSTER_DIR"
trap - EXIT
unset PGHOST PGPORT PGUSER PGDATABASE

# The X12 benchmarks bring their own cluster.
if [ -f scripts/bench_x12.sh ] && selected x12; then
    if ! bash scripts/bench_x12.sh; then
        echo "benchmark suite x12 failed" >&2
        status=1
    fi
fi
exit $status
