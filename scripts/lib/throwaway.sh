# Sourced by the scripts that start throwaway servers for the tests (postgres.sh, redis.sh, nginx.sh): each server
# belongs to an owner process and lives in a folder named after its pid, so runs side by side in one tree do not stop
# each other's, and a run that was killed leaves nothing the next one trips over.
# Needs: a log() and a die() function.

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first free loopback port from $1 (for 100 ports), skipping the ports given after it.
first_free_port() {
  local port="$1" last
  shift
  last=$((port + 100))
  while [ "$port" -lt "$last" ]; do
    if ! port_in_use "$port" && [[ " $* " != *" $port "* ]]; then
      printf '%s\n' "$port"
      return
    fi
    port=$((port + 1))
  done
  die "no free port in $((last - 100))..$last"
}

# Stops the process whose pid is in file $1, if it runs: TERM, up to 5 s, then KILL.
stop_pid_file() {
  local pid
  [ -f "$1" ] || return 0
  pid="$(cat "$1")"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# Calls "$3 FOLDER" for every folder under $1 whose owner (its name) is not $2 and has gone.
remove_orphans() {
  local parent="$1" owner="$2" remove="$3" dir pid
  for dir in "$parent"/*/; do
    [ -d "$dir" ] || continue
    pid="$(basename "$dir")"
    if [ "$pid" != "$owner" ] && ! kill -0 "$pid" 2>/dev/null; then
      log "removing what a run that has gone left ($pid)"
      "$remove" "${dir%/}"
    fi
  done
}

# Checks the action and the owner's pid of a start|stop script named $1; actions after $3 are that script's own extras.
check_arguments() {
  local script="$1" action="$2" owner="$3" allowed
  shift 3
  allowed="start stop $*"
  case " $allowed " in
    *" $action "*) ;;
    *) die "usage: scripts/$script ${allowed// /|} [OWNER_PID]" ;;
  esac
  case "$owner" in
    '' | *[!0-9]*) die "OWNER_PID must be a process id, not '$owner'" ;;
  esac
}
