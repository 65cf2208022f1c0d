#!/usr/bin/env node
// Builds the web client into apps/web/dist (vite) and checks the initial JavaScript budget: the entry script
// and the chunks index.html preloads, gzipped, must stay under 250 kB (pages and charts load on demand).
// `node apps/web/build.mjs --if-needed` skips the build when dist/ is newer than every source file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dist = path.join(here, 'dist');
const BUDGET = 250 * 1024;

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

const index = path.join(dist, 'index.html');
const sources = Math.max(
  newest(path.join(here, 'src')),
  ...['index.html', 'vite.config.mts'].map((f) => fs.statSync(path.join(here, f)).mtimeMs),
);
if (process.argv.includes('--if-needed') && fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) {
  console.log('[web] apps/web/dist is up to date');
  process.exit(0);
}
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', here, '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
    // Always a production build (minified, React's production code), whatever NODE_ENV the caller runs with.
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  },
);
const html = fs.readFileSync(index, 'utf8');
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('index.html has an inline script: the CSP forbids it');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const size = initial.reduce((sum, file) => sum + gzipSync(fs.readFileSync(path.join(dist, file))).length, 0);
console.log(`[web] built apps/web/dist: initial JavaScript ${(size / 1024).toFixed(1)} kB gzipped (budget 250 kB)`);
if (size > BUDGET) {
  console.error(`[web] over the initial JavaScript budget: ${initial.join(', ')}`);
  process.exit(1);
}
