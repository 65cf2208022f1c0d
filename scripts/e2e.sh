#!/usr/bin/env bash
# npm run test:e2e: the web client end to end in headless Chromium (apps/web/e2e). Installs Debian's chromium
# when missing (as root with apt-get, like ensure-services.sh does for PostgreSQL), or says what to do. The suite
# starts its own API, worker, database and Redis prefix and removes them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[e2e] installing chromium with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "[e2e] no Chromium at $CHROMIUM_PATH: install it (e.g. 'sudo apt-get install -y chromium' on Debian/Ubuntu)"
    echo "[e2e] or point CHROMIUM_PATH at a Chromium or Chrome binary."
    exit 1
  fi
fi
bash scripts/ensure-services.sh
export CHROMIUM_PATH
node scripts/run.js apps/web/e2e/web.e2e.ts
