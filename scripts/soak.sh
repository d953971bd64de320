#!/usr/bin/env bash
# The soak of the benchmark (bench/Parley.Bench --soak); a measurement, not a test: it takes about 40 minutes.
#
#   scripts/soak.sh [sessions|callers|both] [extra bench options]      default: both
#
# Each phase runs against a fresh Release server (a new data folder and key, on a free loopback port):
#   sessions  1,000 short sessions one after another (a spoken question, the start of the answer, stop, ended); the
#             server's RSS, open files (/proc/PID/fd) and threads are read after each; growth is judged after the
#             first 100 (--soak-sessions, --soak-warmup-sessions).
#   callers   16 callers talking for 10 minutes, sessions of 3 turns (every third a barge-in) back to back, sampled
#             every 5 s; growth is judged after the first 2 minutes (--soak-callers, --soak-minutes, --soak-warmup-minutes).
# The target: RSS and open files grow by at most 5 % after the warm-up, and no session fails. Figures go to
# artifacts/soak/PHASE/soak.md and soak.json; the exit code is non-zero when a target is missed. The machine's load
# average is printed and written with them: on a shared machine the figures are only as quiet as it was.
# Build first: dotnet build -c Release Parley.slnx. Needs flite and node, as scripts/bench-smoke.sh does.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench/Parley.Bench/bin/Release/net10.0/Parley.Bench.dll"
phases="${1:-both}"
[ "$#" -gt 0 ] && shift
case "$phases" in
  both) phases="sessions callers" ;;
  sessions | callers) ;;
  *) echo "usage: scripts/soak.sh [sessions|callers|both] [bench options]" >&2; exit 2 ;;
esac

log() { printf '[soak] %s\n' "$*" >&2; }
command -v flite >/dev/null || { log "flite is needed (the bench speaks with it)"; exit 1; }
command -v node >/dev/null || { log "node is needed (free port and health check)"; exit 1; }
[ -f "$bench" ] || { log "no Release build at $bench; run: dotnet build -c Release $root/Parley.slnx"; exit 1; }

# shellcheck source=lib/live-server.sh
. "$root/scripts/lib/live-server.sh"
# The soak runs for long: it runs copies of the builds, so a rebuild meanwhile does not change files under it.
snapshot="$(mktemp -d)"
trap 'stop_live_server; rm -rf "$snapshot"' EXIT
cp -r "$(dirname "$live_server_dll")" "$snapshot/server"
cp -r "$(dirname "$bench")" "$snapshot/bench"
live_server_dll="$snapshot/server/Parley.Server.dll"
bench="$snapshot/bench/Parley.Bench.dll"
status=0
for phase in $phases; do
  artifacts="$root/artifacts/soak/$phase"
  rm -rf "$artifacts"
  mkdir -p "$artifacts"
  start_live_server pk_soak
  trap 'stop_live_server; rm -rf "$snapshot"' EXIT # start_live_server set its own
  log "$phase: server $server_pid on $url; uptime: $(uptime)"
  (cd "$root" && dotnet "$bench" --url "$url" --api-key "$api_key" --soak "$phase" --out "$artifacts" \
    --server-pid "$server_pid" --plots off "$@") || status=$?
  log "$phase: done; uptime: $(uptime)"
  stop_live_server
done
exit "$status"
