#!/usr/bin/env bash
# npm run test:dist: the deployment path still works: npm run build, then npm run start:dist against a scratch
# database and Redis prefix (both removed afterwards) must answer /health, serve the IDE's assets, a query and the
# web app (a mail link's page and its script); the first admin, created with the compiled
# `npm run admin -- create-admin` (password on standard input), signs in.
set -euo pipefail
cd "$(dirname "$0")/.."
id="$(date +%s)_$$"
db="coord_dist_smoke_${id}"
admin_url="${DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
port="${SMOKE_PORT:-3450}"
export DATABASE_URL="${admin_url%/*}/${db}" PORT="$port" PUBLIC_URL="http://localhost:${port}"
export REDIS_PREFIX="coord_dist_smoke_${id}" NODE_ENV="${NODE_ENV:-development}" LOG_LEVEL=warn
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  node -e "
    const { Client } = require('pg');
    const c = new Client({ connectionString: process.argv[1] });
    c.connect().then(() => c.query('DROP DATABASE IF EXISTS \"' + process.argv[2] + '\" WITH (FORCE)')).finally(() => c.end());
  " "$admin_url" "$db" || true
  node -e "
    const Redis = require('ioredis');
    const r = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
    (async () => { let c = '0'; do { const [n, k] = await r.scan(c, 'MATCH', process.argv[1] + ':*', 'COUNT', 1000); c = n; if (k.length) await r.del(...k); } while (c !== '0'); r.disconnect(); })();
  " "$REDIS_PREFIX" || true
}
trap cleanup EXIT

npm run build
node -r ./scripts/register-dist.js dist/migrations/cli.js run
admin_email="first.admin@dist-smoke.example"
admin_password="smoke $(node -e "console.log(require('crypto').randomBytes(12).toString('hex'))")"
printf '%s\n' "$admin_password" | npm run --silent admin -- create-admin --email "$admin_email"
export SMOKE_ADMIN_EMAIL="$admin_email" SMOKE_ADMIN_PASSWORD="$admin_password"
bash scripts/start-dist.sh &
server=$!
check() {
  node -e "
    const url = process.argv[1];
    (async () => {
      const health = await (await fetch(url + '/health')).json();
      if (health.status !== 'ok') throw new Error('health: ' + JSON.stringify(health));
      const ide = await fetch(url + '/graphiql/init.js');
      if (!ide.ok) throw new Error('/graphiql/init.js answered ' + ide.status);
      const res = await fetch(url + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ frameworkTargets { code } }' }) });
      const body = await res.json();
      if (!body.data || body.data.frameworkTargets.length < 20) throw new Error('query: ' + JSON.stringify(body).slice(0, 300));
      const page = await fetch(url + '/meetings/00000000-0000-4000-8000-000000000000', { headers: { accept: 'text/html' } });
      const html = await page.text();
      if (!page.ok || !/id=.root./.test(html)) throw new Error('web app: ' + page.status);
      const script = html.match(/src=.(\/assets\/[^'\x22]+\.js)/);
      if (!script || !(await fetch(url + script[1])).ok) throw new Error('web app script missing');
      const login = await (await fetch(url + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation(\$e: String!, \$p: String!) { login(email: \$e, password: \$p) { user { platformRole } } }',
          variables: { e: process.env.SMOKE_ADMIN_EMAIL, p: process.env.SMOKE_ADMIN_PASSWORD } }) })).json();
      if (login.data?.login?.user?.platformRole !== 'ADMIN') throw new Error('admin sign-in: ' + JSON.stringify(login).slice(0, 300));
    })().then(() => process.exit(0), (e) => { console.error(String(e.message || e)); process.exit(1); });
  " "$PUBLIC_URL"
}
for _ in $(seq 1 60); do
  if check 2>/dev/null; then
    if ! pgrep -P "$server" -f 'dist/apps/worker/src/main.js' >/dev/null; then
      echo "[test:dist] FAIL: the compiled worker is not running" >&2
      exit 1
    fi
    echo "[test:dist] PASS: the compiled API answered /health, /graphiql/init.js, a query and the web app; the admin made by npm run admin signed in; the worker runs"
    exit 0
  fi
  if ! kill -0 "$server" 2>/dev/null; then echo "[test:dist] FAIL: start:dist exited" >&2; exit 1; fi
  sleep 1
done
check || true
echo "[test:dist] FAIL: the compiled API did not answer within 60 s" >&2
exit 1
