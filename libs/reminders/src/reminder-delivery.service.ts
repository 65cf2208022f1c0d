import { Inject, Injectable, Logger } from '@nestjs/common';
import { DueReminder, ReminderHandlerRegistry, ReminderMessage } from '@coord/core';
import { DataSource, EntityManager } from 'typeorm';
import { ReminderMailer } from './mailer.service';

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'outdated';

/** The intent's kind has no registered handler: retrying cannot help (the intent is marked FAILED). */
export class NoReminderHandlerError extends Error {
  constructor(kind: string) {
    super(`no reminder handler for kind ${kind}`);
    this.name = 'NoReminderHandlerError';
  }
}

/**
 * Delivers one due reminder intent, exactly once whatever the number of times its job runs:
 * 1. one transaction: lock the intent, re-check it is still this version and not cancelled, ask the feature's
 *    handler for the messages (from the subject's state now), insert notifications and deliveries under the
 *    unique key (intent, person, channel), mark the intent DONE;
 * 2. then send the mails still unsent, each claimed under a row lock (two workers never send the same one).
 * A job that dies between 1 and 2 is retried: step 1 sees DONE and step 2 sends what is left.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger('ReminderDelivery');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReminderHandlerRegistry) private readonly handlers: ReminderHandlerRegistry,
    @Inject(ReminderMailer) private readonly mailer: ReminderMailer,
  ) {}

  async deliver(intentId: string, version: number): Promise<DeliveryOutcome> {
    const outcome = await this.dataSource.transaction(async (em): Promise<DeliveryOutcome | NoReminderHandlerError> => {
      const [row] = await em.query(
        `SELECT id, kind, subject_type, subject_id, due_at, payload, status, version
         FROM reminder_intents WHERE id = $1 FOR UPDATE`,
        [intentId],
      );
      if (!row || row.version !== version) return 'outdated';
      if (row.status === 'DONE') return 'already-delivered';
      if (row.status !== 'PENDING' && row.status !== 'ENQUEUED') return 'outdated';
      const handler = this.handlers.handlerFor(row.kind);
      if (!handler) {
        const error = new NoReminderHandlerError(row.kind);
        await em.query(
          `UPDATE reminder_intents SET status = 'FAILED', processed_at = now(), last_error = $2 WHERE id = $1`,
          [intentId, error.message],
        );
        return error;
      }
      const intent: DueReminder = {
        id: row.id,
        kind: row.kind,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        dueAt: row.due_at,
        payload: row.payload ?? {},
      };
      const messages = await handler.messagesFor(intent, em);
      await this.record(em, intentId, messages);
      await em.query(
        `UPDATE reminder_intents SET status = 'DONE', processed_at = now(), attempts = attempts + 1, last_error = NULL
         WHERE id = $1`,
        [intentId],
      );
      return 'delivered';
    });
    if (outcome instanceof NoReminderHandlerError) throw outcome;
    if (outcome === 'delivered' || outcome === 'already-delivered') await this.sendPendingMails(intentId);
    return outcome;
  }

  /** In-app notification per person (the first message wins if a handler names a person twice), then mail rows. */
  private async record(em: EntityManager, intentId: string, messages: ReminderMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const col = <K extends keyof ReminderMessage>(key: K) => messages.map((m) => m[key] ?? null);
    // Shortened to what a notification holds (title 300, body 20,000 characters): a prefix before a 300-character
    // item title, or a long digest, would otherwise fail the CHECK on every retry and the reminder would be lost.
    await em.query(
      `WITH m AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::uuid[])
           WITH ORDINALITY AS m(person_id, kind, title, body, link_path, meeting_id, action_item_id, ord)
       ), fresh AS (
         SELECT DISTINCT ON (m.person_id) m.* FROM m
         JOIN people p ON p.id = m.person_id
         WHERE NOT EXISTS (SELECT 1 FROM reminder_deliveries d
                           WHERE d.intent_id = $1 AND d.person_id = m.person_id AND d.channel = 'IN_APP')
         ORDER BY m.person_id, m.ord
       ), n AS (
         INSERT INTO notifications (person_id, kind, title, body, link_path, meeting_id, action_item_id, intent_id)
         SELECT person_id, kind, left(title, 300), left(body, 20000), link_path, meeting_id, action_item_id, $1
         FROM fresh
         RETURNING id, person_id
       )
       INSERT INTO reminder_deliveries (intent_id, person_id, channel, notification_id, sent_at)
       SELECT $1, person_id, 'IN_APP', id, now() FROM n
       ON CONFLICT (intent_id, person_id, channel) DO NOTHING`,
      [
        intentId,
        col('personId'),
        col('kind'),
        col('title'),
        col('body'),
        col('linkPath'),
        col('meetingId'),
        col('actionItemId'),
      ],
    );
    // Mail only to people with an address (and not erased); the others have the in-app copy.
    await em.query(
      `INSERT INTO reminder_deliveries (intent_id, person_id, channel, notification_id)
       SELECT d.intent_id, d.person_id, 'EMAIL', d.notification_id
       FROM reminder_deliveries d JOIN people p ON p.id = d.person_id
       WHERE d.intent_id = $1 AND d.channel = 'IN_APP' AND p.email IS NOT NULL AND p.erased_at IS NULL
       ON CONFLICT (intent_id, person_id, channel) DO NOTHING`,
      [intentId],
    );
  }

  /** Sends the intent's unsent mails; throws (so the job retries) if any could not be sent. */
  async sendPendingMails(intentId: string): Promise<void> {
    const pending: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM reminder_deliveries WHERE intent_id = $1 AND channel = 'EMAIL' AND sent_at IS NULL`,
      [intentId],
    );
    let failure: unknown;
    for (const { id } of pending) {
      try {
        await this.dataSource.transaction(async (em) => {
          const [row] = await em.query(
            `SELECT d.id, p.email, p.full_name, p.erased_at, n.title, n.body, n.link_path
             FROM reminder_deliveries d
             JOIN notifications n ON n.id = d.notification_id
             JOIN people p ON p.id = d.person_id
             WHERE d.id = $1 AND d.sent_at IS NULL
             FOR UPDATE OF d SKIP LOCKED`,
            [id],
          );
          if (!row) return; // sent already, or another worker is sending it right now
          if (!row.email || row.erased_at) {
            await em.query(`DELETE FROM reminder_deliveries WHERE id = $1`, [id]); // address removed since
            return;
          }
          await this.mailer.send({
            to: row.email,
            recipientName: row.full_name,
            subject: row.title,
            body: row.body,
            linkPath: row.link_path,
          });
          await em.query(`UPDATE reminder_deliveries SET sent_at = now(), attempts = attempts + 1 WHERE id = $1`, [id]);
        });
      } catch (error) {
        failure = error;
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn(`mail for delivery ${id} not sent: ${message}`);
        await this.dataSource.query(
          `UPDATE reminder_deliveries SET attempts = attempts + 1, last_error = $2 WHERE id = $1`,
          [id, message.slice(0, 1000)],
        );
      }
    }
    if (failure) throw failure;
  }
}
