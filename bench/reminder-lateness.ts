/**
 * `node scripts/run.js bench/reminder-lateness.ts [--count 1000] [--mails 2000] [--no-throughput]`
 *
 * Reminder lateness and mail throughput of the worker (apps/worker as in production, OUTBOX_POLL_MS=200) against
 * the bench database (BENCH_DATABASE_URL), with a local SMTP sink in this process (counting mode).
 *
 * Lateness: `count` ACTION_ASSIGNED intents due in the same minute (the next whole minute at least 20 s ahead,
 * each at a random second of it) for owners with an address, written to the outbox before that minute: the
 * relay enqueues them as delayed jobs. Per reminder, in-app lateness is the time of the delivering transaction
 * (reminder_deliveries.sent_at of the IN_APP row, its now()) minus due_at; mail lateness is the moment the SMTP
 * sink accepted the mail minus due_at (mails are matched to intents by recipient, in due order). With one and
 * with two worker processes on the same Redis prefix.
 *
 * Mail throughput: `mails` intents due now, with an address; mails per second at the sink from the first to the
 * last mail, for one worker with the default SMTP pool (5 connections), one worker with 20 pooled connections
 * (SMTP_URL ?maxConnections=20), and two workers. Results: bench/results/reminders.{md,json}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { MailSink } from '../libs/testing/src/mail-sink';
import { numberFlag, readFlags } from './args';
import { BENCH_DATABASE_URL } from './fixtures';
import { percentile } from './load';
import { ROOT, ServiceProcess, startWorker, waitFor } from './processes';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = (line: string) => console.log(`[reminders] ${line}`);
const round = (n: number) => Math.round(n * 10) / 10;

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

/** `count` ACTION_ASSIGNED intents for open single-owner items whose owner has an address, due at `dueAt(i)`. */
async function insertIntents(pool: Pool, count: number, tag: string, dueAt: (i: number) => Date) {
  const dues = Array.from({ length: count }, (_, i) => dueAt(i));
  const { rows } = await pool.query<{ id: string; due_at: Date; email: string }>(
    `WITH items AS (
       SELECT a.id, a.owner_person_id, p.email, row_number() OVER (ORDER BY a.id) AS n
       FROM action_items a JOIN people p ON p.id = a.owner_person_id
       WHERE a.status IN ('OPEN', 'IN_PROGRESS') AND a.owner_organization_id IS NULL AND p.email IS NOT NULL
         AND p.erased_at IS NULL
       ORDER BY a.id LIMIT $1)
     INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key, payload)
     SELECT 'ACTION_ASSIGNED', 'ActionItem', i.id, d.due_at, $2 || ':' || i.id,
       jsonb_build_object('ownerPersonId', i.owner_person_id, 'ownerOrganizationId', NULL)
     FROM items i JOIN unnest($3::timestamptz[]) WITH ORDINALITY AS d(due_at, n) ON d.n = i.n
     RETURNING id, due_at, (SELECT email FROM people WHERE id = (payload ->> 'ownerPersonId')::uuid) AS email`,
    [count, `bench:${tag}`, dues],
  );
  if (rows.length < count) throw new Error(`only ${rows.length} single-owner open items for ${count} intents`);
  return rows;
}

interface Percentiles {
  n: number;
  p50: number;
  p99: number;
  max: number;
}
const summary = (ms: number[]): Percentiles => {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
};

async function startWorkers(n: number, prefix: string, smtpUrl: string): Promise<ServiceProcess[]> {
  const workers: ServiceProcess[] = [];
  for (let k = 0; k < n; k++) {
    workers.push(
      await startWorker({
        databaseUrl: BENCH_DATABASE_URL,
        port: 3289,
        redisPrefix: prefix,
        redisUrl: REDIS_URL,
        extra: { SMTP_URL: smtpUrl, OUTBOX_POLL_MS: '200' },
      }),
    );
  }
  return workers;
}

async function waitDelivered(pool: Pool, ids: string[], sink: MailSink, mailsBefore: number) {
  await waitFor(
    async () => {
      const { rows } = await pool.query(
        `SELECT count(*) FILTER (WHERE status IN ('DONE', 'FAILED'))::int AS done FROM reminder_intents
         WHERE id = ANY($1)`,
        [ids],
      );
      return rows[0].done === ids.length && sink.mails.length - mailsBefore >= ids.length;
    },
    600_000,
    `${ids.length} reminders and their mails`,
  );
}

