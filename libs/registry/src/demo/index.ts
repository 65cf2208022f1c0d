/**
 * The registry feature's illustrative demo data, a separate entry (`@coord/registry/demo`) kept out of the feature's public
 * index: only scripts/seed-demo.ts and tests import it (eslint.config.mjs).
 */
export * from './kenya-registry-demo';
export * from './kiswahili-demo';
