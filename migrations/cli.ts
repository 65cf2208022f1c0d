import 'reflect-metadata';
import { loadConfig } from '@coord/core';
import { migrate, pendingMigrations } from './run';

/**
 * npm run migrate | migrate:revert | migrate:check.
 * run: creates the database if missing and applies pending migrations; revert: undoes the last one;
 * check: exits 1 when migrations are pending (for deploy scripts).
 */
if (require.main === module) {
  const command = process.argv[2] ?? 'run';
  const { DATABASE_URL } = loadConfig();
  const work =
    command === 'run' || command === 'revert'
      ? migrate(DATABASE_URL, command)
      : command === 'check'
        ? pendingMigrations(DATABASE_URL).then((pending) => {
            if (pending.length) {
              console.error(`pending migrations: ${pending.join(', ')}`);
              process.exit(1);
            }
            console.log('no pending migrations');
          })
        : Promise.reject(new Error(`unknown command "${command}": use run, revert or check`));
  work.catch((error) => {
    console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
