#!/usr/bin/env bash
# npm test: the service check, then lint, format check, type check and every test (in that order).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
bash scripts/ensure-services.sh

echo "[test] lint (with Nx module boundaries)"
export NX_DAEMON=false NX_NO_CLOUD=true
npx nx show projects >/dev/null # builds the project graph the boundary rule reads
npx eslint . --max-warnings 0
echo "[test] format"
npx prettier --check . --log-level warn
echo "[test] type check"
npx tsc -p tsconfig.json --noEmit
echo "[test] jest"
NODE_ENV=test npx jest --ci "$@"
