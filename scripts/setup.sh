#!/usr/bin/env bash
# Sets up everything Parley needs on Debian 12 with the .NET SDK: Debian packages, models, NuGet packages.
# Idempotent: a second run only checks, and takes a few seconds.
# Usage: scripts/setup.sh [--for-tests]   (--for-tests adds what only the tests need: PostgreSQL, Redis, nginx, Chromium)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="${PARLEY_MODELS_DIR:-$root/.models}"

# Debian packages: the embedded engines (PocketSphinx + en-us model, Flite voices, the SoX resampler), the Flite
# command line, which the tests use to synthesise speech, and what builds PocketSphinx's helper process (gcc and the
# PocketSphinx headers).
debian_packages=(
  libpocketsphinx3 libsphinxbase3 pocketsphinx-en-us
  libflite1 flite
  libsoxr0
  gcc libc6-dev pkg-config libpocketsphinx-dev libsphinxbase-dev
)

# Only the tests need these: the storage suite runs on a throwaway PostgreSQL cluster too (scripts/postgres.sh),
# the browser console test drives Debian's Chromium through Playwright (never a downloaded browser build), and the
# cluster tests run two nodes on Redis behind nginx (scripts/redis.sh, scripts/nginx.sh).
test_debian_packages=(postgresql chromium redis-server nginx)

for_tests=false
for arg in "$@"; do
  case "$arg" in
    --for-tests) for_tests=true ;;
    *) printf '[setup] unknown argument: %s (usage: setup.sh [--for-tests])\n' "$arg" >&2; exit 2 ;;
  esac
done
if [ "$for_tests" = true ]; then
  debian_packages+=("${test_debian_packages[@]}")
fi

# Silero VAD v5 comes from this npm package; the checksum pins the exact model file.
vad_package="@ricky0123/vad-web@0.0.31"
vad_file="silero_vad_v5.onnx"
vad_sha256="2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f"

log() { printf '[setup] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
  local missing=()
  for p in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages: present"
    return
  fi
  log "Debian packages: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

fetch_vad_model() {
  local target="$models/$vad_file"
  if [ -f "$target" ] && echo "$vad_sha256  $target" | sha256sum -c --status; then
    log "Silero VAD model: present"
    return
  fi
  log "Silero VAD model: fetching $vad_package"
  command -v npm >/dev/null || { log "npm is needed to fetch the VAD model"; exit 1; }
  local tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  (cd "$tmp" && npm pack --silent "$vad_package" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp" "package/dist/$vad_file"
  if ! echo "$vad_sha256  $tmp/package/dist/$vad_file" | sha256sum -c --status; then
    log "checksum mismatch for $vad_file from $vad_package; refusing to use it"
    exit 1
  fi
  mkdir -p "$models"
  mv "$tmp/package/dist/$vad_file" "$target"
}

# PocketSphinx's helper process (the forked mode: a built decoder forked per stream), built from the C sources in the
# engine's folder into the models folder, never committed. Rebuilt when its sources, flags or the libraries change.
helper_sources="$root/src/Parley.Engines/SpeechToText/PocketSphinxHelper"
helper="$models/pocketsphinx/parley-pocketsphinx-helper"
helper_cflags=(-O2 -Wall -Wextra -Werror -std=gnu11)

build_pocketsphinx_helper() {
  local stamp
  stamp="$( (cat "$helper_sources"/*.c "$helper_sources"/*.h; echo "${helper_cflags[*]}"; pkg-config --modversion pocketsphinx sphinxbase) | sha256sum | cut -d' ' -f1)"
  if [ -x "$helper" ] && [ "$(cat "$helper.sha256" 2>/dev/null)" = "$stamp" ]; then
    log "PocketSphinx helper: present"
    return
  fi
  log "PocketSphinx helper: building"
  mkdir -p "$(dirname "$helper")"
  # shellcheck disable=SC2046 # pkg-config prints several flags on purpose
  gcc "${helper_cflags[@]}" $(pkg-config --cflags pocketsphinx sphinxbase) "$helper_sources"/*.c -o "$helper.tmp" \
    -Wl,--as-needed $(pkg-config --libs pocketsphinx sphinxbase)
  mv "$helper.tmp" "$helper"
  echo "$stamp" >"$helper.sha256"
}

# The dictionary pruned to the language model's words (the decoder can hear no other): -12.5 MiB per decoder and a
# faster build. Beside it, the two files it was made from; the engine uses it only for exactly those.
prune_pocketsphinx_dictionary() {
  local model=/usr/share/pocketsphinx/model/en-us
  local lm="$model/en-us.lm.bin" dict="$model/cmudict-en-us.dict"
  local pruned="$models/pocketsphinx/cmudict-en-us.pruned.dict"
  local source
  source="$(printf '%s\n%s' "$lm" "$dict")"
  if [ -s "$pruned" ] && [ "$(cat "$pruned.source" 2>/dev/null)" = "$source" ] && [ "$pruned" -nt "$lm" ] && [ "$pruned" -nt "$dict" ]; then
    log "PocketSphinx pruned dictionary: present"
    return
  fi
  log "PocketSphinx pruned dictionary: writing"
  rm -f "$pruned.source"
  "$helper" prune-dictionary "$lm" "$dict" "$pruned.tmp"
  mv "$pruned.tmp" "$pruned"
  printf '%s\n' "$source" >"$pruned.source"
}

restore_nuget() {
  log "NuGet: restoring"
  dotnet restore "$root/Parley.slnx" --nologo -v quiet
}

install_debian_packages
fetch_vad_model
build_pocketsphinx_helper
prune_pocketsphinx_dictionary
restore_nuget
log "ready"
