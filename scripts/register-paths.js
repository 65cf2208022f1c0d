// Resolves the @coord/* import aliases of tsconfig.base.json at run time: to the TypeScript sources
// (scripts/register.js) or, under 'dist', to the compiled libraries of npm run build (scripts/register-dist.js).
const fs = require('node:fs');
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '..');

function registerPaths(under = '.') {
  const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
  tsconfigPaths.register({ baseUrl: path.join(root, under), paths: base.compilerOptions.paths });
}

module.exports = { registerPaths };
