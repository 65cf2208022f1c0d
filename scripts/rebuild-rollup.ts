import 'reflect-metadata';
import { createDataSource, loadConfig } from '@coord/core';

/**
 * npm run rollup:rebuild: recomputes the commitment progress roll-up and every action item's framework_codes
 * from the items and their tags (migration 1763900009000), and says how many rows were wrong. It can run while the
 * platform is up: writes to items and tags wait while it runs (3-4 s at scale 1), reads go on; it gives up after
 * waiting 30 s for a lock (run it again). Needed only after a writer bypassed the triggers.
 */
async function main() {
  const { DATABASE_URL } = loadConfig();
  const ds = await createDataSource({ url: DATABASE_URL, entities: [] }).initialize();
  try {
    const started = Date.now();
    const [{ wrong }] = await ds.transaction(async (em) => {
      // It waits for transactions that changed items to end: give up rather than hold writers behind it for long.
      await em.query(`SET LOCAL lock_timeout = '30s'`);
      await em.query(`SET LOCAL statement_timeout = '10min'`); // the platform's 15 s is for requests, not this
      return em.query(`SELECT commitment_progress_rollup_rebuild() AS wrong`);
    });
    console.log(
      `[rollup] rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        (wrong === 0 ? 'it was already right' : `${wrong} row(s) were wrong and are now right`),
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  console.error(`[rollup] rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
