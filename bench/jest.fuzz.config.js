// npm run test:fuzz: the hostile-input run (bench/fuzz), with the same transform, aliases and per-file test
// database as `npm test`, kept out of `npm test` because it takes about a minute.
const base = require('../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: '..',
  roots: ['<rootDir>/bench'],
  testMatch: ['**/*.fuzz-spec.ts'],
  testTimeout: 600000,
};
