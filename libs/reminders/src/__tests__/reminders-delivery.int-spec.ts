import { OutboxService } from '@coord/core';
import { FailFastQueue, OutboxRelay } from '@coord/reminders';
import { eventually, MailSink, TestApp, TestWorker } from '@coord/testing';
import { randomUUID } from 'node:crypto';
import {
  deliveriesOf as deliveries,
  intentStatus as statusOf,
  NOTIFICATIONS,
  RemindersApp,
  startRemindersApp,
  stopRemindersApp,
} from './fixtures/reminders-app';
import { scheduleReminder } from './fixtures/test-reminders';

/** Reminders delivered in-app and by mail: on time, shortened, moved, cancelled, through a stuck queue. */
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

  it('delivers a reminder due in 2 s in-app and by mail (text and HTML with the link), not before', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:due`;
    const scheduledAt = Date.now();
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 2000,
      dedupeKey: key,
      payload: { personIds: [amina.personId, noEmailPersonId], title: 'Steering committee tomorrow' },
    });
    const mails = await eventually(() => mail.to('amina@example.org').length === 1 && mail.to('amina@example.org'));
    expect(Date.now() - scheduledAt).toBeGreaterThanOrEqual(1900);
    expect(mails[0].subject).toBe('Steering committee tomorrow');
    const link = `https://coord.example.org/meetings/${subjectId}`;
    expect(mails[0].text).toContain('Steering committee meets soon.');
    expect(mails[0].text).toContain(link);
    expect(mails[0].html).toContain(`href="${link}"`);
    expect(mails[0].from).toBe('no-reply@coord.example');

    const rows = await deliveriesOf(key);
    expect(rows.map((r: any) => r.person_id).sort()).toEqual([amina.personId, noEmailPersonId].sort());
    expect(await intentStatus(key)).toBe('DONE');
    expect(mail.mails).toHaveLength(1); // the person without an address gets the in-app copy only

    const res = await t.gql(NOTIFICATIONS, {}, amina.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.notifications.unreadCount).toBe(1);
    expect(res.data.notifications.edges[0].node).toMatchObject({
      kind: 'MEETING_REMINDER',
      title: 'Steering committee tomorrow',
      readAt: null,
    });
  });

  it('delivers a reminder whose title and text exceed what a notification holds, shortened, once', async () => {
    // e.g. "Commitment assigned: " before a 300-character item title, or a digest of many long lines.
    const subjectId = randomUUID();
    const key = `test:${subjectId}:long`;
    const title = `Commitment assigned: ${'Ш'.repeat(300)}`;
    const body = 'Overdue action items\n' + '- a long line of a weekly digest\n'.repeat(700);
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: { personIds: [amina.personId], title, body },
    });
    const rows = await eventually(async () => {
      const r = await deliveriesOf(key);
      return r.length > 0 && r;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toBe(title.slice(0, 300));
    expect(await intentStatus(key)).toBe('DONE');
    await eventually(() => mail.mails.filter((m) => m.subject === title.slice(0, 300)).length === 1);
  });

  it('delivers a moved reminder only at its new time, once', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:moved`;
    const payload = { personIds: [amina.personId], title: 'Moved reminder' };
    await scheduleReminder(t.dataSource, { subjectId, dueInMs: 1000, dedupeKey: key, payload });
    // Let the relay enqueue the first version, then move it.
    await eventually(async () => (await intentStatus(key)) === 'ENQUEUED');
    const movedAt = Date.now();
    await scheduleReminder(t.dataSource, { subjectId, dueInMs: 3000, dedupeKey: key, payload });
    const rows = await eventually(async () => {
      const r = await deliveriesOf(key);
      return r.length > 0 && r;
    });
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0].created_at).getTime() - movedAt).toBeGreaterThanOrEqual(2900);
    await eventually(() => mail.mails.filter((m) => m.subject === 'Moved reminder').length === 1);
  });

  it('delivers nothing for a cancelled reminder', async () => {
    const subjectId = randomUUID();
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 1000,
      dedupeKey: `test:${subjectId}:cancelled`,
      payload: { personIds: [amina.personId], title: 'Cancelled reminder' },
    });
    await eventually(async () => (await intentStatus(`test:${subjectId}:cancelled`)) === 'ENQUEUED');
    await t.dataSource.transaction((em) => t.app.get(OutboxService).cancel(em, 'TestSubject', subjectId));
    // A control reminder due after the cancelled one: once it has arrived, the cancelled one would have too.
    const control = randomUUID();
    await scheduleReminder(t.dataSource, {
      subjectId: control,
      dueInMs: 1500,
      dedupeKey: `test:${control}:control`,
      payload: { personIds: [amina.personId], title: 'Control reminder' },
    });
    await eventually(async () => (await deliveriesOf(`test:${control}:control`)).length === 1);
    expect(await deliveriesOf(`test:${subjectId}:cancelled`)).toHaveLength(0);
    expect(mail.mails.filter((m) => m.subject === 'Cancelled reminder')).toHaveLength(0);
    expect(await intentStatus(`test:${subjectId}:cancelled`)).toBe('CANCELLED');
  });

  it('replaces a relay queue whose Redis connection is stuck, and the reminder still goes out once', async () => {
    // A fail-fast connection cut while BullMQ initialises it fails every call for good, even with Redis back
    // ("Reached the max retries per request limit"): the relay must notice and connect afresh.
    const relay = worker.get(OutboxRelay) as unknown as { queue: FailFastQueue };
    const stuck = relay.queue.current;
    // The state BullMQ leaves such a queue in: its connection's initialisation rejected, so every call fails.
    const failed = Promise.reject(new Error('Reached the max retries per request limit (which is 1).'));
    failed.catch(() => undefined);
    (stuck.getBackend() as unknown as { connection: { initializing: Promise<unknown> } }).connection.initializing =
      failed;
    const subjectId = randomUUID();
    const key = `test:${subjectId}:stuck-queue`;
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: { personIds: [amina.personId], title: 'After a stuck connection' },
    });
    await eventually(() => mail.mails.some((m) => m.subject === 'After a stuck connection'), 30000);
    expect(relay.queue.current).not.toBe(stuck);
    await new Promise((r) => setTimeout(r, 500));
    expect(await deliveriesOf(key)).toHaveLength(1);
    expect(mail.mails.filter((m) => m.subject === 'After a stuck connection')).toHaveLength(1);
  });
});
