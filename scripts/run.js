#!/usr/bin/env node
// Runs a TypeScript entry point from the sources: node scripts/run.js <file.ts> [args...]
require('./register');
const path = require('node:path');
const [, , entry, ...rest] = process.argv;
if (!entry) {
  console.error('usage: node scripts/run.js <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
// Runs the entry as the main module, so `require.main === module` holds in it.
require('node:module').runMain();
