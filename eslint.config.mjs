import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

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
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
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
            {
              sourceTag: 'scope:reminders',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry', 'scope:meetings', 'scope:actions'],
            },
          ],
        },
      ],
    },
  },
  {
    // The web e2e harness starts the whole platform (like the tests): not part of the web client's bundle.
    files: ['**/__tests__/**/*.ts', 'libs/testing/**/*.ts', 'apps/web/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  prettier,
];
