const { compilerOptions } = require('./tsconfig.base.json');
const swcOptions = require('./scripts/swc-options');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace('/', '\\/')}$`] = `<rootDir>/${target}`;
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/migrations'],
  testMatch: ['**/__tests__/**/*.spec.ts', '**/__tests__/**/*.int-spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcOptions, swcrc: false }],
    // intl-messageformat and its @formatjs parts ship ES modules only: compiled to CommonJS for Jest like our code.
    '^.+\\.js$': [
      '@swc/jest',
      { ...swcOptions, jsc: { ...swcOptions.jsc, parser: { syntax: 'ecmascript' } }, swcrc: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(intl-messageformat|@formatjs)/)'],
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
