#!/usr/bin/env bash
# nginx in front of HallPulse nodes (issue #11), from Debian's package but never with Debian's config:
# the config is rendered from deploy/nginx/hallpulse.conf.template into its own prefix directory
# ($HALLPULSE_SERVICES_DIR/nginx-PORT: nginx.conf, nginx.pid, error.log, temp dirs) and run with
# `nginx -p <dir> -c <dir>/nginx.conf`. Debian's default site is neither enabled nor started by us.
# Tests run nginx as a child process instead (test/helpers/nginx.ts, same template).
#
# Usage: scripts/services/nginx.sh install
#        scripts/services/nginx.sh render PORT NODE_PORT…   print the config (daemon off)
#        scripts/services/nginx.sh start PORT NODE_PORT…    daemonize on 127.0.0.1:PORT; restarts with the
#                                                            new upstreams when already running
#        scripts/services/nginx.sh stop PORT
#        scripts/services/nginx.sh status PORT
# NODE_PORT may be host:port. Environment: HALLPULSE_NGINX_HOST (127.0.0.1; the address to listen on,
# e.g. 0.0.0.0 on a real front server), HALLPULSE_NGINX_WORKERS (auto), HALLPULSE_NGINX_ACCESS_LOG (off,
# or a path), HALLPULSE_NGINX_MAX_BODY (20m).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"
TEMPLATE="$HERE/../../deploy/nginx/hallpulse.conf.template"

nginx_bin() { command -v nginx 2>/dev/null || echo /usr/sbin/nginx; }

valid_port() { [[ "$1" =~ ^[0-9]{1,5}$ ]] || { echo "not a port: $1" >&2; exit 2; }; }
valid_node() { [[ "$1" =~ ^([A-Za-z0-9.-]+:)?[0-9]{1,5}$ || "$1" =~ ^\[[0-9A-Fa-f:]+\]:[0-9]{1,5}$ ]] || { echo "not a node address: $1" >&2; exit 2; }; }

# render PREFIX DAEMON PORT NODE… — the same substitution as scripts/services/nginx-config.ts.
render() {
  local prefix=$1 daemon=$2 port=$3; shift 3
  [ $# -gt 0 ] || { echo "nginx needs at least one node port" >&2; exit 2; }
  valid_port "$port"
  local servers="" node
  for node in "$@"; do
    valid_node "$node"
    [[ "$node" == *:* ]] || node="127.0.0.1:$node"
    servers+="    server $node max_fails=1 fail_timeout=10s;"$'\n'
  done
  servers=${servers%$'\n'}
  local v
  for v in "$prefix" "${HALLPULSE_NGINX_WORKERS:-auto}" "${HALLPULSE_NGINX_ACCESS_LOG:-off}" "${HALLPULSE_NGINX_MAX_BODY:-20m}"; do
    # Each lands inside one directive: nothing that could end it (;), open a block or expand a variable.
    [[ "$v" =~ ^[A-Za-z0-9_./-]+$ ]] || { echo "unsafe nginx config value: $v" >&2; exit 2; }
  done
  local text
  text=$(cat "$TEMPLATE")
  text=${text//'{{PREFIX}}'/$prefix}
  text=${text//'{{DAEMON}}'/$daemon}
  text=${text//'{{WORKER_PROCESSES}}'/${HALLPULSE_NGINX_WORKERS:-auto}}
  text=${text//'{{ACCESS_LOG}}'/${HALLPULSE_NGINX_ACCESS_LOG:-off}}
  local host=${HALLPULSE_NGINX_HOST:-127.0.0.1}
  [[ "$host" =~ ^[0-9A-Za-z.-]+$ ]] || { echo "not a listen address: $host" >&2; exit 2; }
  text=${text//'{{LISTEN}}'/$host:$port}
  text=${text//'{{UPSTREAM_SERVERS}}'/$servers}
  text=${text//'{{CLIENT_MAX_BODY_SIZE}}'/${HALLPULSE_NGINX_MAX_BODY:-20m}}
  if [[ "$text" =~ \{\{[A-Z_]+\}\} ]]; then echo "unfilled placeholder ${BASH_REMATCH[0]} in $TEMPLATE" >&2; exit 1; fi
  printf '%s\n' "$text"
}

prefix_of() { echo "$HALLPULSE_SERVICES_DIR/nginx-$1"; }

running_pid() {
  local pidfile
  pidfile="$(prefix_of "$1")/nginx.pid"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"
}

start() {
  local port=$1; shift
  lock_service "nginx-$port"
  ensure_installed nginx
  local prefix
  prefix=$(prefix_of "$port")
  mkdir -p "$prefix"
  # Workers run as nobody when the master is root: they must reach the temp dirs nginx makes inside.
  chmod 755 "$prefix"
  render "$prefix" on "$port" "$@" > "$prefix/nginx.conf.new"
  "$(nginx_bin)" -t -q -p "$prefix" -c "$prefix/nginx.conf.new" -e "$prefix/error.log"
  mv "$prefix/nginx.conf.new" "$prefix/nginx.conf"
  if pid=$(running_pid "$port"); then
    kill -HUP "$pid" # reload: new workers with the new upstreams, open connections finish on the old ones
  else
    "$(nginx_bin)" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" 9>&-
  fi
  local host=${HALLPULSE_NGINX_HOST:-127.0.0.1}
  [ "$host" = 0.0.0.0 ] && host=127.0.0.1
  wait_port "$host" "$port" 10 || { echo "nginx not listening on $host:$port; see $prefix/error.log" >&2; exit 1; }
  echo "http://$host:$port"
}

stop() {
  local port=$1 pid
  if pid=$(running_pid "$port"); then
    kill -QUIT "$pid" # graceful: stop accepting, let open requests finish
    local i
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"
    echo "stopped nginx on 127.0.0.1:$port" >&2
  fi
}

status() {
  local pid
  if pid=$(running_pid "$1"); then echo "nginx (pid $pid) on http://127.0.0.1:$1, config $(prefix_of "$1")/nginx.conf"
  else echo "nginx not running on 127.0.0.1:$1"; return 3; fi
}

cmd=${1:-}; shift || true
case "$cmd" in
  install) ensure_installed nginx ;;
  render) [ $# -ge 2 ] || { echo "usage: $0 render PORT NODE_PORT…" >&2; exit 2; }; render "$(prefix_of "$1")" off "$@" ;;
  start) [ $# -ge 2 ] || { echo "usage: $0 start PORT NODE_PORT…" >&2; exit 2; }; start "$@" ;;
  stop) [ $# -eq 1 ] || { echo "usage: $0 stop PORT" >&2; exit 2; }; valid_port "$1"; stop "$1" ;;
  status) [ $# -eq 1 ] || { echo "usage: $0 status PORT" >&2; exit 2; }; valid_port "$1"; status "$1" ;;
  *) echo "usage: $0 install|render|start|stop|status …" >&2; exit 2 ;;
esac
