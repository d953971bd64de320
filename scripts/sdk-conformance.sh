#!/usr/bin/env bash
# Runs the official Datagrid TypeScript SDK (datagrid-ai, pinned in tests/sdk-conformance/package.json) against a
# live Parley: installs the npm packages if missing, starts the already-built Release server on a free loopback port
# with a fresh data folder and a generated admin key, waits for /healthz, runs `node --test`, and always stops the
# server. Exits with node's exit code. Build first: dotnet build -c Release Parley.slnx
# Extra arguments go to node --test (e.g. --test-name-pattern agents). Server log: artifacts/sdk-conformance/server.log
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suite="$root/tests/sdk-conformance"
artifacts="$root/artifacts/sdk-conformance"

log() { printf '[sdk-conformance] %s\n' "$*" >&2; }

command -v node >/dev/null || { log "node is needed (Node 20 or later)"; exit 1; }
command -v npm >/dev/null || { log "npm is needed"; exit 1; }

# npm ci only when the installed tree is missing or older than the lock file (npm writes this marker on install).
if [ ! -f "$suite/node_modules/.package-lock.json" ] || [ "$suite/package-lock.json" -nt "$suite/node_modules/.package-lock.json" ]; then
  log "npm packages: installing"
  (cd "$suite" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

mkdir -p "$artifacts"
# shellcheck source=lib/live-server.sh
. "$root/scripts/lib/live-server.sh"
# Webhook tests run a receiver on loopback, which the outbound guard refuses unless allowed; retries come fast.
start_live_server pk_sdktest \
  --Parley:Outbound:AllowedHosts:0 127.0.0.1 \
  --Parley:Webhooks:FirstRetryDelay 00:00:00.300 --Parley:Webhooks:MaxRetryDelay 00:00:01 --Parley:Webhooks:PollInterval 00:00:00.200
log "server healthy; running the SDK tests"

status=0
# Every test file in the suite (node_modules excluded), each test cut off after 2 minutes so a hang cannot stall CI.
(cd "$suite" && PARLEY_URL="$url" PARLEY_API_KEY="$api_key" node --test --test-timeout=120000 "$@") || status=$?
exit "$status"
