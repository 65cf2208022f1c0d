/**
 * Reminder delivery throughput of one worker process, and of BullMQ with an empty processor on the same Redis.
 *
 * Platform: N ACTION_ASSIGNED intents, due now, for open items owned by one person each (one recipient: one
 * in-app notification and one mail to a local SMTP sink), are inserted into the outbox in one statement; one
 * worker (apps/worker, as in production, OUTBOX_POLL_MS=200) relays them into BullMQ and delivers them. The
 * clock runs from the insert until every intent is DONE. Empty processor: N jobs added with addBulk to a queue
 * whose worker does nothing, at the same concurrency (REMINDER_CONCURRENCY: the environment's, else AppConfig's
 * default), until all are completed.
 * Both use their own Redis key prefix, removed afterwards. Pending intents left by the benchmark's mutations
 * are cancelled first, so that the worker delivers only the measured ones.
 */
import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { AppConfig } from '@coord/core';
import { MailSink } from '../libs/testing/src/mail-sink';
import { startWorker, waitFor } from './processes';

export interface ReminderResult {
  count: number;
  workerSeconds: number;
  workerPerSecond: number;
  emptySeconds: number;
  emptyPerSecond: number;
  /** empty-processor rate / worker rate */
  ratio: number;
  concurrency: number;
  deliveries: number;
  duplicateDeliveries: number;
  mailsReceived: number;
  /** The same worker when the recipients have no address: in-app notifications only, no SMTP. */
  inAppOnlySeconds: number;
  inAppOnlyPerSecond: number;
  workerNotes: string;
}

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Jobs at once, for the worker and the empty processor alike. */
const CONCURRENCY = Number(process.env.REMINDER_CONCURRENCY || new AppConfig().REMINDER_CONCURRENCY);

function redisConnection() {
  const url = new URL(REDIS_URL);
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
}

async function dropPrefix(prefix: string) {
  const client = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await client.del(...keys);
  } while (cursor !== '0');
  client.disconnect();
}

/**
 * Inserts `count` due ACTION_ASSIGNED intents for single-owner open items; returns their ids. `email`: owners
 * with an address (in-app notification and mail), without one (in-app only), or either.
 */
export async function insertDueIntents(
  pool: Pool,
  count: number,
  tag: string,
  email: 'with' | 'without' | 'any' = 'any',
): Promise<string[]> {
  const result = await pool.query<{ id: string }>(
    `INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key, payload)
     SELECT 'ACTION_ASSIGNED', 'ActionItem', a.id, now(), $2 || ':' || a.id,
       jsonb_build_object('ownerPersonId', a.owner_person_id, 'ownerOrganizationId', NULL)
     FROM action_items a JOIN people p ON p.id = a.owner_person_id
     WHERE a.status IN ('OPEN', 'IN_PROGRESS') AND a.owner_organization_id IS NULL
       AND ($3 = 'any' OR (p.email IS NOT NULL) = ($3 = 'with'))
     ORDER BY a.id LIMIT $1
     RETURNING id`,
    [count, `bench:${tag}`, email],
  );
  if (result.rows.length < count)
    throw new Error(`only ${result.rows.length} single-owner open items for ${count} intents`);
  return result.rows.map((r) => r.id);
}

/** One worker process delivering `count` fresh due intents: seconds from the insert until all are done. */
async function timeWorker(
  pool: Pool,
  databaseUrl: string,
  smtpUrl: string,
  count: number,
  email: 'with' | 'without',
  tag: string,
): Promise<{ seconds: number; ids: string[] }> {
  const prefix = `bench-rem-${tag}`;
  const worker = await startWorker({
    databaseUrl,
    port: 3299, // unused: the worker serves no HTTP
    redisPrefix: prefix,
    redisUrl: REDIS_URL,
    extra: { SMTP_URL: smtpUrl, OUTBOX_POLL_MS: '200', REMINDER_CONCURRENCY: String(CONCURRENCY) },
  });
  try {
    const started = Date.now();
    const ids = await insertDueIntents(pool, count, tag, email);
    await waitFor(
      async () => {
        const { rows } = await pool.query(
          `SELECT count(*)::int AS n FROM reminder_intents WHERE id = ANY($1) AND status IN ('DONE', 'FAILED')`,
          [ids],
        );
        return rows[0].n === count;
      },
      600_000,
      `${count} reminders to be delivered`,
    );
    if (email === 'with') {
      // A reminder is delivered once its mail is out too (mails are sent after the in-app commit).
      await waitFor(
        async () =>
          (
            await pool.query(
              `SELECT count(*)::int AS n FROM reminder_deliveries
               WHERE intent_id = ANY($1) AND channel = 'EMAIL' AND sent_at IS NULL`,
              [ids],
            )
          ).rows[0].n === 0,
        600_000,
        'their mails',
      );
    }
    return { seconds: (Date.now() - started) / 1000, ids };
  } finally {
    await worker.stop();
    await dropPrefix(prefix).catch(() => undefined);
  }
}

