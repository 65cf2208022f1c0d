import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every migration in migrations/, in timestamp order: files named <epoch-ms>-<kebab-name>.ts, each
 * exporting one MigrationInterface class. The only source of the schema.
 */
function discover(): Array<new () => unknown> {
  const files = readdirSync(__dirname)
    .filter((file) => /^\d{13}-[a-z0-9-]+\.(ts|js)$/.test(file))
    .sort();
  return files.map((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(join(__dirname, file)) as Record<string, new () => unknown>;
    const classes = Object.values(exported).filter((value) => typeof value === 'function');
    if (classes.length !== 1) throw new Error(`migrations/${file} must export exactly one migration class`);
    return classes[0];
  });
}

export const MIGRATIONS = discover();
