#!/usr/bin/env bash
# Sets up whatever is missing, then builds and runs every test. Prints "N passed, N failed, N skipped" at the end.
# Extra arguments go to dotnet test (e.g. --filter "FullyQualifiedName~Parley.Storage").
# The storage tests run on SQLite and on a throwaway PostgreSQL cluster this script starts and always stops; the
# cluster tests run two nodes on that PostgreSQL, a throwaway Redis and nginx in front (scripts/redis.sh, scripts/nginx.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh" --for-tests
export PARLEY_MODELS_DIR="${PARLEY_MODELS_DIR:-$root/.models}"

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build "$root/Parley.slnx" -c Release --nologo -v quiet

# The servers belong to this shell's pid; the trap stops them however the run ends (signals exit so the trap runs).
stop_servers() {
  "$root/scripts/nginx.sh" stop "$$" || true
  "$root/scripts/redis.sh" stop "$$" || true
  "$root/scripts/postgres.sh" stop "$$" || true
}
trap stop_servers EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
PARLEY_TEST_POSTGRES="$("$root/scripts/postgres.sh" start "$$")"
export PARLEY_TEST_POSTGRES

# The cluster tests (tests/Parley.Cluster.Tests): Redis, and nginx in front of the two node ports they start nodes on.
PARLEY_TEST_REDIS="$("$root/scripts/redis.sh" start "$$")"
read -r PARLEY_TEST_NGINX node_port_1 node_port_2 < <("$root/scripts/nginx.sh" start "$$")
PARLEY_TEST_NODE_PORTS="$node_port_1,$node_port_2"
export PARLEY_TEST_REDIS PARLEY_TEST_NGINX PARLEY_TEST_NODE_PORTS

status=0
dotnet test "$root/Parley.slnx" -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log" || status=$?

# The console's capture pipeline and resampler held to their specification (sine sweeps, chunking, level), in Node (tests/console-worklet).
node --test --test-reporter=tap "$root/tests/console-worklet/" 2>&1 | tee "$results/console-worklet.log" || status=$((status == 0 ? 1 : status))

# The official TypeScript SDK (datagrid-ai) against the live Release server; its "# pass/# fail" lines join the sums.
"$root/scripts/sdk-conformance.sh" --test-reporter=tap 2>&1 | tee "$results/sdk-conformance.log" || status=$((status == 0 ? 1 : status))

# A one-caller, two-turn smoke run of the benchmark against the live Release server, to keep it working; its log is
# not one of the files summed below, so it adds no passes or failures there, only a non-zero exit when it breaks.
"$root/scripts/bench-smoke.sh" 2>&1 | tee "$results/bench-smoke.log" || status=$((status == 0 ? 1 : status))

# The names of the tests that failed, so the tail of the log says which (dotnet's "Failed <name>" lines, node's "not ok").
{ grep -hE '^\s+Failed [A-Za-z_]' "$results/console.log" || true
  grep -hE '^\s*not ok ' "$results/console-worklet.log" "$results/sdk-conformance.log" || true
} | sed -E 's/^ *(Failed|not ok) /failed: /'

# One closing line over all test projects, summed from each project's "Passed!/Failed!" line and node's summary.
awk '
  /^# pass [0-9]+$/ { p += $3 }
  /^# (fail|cancelled) [0-9]+$/ { f += $3 }
  /^# (skipped|todo) [0-9]+$/ { s += $3 }
  /(Passed|Failed|Skipped)! +- +Failed:/ {
    gsub(/,/, " ")
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1)
      if ($i == "Passed:") p += $(i + 1)
      if ($i == "Skipped:") s += $(i + 1)
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$results/console.log" "$results/console-worklet.log" "$results/sdk-conformance.log"
exit "$status"
