import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Per-test-file databases: the migrations run once into a template database (global-setup.ts), and
 * each test file gets `CREATE DATABASE ... TEMPLATE` of it, dropped when the file is done.
 */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
/**
 * The template of this jest run. Global setup picks a name per run (several runs may share one server, e.g.
 * developers working side by side) and passes it to the workers through TEST_TEMPLATE_DB.
 */
export function templateDb(): string {
  return process.env.TEST_TEMPLATE_DB ?? 'coord_test_template';
}

export function databaseUrl(name: string): string {
  return `${TEST_SERVER_URL.replace(/\/$/, '')}/${name}`;
}

export async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  // The creation time is part of the name: another run's clean-up leaves young databases alone (global-setup.ts).
  const name = `coord_test_t${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
