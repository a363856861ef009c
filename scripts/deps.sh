#!/usr/bin/env bash
# scripts/deps.sh — install the Debian packages the build, the tests and the
# demo need, when they are missing.  Runs apt-get as root (or through sudo).
set -euo pipefail

packages=(postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap
          libtap-parser-sourcehandler-pgtap-perl make gcc clang llvm
          libclang-rt-14-dev python3 nodejs npm)
missing=()
for p in "${packages[@]}"; do
    # A nodejs build that bundles npm (and conflicts with Debian's) will do.
    [ "$p" = npm ] && command -v npm >/dev/null && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
