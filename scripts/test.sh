#!/usr/bin/env bash
# Sets up whatever is missing, then builds and runs every test. Prints "N passed, N failed, N skipped" at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
export PARLEY_MODELS_DIR="${PARLEY_MODELS_DIR:-$root/.models}"

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build "$root/Parley.slnx" -c Release --nologo -v quiet
status=0
dotnet test "$root/Parley.slnx" -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log" || status=$?

# One closing line over all test projects, summed from each project's "Passed!/Failed!" line.
awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(/,/, " ")
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1)
      if ($i == "Passed:") p += $(i + 1)
      if ($i == "Skipped:") s += $(i + 1)
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$results/console.log"
exit "$status"
