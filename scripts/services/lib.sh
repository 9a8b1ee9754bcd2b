#!/usr/bin/env bash
# Shared by scripts/services/*.sh (sourced, not run): installing Debian packages when missing, the
# directory for pid and log files, and waiting for a port. The service scripts run as root on a test or
# CI machine; with another user they use sudo for apt and for the PostgreSQL cluster tools.

# Pid files, logs and generated configs of the services started by these scripts (not the data of
# PostgreSQL: its cluster lives where Debian puts clusters, /var/lib/postgresql/<version>/hallpulse).
HALLPULSE_SERVICES_DIR="${HALLPULSE_SERVICES_DIR:-/tmp/hallpulse-services}"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_install_missing PKG… — installs the packages with apt-get (no recommends), running `apt-get update`
# only when the first try fails (as scripts/test-all.sh does for Chromium). Services are NOT started by
# the packages' maintainer scripts: a temporary policy-rc.d (Debian's documented switch, exit 101 =
# "action forbidden") keeps the distribution's own PostgreSQL main cluster, redis-server on 6379 and
# nginx's default site on port 80 from starting; we run our own instances on our own ports.
apt_install_missing() {
  [ $# -gt 0 ] || return 0
  echo "== install $* (apt-get) ==" >&2
  local guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\n# temporary, written by HallPulse scripts/services/lib.sh during apt-get install\nexit 101\n' | as_root tee "$guard" >/dev/null
    as_root chmod 755 "$guard"
  fi
  local rc=0
  { as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null \
    || { as_root apt-get update >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null; }; } || rc=$?
  [ -n "$guard" ] && as_root rm -f "$guard"
  return $rc
}

# The newest PostgreSQL major version whose server is installed (Debian's layout), or nothing.
installed_pg_version() {
  local v
  v=$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sed -E 's#/usr/lib/postgresql/([0-9]+)/bin/postgres#\1#' | sort -n | tail -1)
  printf '%s' "$v"
}

# The packages missing for each service (empty when installed). nginx and redis live in /usr/sbin and
# /usr/bin; `command -v` alone would miss /usr/sbin for a non-root user.
missing_packages() {
  local service
  for service in "$@"; do
    case "$service" in
      postgres)
        [ -n "$(installed_pg_version)" ] && command -v pg_createcluster >/dev/null 2>&1 && command -v psql >/dev/null 2>&1 \
          || echo "postgres" ;;
      redis)
        { command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; } || echo "redis-server" ;;
      nginx)
        { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || echo "nginx" ;;
      *) echo "unknown service: $service" >&2; return 2 ;;
    esac
  done
}

# ensure_installed SERVICE… — installs what is missing. PostgreSQL: postgresql-15 as the project is
# developed and benchmarked on it (Debian 12's version); on a Debian without 15, the distribution's
# default `postgresql` (and the scripts use whichever version is installed).
ensure_installed() {
  local missing pkgs=()
  missing=$(missing_packages "$@") || return $?
  for m in $missing; do
    case "$m" in
      postgres)
        if apt-cache show postgresql-15 >/dev/null 2>&1; then pkgs+=(postgresql-15 postgresql-client-15)
        else pkgs+=(postgresql postgresql-client); fi ;;
      *) pkgs+=("$m") ;;
    esac
  done
  if [ ${#pkgs[@]} -gt 0 ]; then
    apt_install_missing "${pkgs[@]}" || return $?
    # apt-cache may have known nothing before `apt-get update`: retry the default package then.
    if [[ " $missing " == *" postgres "* ]] && [ -z "$(installed_pg_version)" ]; then
      apt_install_missing postgresql postgresql-client || return $?
    fi
  fi
}

# lock_service NAME — holds an exclusive lock (until the script exits) so that two starts at once (a
# test run and `npm run cluster`, two vitest workers) do not both create a cluster or bind a port.
# Daemons started under the lock get `9>&-`: a daemon inheriting fd 9 would hold the lock forever.
lock_service() {
  mkdir -p "$HALLPULSE_SERVICES_DIR"
  exec 9>"$HALLPULSE_SERVICES_DIR/$1.lock"
  flock -w 600 9 || { echo "timed out waiting for $HALLPULSE_SERVICES_DIR/$1.lock" >&2; return 1; }
}

# wait_port HOST PORT SECONDS — true once something accepts TCP connections there.
wait_port() {
  local host=$1 port=$2 deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
