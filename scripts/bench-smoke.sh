#!/usr/bin/env bash
# A tiny run of the benchmark (bench/Parley.Bench) to keep it working; not a measurement. Starts the already-built
# Release server on a free loopback port with a fresh data folder and a generated admin key, waits for /healthz, runs
# one caller for two turns (the second talks over the answer) into artifacts/bench-smoke, over the WebSocket and then as a
# phone call through the emulated carrier (Twilio's webhook and media stream; about 15 s more), checks the JSON, the
# server's breakdown read from /metrics, the phone step and the latency plot were written, and always stops the server.
# Exits non-zero when the bench reports an error or writes no JSON. Build first: dotnet build -c Release Parley.slnx
# Needs flite (the bench synthesises its questions with it). Server log: artifacts/bench-smoke/server.log
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench/Parley.Bench/bin/Release/net10.0/Parley.Bench.dll"
artifacts="$root/artifacts/bench-smoke"

log() { printf '[bench-smoke] %s\n' "$*" >&2; }

command -v flite >/dev/null || { log "flite is needed (the bench speaks with it)"; exit 1; }
command -v node >/dev/null || { log "node is needed (free port and health check, as in sdk-conformance.sh)"; exit 1; }
for built in "$bench"; do
  [ -f "$built" ] || { log "no Release build at $built; run: dotnet build -c Release $root/Parley.slnx"; exit 1; }
done

rm -rf "$artifacts"
mkdir -p "$artifacts"
# shellcheck source=lib/live-server.sh
. "$root/scripts/lib/live-server.sh"
start_live_server pk_benchsmoke
log "server healthy; running the bench (1 caller, 2 turns, the second a barge-in; WebSocket, then phone)"

status=0
(cd "$root" && dotnet "$bench" --url "$url" --api-key "$api_key" --callers 1 --turns 2 --barge-in-every 2 \
  --transports websocket,phone --out "$artifacts" --server-pid "$server_pid" "$@") || status=$?
if [ ! -s "$artifacts/bench.json" ]; then
  log "the bench wrote no $artifacts/bench.json"
  status=$((status == 0 ? 1 : status))
elif ! grep -q '"parley_turn_endpoint_to_first_frame"' "$artifacts/bench.json"; then
  log "the bench did not read the server's per-turn breakdown from /metrics"
  status=$((status == 0 ? 1 : status))
elif ! grep -q '"transport": "phone"' "$artifacts/bench.json"; then
  log "the bench wrote no phone step"
  status=$((status == 0 ? 1 : status))
elif ! node -e '
  const steps = require(process.argv[1]).steps;
  const odd = steps.filter(s => s.min_ms < 0 || s.barge_ins_interrupted < s.barge_ins);
  if (odd.length > 0) {
    console.error(JSON.stringify(odd.map(s => ({ transport: s.transport, min_ms: s.min_ms, barge_ins: s.barge_ins, honoured: s.barge_ins_interrupted }))));
    process.exit(1);
  }' "$artifacts/bench.json"; then
  # One quiet caller: an answer before the question ended, or a barge-in not honoured, is a bench or server defect.
  log "a turn was answered before its question ended, or a barge-in was not honoured"
  status=$((status == 0 ? 1 : status))
fi
if [ ! -s "$artifacts/latency.png" ]; then
  log "the bench drew no $artifacts/latency.png"
  status=$((status == 0 ? 1 : status))
fi
if [ "$status" -ne 0 ] && [ -f "$artifacts/server.log" ]; then
  log "the server's warnings and errors (at most 40 lines):"
  grep -E '(warn|fail|crit|error)' "$artifacts/server.log" | tail -40 >&2 || true
fi
[ "$status" -eq 0 ] && log "ok" || log "failed ($status); see ${artifacts#"$root/"}/bench.md and server.log"
exit "$status"
