#!/usr/bin/env bash
# Redis for the reference deployment and the benchmark (issue #11): Debian's redis-server on
# 127.0.0.1:${HALLPULSE_REDIS_PORT:-56379}, no persistence (it only carries socket.io's fan-out stream,
# never data of record: PostgreSQL holds the log), daemonized with its pid and log file in
# $HALLPULSE_SERVICES_DIR (/tmp/hallpulse-services). Tests start their own private redis instead
# (test/helpers/redis.ts).
#
# Usage: scripts/services/redis.sh install|start|stop|status|url
#   install  installs redis-server when missing (without starting Debian's own instance on 6379).
#   start    installs when missing and starts it; idempotent. Prints redis://127.0.0.1:PORT on stdout.
#   stop     SHUTDOWN NOSAVE, or SIGTERM by pid file when redis-cli cannot reach it.
#   status   exit 0 when it answers PING.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PORT="${HALLPULSE_REDIS_PORT:-56379}"
URL="redis://127.0.0.1:$PORT"
PIDFILE="$HALLPULSE_SERVICES_DIR/redis-$PORT.pid"
LOGFILE="$HALLPULSE_SERVICES_DIR/redis-$PORT.log"

pong() { command -v redis-cli >/dev/null 2>&1 && [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" = "PONG" ]; }

start() {
  lock_service "redis-$PORT"
  ensure_installed redis
  if pong; then echo "$URL"; return 0; fi
  mkdir -p "$HALLPULSE_SERVICES_DIR"
  # --save "" and --appendonly no: nothing is written to disk; --dir keeps even a stray dump out of the cwd.
  # maxmemory-policy noeviction: a full Redis refuses writes loudly rather than dropping stream entries.
  redis-server --port "$PORT" --bind 127.0.0.1 --protected-mode yes --daemonize yes \
    --save "" --appendonly no --dir "$HALLPULSE_SERVICES_DIR" \
    --pidfile "$PIDFILE" --logfile "$LOGFILE" --maxmemory-policy noeviction 9>&-
  local i
  for i in $(seq 1 100); do pong && break; sleep 0.1; done
  pong || { echo "redis-server did not answer on 127.0.0.1:$PORT; see $LOGFILE" >&2; exit 1; }
  echo "$URL"
}

stop() {
  if pong; then
    redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
  elif [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    kill "$(cat "$PIDFILE")"
  fi
  local i
  for i in $(seq 1 50); do pong || break; sleep 0.1; done
  rm -f "$PIDFILE"
  echo "stopped redis on 127.0.0.1:$PORT" >&2
}

status() {
  if pong; then echo "redis answering on $URL"; else echo "redis not running on 127.0.0.1:$PORT"; return 3; fi
}

case "${1:-}" in
  install) ensure_installed redis ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 install|start|stop|status|url" >&2; exit 2 ;;
esac
