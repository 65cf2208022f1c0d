import { createTestDatabase, TestDatabase } from '@coord/testing';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { migrate } from '../../../../migrations/run';

/** Every migration is reversible: all of them down to an empty schema, then up again. */
describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(); // a clone of the migrated template
  });
  afterAll(() => db.drop());

  const tables = async () => {
    const ds = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    try {
      return (
        await ds.query(
          `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
        )
      ).map((r: { tablename: string }) => r.tablename);
    } finally {
      await ds.destroy();
    }
  };

  it('revert one by one to an empty schema and apply again', async () => {
    expect((await tables()).length).toBeGreaterThan(10);
    for (let i = 0; i < MIGRATIONS.length; i++) await migrate(db.url, 'revert', () => undefined);
    expect(await tables()).toEqual([]);
    await migrate(db.url, 'run', () => undefined);
    expect((await tables()).length).toBeGreaterThan(10);
    const [{ n }] = await (async () => {
      const ds = await new DataSource({ type: 'postgres', url: db.url }).initialize();
      try {
        return await ds.query(`SELECT count(*)::int AS n FROM framework_targets`);
      } finally {
        await ds.destroy();
      }
    })();
    expect(n).toBe(44);
  });
});