export interface LatenessResult {
  workers: number;
  count: number;
  inApp: Percentiles;
  mail: Percentiles;
  failed: number;
}

async function lateness(pool: Pool, sink: MailSink, smtpUrl: string, count: number, workers: number) {
  const tag = randomBytes(4).toString('hex');
  const prefix = `bench-late-${tag}`;
  const procs = await startWorkers(workers, prefix, smtpUrl);
  try {
    const minute = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
    const intents = await insertIntents(pool, count, `late-${tag}`, () => new Date(minute + Math.random() * 60_000));
    log(`${workers} worker(s): ${count} reminders due in the minute from ${new Date(minute).toISOString()}`);
    const mailsBefore = sink.mails.length;
    const ids = intents.map((r) => r.id);
    await waitDelivered(pool, ids, sink, mailsBefore);
    const inApp = await pool.query<{ ms: number }>(
      `SELECT extract(epoch FROM d.sent_at - i.due_at) * 1000 AS ms
       FROM reminder_intents i JOIN reminder_deliveries d ON d.intent_id = i.id AND d.channel = 'IN_APP'
       WHERE i.id = ANY($1)`,
      [ids],
    );
    // Mails to a recipient are matched to that recipient's intents in due order.
    const dues = new Map<string, number[]>();
    for (const r of intents) dues.set(r.email, [...(dues.get(r.email) ?? []), new Date(r.due_at).getTime()]);
    for (const list of dues.values()) list.sort((a, b) => a - b);
    const arrivals = new Map<string, number[]>();
    for (const mail of sink.mails.slice(mailsBefore)) {
      for (const to of mail.to) arrivals.set(to, [...(arrivals.get(to) ?? []), mail.receivedAt.getTime()]);
    }
    const mailMs: number[] = [];
    for (const [email, list] of dues) {
      const got = (arrivals.get(email) ?? []).sort((a, b) => a - b);
      list.forEach((due, k) => got[k] !== undefined && mailMs.push(got[k] - due));
    }
    const failed = await pool.query(
      `SELECT count(*)::int AS n FROM reminder_intents WHERE id = ANY($1) AND status = 'FAILED'`,
      [ids],
    );
    const result: LatenessResult = {
      workers,
      count,
      inApp: summary(inApp.rows.map((r) => Number(r.ms))),
      mail: summary(mailMs),
      failed: failed.rows[0].n,
    };
    log(
      `  in-app p50 ${result.inApp.p50} p99 ${result.inApp.p99} ms; mail p50 ${result.mail.p50} p99 ${result.mail.p99} ms`,
    );
    return result;
  } finally {
    for (const w of procs) await w.stop();
    await dropPrefix(prefix).catch(() => undefined);
  }
}

export interface ThroughputResult {
  label: string;
  workers: number;
  smtpUrl: string;
  mails: number;
  seconds: number;
  mailsPerSecond: number;
  perWorker: number;
}

async function throughput(pool: Pool, sink: MailSink, smtpUrl: string, count: number, workers: number, label: string) {
  const tag = randomBytes(4).toString('hex');
  const prefix = `bench-mail-${tag}`;
  const procs = await startWorkers(workers, prefix, smtpUrl);
  try {
    const mailsBefore = sink.mails.length;
    const intents = await insertIntents(pool, count, `mail-${tag}`, () => new Date());
    await waitDelivered(
      pool,
      intents.map((r) => r.id),
      sink,
      mailsBefore,
    );
    const times = sink.mails.slice(mailsBefore).map((m) => m.receivedAt.getTime());
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const perSecond = round(times.length / Math.max(seconds, 0.001));
    const result = {
      label,
      workers,
      smtpUrl,
      mails: times.length,
      seconds: round(seconds),
      mailsPerSecond: perSecond,
      perWorker: round(perSecond / workers),
    };
    log(`  ${label}: ${result.mails} mails in ${result.seconds} s = ${perSecond}/s (${result.perWorker}/s per worker)`);
    return result;
  } finally {
    for (const w of procs) await w.stop();
    await dropPrefix(prefix).catch(() => undefined);
  }
}

