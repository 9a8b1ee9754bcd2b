#!/usr/bin/env bash
# Installs PostgreSQL, Redis and nginx from Debian's packages when missing, without starting the
# distribution's own instances (see lib.sh). Used by scripts/test-all.sh so that a fresh CI machine has
# them; the tests start their own instances (docs/testing.md, "Services for tests").
# Usage: scripts/services/install.sh [postgres] [redis] [nginx]   (all three by default)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
if [ $# -eq 0 ]; then set -- postgres redis nginx; fi
ensure_installed "$@"
