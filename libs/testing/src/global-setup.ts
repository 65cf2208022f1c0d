import { randomBytes } from 'node:crypto';
import { migrate } from '../../../migrations/run';
import { databaseUrl, templateDb, withAdminClient } from './test-database';

/**
 * Jest global setup: migrate a fresh template database once per run; test files clone it. Each run has its own
 * template (unless TEST_TEMPLATE_DB is set), so runs sharing a server do not drop each other's databases.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_TEMPLATE_DB ??= `coord_test_template_${randomBytes(4).toString('hex')}`;
  const template = templateDb();
  await withAdminClient(async (c) => {
    await c.query(`ALTER DATABASE ${template} IS_TEMPLATE false`).catch(() => undefined);
    await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    // Leftovers of an interrupted earlier run: test databases nobody is connected to, made more than an hour ago.
    // Templates of other runs (datistemplate), databases in use and young ones are left alone: a concurrent run's
    // database is unconnected for a moment between its CREATE DATABASE and its first connection (dropping it then
    // failed that run's file with "database does not exist").
    const stale = await c.query(
      `SELECT d.datname FROM pg_database d
       WHERE d.datname LIKE 'coord_test_%' AND NOT d.datistemplate
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
    );
    const young = (name: string) => {
      const made = /^coord_test_t(\d+)_/.exec(name);
      return !!made && Date.now() / 1000 - Number(made[1]) < 3600;
    };
    for (const row of stale.rows.filter((r) => !young(r.datname)))
      await c.query(`DROP DATABASE IF EXISTS ${row.datname}`).catch(() => undefined);
    await c.query(`CREATE DATABASE ${template}`);
  });
  await migrate(databaseUrl(template), 'run', () => undefined);
  await withAdminClient((c) => c.query(`ALTER DATABASE ${template} IS_TEMPLATE true`));
}
