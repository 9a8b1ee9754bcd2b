#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine and runs every test: typecheck, lint, unit,
# property and integration tests, then the production build. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== install (npm ci) =="
npm ci --no-audit --no-fund

echo "== typecheck, lint, tests =="
npm run verify

echo "== production build =="
npm run build

echo "== all tests passed =="