async function main() {
  const values = readFlags(
    process.argv.slice(2),
    { count: { type: 'string' }, mails: { type: 'string' }, 'no-throughput': { type: 'boolean' } },
    'usage: node scripts/run.js bench/reminder-lateness.ts [--count 1000] [--mails 2000] [--no-throughput]',
  );
  const count = numberFlag(values, 'count', 1000);
  const mails = numberFlag(values, 'mails', 2000);
  const pool = new Pool({ connectionString: BENCH_DATABASE_URL, max: 2 });
  const sink = new MailSink({ countOnly: true });
  const smtpUrl = await sink.start();
  const startedAt = new Date().toISOString();
  const report: {
    startedAt: string;
    /** The machine's 1-minute load average (os.loadavg) at the start and at the end. */
    loadAverage: { start: number; end?: number };
    lateness: LatenessResult[];
    throughput: ThroughputResult[];
    notes: string[];
  } = { startedAt, loadAverage: { start: round(loadavg()[0]) }, lateness: [], throughput: [], notes: [] };
  try {
    await pool.query(
      `UPDATE reminder_intents SET status = 'CANCELLED', version = version + 1 WHERE status IN ('PENDING', 'ENQUEUED')`,
    );
    report.lateness.push(await lateness(pool, sink, smtpUrl, count, 1));
    report.lateness.push(await lateness(pool, sink, smtpUrl, count, 2));
    if (values['no-throughput'] !== true) {
      const wide = `${smtpUrl}${smtpUrl.includes('?') ? '&' : '?'}pool=true&maxConnections=20&maxMessages=1000`;
      const settings: Array<[string, number, string]> = [
        [smtpUrl, 1, 'one worker, SMTP pool of 5'],
        [wide, 1, 'one worker, SMTP pool of 20'],
        [smtpUrl, 2, 'two workers, SMTP pool of 5 each'],
      ];
      for (const [url, workers, label] of settings) {
        // A setting that times out is reported as such; the results so far are still written.
        try {
          report.throughput.push(await throughput(pool, sink, url, mails, workers, label));
        } catch (error) {
          report.notes.push(`${label}: ${(error as Error).message}`);
          log(`  ${label}: ${(error as Error).message}`);
          break;
        }
      }
    }
  } finally {
    await sink.stop();
    await pool.end();
  }
  report.loadAverage.end = round(loadavg()[0]);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'reminders.json'), JSON.stringify(report, null, 2) + '\n');
  const lines = [
    `# Reminder lateness and mail throughput (${startedAt})`,
    '',
    `1-minute load average of the machine: ${report.loadAverage.start} at the start, ${report.loadAverage.end} at the end.`,
    '',
    'Lateness: reminders due in the same minute (random second), from due time to the in-app delivery and to the',
    'SMTP sink. Targets with one worker: p99 <= 1 s in-app, <= 2 s mail.',
    '',
    '| Workers | Reminders | In-app p50 | In-app p99 | Mail p50 | Mail p99 | Failed |',
    '| ------: | --------: | ---------: | ---------: | -------: | -------: | -----: |',
    ...report.lateness.map(
      (r) =>
        `| ${r.workers} | ${r.count} | ${r.inApp.p50} ms | ${r.inApp.p99} ms | ${r.mail.p50} ms | ${r.mail.p99} ms | ${r.failed} |`,
    ),
    '',
    'Mail throughput (due at once, first to last mail at the sink). Target: 500 mails/s per worker.',
    '',
    '| Setting | Mails | Seconds | Mails/s | Per worker |',
    '| ------- | ----: | ------: | ------: | ---------: |',
    ...report.throughput.map(
      (t) => `| ${t.label} | ${t.mails} | ${t.seconds} | ${t.mailsPerSecond} | ${t.perWorker} |`,
    ),
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
  ];
  writeFileSync(join(dir, 'reminders.md'), lines.join('\n'));
  log('results written to bench/results/reminders.md and reminders.json');
  process.exit(0);
}

main().catch((error) => {
  console.error(`[reminders] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
