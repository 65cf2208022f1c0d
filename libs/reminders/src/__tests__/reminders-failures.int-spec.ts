import { ReminderDeliveryService } from '@coord/reminders';
import { eventually, expectError, MailSink, TestApp, TestWorker } from '@coord/testing';
import { randomUUID } from 'node:crypto';
import {
  deliveriesOf as deliveries,
  intentStatus as statusOf,
  RemindersApp,
  startRemindersApp,
  stopRemindersApp,
} from './fixtures/reminders-app';
import { FAILING_KIND, scheduleReminder } from './fixtures/test-reminders';

/** Reminders that fail: listed for admins, retried by an admin, alone in a batch, of a kind nobody handles. */
describe('reminders: delivery in-app and by mail, moving, cancelling, failures, notifications', () => {
  let t: TestApp;
  let worker: TestWorker;
  const mail = new MailSink();
  let amina: RemindersApp['amina'];
  let noEmailPersonId: string;

  const deliveriesOf = (dedupeKey: string) => deliveries(t, dedupeKey);
  const intentStatus = (dedupeKey: string) => statusOf(t, dedupeKey);

  beforeAll(async () => {
    ({ t, worker, amina, noEmailPersonId } = await startRemindersApp(mail));
  });
  afterAll(() => stopRemindersApp({ t, worker }, mail));

  it('lists a reminder whose handler keeps failing for admins once its retries are spent', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:failing`;
    await scheduleReminder(t.dataSource, {
      kind: FAILING_KIND,
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: { personIds: [amina.personId] },
    });
    await eventually(async () => (await intentStatus(key)) === 'FAILED', 20000);
    const [intent] = await t.dataSource.query(
      `SELECT id, attempts, last_error FROM reminder_intents WHERE dedupe_key = $1`,
      [key],
    );
    expect(intent.attempts).toBe(5);
    expect(intent.last_error).toContain('the subject cannot be read');

    const admin = await t.signIn();
    const query = `{ failedReminderJobs { id name failedReason attemptsMade failedAt data } }`;
    const res = await t.gql(query, {}, admin.token);
    expect(res.errors).toBeUndefined();
    const job = res.data.failedReminderJobs.find((j: any) => j.id.startsWith(intent.id));
    expect(job).toMatchObject({ name: 'deliver-reminder', attemptsMade: 5 });
    expect(job.failedReason).toContain('the subject cannot be read');
    expect(await deliveriesOf(key)).toHaveLength(0);

    expectError(await t.gql(query, {}, amina.token), 'FORBIDDEN');
    const health = await t.http.get('/health').set('authorization', `Bearer ${admin.token}`);
    expect(health.body.reminders.queue.failed).toBeGreaterThanOrEqual(1);
  });

  it('lets an admin retry a failed job once its cause is fixed: delivered, audited; others are refused', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:retried`;
    await scheduleReminder(t.dataSource, {
      kind: FAILING_KIND,
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: { personIds: [amina.personId], title: 'Retried after a fix' },
    });
    await eventually(async () => (await intentStatus(key)) === 'FAILED', 20000);
    const [intent] = await t.dataSource.query(`SELECT id FROM reminder_intents WHERE dedupe_key = $1`, [key]);
    const admin = await t.signIn();
    const failed = await t.gql(`{ failedReminderJobs { id } }`, {}, admin.token);
    const jobId = failed.data.failedReminderJobs.find((j: any) => j.id.startsWith(intent.id)).id;
    const RETRY = `mutation($id: ID!) { retryFailedReminderJob(id: $id) { id name attemptsMade } }`;

    expectError(await t.gql(RETRY, { id: jobId }, amina.token), 'FORBIDDEN');
    expectError(await t.gql(RETRY, { id: 'no-such-job' }, admin.token), 'NOT_FOUND');
    expect(await intentStatus(key)).toBe('FAILED');

    // The cause is fixed (here: the reminder's kind now has a working handler), then the admin retries.
    await t.dataSource.query(`UPDATE reminder_intents SET kind = 'TEST_REMINDER' WHERE id = $1`, [intent.id]);
    const res = await t.gql(RETRY, { id: jobId }, admin.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.retryFailedReminderJob).toMatchObject({ id: jobId, name: 'deliver-reminder', attemptsMade: 0 });
    await eventually(async () => (await intentStatus(key)) === 'DONE', 20000);
    expect(await deliveriesOf(key)).toHaveLength(1);
    await eventually(() => mail.mails.some((m) => m.subject === 'Retried after a fix'));
    const after = await t.gql(`{ failedReminderJobs { id } }`, {}, admin.token);
    expect(after.data.failedReminderJobs.map((j: any) => j.id)).not.toContain(jobId);
    const events = await t.dataSource.query(
      `SELECT actor_user_id, entity_type, changes FROM audit_events WHERE action = 'reminderJob.retry' AND entity_id = $1`,
      [intent.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_user_id: admin.id, entity_type: 'ReminderIntent' });
    expect(events[0].changes.job).toEqual([null, jobId]);
    // Retrying it again: no failed job has that id any more.
    expectError(await t.gql(RETRY, { id: jobId }, admin.token), 'NOT_FOUND');
  });

  it('delivers reminders that fall due together in one batch, each once; a failing one fails alone', async () => {
    // Called directly, as the worker's jobs do: the first calls start their batches at once, the others queue
    // meanwhile and go together into the next batch. Due in an hour, so that no job of the worker runs them now.
    const delivery = worker.get(ReminderDeliveryService);
    const keys: string[] = [];
    for (let i = 0; i < 20; i++) {
      const subjectId = randomUUID();
      keys.push(`test:${subjectId}:batch`);
      await scheduleReminder(t.dataSource, {
        kind: i === 12 ? FAILING_KIND : undefined,
        subjectId,
        dueInMs: 3_600_000,
        dedupeKey: keys[i],
        payload: { personIds: [amina.personId, noEmailPersonId], title: `Batch ${i}` },
      });
    }
    const intents: Array<{ id: string; version: number }> = [];
    for (const key of keys) {
      const [row] = await t.dataSource.query(`SELECT id, version FROM reminder_intents WHERE dedupe_key = $1`, [key]);
      intents.push(row);
    }
    const results = await Promise.allSettled(intents.map((i) => delivery.deliver(i.id, i.version)));
    results.forEach((result, i) => {
      if (i === 12)
        expect(result).toMatchObject({
          status: 'rejected',
          reason: { message: expect.stringContaining('the subject cannot be read') },
        });
      else expect(result).toEqual({ status: 'fulfilled', value: 'delivered' });
    });
    // Run again (a retried job): nothing new.
    const again = await Promise.all(intents.filter((_, i) => i !== 12).map((i) => delivery.deliver(i.id, i.version)));
    expect(new Set(again)).toEqual(new Set(['already-delivered']));
    for (let i = 0; i < 20; i++) {
      expect(await deliveriesOf(keys[i])).toHaveLength(i === 12 ? 0 : 2);
      expect(await intentStatus(keys[i])).toBe(i === 12 ? 'ENQUEUED' : 'DONE');
      expect(mail.mails.filter((m) => m.subject === `Batch ${i}`)).toHaveLength(i === 12 ? 0 : 1);
    }
  });

  it('fails a reminder of a kind nobody handles at once, without retries', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:unknown`;
    await scheduleReminder(t.dataSource, {
      kind: 'NOBODY_HANDLES_THIS',
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: {},
    });
    await eventually(async () => (await intentStatus(key)) === 'FAILED');
    const [intent] = await t.dataSource.query(`SELECT last_error FROM reminder_intents WHERE dedupe_key = $1`, [key]);
    expect(intent.last_error).toContain('no reminder handler for kind NOBODY_HANDLES_THIS');
  });
});
