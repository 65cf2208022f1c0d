#!/usr/bin/env node
// npm run build: type-checks and compiles apps/, libs/, migrations/ and scripts/ to dist/ (tsconfig.build.json),
// then copies the files the compiled code reads at run time, and builds the web client into dist/apps/web/dist. Run the result with `npm run start:dist` (or
// `node -r ./scripts/register-dist.js dist/apps/api/src/main.js`, likewise the worker and dist/migrations/cli.js).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
/** Non-TypeScript files the code loads from next to itself (relative to the repository root). */
const ASSETS = ['libs/platform/src/graphiql/init.js'];

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
for (const asset of ASSETS) {
  fs.mkdirSync(path.dirname(path.join(dist, asset)), { recursive: true });
  fs.copyFileSync(path.join(root, asset), path.join(dist, asset));
}
// The web client: built (with its size budget checked) and copied where the compiled API looks for it.
execFileSync(process.execPath, [path.join(root, 'apps/web/build.mjs')], { cwd: root, stdio: 'inherit' });
fs.cpSync(path.join(root, 'apps/web/dist'), path.join(dist, 'apps/web/dist'), { recursive: true });
console.log(`[build] dist/ is ready: npm run start:dist`);
