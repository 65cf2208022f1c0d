import { DataSource } from 'typeorm';
import { MIGRATIONS } from './index';

/**
 * Applies or reverts migrations on a database URL. Depends on TypeORM only, so that Jest's global setup
 * can use it without loading the application's modules into its own process.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const ds = new DataSource({ type: 'postgres', url: admin.toString() });
  await ds.initialize();
  try {
    const rows = await ds.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) await ds.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await ds.destroy();
  }
}

/** Names of the migrations not yet applied to the database at `url`. */
export async function pendingMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
  });
  await ds.initialize();
  try {
    const table = await ds.query(`SELECT to_regclass('schema_migrations') AS t`);
    const applied = new Set<string>(
      table[0].t ? (await ds.query(`SELECT name FROM schema_migrations`)).map((r: { name: string }) => r.name) : [],
    );
    return ds.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
  } finally {
    await ds.destroy();
  }
}

export async function migrate(
  url: string,
  direction: 'run' | 'revert' = 'run',
  log: (line: string) => void = console.log,
) {
  if (direction === 'run') await ensureDatabase(url);
  const ds = new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
  });
  await ds.initialize();
  try {
    if (direction === 'run') {
      const applied = await ds.runMigrations({ transaction: 'each' });
      log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
    } else {
      await ds.undoLastMigration({ transaction: 'each' });
      log('reverted the last migration');
    }
  } finally {
    await ds.destroy();
  }
}