export async function measureReminders(options: {
  databaseUrl: string;
  count: number;
  log: (line: string) => void;
}): Promise<ReminderResult> {
  const { count, log } = options;
  const pool = new Pool({ connectionString: options.databaseUrl, max: 2 });
  const tag = randomBytes(4).toString('hex');
  const prefix = `bench-rem-${tag}`;
  const sink = new MailSink({ countOnly: true });
  const smtpUrl = await sink.start();
  try {
    await pool.query(
      `UPDATE reminder_intents SET status = 'CANCELLED', version = version + 1 WHERE status IN ('PENDING', 'ENQUEUED')`,
    );
    log(`reminders: one worker delivering ${count} due reminders (in-app and mail)`);
    const withMail = await timeWorker(pool, options.databaseUrl, smtpUrl, count, 'with', `${tag}-mail`);
    const workerSeconds = withMail.seconds;
    const ids = withMail.ids;
    log(`reminders: one worker delivering ${count} due reminders to people without an address (in-app only)`);
    const inApp = await timeWorker(pool, options.databaseUrl, smtpUrl, count, 'without', `${tag}-inapp`);
    const deliveries = await pool.query(
      `SELECT count(*)::int AS n, count(*) - count(DISTINCT (intent_id, person_id, channel)) AS dup
       FROM reminder_deliveries d WHERE d.intent_id = ANY($1)`,
      [ids],
    );
    const failed = await pool.query(
      `SELECT count(*)::int AS n FROM reminder_intents WHERE id = ANY($1) AND status = 'FAILED'`,
      [[...ids, ...inApp.ids]],
    );

    log(`reminders: BullMQ with an empty processor, ${count} jobs, concurrency ${CONCURRENCY}`);
    const emptyPrefix = `${prefix}-empty`;
    const queue = new Queue('empty', { connection: redisConnection(), prefix: emptyPrefix });
    let completed = 0;
    const emptyWorker = new Worker('empty', async (_job: Job) => undefined, {
      connection: redisConnection(),
      prefix: emptyPrefix,
      concurrency: CONCURRENCY,
    });
    emptyWorker.on('completed', () => completed++);
    const emptyStarted = Date.now();
    for (let i = 0; i < count; i += 500) {
      await queue.addBulk(
        Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
          name: 'deliver-reminder',
          data: { intentId: `${i + k}`, version: 1 },
          opts: { jobId: `${tag}-${i + k}`, removeOnComplete: { count: 5000 }, attempts: 5 },
        })),
      );
    }
    await waitFor(async () => completed >= count, 600_000, 'the empty processor');
    const emptySeconds = (Date.now() - emptyStarted) / 1000;
    await emptyWorker.close();
    await queue.close();
    await dropPrefix(emptyPrefix);

    const round = (n: number) => Math.round(n * 10) / 10;
    const workerPerSecond = round(count / workerSeconds);
    const emptyPerSecond = round(count / emptySeconds);
    return {
      count,
      workerSeconds: round(workerSeconds),
      workerPerSecond,
      emptySeconds: round(emptySeconds),
      emptyPerSecond,
      ratio: round(emptyPerSecond / workerPerSecond),
      concurrency: CONCURRENCY,
      deliveries: deliveries.rows[0].n,
      duplicateDeliveries: Number(deliveries.rows[0].dup),
      mailsReceived: sink.mails.length,
      inAppOnlySeconds: round(inApp.seconds),
      inAppOnlyPerSecond: round(count / inApp.seconds),
      workerNotes:
        `${deliveries.rows[0].n} deliveries (in-app + email), ${sink.mails.length} mails caught, ` +
        `${failed.rows[0].n} failed, concurrency ${CONCURRENCY}, OUTBOX_POLL_MS 200`,
    };
  } finally {
    await sink.stop();
    await pool.end();
  }
}
