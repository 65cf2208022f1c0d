#!/usr/bin/env node
// npm run admin -- <command> ...: runs scripts/admin.ts from the compiled build (dist/, npm run build) when there
// is one, as a deployment has it, otherwise (or with ADMIN_CLI_FROM=sources) from the sources.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const compiled = path.join(root, 'dist/scripts/admin.js');
process.chdir(root);
if (fs.existsSync(compiled) && process.env.ADMIN_CLI_FROM !== 'sources') {
  require('./register-paths').registerPaths('dist');
  process.argv = [process.argv[0], compiled, ...process.argv.slice(2)];
  require(compiled);
} else {
  require('./register');
  const entry = path.join(root, 'scripts/admin.ts');
  process.argv = [process.argv[0], entry, ...process.argv.slice(2)];
  require(entry);
}
