#!/usr/bin/env bash
# npm start: install what is missing, make sure PostgreSQL and Redis run, migrate, load the demo data,
# then run the API and the worker until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[start] installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

bash scripts/ensure-services.sh
# The web client the API serves at / (rebuilt only when its sources changed).
node apps/web/build.mjs --if-needed

export NODE_ENV=${NODE_ENV:-development}
export NODE_OPTIONS="--enable-source-maps ${NODE_OPTIONS:-}" # stack traces name the .ts lines (SWC maps inline)
export ADMIN_EMAIL=${ADMIN_EMAIL:-admin@coord.example}
# The demo admin's default password, never in production (seed-demo seeds nothing there: use npm run admin).
if [ "$NODE_ENV" != "production" ]; then export ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin-password-2026}; fi

node scripts/run.js migrations/cli.ts run
node scripts/run.js scripts/seed-demo.ts

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo "[start] stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap cleanup INT TERM EXIT

# Mail goes to the local catcher unless SMTP_URL points elsewhere (console log + web view on :1080).
if [ -z "${SMTP_URL:-}" ]; then
  export SMTP_URL=smtp://127.0.0.1:1025
  node scripts/run.js scripts/mail-catcher.ts &
  pids+=($!)
  mail_view="http://localhost:${MAIL_CATCHER_WEB_PORT:-1080}"
fi

node --max-semi-space-size=64 scripts/run.js apps/api/src/main.ts &
pids+=($!)
node scripts/run.js apps/worker/src/main.ts &
pids+=($!)

url=${PUBLIC_URL:-http://localhost:${PORT:-3000}}
for _ in $(seq 1 60); do
  if node -e "fetch('$url/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then break; fi
  sleep 1
done
cat <<MSG

  Coordination platform is running.
    Web app:             $url/
    GraphQL API and IDE: $url/graphql
    Health:              $url/health
    Admin sign-in:       $ADMIN_EMAIL / $ADMIN_PASSWORD
    Mails sent:          ${mail_view:-$SMTP_URL}
  (demo sign-ins: see README.md). Ctrl-C stops the API and the worker.

MSG
wait -n "${pids[@]}" || true
