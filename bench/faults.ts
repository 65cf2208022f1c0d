/**
 * `npm run test:faults`: the platform under infrastructure faults, on its own PostgreSQL cluster (initdb into a
 * temporary directory, port 5442) and its own redis-server (port 6390), so that the shared services are never
 * touched. Three scenarios, each asserting what the issue promises:
 * 1. PostgreSQL stopped and restarted under load: errors during the outage are clear GraphQL errors (no 500
 *    page, no stack trace), and the same API process serves again afterwards without a restart.
 * 2. Redis stopped and restarted: mutations keep succeeding while it is down, and the reminders they caused
 *    are delivered exactly once after it is back.
 * 3. The worker SIGKILLed in the middle of a batch of due reminders: after a new worker takes over, every
 *    reminder has been delivered exactly once (one in-app delivery per intent and person).
 * Prints one line per check, appends a summary to bench/results/faults.md, exits 1 if any check failed.
 */
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { MailSink } from '../libs/testing/src/mail-sink';
import { seedScale } from '../scripts/seed-scale';
import { BENCH_PASSWORD, BENCH_USERS } from './fixtures';
import { insertDueIntents } from './reminders-throughput';
import { PG_PORT, PostgresCluster, REDIS_PORT, RedisServer } from './fault-services';
import { gql, login, ROOT, ServiceProcess, startApi, startWorker, waitFor } from './processes';

const DATABASE_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/coord_faults_bench`;
const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}`;

const results: Array<{ check: string; ok: boolean; detail: string }> = [];
function check(name: string, ok: boolean, detail: string) {
  results.push({ check: name, ok, detail });
  console.log(`[faults] ${ok ? 'PASS' : 'FAIL'} ${name}: ${detail}`);
}

interface Outcome {
  at: number;
  ok: boolean;
  status: number;
  code?: string;
  message?: string;
}

/** Clients sending reads and writes in a loop until stopped, recording every outcome. */
function loadLoop(api: ServiceProcess, token: string, bodyId: string, ownerId: string, clients: number) {
  const outcomes: Outcome[] = [];
  let running = true;
  let n = 0;
  const one = async () => {
    const i = n++;
    const [query, variables] =
      i % 3 === 2
        ? [
            `mutation($input: ActionItemInput!) { createActionItem(input: $input) { id } }`,
            { input: { bodyId, title: `Fault item ${i}`, ownerPersonId: ownerId, dueOn: '2027-06-01' } },
          ]
        : [`{ myActionItems(first: 5) { totalCount edges { node { id title } } } }`, {}];
    const at = Date.now();
    try {
      const res = await gql(api.url, query, variables, token);
      const error = res.errors?.[0];
      outcomes.push({
        at,
        ok: res.status === 200 && !error,
        status: res.status,
        code: error?.extensions?.code,
        message: error?.message,
      });
    } catch (e) {
      outcomes.push({ at, ok: false, status: 0, message: `no HTTP answer: ${(e as Error).message}` });
    }
  };
  const workers = Array.from({ length: clients }, async () => {
    while (running) await one();
  });
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}

async function postgresOutage(
  pg: PostgresCluster,
  api: ServiceProcess,
  token: string,
  bodyId: string,
  ownerId: string,
) {
  const pid = api.child.pid;
  const load = loadLoop(api, token, bodyId, ownerId, 10);
  await new Promise((r) => setTimeout(r, 3000));
  const outageStart = Date.now();
  pg.stop();
  await new Promise((r) => setTimeout(r, 5000));
  pg.start();
  const outageEnd = Date.now();
  // Recovery: give the pool a few seconds to replace its dead connections, then expect only successes.
  await new Promise((r) => setTimeout(r, 5000));
  const recoveredFrom = Date.now();
  await new Promise((r) => setTimeout(r, 5000));
  await load.stop();

  const during = load.outcomes.filter((o) => o.at >= outageStart && o.at <= outageEnd);
  const failed = during.filter((o) => !o.ok);
  // Clear: a GraphQL error saying the database is unavailable; not a 5xx, not a stack trace, and not a
  // misleading UNAUTHENTICATED (a valid token must not look expired because the user lookup failed).
  const unclear = failed.filter(
    (o) =>
      o.status >= 500 ||
      o.code !== 'SERVICE_UNAVAILABLE' ||
      !o.message ||
      /\n\s+at |QueryFailedError|ECONNREFUSED|stack/i.test(o.message),
  );
  const samples = [...new Set(failed.map((o) => `${o.status} ${o.code}: ${o.message}`))].slice(0, 3);
  check(
    'PostgreSQL outage: clear errors',
    failed.length > 0 && unclear.length === 0,
    `${during.length} requests during a 5 s outage, ${failed.length} failed, ${unclear.length} unclear; e.g. ${samples.join(' | ')}`,
  );
  const after = load.outcomes.filter((o) => o.at >= recoveredFrom);
  const afterFailed = after.filter((o) => !o.ok);
  const alive = api.child.exitCode === null && api.child.signalCode === null;
  check(
    'PostgreSQL outage: recovery without restarting the API',
    after.length > 0 && afterFailed.length === 0 && alive,
    `${after.length} requests from 5 s after the restart, ${afterFailed.length} failed` +
      (afterFailed[0] ? ` (e.g. ${afterFailed[0].code}: ${afterFailed[0].message})` : '') +
      `; the same API process (pid ${pid}) served them: ${alive}` +
      (alive ? '' : ` (exit ${api.child.exitCode}, signal ${api.child.signalCode}): ${api.output().slice(-600)}`),
  );
}

