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

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port="${PARLEY_TEST_REDIS_PORT:-56379}" last
  last=$((port + 100))
  while [ "$port" -lt "$last" ]; do
    port_in_use "$port" || { printf '%s\n' "$port"; return; }
    port=$((port + 1))
  done
  die "no free port in ${PARLEY_TEST_REDIS_PORT:-56379}..$last"
}

# Stops the server of one folder, if one runs, and deletes the folder.
remove_server() {
  local dir="$1" pid
  if [ -f "$dir/redis.pid" ]; then
    pid="$(cat "$dir/redis.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

remove_orphans() {
  local dir pid
  for dir in "$servers"/*/; do
    [ -d "$dir" ] || continue
    pid="$(basename "$dir")"
    if [ "$pid" != "$owner" ] && ! kill -0 "$pid" 2>/dev/null; then
      log "removing the server of a run that has gone ($pid)"
      remove_server "${dir%/}"
    fi
  done
}

start() {
  remove_orphans
  remove_server "$server"
  mkdir -p "$server"
  local port
  port="$(free_port)"
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

case "$action" in
  start | stop) ;;
  *) die "usage: scripts/redis.sh start|stop [OWNER_PID]" ;;
esac
case "$owner" in
  '' | *[!0-9]*) die "OWNER_PID must be a process id, not '$owner'" ;;
esac

servers="$root/artifacts/redis"
mkdir -p "$servers"
server="$servers/$owner"
"$action"
