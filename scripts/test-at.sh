#!/usr/bin/env bash
# Runs tests as if it were another time of day (on demand, not part of CI): every process of the run — the
# test runner and each server it spawns — sees the clock shifted by one offset (libfaketime from Debian's
# `faketime` package, installed when missing), so that tests meet hall-local midnight, a month's end or the
# early morning the way a CI run at that hour would. A fixed start time ("@…") would give each process its
# own clock, started when it starts; an offset keeps them equal.
#   bash scripts/test-at.sh "2026-11-27 15:57:00" --project integration          # 23:57 in Shanghai
#   bash scripts/test-at.sh "2026-11-27 16:01:00" --project integration test/integration/load-api.live.int.test.ts
# The time is UTC; the rest is passed to `npx vitest run`. For the unit and integration projects: redis-server
# does not start under libfaketime, so the Redis files fail here whatever the time (test/integration/services,
# redis-limiters, the clusters), and Chromium runs ~10× slower under it, so the browser tests time out.
set -euo pipefail
cd "$(dirname "$0")/.."
at="${1:?usage: test-at.sh \"YYYY-MM-DD HH:MM:SS\" [vitest arguments]}"
shift
if ! command -v faketime >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y --no-install-recommends faketime >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends faketime >/dev/null; }
fi
offset=$(( $(date -u -d "$at" +%s) - $(date -u +%s) ))
echo "== tests at $at UTC (clock shifted by ${offset} s) =="
# Timers run on the real monotonic clock; only the wall clock moves.
FAKETIME_DONT_FAKE_MONOTONIC=1 exec faketime -f "+${offset}s" npx vitest run "$@"
