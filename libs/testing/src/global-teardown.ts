import { templateDb, withAdminClient } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const template = templateDb();
  await withAdminClient(async (c) => {
    await c.query(`ALTER DATABASE ${template} IS_TEMPLATE false`).catch(() => undefined);
    await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  });
}
