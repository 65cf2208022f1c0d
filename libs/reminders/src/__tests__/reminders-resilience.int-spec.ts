import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eventually, expectError, MailSink, TestApp, WorkerProcess, workerEnv } from '@coord/testing';
import { createPerson, scheduleReminder, SLOW_KIND } from './fixtures/test-reminders';

/**
 * Faults: Redis down while reminders are written, a worker killed in the middle of a job, two workers at once.
 * These tests run their own redis-server on a free port (never the shared one) and the worker as child processes
 * (libs/reminders/src/__tests__/fixtures/test-worker.main.ts: the worker's main plus the test handlers).
 */
const WORKER_ENTRY = 'libs/reminders/src/__tests__/fixtures/test-worker.main.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

class PrivateRedis {
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  start() {
    execFileSync('redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'yes',
    ]);
  }
  async waitUp() {
    await eventually(() => {
      try {
        return execFileSync('redis-cli', ['-p', String(this.port), 'ping'])
          .toString()
          .includes('PONG');
      } catch {
        return false;
      }
    });
  }
  stop() {
    try {
      execFileSync('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave'], { stdio: 'ignore' });
    } catch {
      /* already down */
    }
  }
}

// Child processes compile the worker at start: on a loaded 2-core machine that alone can take many seconds.
jest.setTimeout(180000);

