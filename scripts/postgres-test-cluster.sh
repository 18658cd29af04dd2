#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a temporary
# directory, a server on a free TCP port of 127.0.0.1 with its Unix socket in
# that directory, trust authentication, no fsync. Nothing outlives it.
#
#   source scripts/postgres-test-cluster.sh [DIR]
#       starts the cluster, exports TRACKER_TEST_POSTGRES_URL (TCP) and
#       TRACKER_TEST_POSTGRES_SOCKET_URL (Unix socket), and stops it (and
#       removes its directory) when the sourcing shell exits. This is what
#       .ci/run does.
#   scripts/postgres-test-cluster.sh start [DIR]
#       starts it and prints the export lines and the command that stops it.
#   scripts/postgres-test-cluster.sh stop DIR
#       stops the cluster started in DIR and removes the directory.
#
# DIR defaults to a new directory under /tmp. Installs Debian's postgresql and
# libpq-dev with apt-get when they are missing (as root). The server runs
# as the `postgres` system user when run as root (initdb refuses root).

postgres_test_cluster_bin() {
    local bin
    for bin in /usr/lib/postgresql/*/bin; do
        [ -x "$bin/initdb" ] && { echo "$bin"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

postgres_test_cluster_install() {
    if postgres_test_cluster_bin >/dev/null && [ -f /usr/include/postgresql/libpq-fe.h ]; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "postgres-test-cluster: PostgreSQL is missing: install it with \`sudo apt-get install postgresql libpq-dev\`" >&2
        return 1
    fi
    apt-get update -qq
    # policy-rc.d stops the package from starting its own cluster on 5432:
    # the tests use only the throwaway one.
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql libpq-dev >/dev/null
    local status=$?
    if [ "$created_policy" -eq 1 ]; then rm -f "$policy"; fi
    return $status
}

# Runs a command as the cluster's owner.
postgres_test_cluster_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

postgres_test_cluster_free_port() {
    local port attempt
    for attempt in $(seq 1 50); do
        port=$(( 20000 + RANDOM % 30000 ))
        # A refused connection means nobody listens there.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "postgres-test-cluster: found no free TCP port" >&2
    return 1
}

postgres_test_cluster_start() {
    local dir=${1:-} bin port attempt
    postgres_test_cluster_install || return 1
    bin=$(postgres_test_cluster_bin) || { echo "postgres-test-cluster: initdb not found after installing postgresql" >&2; return 1; }
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres || return 1
    fi
    if [ -z "$dir" ]; then
        dir=$(mktemp -d /tmp/tracker-pg.XXXXXX) || return 1
    else
        mkdir -p "$dir" || return 1
        dir=$(cd "$dir" && pwd)
    fi
    # The socket path must fit in sun_path (107 bytes) with its file name.
    if [ ${#dir} -gt 80 ]; then
        echo "postgres-test-cluster: $dir is too long for a Unix socket path: use a shorter directory" >&2
        return 1
    fi
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir" || return 1; fi
    if ! postgres_test_cluster_as_owner test -w "$dir"; then
        echo "postgres-test-cluster: the postgres user cannot write $dir: use a directory under /tmp" >&2
        return 1
    fi
    postgres_test_cluster_as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { echo "postgres-test-cluster: initdb failed; see $dir/initdb.log" >&2; return 1; }
    # Another process may take the port between the check and the bind: retry.
    for attempt in 1 2 3 4 5; do
        port=$(postgres_test_cluster_free_port) || return 1
        if postgres_test_cluster_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
            >/dev/null; then
            break
        fi
        port=
    done
    [ -n "$port" ] || { echo "postgres-test-cluster: the server did not start; see $dir/server.log" >&2; return 1; }
    postgres_test_cluster_as_owner "$bin/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE tracker LOGIN" -c "CREATE DATABASE tracker_test OWNER tracker" >/dev/null \
        || { echo "postgres-test-cluster: could not create the test database; see $dir/server.log" >&2; return 1; }
    POSTGRES_TEST_CLUSTER_DIR=$dir
    export TRACKER_TEST_POSTGRES_URL="postgresql://tracker@127.0.0.1:$port/tracker_test"
    export TRACKER_TEST_POSTGRES_SOCKET_URL="postgresql://tracker@/tracker_test?host=$dir&port=$port"
}

postgres_test_cluster_stop() {
    local dir=${1:-${POSTGRES_TEST_CLUSTER_DIR:-}} bin
    [ -n "$dir" ] && [ -d "$dir" ] || return 0
    bin=$(postgres_test_cluster_bin) || return 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        postgres_test_cluster_as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # Sourced: start, export, and stop when the shell exits, even on failure.
    postgres_test_cluster_start "${1:-}" || return 1
    trap 'postgres_test_cluster_stop "$POSTGRES_TEST_CLUSTER_DIR"' EXIT
    echo "PostgreSQL test cluster: $TRACKER_TEST_POSTGRES_URL (and $TRACKER_TEST_POSTGRES_SOCKET_URL)"
else
    set -euo pipefail
    case "${1:-}" in
        start)
            postgres_test_cluster_start "${2:-}"
            echo "export TRACKER_TEST_POSTGRES_URL='$TRACKER_TEST_POSTGRES_URL'"
            echo "export TRACKER_TEST_POSTGRES_SOCKET_URL='$TRACKER_TEST_POSTGRES_SOCKET_URL'"
            echo "# stop it with: $0 stop $POSTGRES_TEST_CLUSTER_DIR"
            ;;
        stop)
            [ -n "${2:-}" ] || { echo "usage: $0 stop DIR" >&2; exit 64; }
            postgres_test_cluster_stop "$2"
            ;;
        *)
            echo "usage: source $0 [DIR] | $0 start [DIR] | $0 stop DIR" >&2
            exit 64
            ;;
    esac
fi
