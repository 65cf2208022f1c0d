#!/usr/bin/env bash
# npm test: the service check, then lint, format check, type check and every test (in that order): the API's
# (jest), the web client's components (vitest), then the web client end to end in headless Chromium (its own stack).
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
# The web client's operation types, regenerated from the committed schema (apps/api/schema.gql may have moved).
(cd apps/web && npx graphql-codegen --config codegen.ts --silent)
npx tsc -p apps/web/tsconfig.json
npx tsc -p apps/web/tsconfig.e2e.json
echo "[test] web client build (initial JavaScript budget checked)"
node apps/web/build.mjs --if-needed
echo "[test] jest"
NODE_ENV=test npx jest --ci "$@"
echo "[test] web components (vitest)"
npx vitest run --root apps/web
echo "[test] web end to end (headless Chromium)"
bash scripts/e2e.sh
