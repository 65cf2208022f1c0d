export * from './platform.module';
export * from './http';
export * from './graphql.options';
export * from './worker.module';
export * from './worker-metrics.server';
