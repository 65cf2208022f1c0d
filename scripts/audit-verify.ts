import 'reflect-metadata';
import { createDataSource, loadConfig, verifyAuditChain } from '@coord/core';

/**
 * npm run audit:verify: recomputes the audit log's hash chain and names the first event that does not match its
 * content and predecessor (edited, deleted, or inserted outside the chain). Exit status 0 when the chain is
 * intact, 1 when it is not (or the check could not run). Read-only; it can run while the platform is up.
 */
async function main() {
  const { DATABASE_URL } = loadConfig();
  const ds = await createDataSource({ url: DATABASE_URL, entities: [] }).initialize();
  try {
    const result = await ds.transaction('REPEATABLE READ', async (em) => {
      await em.query(`SET LOCAL statement_timeout = '30min'`); // the platform's 15 s is for requests, not this
      return verifyAuditChain(em);
    });
    if (result.valid) {
      console.log(`[audit] ${result.events} event(s): the hash chain is intact`);
    } else {
      console.log(
        `[audit] ${result.events} event(s): the hash chain is BROKEN at event ${result.firstInvalidEventId ?? '(the log was emptied)'}`,
      );
      process.exitCode = 1;
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  console.error(`[audit] verification failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
