// Resolves the @coord/* import aliases to the compiled libraries in dist/ (npm run build).
// Preload it: node -r ./scripts/register-dist.js dist/apps/api/src/main.js
require('./register-paths').registerPaths('dist');
