import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig, MailCalendarRegistry, Metrics, toLocale } from '@coord/core';
import { DataSource } from 'typeorm';
import { ReminderMailer } from './mailer.service';
import { notificationDigestMail } from './notification-digest-mail.texts';
import { MAIL_CHUNK_SIZE } from './reminders.constants';

/** One claimed mail: its delivery row, locked by the sending transaction, and what the mail says. */
interface ClaimedMail {
  id: string;
  intent_id: string;
  email: string | null;
  full_name: string;
  erased_at: Date | null;
  locale: string;
  title: string;
  body: string;
  link_path: string;
  person_id: string;
  kind: string;
  meeting_id: string | null;
}

/**
 * Step 2 of a reminder's delivery (ReminderDeliveryService) and the digests: claims unsent mails under row locks
 * (two workers never send the same one), sends them through the pooled transport and records which were sent.
 */
@Injectable()
export class ReminderMailSender {
  private readonly logger = new Logger('ReminderDelivery');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReminderMailer) private readonly mailer: ReminderMailer,
    @Inject(MailCalendarRegistry) private readonly calendar: MailCalendarRegistry,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Optional() @Inject(Metrics) private readonly metrics?: Metrics,
  ) {}

  /**
   * Sends the held mails whose digest time has come (hold_until), one mail per person with all of their held
   * notifications; returns how many digests went out. The outbox relay calls it each round. A few people per
   * transaction: their rows are claimed FOR UPDATE SKIP LOCKED (another worker never sends them too), the mails
   * sent, then the rows marked sent in the same transaction. A digest that cannot be sent is held a few minutes
   * more (attempts grow the wait) and the error kept.
   */
  async sendDueDigests(): Promise<number> {
    let digests = 0;
    const attempted: string[] = [];
    for (;;) {
      const sent = await this.dataSource.transaction(async (em) => {
        const rows: Array<{
          id: string;
          person_id: string;
          email: string | null;
          full_name: string;
          erased_at: Date | null;
          title: string;
          body: string;
          link_path: string;
          locale: string;
        }> = await em.query(
          `SELECT d.id, d.person_id, p.email, p.full_name, p.erased_at, n.title, n.body, n.link_path,
                  coalesce(u.locale, 'en') AS locale
           FROM reminder_deliveries d
           JOIN notifications n ON n.id = d.notification_id
           JOIN people p ON p.id = d.person_id
           LEFT JOIN users u ON u.person_id = p.id
           WHERE d.channel = 'EMAIL' AND d.sent_at IS NULL AND d.hold_until <= now()
             AND d.person_id IN (
               SELECT DISTINCT person_id FROM reminder_deliveries
               WHERE channel = 'EMAIL' AND sent_at IS NULL AND hold_until <= now()
                 AND NOT (person_id = ANY($1::uuid[]))
               LIMIT ${MAIL_CHUNK_SIZE})
           ORDER BY d.person_id, n.created_at, d.id
           FOR UPDATE OF d SKIP LOCKED`,
          [attempted],
        );
        if (rows.length === 0) return null;
        const perPerson = new Map<string, typeof rows>();
        for (const row of rows) perPerson.set(row.person_id, [...(perPerson.get(row.person_id) ?? []), row]);
        attempted.push(...perPerson.keys());
        const sentIds: string[] = [];
        const failedIds: string[] = [];
        let errorText = '';
        let mailed = 0;
        await Promise.all(
          [...perPerson.values()].map(async (held) => {
            const person = held[0];
            const ids = held.map((row) => row.id);
            if (!person.email || person.erased_at) return sentIds.push(...ids); // nobody to mail: dropped
            const text = notificationDigestMail(
              held.map((row) => ({
                title: row.title,
                body: row.body,
                link: new URL(row.link_path, this.config.PUBLIC_URL).toString(),
              })),
              toLocale(person.locale),
            );
            try {
              await this.mailer.send({
                to: person.email,
                recipientName: person.full_name,
                subject: text.subject,
                body: text.body,
                linkPath: '/notifications',
                locale: toLocale(person.locale),
              });
              sentIds.push(...ids);
              mailed++;
              this.metrics?.mails.inc({ kind: 'digest', outcome: 'sent' });
            } catch (error) {
              failedIds.push(...ids);
              this.metrics?.mails.inc({ kind: 'digest', outcome: 'failed' });
              errorText = error instanceof Error ? error.message : String(error);
              this.logger.warn(`digest for person ${person.person_id} not sent: ${errorText}`);
            }
          }),
        );
        await em.query(
          `WITH sent AS (
             UPDATE reminder_deliveries SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])
           )
           UPDATE reminder_deliveries SET attempts = attempts + 1, last_error = left($3, 1000),
                  hold_until = now() + least(attempts + 1, 60) * interval '1 minute'
           WHERE id = ANY($2::uuid[])`,
          [sentIds, failedIds, errorText],
        );
        return mailed;
      });
      if (sent === null) return digests;
      digests += sent;
    }
  }

  /**
   * Sends the unsent mails of the given intents; returns the first error per intent whose mails could not all
   * be sent (its job retries). Chunk by chunk (MAIL_CHUNK_SIZE), one transaction claims mails (FOR UPDATE SKIP
   * LOCKED: a mail another worker is sending right now is left to it), sends them concurrently through the pooled
   * transport, then records in one statement which were sent, which failed (attempts and error) and which lost
   * their address meanwhile (dropped). Each row stays locked from its claim until that record commits: no other
   * job can send it between. Chunks keep the at-least-once window small: a worker that dies after the SMTP server
   * accepted a chunk's mails and before its commit sends at most that chunk again.
   */
  async sendPendingMails(intentIds: string[]): Promise<Map<string, unknown>> {
    const attempted: string[] = [];
    const failures: Array<{ mail: ClaimedMail; error: unknown; message: string }> = [];
    for (;;) {
      const chunk = await this.sendMailChunk(intentIds, attempted);
      if (chunk === null) break;
      failures.push(...chunk);
    }
    const errors = new Map<string, unknown>();
    for (const { mail, error, message } of failures) {
      this.logger.warn(`mail for delivery ${mail.id} not sent: ${message}`);
      if (!errors.has(mail.intent_id)) errors.set(mail.intent_id, error);
    }
    return errors;
  }

  /** One chunk of sendPendingMails (mails not yet attempted in this call); null when none is left. */
  private sendMailChunk(
    intentIds: string[],
    attempted: string[],
  ): Promise<Array<{ mail: ClaimedMail; error: unknown; message: string }> | null> {
    return this.dataSource.transaction(async (em) => {
      const claimed: ClaimedMail[] = await em.query(
        `SELECT d.id, d.intent_id, p.email, p.full_name, p.erased_at, coalesce(u.locale, 'en') AS locale,
                n.title, n.body, n.link_path, d.person_id, n.kind, n.meeting_id
         FROM reminder_deliveries d
         JOIN notifications n ON n.id = d.notification_id
         JOIN people p ON p.id = d.person_id
         LEFT JOIN users u ON u.person_id = p.id
         WHERE d.intent_id = ANY($1::uuid[]) AND d.channel = 'EMAIL' AND d.sent_at IS NULL AND d.hold_until IS NULL
           AND NOT (d.id = ANY($2::uuid[]))
         ORDER BY d.id LIMIT ${MAIL_CHUNK_SIZE}
         FOR UPDATE OF d SKIP LOCKED`,
        [intentIds, attempted],
      );
      if (claimed.length === 0) return null;
      attempted.push(...claimed.map((mail) => mail.id));
      const addressed = claimed.filter((mail) => mail.email && !mail.erased_at);
      // Meeting invitations, changes and cancellations carry the meeting as an iTIP calendar entry.
      const calendars = await this.calendar.entries(
        addressed.map((mail) => ({
          key: mail.id,
          kind: mail.kind,
          meetingId: mail.meeting_id,
          personId: mail.person_id,
          email: mail.email!,
          name: mail.full_name,
          locale: toLocale(mail.locale),
        })),
        em,
      );
      const results = await Promise.allSettled(
        addressed.map((mail) =>
          this.mailer.send({
            to: mail.email!,
            recipientName: mail.full_name,
            subject: mail.title,
            body: mail.body,
            linkPath: mail.link_path,
            calendar: calendars.get(mail.id),
            locale: toLocale(mail.locale),
          }),
        ),
      );
      const sent: string[] = [];
      const failed: Array<{ mail: ClaimedMail; error: unknown; message: string }> = [];
      results.forEach((result, i) => {
        this.metrics?.mails.inc({ kind: 'reminder', outcome: result.status === 'fulfilled' ? 'sent' : 'failed' });
        if (result.status === 'fulfilled') sent.push(addressed[i].id);
        else {
          const error = result.reason;
          failed.push({ mail: addressed[i], error, message: error instanceof Error ? error.message : String(error) });
        }
      });
      const dropped = claimed.filter((mail) => !mail.email || mail.erased_at).map((mail) => mail.id);
      await em.query(
        `WITH sent AS (
           UPDATE reminder_deliveries SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])
         ), failed AS (
           UPDATE reminder_deliveries d SET attempts = d.attempts + 1, last_error = f.error
           FROM unnest($2::uuid[], $3::text[]) AS f(id, error) WHERE d.id = f.id
         )
         DELETE FROM reminder_deliveries WHERE id = ANY($4::uuid[])`,
        [sent, failed.map((f) => f.mail.id), failed.map((f) => f.message.slice(0, 1000)), dropped],
      );
      return failed;
    });
  }
}