describe('reminders under faults: Redis outage, killed worker, two workers', () => {
  let t: TestApp;
  let redis: PrivateRedis;
  const mail = new MailSink();
  const workers: WorkerProcess[] = [];
  let personId: string;
  const holdDir = mkdtempSync(path.join(os.tmpdir(), 'coord-reminders-'));

  const startWorker = async () => {
    const w = WorkerProcess.start(WORKER_ENTRY, workerEnv(t.config));
    workers.push(w);
    await w.waitFor('WORKER READY', 60000);
    return w;
  };
  const deliveries = (dedupeKey: string) =>
    t.dataSource.query(
      `SELECT d.channel, d.sent_at FROM reminder_deliveries d JOIN reminder_intents i ON i.id = d.intent_id
       WHERE i.dedupe_key = $1`,
      [dedupeKey],
    );
  const notificationsFor = async (dedupeKey: string) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*) AS c FROM notifications n JOIN reminder_intents i ON i.id = n.intent_id
           WHERE i.dedupe_key = $1`,
          [dedupeKey],
        )
      )[0].c,
    );

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    redis.start();
    await redis.waitUp();
    const smtpUrl = await mail.start();
    t = await TestApp.create({
      REDIS_URL: redis.url,
      SMTP_URL: smtpUrl,
      OUTBOX_POLL_MS: '200',
      REMINDER_RETRY_BACKOFF_MS: '100',
      REMINDER_REQUEUE_GRACE_MS: '1000',
      WORKER_LOCK_MS: '1000',
      HEALTH_TOKEN: 'resilience-monitor-token',
    });
    personId = await createPerson(t.dataSource, 'Wanjiku Kamau', 'wanjiku@example.org');
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await t?.close();
    await mail.stop();
    redis?.stop();
  });

  it('delivers exactly once after Redis comes back when it was down during the change', async () => {
    await startWorker();
    // Signed in before the outage: sign-in itself is refused while its rate-limit store (Redis) cannot count.
    const admin = await t.signIn();
    redis.stop();
    const subjectId = randomUUID();
    const key = `test:${subjectId}:outage`;
    // The change commits although Redis is down: the intent is in PostgreSQL.
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 500,
      dedupeKey: key,
      payload: { personIds: [personId], title: 'Written during the outage' },
    });
    // /health still answers, and says what is down.
    const started = Date.now();
    const health = await t.http.get('/health').set('x-health-token', 'resilience-monitor-token');
    expect(Date.now() - started).toBeLessThan(6000);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ redis: 'down', reminders: { queue: 'unavailable' } });
    // The intent is in PostgreSQL: still PENDING, or already claimed by the relay (polling every 200 ms) whose
    // enqueue waits for Redis; either way it is kept until delivered (checked below).
    expect(health.body.reminders.outboxPending).toBeLessThanOrEqual(1);
    const [kept] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM reminder_intents WHERE dedupe_key = $1 AND status IN ('PENDING', 'ENQUEUED')`,
      [key],
    );
    expect(kept.n).toBe(1);
    expectError(
      await t.gql(`{ failedReminderJobs { id } }`, {}, admin.token),
      'SERVICE_UNAVAILABLE',
      'cannot be reached right now',
    );
    // The relay keeps trying (and giving the intent back to PENDING) while Redis is away.
    await eventually(
      async () =>
        (await t.dataSource.query(`SELECT status FROM reminder_intents WHERE dedupe_key = $1`, [key]))[0].status ===
        'PENDING',
    );
    await new Promise((r) => setTimeout(r, 1000)); // due time passes while Redis is still down
    expect(await notificationsFor(key)).toBe(0);

    redis.start();
    await redis.waitUp();
    await eventually(async () => (await deliveries(key)).filter((d: any) => d.sent_at).length === 2, 60000);
    expect(await notificationsFor(key)).toBe(1);
    expect(mail.mails.filter((m) => m.subject === 'Written during the outage')).toHaveLength(1);
  });

  it('re-enqueues reminders whose jobs Redis lost in a restart, and delivers them once', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:lost`;
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 1500,
      dedupeKey: key,
      payload: { personIds: [personId], title: 'Lost with Redis' },
    });
    await eventually(
      async () =>
        (await t.dataSource.query(`SELECT status FROM reminder_intents WHERE dedupe_key = $1`, [key]))[0].status ===
        'ENQUEUED',
    );
    // Restart without persistence: the delayed job is gone, the intent still says ENQUEUED.
    redis.stop();
    redis.start();
    await redis.waitUp();
    await eventually(async () => (await deliveries(key)).filter((d: any) => d.sent_at).length === 2, 60000);
    expect(await notificationsFor(key)).toBe(1);
    expect(mail.mails.filter((m) => m.subject === 'Lost with Redis')).toHaveLength(1);
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
  });

  it('delivers exactly once after a worker is killed in the middle of a job', async () => {
    const first = await startWorker();
    const subjectId = randomUUID();
    const key = `test:${subjectId}:killed`;
    await scheduleReminder(t.dataSource, {
      kind: SLOW_KIND,
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: { personIds: [personId], title: 'Survived a crash', holdFile: path.join(holdDir, subjectId) },
    });
    await first.waitFor('HOLDING', 60000);
    await first.kill('SIGKILL');
    expect(await notificationsFor(key)).toBe(0);

    await startWorker();
    await eventually(async () => (await deliveries(key)).filter((d: any) => d.sent_at).length === 2, 60000);
    expect(await notificationsFor(key)).toBe(1);
    expect(mail.mails.filter((m) => m.subject === 'Survived a crash')).toHaveLength(1);
  });

  it('delivers each reminder once with two workers running at once', async () => {
    if (workers.filter((w) => w.child.exitCode === null).length < 1) await startWorker();
    await startWorker();
    const keys: string[] = [];
    for (let i = 0; i < 20; i++) {
      const subjectId = randomUUID();
      keys.push(`test:${subjectId}:pair`);
      await scheduleReminder(t.dataSource, {
        subjectId,
        dueInMs: 1000,
        dedupeKey: keys[i],
        payload: { personIds: [personId], title: `Pair ${i}` },
      });
    }
    await eventually(
      async () =>
        Number(
          (
            await t.dataSource.query(
              `SELECT count(*) AS c FROM reminder_deliveries d JOIN reminder_intents i ON i.id = d.intent_id
               WHERE i.dedupe_key = ANY($1) AND d.sent_at IS NOT NULL`,
              [keys],
            )
          )[0].c,
        ) === 40,
      60000,
    );
    // Give a duplicate every chance to show up before counting.
    await new Promise((r) => setTimeout(r, 500));
    for (const key of keys) expect(await notificationsFor(key)).toBe(1);
    for (let i = 0; i < 20; i++) expect(mail.mails.filter((m) => m.subject === `Pair ${i}`)).toHaveLength(1);
  });
});
