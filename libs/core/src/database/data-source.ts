import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

// Calendar days (DATE) stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
types.setTypeParser(1082, (value: string) => value);
import { QueryCounter } from './query-counter';

export interface DataSourceSettings {
  url: string;
  entities?: DataSourceOptions['entities'];
  migrations?: DataSourceOptions['migrations'];
  /** Set in tests: counts every SQL statement (see QueryCounter). */
  queryCounter?: QueryCounter;
  applicationName?: string;
  poolSize?: number;
  /** Milliseconds to wait for a pooled connection (then the query fails: SERVICE_UNAVAILABLE). */
  poolWaitMs?: number;
}

/**
 * The one way the api, the worker, the migration CLI and the tests open PostgreSQL.
 * The schema comes only from migrations/: synchronize is always off.
 */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations: settings.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: settings.queryCounter ? ['query'] : false,
    logger: settings.queryCounter,
    applicationName: settings.applicationName ?? 'coord',
    poolSize: settings.poolSize ?? 10,
    extra: {
      connectionTimeoutMillis: settings.poolWaitMs ?? 10000,
      statement_timeout: 15000,
      // No JIT compilation: the platform's statements are short OLTP reads and writes whose plans PostgreSQL
      // costs high (the visibility rule's subplans), so with the default jit_above_cost every list was
      // compiled to machine code on each execution: 0.3-0.6 s of LLVM work for a 20 ms query (auto_explain
      // on the scale-1 data set, bench/README.md "JIT"). Compiled code is not cached between executions.
      options: '-c jit=off',
    },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
