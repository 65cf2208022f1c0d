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

# Portable to bash 3.2 (stock macOS): no `wait -n`. The processes run under `concurrently`, which prefixes their
# output, stops them all when one of them (API or worker) exits, and forwards Ctrl-C.
runner=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    echo "[start] stopping"
    kill -TERM "$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
}
trap cleanup INT TERM EXIT

names="api,worker"
commands=("node --max-semi-space-size=64 scripts/run.js apps/api/src/main.ts" "node scripts/run.js apps/worker/src/main.ts")

# Mail goes to the local catcher unless SMTP_URL points elsewhere (console log + web view). Another catcher already
# on 1025/1080 is common on a developer's machine: then this one takes free ports and says which.
if [ -z "${SMTP_URL:-}" ]; then
  smtp_port=$(node scripts/free-port.js "${MAIL_CATCHER_SMTP_PORT:-1025}")
  web_port=$(node scripts/free-port.js "${MAIL_CATCHER_WEB_PORT:-1080}" "$smtp_port")
  if [ "$smtp_port" != "${MAIL_CATCHER_SMTP_PORT:-1025}" ] || [ "$web_port" != "${MAIL_CATCHER_WEB_PORT:-1080}" ]; then
    echo "[start] ports ${MAIL_CATCHER_SMTP_PORT:-1025}/${MAIL_CATCHER_WEB_PORT:-1080} are taken (another mail catcher?): the mail catcher uses ${smtp_port}/${web_port}"
  fi
  export SMTP_URL="smtp://127.0.0.1:${smtp_port}" MAIL_CATCHER_SMTP_PORT="$smtp_port" MAIL_CATCHER_WEB_PORT="$web_port"
  mail_view="http://localhost:${web_port}"
  names="mail,${names}"
  commands=("node scripts/run.js scripts/mail-catcher.ts" "${commands[@]}")
fi

node_modules/.bin/concurrently --kill-others --names "$names" --prefix-colors "gray,blue,green" "${commands[@]}" &
runner=$!

url=${PUBLIC_URL:-http://localhost:${PORT:-3000}}
for _ in $(seq 1 60); do
  if node -e "fetch('$url/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then break; fi
  if ! kill -0 "$runner" 2>/dev/null; then break; fi
  sleep 1
done
if ! kill -0 "$runner" 2>/dev/null; then
  echo "[start] the API or the worker stopped during start-up: see its lines above"
  exit 1
fi
cat <<MSG

  Coordination platform is running.
    Web app:             $url/
    GraphQL API and IDE: $url/graphql
    Health:              $url/health
    Admin sign-in:       $ADMIN_EMAIL / $ADMIN_PASSWORD
    Mails sent:          ${mail_view:-$SMTP_URL}
  (demo sign-ins: see README.md). Ctrl-C stops the API and the worker.

MSG
wait "$runner" || true
