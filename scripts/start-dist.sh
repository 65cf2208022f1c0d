#!/usr/bin/env bash
# npm run start:dist: the compiled build (npm run build) as a deployment runs it: migrate, then the API and the
# worker from dist/, configured by the environment only (no demo data, no mail catcher, no npm ci). Ctrl-C or
# SIGTERM stops both. A deployment may as well run the three commands below under its own supervisor.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f dist/apps/api/src/main.js ]; then
  echo "[start:dist] dist/ is missing: run npm run build first" >&2
  exit 1
fi
# Stack traces name the TypeScript sources (tsc writes the .js.map files next to dist/).
run=(node --enable-source-maps -r ./scripts/register-dist.js)

"${run[@]}" dist/migrations/cli.js run

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap cleanup INT TERM EXIT
"${run[@]}" --max-semi-space-size=64 dist/apps/api/src/main.js &
pids+=($!)
"${run[@]}" dist/apps/worker/src/main.js &
pids+=($!)
wait -n "${pids[@]}" || true
