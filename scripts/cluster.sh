#!/usr/bin/env bash
# scripts/cluster.sh — a throwaway PostgreSQL 15 cluster for tests and the
# demo.  `cluster.sh start DIR PORT` creates and starts it (as the postgres
# OS user when run as root, since the server refuses to run as root);
# `cluster.sh stop DIR` stops it and removes DIR.  Clients connect with
# PGHOST=DIR PGPORT=PORT PGUSER=postgres.
set -euo pipefail

bindir=$(/usr/lib/postgresql/15/bin/pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)
cmd=${1:?usage: cluster.sh start|stop DIR [PORT]}
dir=${2:?usage: cluster.sh start|stop DIR [PORT]}
port=${3:-55432}

as_server() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$cmd" in
start)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_server "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C >"$dir/initdb.log"
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
shared_buffers = 256MB
max_prepared_transactions = 10
timezone = 'UTC'
CONF
    as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
    ;;
stop)
    if [ -d "$dir/data" ]; then
        as_server "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: cluster.sh start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
