import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * Layering (ARCHITECTURE.md): apps -> platform -> features -> core; reminders -> core only. Two guards say it:
 * the Nx module-boundary constraints below (tags in each project.json; they need Nx's project graph, which a bare
 * `npx eslint` run may not have, and then Nx skips them with a warning) and `no-restricted-imports` per folder,
 * which needs nothing and so always runs. libs/testing/src/__tests__/module-boundaries.spec.ts proves both folders'
 * rules catch a violation with this very file.
 */
const FEATURES = ['@coord/actions', '@coord/meetings', '@coord/registry'];
const ABOVE_CORE = [...FEATURES, '@coord/reminders', '@coord/platform', '@coord/testing'];
/** A relative or path-style import into another library's sources (../../meetings/src/..., libs/registry/src). */
const libraryPath = (libs) => `(^|/)(libs/)?(${libs.join('|')})/src(/|$)`;
const DEMO_MESSAGE =
  'demo data is for scripts/seed-demo.ts and tests only (ARCHITECTURE.md): the @coord/*/demo entries stay out of the product';
/** The features' demo entries (@coord/registry/demo...), or any path through a demo/ folder (./demo/..., libs/x/src/demo). */
const DEMO_PATTERNS = [{ regex: '(^|/)demo(/|$)', message: DEMO_MESSAGE }];
const restrictImports = (banned, libs, message) => [
  'error',
  {
    paths: banned.map((name) => ({ name, message })),
    patterns: [
      { group: banned.map((name) => `${name}/*`), message },
      { regex: libraryPath(libs), message },
      ...DEMO_PATTERNS,
    ],
  },
];
const CORE_MESSAGE = 'core depends on no other library (ARCHITECTURE.md): move the shared part into core instead';
const REMINDERS_MESSAGE =
  'reminders reach features only through core (ARCHITECTURE.md): have the feature contribute through core';
const FEATURE_MESSAGE =
  'features depend on core and on the features below them only: registry <- meetings <- actions (ARCHITECTURE.md)';
const WEB_MESSAGE = 'the web client reaches the server through GraphQL only (ARCHITECTURE.md): no server code';
const moduleBoundaries = (allow) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow,
    banTransitiveDependencies: false,
    depConstraints: [
      { sourceTag: 'type:core', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:core', 'type:feature'] },
      { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:core', 'type:feature'] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:core', 'type:composition', 'type:feature'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:composition', 'type:core', 'type:feature'] },
      // The web client talks to the API over HTTP only: it may import no server code at all.
      { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:web'] },
      { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web'] },
      { sourceTag: 'scope:registry', onlyDependOnLibsWithTags: ['scope:shared'] },
      {
        sourceTag: 'scope:actions',
        onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry', 'scope:meetings'],
      },
      { sourceTag: 'scope:meetings', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry'] },
      // Reminders sit beside the features, on core alone (scope:shared and, by type:feature, type:core).
      { sourceTag: 'scope:reminders', onlyDependOnLibsWithTags: ['scope:shared'] },
    ],
  },
];

export default [
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'apps/web/dist/**',
      'apps/web/src/gql/**',
      'coverage/**',
      '.nx/**',
      'bench/results/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Features depend on core, core on nothing; composition wires features; apps wire composition.
      '@nx/enforce-module-boundaries': moduleBoundaries([]),
    },
  },
  {
    // The web e2e harness starts the whole platform (like the tests): not part of the web client's bundle.
    files: ['**/__tests__/**/*.ts', 'libs/testing/**/*.ts', 'apps/web/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['libs/core/**/*.ts'],
    ignores: ['**/__tests__/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        ABOVE_CORE,
        ['actions', 'meetings', 'registry', 'reminders', 'platform', 'testing'],
        CORE_MESSAGE,
      ),
    },
  },
  {
    files: ['libs/reminders/**/*.ts'],
    ignores: ['**/__tests__/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        [...FEATURES, '@coord/platform'],
        ['actions', 'meetings', 'registry', 'platform'],
        REMINDERS_MESSAGE,
      ),
    },
  },
  // The features' own order (the Nx scope constraints above), said without Nx's project graph too.
  ...[
    ['registry', ['meetings', 'actions', 'reminders', 'platform']],
    ['meetings', ['actions', 'reminders', 'platform']],
    ['actions', ['reminders', 'platform']],
  ].map(([lib, above]) => ({
    files: [`libs/${lib}/**/*.ts`],
    ignores: ['**/__tests__/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        above.map((name) => `@coord/${name}`),
        above,
        FEATURE_MESSAGE,
      ),
    },
  })),
  {
    // The composition and the processes ship no demo data either (the per-folder rules above say it for the rest).
    files: ['libs/platform/**/*.ts', 'apps/api/**/*.ts', 'apps/worker/**/*.ts'],
    ignores: ['**/__tests__/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: DEMO_PATTERNS }] },
  },
  {
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@coord/*'], message: WEB_MESSAGE },
            { regex: '(^|/)libs/', message: WEB_MESSAGE },
          ],
        },
      ],
    },
  },
  prettier,
];
