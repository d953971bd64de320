#!/usr/bin/env bash
# Sets up whatever is missing, then starts Parley with the embedded engines on http://localhost:8080
# (ASPNETCORE_URLS overrides the address; PARLEY_API_KEY sets the key; PARLEY_DATA_DIR the data folder).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
export PARLEY_MODELS_DIR="${PARLEY_MODELS_DIR:-$root/.models}"
export PARLEY_DATA_DIR="${PARLEY_DATA_DIR:-$root/data}"
exec dotnet run --project "$root/src/Parley.Server" -c Release --no-launch-profile -- "$@"
