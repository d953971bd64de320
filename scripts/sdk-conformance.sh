#!/usr/bin/env bash
# Runs the official Datagrid TypeScript SDK (datagrid-ai, pinned in tests/sdk-conformance/package.json) against a
# live Parley: installs the npm packages if missing, starts the already-built Release server on a free loopback port
# with a fresh data folder and a generated admin key, waits for /healthz, runs `node --test`, and always stops the
# server. Exits with node's exit code. Build first: dotnet build -c Release Parley.slnx
# Extra arguments go to node --test (e.g. --test-name-pattern agents). Server log: artifacts/sdk-conformance/server.log
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suite="$root/tests/sdk-conformance"
dll="$root/src/Parley.Server/bin/Release/net10.0/Parley.Server.dll"
artifacts="$root/artifacts/sdk-conformance"

log() { printf '[sdk-conformance] %s\n' "$*" >&2; }

command -v node >/dev/null || { log "node is needed (Node 20 or later)"; exit 1; }
command -v npm >/dev/null || { log "npm is needed"; exit 1; }
[ -f "$dll" ] || { log "no Release build at $dll; run: dotnet build -c Release $root/Parley.slnx"; exit 1; }

# npm ci only when the installed tree is missing or older than the lock file (npm writes this marker on install).
if [ ! -f "$suite/node_modules/.package-lock.json" ] || [ "$suite/package-lock.json" -nt "$suite/node_modules/.package-lock.json" ]; then
  log "npm packages: installing"
  (cd "$suite" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

mkdir -p "$artifacts"
data_dir="$(mktemp -d)"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
api_key="pk_sdktest$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
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
log "server healthy; running the SDK tests"

status=0
# Every test file in the suite (node_modules excluded), each test cut off after 2 minutes so a hang cannot stall CI.
(cd "$suite" && PARLEY_URL="$url" PARLEY_API_KEY="$api_key" node --test --test-timeout=120000 "$@") || status=$?
exit "$status"
