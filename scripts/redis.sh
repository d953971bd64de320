#!/usr/bin/env bash
# A throwaway Redis for the cluster tests, from Debian's redis-server (scripts/setup.sh --for-tests installs it).
#
#   scripts/redis.sh start [OWNER_PID]   starts a fresh server, prints its address (127.0.0.1:PORT) on stdout
#   scripts/redis.sh stop  [OWNER_PID]   stops it and deletes its folder
#
# As scripts/postgres.sh: each server belongs to a process (OWNER_PID, default: the caller) and lives in
# artifacts/redis/OWNER_PID; starting also stops the servers of runs that have gone. It listens on 127.0.0.1 only, on
# the first free port from 56379 (or PARLEY_TEST_REDIS_PORT), keeps nothing on disk, and has no Unix socket.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
action="${1:-}"
owner="${2:-$PPID}"

log() { printf '[redis] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

command -v redis-server >/dev/null || die "no redis-server: run scripts/setup.sh --for-tests"

# shellcheck source=lib/throwaway.sh
. "$root/scripts/lib/throwaway.sh"

# Stops the server of one folder, if one runs, and deletes the folder.
remove_server() {
  stop_pid_file "$1/redis.pid"
  rm -rf "$1"
}

start() {
  remove_orphans "$servers" "$owner" remove_server
  remove_server "$server"
  mkdir -p "$server"
  local port
  port="$(first_free_port "${PARLEY_TEST_REDIS_PORT:-56379}")"
  # No persistence: the data is thrown away with the folder. (A real cluster keeps the Data Protection key ring
  # here, so its Redis must persist: see deploy/compose.yaml.)
  redis-server --bind 127.0.0.1 --port "$port" --unixsocket '' --daemonize yes \
    --pidfile "$server/redis.pid" --logfile "$server/redis.log" --dir "$server" \
    --save '' --appendonly no >/dev/null \
    || die "redis-server did not start"
  for _ in $(seq 1 100); do
    if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
      log "started on 127.0.0.1:$port in $server"
      printf '127.0.0.1:%s\n' "$port"
      return
    fi
    sleep 0.1
  done
  cat "$server/redis.log" >&2 2>/dev/null || true
  die "redis-server did not answer"
}

stop() {
  if [ -d "$server" ]; then
    remove_server "$server"
    log "stopped $server"
  fi
}

check_arguments redis.sh "$action" "$owner"

servers="$root/artifacts/redis"
mkdir -p "$servers"
server="$servers/$owner"
"$action"
