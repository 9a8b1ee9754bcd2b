#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine and runs every test: typecheck, lint, unit,
# property, component and integration tests, the production build, then the browser tests in
# Debian's Chromium. CI runs exactly this (.ci/run → npm run test:all).
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

# After the build, so that the integration tests also check the pages' headers (they skip without it).
echo "== typecheck, lint, unit, component and integration tests =="
npm run verify

echo "== browser tests (Chromium) =="
npx vitest run --project e2e

echo "== all tests passed =="
