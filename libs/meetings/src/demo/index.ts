/**
 * The meetings feature's illustrative demo data, a separate entry (`@coord/meetings/demo`) kept out of the feature's public
 * index: only scripts/seed-demo.ts and tests import it (eslint.config.mjs).
 */
export * from './meetings-demo';
export * from './cycle-demo';
