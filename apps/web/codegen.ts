import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Operation types from the committed schema (no running API needed): `npm run web:codegen`.
 * The output in src/gql/ is committed so that a clean clone type-checks without running it first.
 */
const config: CodegenConfig = {
  schema: '../api/schema.gql',
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: {
        scalars: { DateTime: 'string', Date: 'string', Duration: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
