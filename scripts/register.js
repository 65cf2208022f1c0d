// Lets Node run the TypeScript sources directly: SWC compiles each .ts file on require (with the
// decorator metadata NestJS and TypeORM need) and tsconfig-paths resolves the @coord/* aliases.
// Used by `npm start`, the migration CLI and the other scripts; tests use the same SWC options via @swc/jest.
const fs = require('node:fs');
const swc = require('@swc/core');
require('./register-paths').registerPaths();

const swcOptions = require('./swc-options');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, { ...swcOptions, filename });
  module._compile(code, filename);
};
