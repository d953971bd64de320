# Sourced by scripts that test a live Parley: starts the already-built Release server on a free loopback port with
# a fresh data folder and a generated admin key, waits for /healthz, and stops it (and removes the folder) on exit.
# Needs: $root, $artifacts (the server log goes to $artifacts/server.log), a log() function, and node on PATH.
# Call: start_live_server KEY_PREFIX [SERVER ARGS...]   → sets $url, $api_key and $server_pid; the rest go to the server.

live_server_dll="$root/src/Parley.Server/bin/Release/net10.0/Parley.Server.dll"
server_pid=""
live_data_dir=""

stop_live_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  [ -n "$live_data_dir" ] && rm -rf "$live_data_dir"
  live_data_dir=""
}

start_live_server() {
  [ -f "$live_server_dll" ] || { log "no Release build at $live_server_dll; run: dotnet build -c Release $root/Parley.slnx"; exit 1; }
  trap stop_live_server EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM

  live_data_dir="$(mktemp -d)"
  local port
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  api_key="$1$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  shift
  url="http://127.0.0.1:$port"

  log "starting Parley on $url (log: ${artifacts#"$root/"}/server.log)"
  (
    cd "$root"
    PARLEY_API_KEY="$api_key" PARLEY_DATA_DIR="$live_data_dir" PARLEY_MODELS_DIR="${PARLEY_MODELS_DIR:-$root/.models}" \
      ASPNETCORE_ENVIRONMENT=Production \
      exec dotnet "$live_server_dll" --urls "$url" "$@"
  ) >"$artifacts/server.log" 2>&1 &
  server_pid=$!

  local deadline=$((SECONDS + 60))
  until node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' "$url/healthz"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      log "the server exited before it was healthy; last lines of its log:"
      tail -n 30 "$artifacts/server.log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "the server was not healthy within 60 s; last lines of its log:"
      tail -n 30 "$artifacts/server.log" >&2
      exit 1
    fi
    sleep 0.2
  done
}
