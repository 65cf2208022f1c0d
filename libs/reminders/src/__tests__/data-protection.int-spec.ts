import { Person } from '@coord/registry';
import {
  DataProtectionJobs,
  ERASURE_VACUUM_SCHEDULER,
  periodicTaskScheduler,
  FailFastQueue,
  RETENTION_SCHEDULER,
  WEEKLY_DIGEST_SCHEDULER,
} from '@coord/reminders';
import { eventually, TestApp, TestWorker } from '@coord/testing';
import { Logger } from '@nestjs/common';

const DAY = 86400000;

describe('data protection jobs: retention deletes exactly what is past its age; vacuum after erasure', () => {
  let t: TestApp;
  let worker: TestWorker;
  let jobs: DataProtectionJobs;
  let personId: string;
  let userId: string;
  const now = new Date('2026-06-01T12:00:00Z');
  const ago = (days: number, extraMs = 0) => new Date(now.getTime() - days * DAY - extraMs);

  beforeAll(async () => {
    t = await TestApp.create({ OUTBOX_POLL_MS: '200', RETENTION_BATCH_SIZE: '2' });
    worker = await TestWorker.create(t.config, { RETENTION_BATCH_SIZE: '2' });
    jobs = worker.get(DataProtectionJobs);
    personId = (await t.dataSource.getRepository(Person).save({ fullName: 'Retention Person' })).id;
    userId = (await t.createUser({ personId })).id;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('schedules the daily retention job and the erasure vacuum next to the digest, failed jobs with an age limit', async () => {
    const queue = new FailFastQueue(t.config.REDIS_URL, t.config.REDIS_PREFIX, new Logger('test'));
    try {
      const schedulers = await eventually(async () => {
        const found = await queue.call('schedulers', 2000, (q) => q.getJobSchedulers());
        return found.length === 4 && found;
      });
      const byId = new Map(schedulers.map((s) => [s.key, s]));
      expect([...byId.keys()].sort()).toEqual(
        [
          ERASURE_VACUUM_SCHEDULER,
          RETENTION_SCHEDULER,
          WEEKLY_DIGEST_SCHEDULER,
          periodicTaskScheduler('meeting-series.extend'), // the meetings feature's periodic task
        ].sort(),
      );
      expect(byId.get(RETENTION_SCHEDULER)!.pattern).toBe('30 2 * * *');
      expect(Number(byId.get(ERASURE_VACUUM_SCHEDULER)!.every)).toBe(15 * 60 * 1000);
      const template = byId.get(RETENTION_SCHEDULER)!.template?.opts?.removeOnFail as { age?: number };
      expect(template.age).toBe(30 * 86400);
    } finally {
      await queue.close();
    }
  });

  it('deletes in batches exactly the rows past their retention and nothing else', async () => {
    const ds = t.dataSource;
    const intent = async (status: string, processedAt: Date | null) =>
      (
        await ds.query(
          `INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key, status, processed_at, created_at)
           VALUES ('MEETING_REMINDER', 'Meeting', gen_random_uuid(), $2, 'k:' || gen_random_uuid(), $1, $3, $2) RETURNING id`,
          [status, ago(400), processedAt],
        )
      )[0].id as string;
    const notification = async (createdAt: Date, readAt: Date | null, title: string) =>
      (
        await ds.query(
          `INSERT INTO notifications (person_id, kind, title, body, link_path, created_at, read_at)
           VALUES ($1, 'MEETING_REMINDER', $4, '', '/meetings', $2, $3) RETURNING id`,
          [personId, createdAt, readAt, title],
        )
      )[0].id as string;
    // Notifications: read ones live 180 days, unread 1 year.
    await notification(ago(181), ago(100), 'read-old');
    await notification(ago(181), ago(100), 'read-old-2');
    await notification(ago(181), ago(100), 'read-old-3');
    await notification(ago(179), ago(100), 'read-young');
    await notification(ago(366), null, 'unread-old');
    const keepUnread = await notification(ago(364), null, 'unread-young');
    // Intents: finished ones 90 days after they finished; pending ones always stay.
    await intent('DONE', ago(91));
    await intent('CANCELLED', ago(91));
    await intent('FAILED', ago(91));
    const youngDone = await intent('DONE', ago(89));
    const pending = await intent('PENDING', null);
    // Deliveries 90 days after sending.
    const deliveries = await ds.query(
      `INSERT INTO reminder_deliveries (intent_id, person_id, channel, notification_id, sent_at, created_at)
       VALUES ($1, $3, 'IN_APP', $4, $5, $5), ($2, $3, 'IN_APP', $4, $6, $6) RETURNING id`,
      [pending, youngDone, personId, keepUnread, ago(91), ago(89)],
    );
    // Tokens: 7 days after expiry or revocation.
    const token = (expires: Date, revoked: Date | null) =>
      ds.query(
        `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, revoked_at)
         VALUES (gen_random_uuid(), $1, gen_random_uuid(), 'h', $2, $3) RETURNING id`,
        [userId, expires, revoked],
      );
    await token(ago(8), null);
    await token(ago(-20), ago(8));
    const [keepToken] = await token(ago(6), null);
    const [keepLive] = await token(ago(-20), null);
    const feed = (revoked: Date | null) =>
      ds.query(
        `INSERT INTO calendar_feed_tokens (user_id, person_id, token_hash, revoked_at)
         VALUES ($1, $2, 'f:' || gen_random_uuid(), $3) RETURNING id`,
        [userId, personId, revoked],
      );
    await feed(ago(8));
    const [keepFeed] = await feed(ago(6));
    const [liveFeed] = await feed(null);
    // Invitation/reset links: 7 days after expiry or use; sent account mails 7 days after sending.
    const accountToken = (expires: Date, spent: Date | null) =>
      ds.query(
        `INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at, spent_at)
         VALUES ($1, 'INVITATION', 'a:' || gen_random_uuid(), $2, $3) RETURNING id`,
        [userId, expires, spent],
      );
    await accountToken(ago(8), null);
    await accountToken(ago(-5), ago(8));
    const [keepAccountToken] = await accountToken(ago(6), null);
    const [liveAccountToken] = await accountToken(ago(-5), null);
    const accountMail = (sent: Date | null) =>
      ds.query(
        `INSERT INTO account_mails (user_id, kind, sealed, sent_at) VALUES ($1, 'INVITATION', $2, $3) RETURNING id`,
        [userId, sent ? null : 'sealed', sent],
      );
    await accountMail(ago(8));
    const [keepMail] = await accountMail(ago(6));
    const [unsentMail] = await accountMail(null);

    const deleted = await jobs.runRetention(now);
    expect(deleted).toEqual({
      'read notifications': 3,
      'unread notifications': 1,
      'reminder deliveries': 1,
      'finished reminder intents': 3,
      'expired or revoked refresh tokens': 2,
      'spent or expired account tokens': 2,
      'sent account mails': 1,
      'revoked calendar feeds': 1,
      'failed queue jobs': 0,
    });
    expect((await ds.query(`SELECT title FROM notifications ORDER BY title`)).map((r: any) => r.title)).toEqual([
      'read-young',
      'unread-young',
    ]);
    expect((await ds.query(`SELECT id FROM reminder_intents ORDER BY id`)).map((r: any) => r.id).sort()).toEqual(
      [pending, youngDone].sort(),
    );
    expect((await ds.query(`SELECT id FROM reminder_deliveries`)).map((r: any) => r.id)).toEqual([deliveries[1].id]);
    expect(
      (await ds.query(`SELECT id FROM refresh_tokens WHERE user_id = $1`, [userId])).map((r: any) => r.id).sort(),
    ).toEqual([keepToken.id, keepLive.id].sort());
    expect((await ds.query(`SELECT id FROM calendar_feed_tokens`)).map((r: any) => r.id).sort()).toEqual(
      [keepFeed.id, liveFeed.id].sort(),
    );
    expect((await ds.query(`SELECT id FROM account_tokens`)).map((r: any) => r.id).sort()).toEqual(
      [keepAccountToken.id, liveAccountToken.id].sort(),
    );
    expect((await ds.query(`SELECT id FROM account_mails`)).map((r: any) => r.id).sort()).toEqual(
      [keepMail.id, unsentMail.id].sort(),
    );
    // A second run finds nothing more.
    expect(Object.values(await jobs.runRetention(now)).every((n) => n === 0)).toBe(true);
  });

  it('removes failed queue jobs older than RETENTION_FAILED_JOBS_DAYS from Redis, and no younger one', async () => {
    const queue = new FailFastQueue(t.config.REDIS_URL, t.config.REDIS_PREFIX, new Logger('test'));
    try {
      // A job no handler knows fails at once (UnrecoverableError) and stays in the failed list.
      await queue.call('add', 2000, (q) => q.add('no-such-job', {}, { attempts: 1 }));
      await eventually(async () => (await queue.call('count', 2000, (q) => q.getFailedCount())) === 1);
      expect((await jobs.runRetention(new Date(Date.now() + 29 * DAY)))['failed queue jobs']).toBe(0);
      expect(await queue.call('count', 2000, (q) => q.getFailedCount())).toBe(1);
      expect((await jobs.runRetention(new Date(Date.now() + 31 * DAY)))['failed queue jobs']).toBe(1);
      expect(await queue.call('count', 2000, (q) => q.getFailedCount())).toBe(0);
    } finally {
      await queue.close();
    }
  });

  it('vacuums the tables an erasure queued and forgets them, so dead versions leave the tables', async () => {
    await t.dataSource.query(`INSERT INTO pending_vacuums (table_name) VALUES ('people'), ('minutes')`);
    const before = await t.dataSource.query(`SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'people'`);
    expect((await jobs.runErasureVacuum()).sort()).toEqual(['minutes', 'people']);
    expect(await t.dataSource.query(`SELECT * FROM pending_vacuums`)).toEqual([]);
    await eventually(async () => {
      const after = await t.dataSource.query(`SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'people'`);
      return Number(after[0].vacuum_count) > Number(before[0].vacuum_count);
    }, 5000);
  });
});
