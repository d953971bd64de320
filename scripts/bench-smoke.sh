#!/usr/bin/env bash
# A tiny run of the benchmark (bench/Parley.Bench) to keep it working; not a measurement. Starts the already-built
# Release server on a free loopback port with a fresh data folder and a generated admin key, waits for /healthz, runs
# one caller for two turns into artifacts/bench-smoke, checks the JSON was written, and always stops the server.
# Exits non-zero when the bench reports an error or writes no JSON. Build first: dotnet build -c Release Parley.slnx
# Needs flite (the bench synthesises its questions with it). Server log: artifacts/bench-smoke/server.log
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dll="$root/src/Parley.Server/bin/Release/net10.0/Parley.Server.dll"
bench="$root/bench/Parley.Bench/bin/Release/net10.0/Parley.Bench.dll"
artifacts="$root/artifacts/bench-smoke"

log() { printf '[bench-smoke] %s\n' "$*" >&2; }

command -v flite >/dev/null || { log "flite is needed (the bench speaks with it)"; exit 1; }
command -v node >/dev/null || { log "node is needed (free port and health check, as in sdk-conformance.sh)"; exit 1; }
for built in "$dll" "$bench"; do
  [ -f "$built" ] || { log "no Release build at $built; run: dotnet build -c Release $root/Parley.slnx"; exit 1; }
done

rm -rf "$artifacts"
mkdir -p "$artifacts"
data_dir="$(mktemp -d)"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
api_key="pk_benchsmoke$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
url="http://127.0.0.1:$port"

server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  rm -rf "$data_dir"
}
trap stop_server EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting Parley on $url (log: ${artifacts#"$root/"}/server.log)"
(
  cd "$root"
  PARLEY_API_KEY="$api_key" PARLEY_DATA_DIR="$data_dir" PARLEY_MODELS_DIR="${PARLEY_MODELS_DIR:-$root/.models}" \
    ASPNETCORE_ENVIRONMENT=Production \
    exec dotnet "$dll" --urls "$url"
) >"$artifacts/server.log" 2>&1 &
server_pid=$!

deadline=$((SECONDS + 60))
healthy() {
  node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' "$url/healthz"
}
until healthy; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    log "the server exited before it was healthy; last lines of its log:"
    tail -n 30 "$artifacts/server.log" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    log "the server was not healthy within 60 s; last lines of its log:"
    tail -n 30 "$artifacts/server.log" >&2
    exit 1
  fi
  sleep 0.2
done
log "server healthy; running the bench (1 caller, 2 turns)"

status=0
(cd "$root" && dotnet "$bench" --url "$url" --api-key "$api_key" --callers 1 --turns 2 \
  --out "$artifacts" --server-pid "$server_pid" "$@") || status=$?
if [ ! -s "$artifacts/bench.json" ]; then
  log "the bench wrote no $artifacts/bench.json"
  status=$((status == 0 ? 1 : status))
fi
[ "$status" -eq 0 ] && log "ok" || log "failed ($status); see ${artifacts#"$root/"}/bench.md and server.log"
exit "$status"
