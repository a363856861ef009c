#!/usr/bin/env bash
# scripts/test.sh — what `make test` runs: packages, build, install, a
# throwaway cluster, then every suite (pg_regress/pgTAP, isolation, pure-C
# unit tests, dump/restore, fuzzing, X12 conformance).  Exits non-zero when
# any suite fails and prints a closing "N passed, N failed" line over suites.
set -uo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)

bash scripts/deps.sh || exit 1
export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo

make -s PG_CFLAGS='-Wall -Wextra -Wno-unused-parameter -Werror' || exit 1
$SUDO make -s install PG_CONFIG=$PG_CONFIG >/dev/null || exit 1

export CLUSTER_DIR=${CLUSTER_DIR:-/tmp/credentialing-test}
export PGHOST=$CLUSTER_DIR PGPORT=${PGPORT:-55432} PGUSER=postgres
bash scripts/cluster.sh start "$CLUSTER_DIR" "$PGPORT" || exit 1
trap 'bash scripts/cluster.sh stop "$CLUSTER_DIR"' EXIT

passed=0
failed=0
failures=()
suite() {
    local name=$1
    shift
    echo "=== $name"
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        failures+=("$name")
    fi
}

rm -f regression.diffs output_iso/regression.diffs
suite "pg_regress (pgTAP) and isolation" make -s installcheck PG_CONFIG=$PG_CONFIG
for f in scripts/checks/*.sh; do
    [ -e "$f" ] || continue
    suite "$(basename "$f" .sh)" bash "$f"
done
suite "unit (ASan/UBSan)" make -s -C test/unit
if [ -f test/fuzz/Makefile ]; then
    suite "fuzz" make -s -C test/fuzz FUZZ_SECONDS=${FUZZ_SECONDS:-60}
fi
if [ -f test/conformance/Makefile ]; then
    export CREDENTIALING_X12_SAMPLES=${CREDENTIALING_X12_SAMPLES:-$top/../shared/x12-samples}
    [ -d "$CREDENTIALING_X12_SAMPLES" ] || unset CREDENTIALING_X12_SAMPLES
    suite "conformance" make -s -C test/conformance
fi

[ -f regression.diffs ] && { echo "--- regression.diffs"; head -300 regression.diffs; }
[ -f output_iso/regression.diffs ] && { echo "--- output_iso/regression.diffs"; head -300 output_iso/regression.diffs; }
[ ${#failures[@]} -gt 0 ] && echo "failed suites: ${failures[*]}"
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
