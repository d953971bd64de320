#!/usr/bin/env bash
# Runs the engine micro-benchmarks (bench/Parley.MicroBench, BenchmarkDotNet) in Release and prints their tables.
# Results (Markdown, CSV, HTML, JSON) go to artifacts/microbench/results/. Runs scripts/setup.sh first when a Debian
# package, the flite command, the VAD model or PocketSphinx's helper is missing.
# Usage: scripts/microbench.sh [--quick] [BenchmarkDotNet options...]
#   --quick                     ShortRun job (3 warm-ups, 3 iterations): minutes instead of tens of minutes
#   --filter '*Resampling*'     only some benchmarks (default: all); any other BenchmarkDotNet option passes through,
#                               e.g. --job short, --inProcess, --list flat
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
artifacts="$root/artifacts/microbench"

log() { printf '[microbench] %s\n' "$*" >&2; }

quick=()
passthrough=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=(--job short) ;;
    *) passthrough+=("$arg") ;;
  esac
done

needs_setup=false
for p in libpocketsphinx3 libsphinxbase3 pocketsphinx-en-us libflite1 flite libsoxr0; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || needs_setup=true
done
command -v flite >/dev/null || needs_setup=true
export PARLEY_MODELS_DIR="${PARLEY_MODELS_DIR:-$root/.models}"
[ -f "$PARLEY_MODELS_DIR/silero_vad_v5.onnx" ] || needs_setup=true
[ -x "$PARLEY_MODELS_DIR/pocketsphinx/parley-pocketsphinx-helper" ] || needs_setup=true
if [ "$needs_setup" = true ]; then
  log "engines or models missing: running scripts/setup.sh"
  "$root/scripts/setup.sh"
fi

mkdir -p "$artifacts"
started="$(mktemp)"
trap 'rm -f "$started"' EXIT

log "running in Release (BenchmarkDotNet builds and starts its own child process per benchmark class)"
status=0
(cd "$root" && dotnet run -c Release --project bench/Parley.MicroBench -- \
  --artifacts "$artifacts" "${quick[@]}" "${passthrough[@]}") || status=$?

# BenchmarkDotNet prints each class's table as it finishes; gather this run's tables in one place at the end.
shopt -s nullglob
reports=()
for report in "$artifacts"/results/*-report-github.md; do
  [ "$report" -nt "$started" ] && reports+=("$report")
done
if [ "${#reports[@]}" -gt 0 ]; then
  printf '\n===== Summary (%s) =====\n' "$artifacts/results"
  for report in "${reports[@]}"; do
    printf '\n'
    cat "$report"
  done
fi
exit "$status"
