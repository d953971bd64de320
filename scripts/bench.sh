#!/usr/bin/env bash
# Reproduces the headline table of BENCHMARKS.md (issue 15's targets) in a few minutes: a fresh Release server with the
# embedded engines, then bench/Parley.Bench in five runs against it, one after another:
#   v2v-20ms    1 caller, 6 turns (every third a barge-in), 20 ms chunks (320 samples)
#   v2v-256ms   1 caller, 6 turns (every third a barge-in), 256 ms chunks (4096 samples, what the iOS client sends)
#   capacity    16 callers, 3 turns each, staggered (a random 0-3 s pause before each turn), 20 ms chunks
#   lockstep    16 callers, 3 turns each, all finishing their questions together (no pause), 20 ms chunks
#   phone       1 phone call, 3 turns (the third a barge-in), µ-law 8 kHz in 20 ms frames through the emulated carrier
# The idle server's memory (PSS and RSS of its whole process tree) is read 5 s after it is healthy, before any session. Each run writes
# artifacts/bench/RUN/bench.md and bench.json; the headline table (goal beside measured, with the load average before
# and after) is printed and written to artifacts/bench/headline.md.
#
#   scripts/bench.sh [extra bench options]
#
# A measurement, not a test: on a shared machine the figures are only as quiet as it was (the load is printed).
# Build first: dotnet build -c Release Parley.slnx. Needs flite and node, as scripts/bench-smoke.sh does.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench/Parley.Bench/bin/Release/net10.0/Parley.Bench.dll"
artifacts="$root/artifacts/bench"

log() { printf '[bench] %s\n' "$*" >&2; }

command -v flite >/dev/null || { log "flite is needed (the bench speaks with it)"; exit 1; }
command -v node >/dev/null || { log "node is needed (free port and health check)"; exit 1; }
[ -f "$bench" ] || { log "no Release build at $bench; run: dotnet build -c Release $root/Parley.slnx"; exit 1; }

rm -rf "$artifacts"
mkdir -p "$artifacts"
# shellcheck source=lib/live-server.sh
. "$root/scripts/lib/live-server.sh"

# Memory in MiB of a process and every process it started (the forked decoders count with the server), as FIELD of
# /proc/PID/smaps_rollup: Rss counts the pages forks share with their parent once per process, Pss splits them.
tree_mib() {
  local field="$1" pids=("$2") i=0 total=0 child kib
  while [ "$i" -lt "${#pids[@]}" ]; do
    for child in $(cat /proc/"${pids[$i]}"/task/*/children 2>/dev/null); do pids+=("$child"); done
    i=$((i + 1))
  done
  for i in "${pids[@]}"; do
    kib="$(awk -v f="$field:" '$1 == f { print $2 }' /proc/"$i"/smaps_rollup 2>/dev/null || true)"
    total=$((total + ${kib:-0}))
  done
  echo $((total / 1024))
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

start_live_server pk_bench
sleep 5
idle_rss="$(tree_mib Rss "$server_pid")"
idle_pss="$(tree_mib Pss "$server_pid")"
load_before="$(load)"
log "server healthy; idle process tree: RSS $idle_rss MiB, PSS $idle_pss MiB; load average $load_before"

run() {
  local name="$1"
  shift
  log "$name: $*"
  (cd "$root" && dotnet "$bench" --url "$url" --api-key "$api_key" --server-pid "$server_pid" --plots off \
    --out "$artifacts/$name" "$@" "${extra[@]}") || log "$name: the bench reported errors (see artifacts/bench/$name/bench.md)"
}

extra=("$@")
run v2v-20ms --callers 1 --turns 6 --barge-in-every 3 --chunk-samples 320
run v2v-256ms --callers 1 --turns 6 --barge-in-every 3 --chunk-samples 4096
run capacity --callers 16 --turns 3 --barge-in-every 3 --chunk-samples 320 --think-ms 3000
run lockstep --callers 16 --turns 3 --barge-in-every 3 --chunk-samples 320 --think-ms 0
run phone --callers 1 --turns 3 --barge-in-every 3 --transports phone
load_after="$(load)"

node "$root/scripts/lib/bench-headline.mjs" "$artifacts" "$idle_pss" "$load_before" "$load_after" "$idle_rss" | tee "$artifacts/headline.md"
