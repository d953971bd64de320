#!/usr/bin/env bash
# The fuzz suites alone (docs/RELIABILITY.md), longer or with another seed than CI runs them.
#
#   scripts/fuzz.sh [SCALE] [SEED]      default: scale 10, a seed from the clock (printed)
#
# SCALE multiplies every target's CI inputs (PARLEY_FUZZ_SCALE: 1 is CI's ~100,000 inputs, 10 about a million);
# SEED picks them (PARLEY_FUZZ_SEED; CI runs 12). The same seed and scale draw the same inputs on any machine, so a
# failure printed here replays with the two numbers it names. Build first: dotnet build -c Release Parley.slnx.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-10}"
seed="${2:-$(date +%s)}"
export PARLEY_FUZZ_SCALE="$scale" PARLEY_FUZZ_SEED="$seed" PARLEY_MODELS_DIR="${PARLEY_MODELS_DIR:-$root/.models}"
echo "[fuzz] PARLEY_FUZZ_SCALE=$scale PARLEY_FUZZ_SEED=$seed" >&2

status=0
for project in Parley.Protocol.Tests Parley.Knowledge.Tests Parley.Server.Tests; do
  dotnet test "$root/tests/$project" -c Release --no-build --nologo \
    --filter "FullyQualifiedName~.Fuzz." --logger "console;verbosity=normal" || status=1
done
echo "[fuzz] PARLEY_FUZZ_SCALE=$scale PARLEY_FUZZ_SEED=$seed: $([ "$status" = 0 ] && echo passed || echo FAILED)" >&2
exit "$status"
