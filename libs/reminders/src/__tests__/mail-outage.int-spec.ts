import { ReminderHandlerRegistry } from '@coord/core';
import { eventually, MailSink, TestApp, TestWorker } from '@coord/testing';
import { randomUUID } from 'node:crypto';
import { createPerson, registerTestHandlers, scheduleReminder } from './fixtures/test-reminders';

/**
 * An SMTP outage longer than a reminder job's retries: the in-app notification is delivered at once, the job
 * gives up on the mail, and once the mail server is back the relay's sweep sends the mail, exactly once.
 */
describe('mail after an SMTP outage longer than the retries', () => {
  let t: TestApp;
  let worker: TestWorker;
  const mail = new MailSink();
  let port: number;

  beforeAll(async () => {
    await mail.start();
    port = mail.port;
    await mail.stop(); // the mail server is down from the start
    t = await TestApp.create({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      OUTBOX_POLL_MS: '100',
      REMINDER_RETRY_BACKOFF_MS: '20',
      REMINDER_REQUEUE_GRACE_MS: '500',
    });
    worker = await TestWorker.create(t.config);
    registerTestHandlers(worker.get(ReminderHandlerRegistry));
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await mail.stop();
  });

  it('sends the mail once the server is back, and only once', async () => {
    const personId = await createPerson(t.dataSource, 'Wanjiku Mwangi', 'wanjiku@example.org');
    const subjectId = randomUUID();
    const key = `test:${subjectId}:smtp-outage`;
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: { personIds: [personId], title: 'Sent after the outage' },
    });
    const emailDelivery = () =>
      t.dataSource.query(
        `SELECT d.sent_at, i.status FROM reminder_deliveries d JOIN reminder_intents i ON i.id = d.intent_id
         WHERE i.dedupe_key = $1 AND d.channel = 'EMAIL'`,
        [key],
      );
    // In-app at once; the mail stays unsent while its job exhausts its attempts.
    await eventually(async () => (await emailDelivery()).length === 1, 30000);
    const notifications = await t.dataSource.query(
      `SELECT n.id FROM notifications n JOIN reminder_intents i ON i.id = n.intent_id WHERE i.dedupe_key = $1`,
      [key],
    );
    expect(notifications).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await emailDelivery())[0].sent_at).toBeNull();

    await mail.start(port);
    await eventually(async () => (await emailDelivery())[0].sent_at !== null, 30000);
    await new Promise((r) => setTimeout(r, 1500)); // give a duplicate every chance
    expect(mail.mails.filter((m) => m.subject === 'Sent after the outage')).toHaveLength(1);
  });
});
