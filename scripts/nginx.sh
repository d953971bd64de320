#!/usr/bin/env bash
# A throwaway nginx in front of two Parley nodes for the cluster tests, from Debian's nginx (setup.sh --for-tests).
#
#   scripts/nginx.sh start [OWNER_PID]   starts it; prints "http://127.0.0.1:PORT NODE_PORT_1 NODE_PORT_2" on stdout
#   scripts/nginx.sh stop  [OWNER_PID]   stops it and deletes its folder
#
# The two node ports are free now and stay free: the tests start their nodes there (Parley.Cluster.Tests); two runs
# started at the same moment on one machine could pick the same free ports, as they are not bound until then. nginx
# balances round-robin as a production one would (deploy/nginx.conf is the same proxy block): WebSockets upgraded, long
# reads for long calls, and a connection a node refuses (a dead node, or a draining one's 503) passed to the other.
# As scripts/postgres.sh: each proxy belongs to a process (OWNER_PID) and lives in artifacts/nginx/OWNER_PID.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
action="${1:-}"
owner="${2:-$PPID}"

log() { printf '[nginx] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

nginx_bin="$(command -v nginx || true)"
[ -x "${nginx_bin:-/usr/sbin/nginx}" ] || nginx_bin=/usr/sbin/nginx
[ -x "$nginx_bin" ] || die "no nginx: run scripts/setup.sh --for-tests"

# shellcheck source=lib/throwaway.sh
. "$root/scripts/lib/throwaway.sh"

remove_proxy() {
  stop_pid_file "$1/nginx.pid"
  rm -rf "$1"
}

start() {
  remove_orphans "$proxies" "$owner" remove_proxy
  remove_proxy "$proxy"
  mkdir -p "$proxy/tmp"
  local base="${PARLEY_TEST_NGINX_PORT:-58080}" listen node1 node2 user_line=""
  listen="$(first_free_port "$base")"
  node1="$(first_free_port "$((listen + 1))" "$listen")"
  node2="$(first_free_port "$((node1 + 1))" "$listen" "$node1")"
  # As root the workers would otherwise run as nobody, who cannot write this folder's temporary files.
  if [ "$(id -u)" -eq 0 ]; then user_line="user root;"; fi
  cat >"$proxy/nginx.conf" <<CONF
# scripts/nginx.sh: a throwaway load balancer for the cluster tests
$user_line
worker_processes 1;
daemon on;
pid $proxy/nginx.pid;
error_log $proxy/error.log warn;
events { worker_connections 512; }
http {
    access_log $proxy/access.log;
    client_body_temp_path $proxy/tmp/body;
    proxy_temp_path $proxy/tmp/proxy;
    fastcgi_temp_path $proxy/tmp/fastcgi;
    uwsgi_temp_path $proxy/tmp/uwsgi;
    scgi_temp_path $proxy/tmp/scgi;
    upstream parley {
        server 127.0.0.1:$node1 max_fails=1 fail_timeout=2s;
        server 127.0.0.1:$node2 max_fails=1 fail_timeout=2s;
    }
    server {
        listen 127.0.0.1:$listen;
        include $root/deploy/nginx-parley-proxy.conf;
    }
}
CONF
  "$nginx_bin" -t -q -p "$proxy" -c "$proxy/nginx.conf" -e "$proxy/error.log" >&2 || die "the configuration was refused"
  "$nginx_bin" -p "$proxy" -c "$proxy/nginx.conf" -e "$proxy/error.log" || die "nginx did not start"
  for _ in $(seq 1 50); do
    port_in_use "$listen" && break
    sleep 0.1
  done
  port_in_use "$listen" || die "nginx does not listen on $listen"
  log "started on 127.0.0.1:$listen for nodes on $node1 and $node2 in $proxy"
  printf 'http://127.0.0.1:%s %s %s\n' "$listen" "$node1" "$node2"
}

stop() {
  if [ -d "$proxy" ]; then
    remove_proxy "$proxy"
    log "stopped $proxy"
  fi
}

check_arguments nginx.sh "$action" "$owner"

proxies="$root/artifacts/nginx"
mkdir -p "$proxies"
proxy="$proxies/$owner"
"$action"
