// Resolves the @coord/* import aliases of tsconfig.base.json to the compiled libraries in dist/ (npm run build).
// Preload it: node -r ./scripts/register-dist.js dist/apps/api/src/main.js
const fs = require('node:fs');
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '..');
const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
tsconfigPaths.register({ baseUrl: path.join(root, 'dist'), paths: base.compilerOptions.paths });
