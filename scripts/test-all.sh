#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine and runs every test: the production build,
# typecheck, lint, then unit, property, component and integration tests (on SQLite and on PostgreSQL) and
# the browser tests in Debian's Chromium. CI runs exactly this (.ci/run → npm run test:all).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need_apt+=(fonts-wqy-microhei)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== install ${need_apt[*]} (apt-get) =="
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}" >/dev/null \
    || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}" >/dev/null; }
fi

# PostgreSQL, Redis and nginx for the scale-out tests (issue #11), from Debian's packages when missing:
# the same apt-get install (update on failure), but without letting the packages start Debian's own
# instances (5432, 6379, port 80); the tests start theirs on loopback (docs/testing.md, "Services for tests").
bash scripts/services/install.sh postgres redis nginx

echo "== install (npm ci) =="
npm ci --no-audit --no-fund

echo "== supply chain: pinned versions, lockfile integrity, npm audit =="
npm run check:supply-chain

echo "== production build =="
npm run build
npm run check:bundle

echo "== typecheck, lint, migrations up to date =="
npm run verify:static

# The tests run as two streams at once, each about half of the time: most of it is waiting (on fsync,
# timers, sockets and browsers), not CPU. Stream A in the foreground: unit, component and integration
# tests on SQLite. Stream B, its output shown when it ends: the integration tests again on PostgreSQL, the
# PostgreSQL adapters' and clusters' own tests (~2 minutes, moved here to even the streams), then the
# browser tests in Debian's Chromium. After the build, so that the integration tests also check the
# pages' headers (they skip without it) and the browser tests have pages to load.
# Both streams use the one test PostgreSQL (each test file on its own database): start it once here
# rather than have both streams race to start it.
echo "== start the tests' PostgreSQL (127.0.0.1, cluster hallpulse) =="
bash scripts/services/postgres.sh start >/dev/null
stream_b_log="$(mktemp)"
trap 'rm -f "$stream_b_log"' EXIT
( npx vitest run --project integration-pg && npx vitest run --project postgres && npx vitest run --project e2e ) >"$stream_b_log" 2>&1 &
stream_b=$!

echo "== stream A: unit, component and integration tests (SQLite) =="
status_a=0
npx vitest run --project unit --project client --project integration || status_a=$?

echo "== stream B: integration tests on PostgreSQL, then browser tests (Chromium) =="
status_b=0
wait "$stream_b" || status_b=$?
cat "$stream_b_log"

if [ "$status_a" -ne 0 ] || [ "$status_b" -ne 0 ]; then
  echo "== FAILED: stream A exit $status_a, stream B exit $status_b =="
  exit 1
fi
echo "== all tests passed =="
