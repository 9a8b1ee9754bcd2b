#!/usr/bin/env bash
# PostgreSQL for the tests, the benchmark and the reference deployment (issue #11): a dedicated Debian
# cluster named `hallpulse`, made with Debian's own tools (pg_createcluster / pg_ctlcluster), listening on
# 127.0.0.1 only, port ${HALLPULSE_PG_PORT:-55432} — away from a distribution cluster on 5432. fsync and
# synchronous_commit keep their defaults (on): "acked means committed" is what the tests check.
# A login role hallpulse/hallpulse with CREATEDB owns the test databases (test/helpers/postgres.ts).
#
# Usage: scripts/services/postgres.sh start|stop|status|url
#   start   installs PostgreSQL when missing, creates the cluster when missing, starts it, creates or
#           updates the role; idempotent. Prints the admin URL on stdout (progress goes to stderr).
#   stop    stops the cluster (fast shutdown; its data stays in /var/lib/postgresql/<version>/hallpulse).
#   status  exit 0 when it accepts connections.
# Environment: HALLPULSE_PG_PORT (55432), HALLPULSE_PG_CLUSTER (hallpulse), HALLPULSE_PG_VERSION (the
# newest installed, or the version of an existing cluster of that name).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PORT="${HALLPULSE_PG_PORT:-55432}"
CLUSTER="${HALLPULSE_PG_CLUSTER:-hallpulse}"
ROLE=hallpulse
PASSWORD=hallpulse
URL="postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/postgres"

# The version of an existing cluster with our name, else the requested or newest installed version.
cluster_version() {
  local existing
  existing=$(pg_lsclusters -h 2>/dev/null | awk -v c="$CLUSTER" '$2 == c { print $1 }' | sort -n | tail -1)
  if [ -n "$existing" ]; then printf '%s' "$existing"; else printf '%s' "${HALLPULSE_PG_VERSION:-$(installed_pg_version)}"; fi
}

cluster_exists() { pg_lsclusters -h 2>/dev/null | awk -v c="$CLUSTER" -v v="$1" '$1 == v && $2 == c { f = 1 } END { exit !f }'; }
cluster_online() { pg_lsclusters -h 2>/dev/null | awk -v c="$CLUSTER" -v v="$1" '$1 == v && $2 == c && $4 ~ /^online/ { f = 1 } END { exit !f }'; }

# psql as the cluster's superuser over the Unix socket (peer authentication as the postgres user).
superuser_psql() {
  as_root runuser -u postgres -- psql --no-psqlrc -v ON_ERROR_STOP=1 -q -X -p "$PORT" -h /var/run/postgresql -d postgres "$@"
}

start() {
  lock_service "postgres"
  ensure_installed postgres
  local version
  version=$(cluster_version)
  [ -n "$version" ] || { echo "no PostgreSQL server installed" >&2; exit 1; }
  if ! cluster_exists "$version"; then
    echo "== create cluster $version/$CLUSTER on 127.0.0.1:$PORT ==" >&2
    # peer for the Unix socket (only the postgres OS user is superuser), scram for TCP (the app's role).
    as_root pg_createcluster "$version" "$CLUSTER" -p "$PORT" --start-conf=manual -o ssl=off \
      -- --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >&2
  fi
  # Re-assert the settings on every start, so that a cluster made by hand (or by an older script) or a
  # changed HALLPULSE_PG_PORT ends up as documented: the port in postgresql.conf (where pg_lsclusters reads
  # it), the rest in conf.d/ (Debian's clusters include it last, so it wins over postgresql.conf).
  as_root pg_conftool "$version" "$CLUSTER" set port "$PORT" >/dev/null
  as_root pg_conftool "$version" "$CLUSTER" remove listen_addresses >/dev/null 2>&1 || true
  as_root mkdir -p "/etc/postgresql/$version/$CLUSTER/conf.d"
  as_root tee "/etc/postgresql/$version/$CLUSTER/conf.d/hallpulse.conf" >/dev/null <<CONF
# Written by HallPulse scripts/services/postgres.sh on every start; edit the script, not this file.
listen_addresses = '127.0.0.1'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 200
CONF
  if cluster_online "$version"; then
    # The running server may still listen on an old port: restart when the configured one is not answering.
    if ! pg_isready -q -h 127.0.0.1 -p "$PORT"; then as_root pg_ctlcluster "$version" "$CLUSTER" restart >&2 9>&-; fi
  else
    echo "== start cluster $version/$CLUSTER ==" >&2
    as_root pg_ctlcluster "$version" "$CLUSTER" start >&2 9>&-
  fi
  local i
  for i in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p "$PORT" && break; sleep 0.1; done
  pg_isready -q -h 127.0.0.1 -p "$PORT" || { echo "PostgreSQL $version/$CLUSTER not ready on 127.0.0.1:$PORT" >&2; exit 1; }
  # Create or reset the role (idempotent). Not a superuser: the app and the tests only need their own databases.
  superuser_psql <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  ELSE
    ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
SQL
  echo "$URL"
}

stop() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  local version
  version=$(cluster_version)
  if [ -n "$version" ] && cluster_online "$version"; then
    as_root pg_ctlcluster "$version" "$CLUSTER" stop >&2
    echo "stopped PostgreSQL $version/$CLUSTER" >&2
  fi
}

status() {
  if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p "$PORT"; then
    echo "PostgreSQL accepting connections on 127.0.0.1:$PORT ($URL)"
  else
    echo "PostgreSQL not running on 127.0.0.1:$PORT"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
