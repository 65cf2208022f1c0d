import 'reflect-metadata';
import { loadConfig } from '@coord/core';
import { migrate } from './run';

/** npm run migrate | migrate:revert. Creates the database first when it does not exist yet. */
if (require.main === module) {
  const direction = (process.argv[2] ?? 'run') as 'run' | 'revert';
  const { DATABASE_URL } = loadConfig();
  migrate(DATABASE_URL, direction).catch((error) => {
    console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
