import { PlatformRole } from '@coord/core';
import { ReminderDeliveryService } from '@coord/reminders';
import { eventually, MailSink, TestApp, TestWorker } from '@coord/testing';

/**
 * Issue 15: mail delivery preferences. IMMEDIATE mails each notification, DAILY_DIGEST holds the mails until the
 * next 07:00 of the user's main body and then sends them in one mail, NONE sends no mail; in-app notifications
 * arrive for all three. Through the real worker, PostgreSQL and an SMTP sink.
 */
describe('mail delivery preferences: immediate, digest, none', () => {
  let t: TestApp;
  let worker: TestWorker;
  const mail = new MailSink();

  beforeAll(async () => {
    const smtpUrl = await mail.start();
    t = await TestApp.create({ SMTP_URL: smtpUrl, OUTBOX_POLL_MS: '100', PUBLIC_URL: 'https://coord.example.org' });
    worker = await TestWorker.create(t.config);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await mail.stop();
  });

  async function personWithPreference(label: string, delivery: string, timezone?: string) {
    const [person] = await t.dataSource.query(`INSERT INTO people (full_name, email) VALUES ($1, $2) RETURNING id`, [
      `${label} Person`,
      `${label}@example.org`,
    ]);
    const user = await t.createUser({ email: `${label}@example.org`, personId: person.id, role: PlatformRole.USER });
    await t.dataSource.query(`UPDATE users SET email_delivery = $2 WHERE id = $1`, [user.id, delivery]);
    if (timezone) {
      const [org] = await t.dataSource.query(
        `INSERT INTO organizations (name, sector, level) VALUES ($1, 'CIVIL_SOCIETY', 'NATIONAL') RETURNING id`,
        [`${label} org`],
      );
      const [body] = await t.dataSource.query(
        `INSERT INTO coordination_bodies (name, kind, level, timezone) VALUES ($1, 'TECHNICAL_WORKING_GROUP', 'NATIONAL', $2)
         RETURNING id`,
        [`${label} body`, timezone],
      );
      await t.dataSource.query(
        `INSERT INTO memberships (body_id, person_id, organization_id, role, starts_on) VALUES ($1, $2, $3, 'MEMBER', '2020-01-01')`,
        [body.id, person.id, org.id],
      );
    }
    return person.id as string;
  }

  /** Two notifications for the person, as due DIGEST reminders (the simplest registered kind). */
  async function notify(personId: string, label: string) {
    for (const n of [1, 2]) {
      await t.dataSource.query(
        `INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key, payload)
         VALUES ('DIGEST', 'Person', $1, now(), $2, $3)`,
        [
          personId,
          `test:${label}:${n}`,
          JSON.stringify({ title: `${label} news ${n}`, body: `Item ${n} for ${label}` }),
        ],
      );
    }
  }
  const mailsTo = (label: string) => mail.mails.filter((m) => m.to.includes(`${label}@example.org`));
  const inApp = (personId: string) =>
    t.dataSource.query(`SELECT title FROM notifications WHERE person_id = $1 ORDER BY title`, [personId]);

  it('mails IMMEDIATE users each notification, holds DAILY_DIGEST mails for one digest, and mails NONE users nothing', async () => {
    const immediate = await personWithPreference('immediate', 'IMMEDIATE');
    const daily = await personWithPreference('daily', 'DAILY_DIGEST', 'Africa/Nairobi');
    const none = await personWithPreference('none', 'NONE');
    await notify(immediate, 'immediate');
    await notify(daily, 'daily');
    await notify(none, 'none');

    await eventually(() => mailsTo('immediate').length === 2);
    for (const personId of [immediate, daily, none]) {
      await eventually(async () => (await inApp(personId)).length === 2);
    }
    // Held until the next 07:00 in Nairobi (04:00 UTC), within the coming day.
    const held: Array<{ hold_until: Date; sent_at: Date | null }> = await t.dataSource.query(
      `SELECT hold_until, sent_at FROM reminder_deliveries WHERE person_id = $1 AND channel = 'EMAIL'`,
      [daily],
    );
    expect(held).toHaveLength(2);
    for (const row of held) {
      expect(row.sent_at).toBeNull();
      expect(new Date(row.hold_until).toISOString()).toMatch(/T04:00:00\.000Z$/);
      expect(new Date(row.hold_until).getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    }
    expect(
      await t.dataSource.query(`SELECT 1 FROM reminder_deliveries WHERE person_id = $1 AND channel = 'EMAIL'`, [none]),
    ).toHaveLength(0);
    expect(mailsTo('daily')).toHaveLength(0);

    // 07:00 comes: one mail with both notifications and their links.
    await t.dataSource.query(
      `UPDATE reminder_deliveries SET hold_until = now() - interval '1 second' WHERE person_id = $1`,
      [daily],
    );
    await eventually(() => mailsTo('daily').length === 1);
    const digest = mailsTo('daily')[0];
    expect(digest.subject).toBe('Your digest: 2 notifications');
    expect(digest.text).toContain('daily news 1');
    expect(digest.text).toContain('daily news 2');
    expect(digest.text).toContain('https://coord.example.org/notifications');
    await eventually(async () => {
      const unsent = await t.dataSource.query(
        `SELECT 1 FROM reminder_deliveries WHERE person_id = $1 AND channel = 'EMAIL' AND sent_at IS NULL`,
        [daily],
      );
      return unsent.length === 0;
    });
    // Another round sends nothing again.
    expect(await worker.get(ReminderDeliveryService).sendDueDigests()).toBe(0);
    expect(mailsTo('daily')).toHaveLength(1);
    expect(mailsTo('none')).toHaveLength(0);
  });

  it('holds daily digests until the next 07:00 local and weekly ones until the next Monday 07:00', async () => {
    const due = async (delivery: string, tz: string, at: string) => {
      const [row] = await t.dataSource.query(`SELECT mail_digest_due($1, $2, $3::timestamptz) AS due`, [
        delivery,
        tz,
        at,
      ]);
      return row.due ? new Date(row.due).toISOString() : null;
    };
    // 2026-12-01 is a Tuesday.
    expect(await due('DAILY_DIGEST', 'Africa/Nairobi', '2026-12-01T03:59:00Z')).toBe('2026-12-01T04:00:00.000Z');
    expect(await due('DAILY_DIGEST', 'Africa/Nairobi', '2026-12-01T04:00:00Z')).toBe('2026-12-02T04:00:00.000Z');
    expect(await due('DAILY_DIGEST', 'UTC', '2026-12-01T08:00:00Z')).toBe('2026-12-02T07:00:00.000Z');
    expect(await due('WEEKLY_DIGEST', 'UTC', '2026-12-01T08:00:00Z')).toBe('2026-12-07T07:00:00.000Z');
    expect(await due('WEEKLY_DIGEST', 'America/New_York', '2026-12-07T11:59:00Z')).toBe('2026-12-07T12:00:00.000Z');
    expect(await due('IMMEDIATE', 'UTC', '2026-12-01T08:00:00Z')).toBeNull();
  });
});