async function redisOutage(
  redis: RedisServer,
  pool: Pool,
  api: ServiceProcess,
  token: string,
  bodyId: string,
  ownerId: string,
) {
  const sink = new MailSink({ countOnly: true });
  const smtp = await sink.start();
  const worker = await startWorker(workerEnv(smtp));
  try {
    await redis.stop();
    const ids: string[] = [];
    let failures = 0;
    let firstError = '';
    for (let i = 0; i < 20; i++) {
      const res = await gql<{ createActionItem: { id: string } }>(
        api.url,
        `mutation($input: ActionItemInput!) { createActionItem(input: $input) { id } }`,
        { input: { bodyId, title: `Assigned while Redis is down ${i}`, ownerPersonId: ownerId, dueOn: '2027-06-01' } },
        token,
      );
      if (res.data?.createActionItem) ids.push(res.data.createActionItem.id);
      else {
        failures++;
        firstError ||= JSON.stringify(res.errors ?? res.status).slice(0, 300);
      }
    }
    check(
      'Redis outage: mutations keep succeeding',
      failures === 0,
      `${ids.length}/20 createActionItem succeeded while Redis was down${firstError ? `; first error ${firstError}` : ''}`,
    );
    await new Promise((r) => setTimeout(r, 2000));
    await redis.start();
    const deliveredOnce = async () => {
      const { rows } = await pool.query(
        `SELECT i.subject_id, count(d.id)::int AS deliveries
         FROM reminder_intents i LEFT JOIN reminder_deliveries d ON d.intent_id = i.id AND d.channel = 'IN_APP'
         WHERE i.kind = 'ACTION_ASSIGNED' AND i.subject_id = ANY($1) GROUP BY i.subject_id`,
        [ids],
      );
      return rows as Array<{ subject_id: string; deliveries: number }>;
    };
    await waitFor(
      async () => {
        const rows = await deliveredOnce();
        return rows.length === ids.length && rows.every((r) => r.deliveries >= 1);
      },
      60_000,
      'the reminders held back by the Redis outage',
    ).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 2000)); // anything delivered twice would show up by now
    const rows = await deliveredOnce();
    const once = rows.filter((r) => r.deliveries === 1).length;
    if (once !== ids.length) {
      const statuses = await pool.query(
        `SELECT status, count(*)::int AS n, max(attempts) AS attempts, max(last_error) AS error FROM reminder_intents
          WHERE kind = 'ACTION_ASSIGNED' AND subject_id = ANY($1) GROUP BY status`,
        [ids],
      );
      console.log(`[faults] intents: ${JSON.stringify(statuses.rows)}\n[faults] worker output:\n${worker.output()}`);
    }
    check(
      'Redis outage: reminders delivered once afterwards',
      ids.length > 0 && once === ids.length,
      `${once}/${ids.length} assignment reminders delivered exactly once after Redis came back ` +
        `(${rows.filter((r) => r.deliveries > 1).length} more than once, ${ids.length - rows.filter((r) => r.deliveries > 0).length} never)`,
    );
  } finally {
    await worker.stop();
    await sink.stop();
  }
}

