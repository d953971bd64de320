#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, from the Debian packages (scripts/setup.sh --for-tests installs them).
#
#   scripts/postgres.sh start [OWNER_PID]   starts a fresh cluster, prints its connection string on stdout
#   scripts/postgres.sh stop  [OWNER_PID]   stops it and deletes its folder
#   scripts/postgres.sh down  [OWNER_PID]   stops its server as an operator would (fast shutdown: sessions are cut off),
#                                           keeping its data and port: an outage, for the fault tests
#   scripts/postgres.sh up    [OWNER_PID]   starts that server again, on the same data and port
#   scripts/postgres.sh restart [OWNER_PID] both at once (pg_ctl restart -m fast)
#
# Each cluster belongs to a process (OWNER_PID, default: the caller) and lives in artifacts/postgres/OWNER_PID, so
# test runs started side by side in one tree do not stop each other's server. Starting also stops and deletes every
# cluster whose owner has gone (a run that was killed), so nothing left over makes the next run fail.
# The server listens on 127.0.0.1 only, on the first free port from 55432 (or PARLEY_TEST_POSTGRES_PORT), has no
# Unix socket, trusts loopback, does not fsync (its data is deleted anyway), and holds the database parley_test.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
action="${1:-}"
owner="${2:-$PPID}"
database="parley_test"

log() { printf '[postgres] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# initdb and pg_ctl refuse to run as root, so as root they run as the postgres user the Debian package creates.
# From / because that user may not be allowed into the caller's working directory.
# shellcheck source=lib/throwaway.sh
. "$root/scripts/lib/throwaway.sh"

as_pg() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

find_bin() {
  local dir
  dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "no PostgreSQL server under /usr/lib/postgresql/*/bin: run scripts/setup.sh --for-tests"
  printf '%s\n' "$dir"
}

# The folder holding the clusters: artifacts/postgres, unless the postgres user cannot reach it (a clone under
# /root, a strict umask); then a folder under /tmp named after the clone, so start and stop still agree on it.
clusters_dir() {
  local dir="$root/artifacts/postgres"
  mkdir -p "$dir" && chmod 755 "$dir"
  if ! is_root || runuser -u postgres -- test -x "$dir" 2>/dev/null; then
    printf '%s\n' "$dir"
    return
  fi
  dir="${TMPDIR:-/tmp}/parley-postgres-$(printf '%s' "$root" | sha256sum | cut -c 1-12)"
  mkdir -p "$dir" && chmod 755 "$dir"
  printf '%s\n' "$dir"
}

# Stops the server of one cluster folder, if one runs, and deletes the folder.
remove_cluster() {
  local dir="$1"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

start() {
  remove_orphans "$clusters" "$owner" remove_cluster
  # The same owner starting again (or a recycled pid) gets a fresh cluster, never the old data.
  remove_cluster "$cluster"
  mkdir -p "$cluster/data"
  chmod 700 "$cluster/data"
  if is_root; then chown -R postgres: "$cluster"; fi

  as_pg "$bin/initdb" -D "$cluster/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$cluster/initdb.log" 2>&1 \
    || { cat "$cluster/initdb.log" >&2; die "initdb failed"; }

  local port
  port="$(first_free_port "${PARLEY_TEST_POSTGRES_PORT:-55432}")"
  # Only loopback, and only trusted there; the server file settings win over initdb's.
  printf 'host all all 127.0.0.1/32 trust\n' >"$cluster/data/pg_hba.conf"
  cat >>"$cluster/data/postgresql.conf" <<EOF

# scripts/postgres.sh: a throwaway test cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  if is_root; then chown postgres: "$cluster/data/pg_hba.conf" "$cluster/data/postgresql.conf"; fi

  as_pg "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/data/server.log" -w -t 60 start >/dev/null \
    || { cat "$cluster/data/server.log" >&2 2>/dev/null || true; die "the server did not start"; }
  "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $database;" >&2 \
    || die "could not create the database $database"

  log "started on 127.0.0.1:$port in $cluster"
  printf 'Host=127.0.0.1;Port=%s;Username=postgres;Database=%s\n' "$port" "$database"
}

stop() {
  if [ -d "$cluster" ]; then
    remove_cluster "$cluster"
    log "stopped $cluster"
  fi
}

# The outage actions: the owner's cluster must exist (made by start); its data and port stay as they are.
existing_data() {
  [ -f "$cluster/data/postgresql.conf" ] || die "no cluster of $owner in $cluster: run start first"
  printf '%s\n' "$cluster/data"
}

down() {
  local data
  data="$(existing_data)"
  as_pg "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null || die "the server in $data did not stop"
  log "down: $cluster"
}

up() {
  local data
  data="$(existing_data)"
  as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null \
    || { tail -n 20 "$data/server.log" >&2 2>/dev/null || true; die "the server in $data did not start"; }
  log "up: $cluster"
}

restart() {
  local data
  data="$(existing_data)"
  as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -m fast -w -t 60 restart >/dev/null \
    || { tail -n 20 "$data/server.log" >&2 2>/dev/null || true; die "the server in $data did not restart"; }
  log "restarted: $cluster"
}

check_arguments postgres.sh "$action" "$owner" down up restart

bin="$(find_bin)"
clusters="$(clusters_dir)"
cluster="$clusters/$owner"
"$action"
