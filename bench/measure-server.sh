#!/usr/bin/env bash
# Measures one server build's memory and load figures with bench/Parley.Bench, for before/after comparisons.
# Starts SERVER_DLL from its own folder (so its appsettings.json applies) on a free loopback port with a fresh data
# folder, waits for /healthz and 5 s more (idle settles), then runs the bench with --server-pid (CPU, RSS and PSS of
# the server and every process it started), and stops the server. Extra arguments go to the bench; set server
# configuration through the environment (e.g. Parley__Engines__PocketSphinx__Mode=InProcess).
# Usage: bench/measure-server.sh SERVER_DLL OUT_DIR [bench options...]
#   e.g. bench/measure-server.sh src/Parley.Server/bin/Release/net10.0/Parley.Server.dll artifacts/bench-forked --callers 4,8,16 --think-ms 3000
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dll="$(realpath "$1")"
out="$2"
shift 2
bench="$root/bench/Parley.Bench/bin/Release/net10.0/Parley.Bench.dll"
[ -f "$bench" ] || { echo "build the bench first: dotnet build -c Release bench/Parley.Bench" >&2; exit 1; }

mkdir -p "$out"
data="$(mktemp -d)"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
key="pk_measure$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
url="http://127.0.0.1:$port"

(cd "$(dirname "$dll")" && PARLEY_API_KEY="$key" PARLEY_DATA_DIR="$data" PARLEY_MODELS_DIR="${PARLEY_MODELS_DIR:-$root/.models}" \
  ASPNETCORE_ENVIRONMENT=Production exec dotnet "$dll" --urls "$url") >"$out/server.log" 2>&1 &
server=$!
cleanup() {
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  node -e 'fetch(process.argv[1]).then(r => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' "$url/healthz" && break
  kill -0 "$server" 2>/dev/null || { tail -20 "$out/server.log" >&2; exit 1; }
  sleep 0.2
done
sleep 5
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
dotnet "$bench" --url "$url" --api-key "$key" --server-pid "$server" --out "$out" "$@" | tee "$out/bench.log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