async function workerKilled(pool: Pool) {
  const sink = new MailSink({ countOnly: true });
  const smtp = await sink.start();
  const count = 300;
  let worker = await startWorker(workerEnv(smtp));
  try {
    const ids = await insertDueIntents(pool, count, `kill-${Date.now()}`);
    const done = async () =>
      (
        await pool.query(`SELECT count(*)::int AS n FROM reminder_intents WHERE id = ANY($1) AND status = 'DONE'`, [
          ids,
        ])
      ).rows[0].n as number;
    await waitFor(async () => (await done()) >= count * 0.2, 120_000, 'a fifth of the batch');
    const before = await done();
    await worker.stop('SIGKILL');
    worker = await startWorker(workerEnv(smtp));
    await waitFor(async () => (await done()) === count, 180_000, 'the rest of the batch after the kill').catch(
      () => undefined,
    );
    const { rows } = await pool.query(
      `SELECT count(*) FILTER (WHERE n = 1)::int AS once, count(*) FILTER (WHERE n > 1)::int AS twice,
         count(*) FILTER (WHERE n = 0)::int AS never
       FROM (SELECT i.id, count(d.id) AS n FROM reminder_intents i
             LEFT JOIN reminder_deliveries d ON d.intent_id = i.id AND d.channel = 'IN_APP'
             WHERE i.id = ANY($1) GROUP BY i.id) x`,
      [ids],
    );
    // Mails go out after the in-app delivery is committed: wait until none is left unsent.
    const unsentMails = async () =>
      (
        await pool.query(
          `SELECT count(*)::int AS n FROM reminder_deliveries WHERE intent_id = ANY($1) AND channel = 'EMAIL' AND sent_at IS NULL`,
          [ids],
        )
      ).rows[0].n as number;
    await waitFor(async () => (await unsentMails()) === 0, 120_000, 'the mails').catch(() => undefined);
    const mailed = (
      await pool.query(
        `SELECT count(*)::int AS n FROM reminder_deliveries WHERE intent_id = ANY($1) AND channel = 'EMAIL'`,
        [ids],
      )
    ).rows[0].n as number;
    const { once, twice, never } = rows[0];
    // More than the chunks in flight at the kill (3 batches x MAIL_CHUNK_SIZE 5) would point at another cause.
    if (sink.mails.length - mailed > 15) {
      const copies = new Map<string, number>();
      for (const m of sink.mails)
        copies.set(`${m.to.join(',')}|${m.subject}`, (copies.get(`${m.to.join(',')}|${m.subject}`) ?? 0) + 1);
      const histogram = new Map<number, number>();
      for (const n of copies.values()) histogram.set(n, (histogram.get(n) ?? 0) + 1);
      console.log(
        `[faults] copies per mail: ${JSON.stringify([...histogram.entries()])}; sample ${JSON.stringify(sink.mails.slice(0, 3))}`,
      );
      console.log(`[faults] worker output:\n${worker.output()}`);
    }
    check(
      'Worker SIGKILLed mid-batch: every reminder delivered exactly once',
      once === count && twice === 0 && never === 0,
      `killed after ${before}/${count} done; afterwards ${once} delivered in-app once, ${twice} more than once, ` +
        `${never} never; ${mailed} mail deliveries recorded, ${sink.mails.length} mails received by SMTP ` +
        `(${sink.mails.length - mailed} sent twice: a kill between the SMTP send and its record)`,
    );
  } finally {
    await worker.stop();
    await sink.stop();
  }
}

function workerEnv(smtpUrl: string) {
  return {
    databaseUrl: DATABASE_URL,
    port: 3299,
    redisUrl: REDIS_URL,
    redisPrefix: 'faults',
    extra: {
      SMTP_URL: smtpUrl,
      OUTBOX_POLL_MS: '200',
      REMINDER_REQUEUE_GRACE_MS: '1000',
      WORKER_LOCK_MS: '2000',
      REMINDER_RETRY_BACKOFF_MS: '200',
    },
  };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

async function main() {
  const started = Date.now();
  const pg = new PostgresCluster();
  const redis = new RedisServer();
  let api: ServiceProcess | undefined;
  let pool: Pool | undefined;
  process.once('exit', () => {
    void redis.stop();
    pg.destroy();
  });
  try {
    console.log(`[faults] PostgreSQL cluster in ${pg.dir} on port ${PG_PORT}, redis-server on port ${REDIS_PORT}`);
    pg.init();
    await redis.start();
    await seedScale({ scale: 0.01, url: DATABASE_URL, keep: false });
    pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
    pool.on('error', () => undefined); // the cluster is stopped on purpose below
    const {
      rows: [target],
    } = await pool.query(
      `SELECT m.body_id, m.person_id FROM memberships m JOIN coordination_bodies b ON b.id = m.body_id
       WHERE b.parent_id IS NOT NULL AND m.ends_on IS NULL AND m.role = 'MEMBER' ORDER BY b.name, m.person_id LIMIT 1`,
    );
    api = await startApi({ databaseUrl: DATABASE_URL, port: 3220, redisUrl: REDIS_URL, redisPrefix: 'faults' });
    const token = await login(api.url, BENCH_USERS.secretariat, BENCH_PASSWORD);

    await postgresOutage(pg, api, token, target.body_id, target.person_id);
    await pool.end();
    pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
    await redisOutage(redis, pool, api, token, target.body_id, target.person_id);
    await workerKilled(pool);
  } catch (error) {
    check('fault run completed', false, error instanceof Error ? error.message : String(error));
  } finally {
    await api?.stop();
    await pool?.end().catch(() => undefined);
    await redis.stop();
    pg.destroy();
  }
  const passed = results.every((r) => r.ok);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = join(ROOT, 'bench', 'results', 'faults.md');
  if (!existsSync(file)) appendFileSync(file, '# Fault runs (npm run test:faults)\n\nSee bench/README.md.\n\n');
  appendFileSync(
    file,
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${passed ? 'PASS' : 'FAIL'} ` +
      `(${Math.round((Date.now() - started) / 1000)} s)\n\n` +
      results.map((r) => `- ${r.ok ? 'PASS' : 'FAIL'} ${r.check}: ${r.detail}`).join('\n') +
      '\n\n',
  );
  console.log(`[faults] ${passed ? 'all checks passed' : 'some checks failed'}; summary in bench/results/faults.md`);
  process.exit(passed ? 0 : 1);
}

main();
