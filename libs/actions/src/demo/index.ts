/**
 * The actions feature's illustrative demo data, a separate entry (`@coord/actions/demo`) kept out of the feature's public
 * index: only scripts/seed-demo.ts and tests import it (eslint.config.mjs).
 */
export * from './actions-demo';
export * from './accountability-demo';
