# shellcheck shell=bash
# Sourced by .ci/run; also usable on its own: `. .ci/postgres.sh && start_postgres`.
#
# PostgreSQL for the gateway's tests: a throwaway cluster of Debian's package, in a folder of its
# own, on loopback only, stopped when this script ends. Safe to run again: a running cluster is
# reused, a stale folder is made anew. As root the server runs as the package's postgres user.
start_postgres() {
    local bin dir port password
    bin="$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -n 1)"
    if [ -z "$bin" ]; then
        echo "PostgreSQL is not installed (apt package postgresql)" >&2
        return 1
    fi
    dir="${TMPDIR:-/tmp}/qvickly-ci-postgres"
    port="${QVICKLY_CI_POSTGRES_PORT:-55432}"
    as_server() {
        if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "cd / && $1"; else sh -c "$1"; fi
    }
    if ! as_server "'$bin/pg_ctl' -D '$dir/data' status" >/dev/null 2>&1; then
        rm -rf "$dir"
        mkdir -p "$dir"
        chmod 700 "$dir"
        if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$dir"; fi
        as_server "'$bin/initdb' -D '$dir/data' -U postgres -E UTF8 --auth-local=trust \
            --auth-host=scram-sha-256" >/dev/null
        as_server "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 start \
            -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1\"" >/dev/null
    fi
    password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    psql_admin() { "$bin/psql" -h "$dir" -p "$port" -U postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
    if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'qvickly'")" != "1" ]; then
        psql_admin -c "CREATE ROLE qvickly LOGIN"
    fi
    psql_admin -c "ALTER ROLE qvickly PASSWORD '$password'"
    if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'qvickly_test'")" != "1" ]
    then
        psql_admin -c "CREATE DATABASE qvickly_test OWNER qvickly"
    fi
    export QVICKLY_TEST_POSTGRES_DSN="postgresql://qvickly:$password@127.0.0.1:$port/qvickly_test"
    POSTGRES_STOP="'$bin/pg_ctl' -D '$dir/data' -m fast stop"
}
stop_postgres() {
    if [ -n "${POSTGRES_STOP:-}" ]; then
        if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$POSTGRES_STOP" >/dev/null
        else sh -c "$POSTGRES_STOP" >/dev/null; fi
    fi
}
