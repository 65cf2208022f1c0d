import { migrate } from '../../../migrations/run';
import { databaseUrl, TEMPLATE_DB, withAdminClient } from './test-database';

/** Jest global setup: migrate a fresh template database once per run; test files clone it. */
export default async function globalSetup(): Promise<void> {
  await withAdminClient(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    // Leftovers of an interrupted earlier run.
    const stale = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'coord_test_%' AND datname <> $1`, [
      TEMPLATE_DB,
    ]);
    for (const row of stale.rows) await c.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  await migrate(databaseUrl(TEMPLATE_DB), 'run', () => undefined);
}
