import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  DueReminder,
  loadContentValues,
  Locale,
  Metrics,
  ReminderHandler,
  ReminderHandlerRegistry,
  ReminderMessage,
  renderText,
  toLocale,
} from '@coord/core';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryRequest, NoReminderHandlerError, RecordResult } from './reminder-delivery.types';

interface IntentRow {
  id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  due_at: Date;
  payload: Record<string, unknown> | null;
  status: string;
  version: number;
}

/**
 * Step 1 of a reminder's delivery (ReminderDeliveryService): in one transaction, lock the intents, re-check each
 * is still this version and not cancelled, ask the features' handlers for the messages (from the subjects' state
 * now), then one statement inserts the notifications and the in-app and mail deliveries under the unique key
 * (intent, person, channel) and marks the intents DONE.
 */
@Injectable()
export class ReminderRecorder {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReminderHandlerRegistry) private readonly handlers: ReminderHandlerRegistry,
    @Optional() @Inject(Metrics) private readonly metrics?: Metrics,
  ) {}

  /**
   * Step 1 for the given requests, in one transaction. `skipLocked`: intents another transaction holds are left
   * out of the result (the caller delivers them on its own); otherwise the lock is waited for.
   */
  record(requests: DeliveryRequest[], skipLocked: boolean): Promise<Map<DeliveryRequest, RecordResult>> {
    return this.dataSource.transaction(async (em) => {
      const rows: IntentRow[] = await em.query(
        `SELECT id, kind, subject_type, subject_id, due_at, payload, status, version
         FROM reminder_intents WHERE id = ANY($1::uuid[]) FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
        [requests.map((request) => request.intentId)],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      const results = new Map<DeliveryRequest, RecordResult>();
      const due = new Map<ReminderHandler, Array<{ request: DeliveryRequest; intent: DueReminder }>>();
      for (const request of requests) {
        const row = byId.get(request.intentId);
        if (!row) {
          if (!skipLocked) results.set(request, { outcome: 'outdated', mails: false }); // deleted
        } else if (row.version !== request.version) results.set(request, { outcome: 'outdated', mails: false });
        // Done by an earlier run of this job, which may have died before sending its mails: step 2 looks for them.
        else if (row.status === 'DONE') results.set(request, { outcome: 'already-delivered', mails: true });
        else if (row.status !== 'PENDING' && row.status !== 'ENQUEUED') {
          results.set(request, { outcome: 'outdated', mails: false });
        } else {
          const handler = this.handlers.handlerFor(row.kind);
          if (!handler) {
            const error = new NoReminderHandlerError(row.kind);
            await em.query(
              `UPDATE reminder_intents SET status = 'FAILED', processed_at = now(), last_error = $2 WHERE id = $1`,
              [row.id, error.message],
            );
            results.set(request, { error });
            continue;
          }
          const intent: DueReminder = {
            id: row.id,
            kind: row.kind,
            subjectType: row.subject_type,
            subjectId: row.subject_id,
            dueAt: row.due_at,
            payload: row.payload ?? {},
          };
          const entries = due.get(handler) ?? [];
          if (!due.has(handler)) due.set(handler, entries);
          entries.push({ request, intent });
        }
      }
      // Each handler once for its intents of the batch where it can (a constant number of reads), else per intent.
      const messages: Array<ReminderMessage & { intentId: string }> = [];
      const delivered: DeliveryRequest[] = [];
      for (const [handler, entries] of due) {
        const byIntent = handler.messagesForMany
          ? await handler.messagesForMany(
              entries.map((entry) => entry.intent),
              em,
            )
          : new Map<string, ReminderMessage[]>();
        for (const { request, intent } of entries) {
          const produced = handler.messagesForMany
            ? (byIntent.get(intent.id) ?? [])
            : await handler.messagesFor(intent, em);
          for (const message of produced) messages.push({ ...message, intentId: intent.id });
          delivered.push(request);
        }
      }
      await this.inRecipientsLanguages(em, messages);
      if (delivered.length > 0) {
        const withMails = await this.recordAndClose(
          em,
          delivered.map((request) => request.intentId),
          messages,
        );
        const now = Date.now();
        for (const request of delivered) {
          results.set(request, { outcome: 'delivered', mails: withMails.has(request.intentId) });
          const due = byId.get(request.intentId)?.due_at;
          if (due) this.metrics?.reminderLateness.observe(Math.max(0, (now - new Date(due).getTime()) / 1000));
        }
      }
      return results;
    });
  }

  /**
   * Renders the messages that carry catalog texts in their recipient's locale (users.locale; English for a person
   * without a sign-in): one query for the batch. The notification (and so its mail) is stored in that language.
   */
  private async inRecipientsLanguages(em: EntityManager, messages: ReminderMessage[]): Promise<void> {
    const localized = messages.filter((message) => message.text);
    if (localized.length === 0) return;
    const rows: Array<{ person_id: string; locale: string }> = await em.query(
      `SELECT person_id, locale FROM users WHERE person_id = ANY($1::uuid[])`,
      [[...new Set(localized.map((message) => message.personId))]],
    );
    const locales = new Map<string, Locale>(rows.map((row) => [row.person_id, toLocale(row.locale)]));
    await loadContentValues(
      em,
      localized.flatMap((message) => [message.text!.title, ...message.text!.body].map((part) => part.values)),
    );
    for (const message of localized) {
      Object.assign(message, renderText(locales.get(message.personId) ?? 'en', message.text!));
    }
  }

  /**
   * In one statement, for the intents `intentIds` and their handlers' messages: an in-app notification and
   * delivery per intent and person (the first message wins if a handler names a person twice; people who already
   * had the intent's in-app copy are skipped, and erased people get nothing), a mail delivery for those of them
   * with an address (and whose user does not want NONE; the others have the in-app copy; a digest user's mail is
   * held until their next digest, hold_until), and the intents marked DONE. Returns the intents with mails now
   * waiting to be sent (new ones, or left by an earlier version of the intent).
   */
  private async recordAndClose(
    em: EntityManager,
    intentIds: string[],
    messages: Array<ReminderMessage & { intentId: string }>,
  ): Promise<Set<string>> {
    const col = <K extends keyof (ReminderMessage & { intentId: string })>(key: K) =>
      messages.map((m) => m[key] ?? null);
    // Shortened to what a notification holds (title 300, body 20,000 characters): a prefix before a 300-character
    // item title, or a long digest, would otherwise fail the CHECK on every retry and the reminder would be lost.
    // The data-modifying CTEs all see the rows as they were before the statement: the new in-app deliveries
    // reach the mail insert through `in_app`'s RETURNING, and the last SELECT finds only mails of earlier runs.
    const rows: Array<{ intent_id: string }> = await em.query(
      `WITH m AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[],
                              $9::uuid[])
           WITH ORDINALITY AS m(intent_id, person_id, kind, title, body, link_path, meeting_id, action_item_id, ord)
       ), fresh AS (
         SELECT DISTINCT ON (m.intent_id, m.person_id) m.*,
                p.email IS NOT NULL AND p.erased_at IS NULL AND coalesce(u.email_delivery, 'IMMEDIATE') <> 'NONE'
                  AS mailable,
                mail_digest_due(u.email_delivery, coalesce(home.timezone, 'UTC'), now()) AS hold_until
         FROM m JOIN people p ON p.id = m.person_id
         LEFT JOIN users u ON u.person_id = m.person_id
         -- The user's main body (earliest current membership) gives the digest's 07:00; UTC without one.
         LEFT JOIN LATERAL (
           SELECT b.timezone FROM memberships ms JOIN coordination_bodies b ON b.id = ms.body_id
           WHERE ms.person_id = m.person_id AND ms.starts_on <= current_date
             AND (ms.ends_on IS NULL OR ms.ends_on >= current_date)
           ORDER BY ms.starts_on, ms.id LIMIT 1
         ) home ON u.email_delivery IN ('DAILY_DIGEST', 'WEEKLY_DIGEST')
         WHERE p.erased_at IS NULL -- an erased person gets nothing, whatever a handler names
           AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d
                           WHERE d.intent_id = m.intent_id AND d.person_id = m.person_id AND d.channel = 'IN_APP')
         ORDER BY m.intent_id, m.person_id, m.ord
       ), n AS (
         INSERT INTO notifications (person_id, kind, title, body, link_path, meeting_id, action_item_id, intent_id)
         SELECT person_id, kind, left(title, 300), left(body, 20000), link_path, meeting_id, action_item_id, intent_id
         FROM fresh
         RETURNING id, person_id, intent_id
       ), in_app AS (
         INSERT INTO reminder_deliveries (intent_id, person_id, channel, notification_id, sent_at)
         SELECT intent_id, person_id, 'IN_APP', id, now() FROM n
         ON CONFLICT (intent_id, person_id, channel) DO NOTHING
         RETURNING intent_id, person_id, notification_id
       ), mail AS (
         INSERT INTO reminder_deliveries (intent_id, person_id, channel, notification_id, hold_until)
         SELECT a.intent_id, a.person_id, 'EMAIL', a.notification_id, f.hold_until
         FROM in_app a JOIN fresh f ON f.intent_id = a.intent_id AND f.person_id = a.person_id
         WHERE f.mailable
         ON CONFLICT (intent_id, person_id, channel) DO NOTHING
         RETURNING intent_id, hold_until
       ), done AS (
         UPDATE reminder_intents SET status = 'DONE', processed_at = now(), attempts = attempts + 1, last_error = NULL
         WHERE id = ANY($1::uuid[])
       )
       SELECT intent_id FROM mail WHERE hold_until IS NULL
       UNION
       SELECT intent_id FROM reminder_deliveries
       WHERE intent_id = ANY($1::uuid[]) AND channel = 'EMAIL' AND sent_at IS NULL AND hold_until IS NULL`,
      [
        intentIds,
        col('intentId'),
        col('personId'),
        col('kind'),
        col('title'),
        col('body'),
        col('linkPath'),
        col('meetingId'),
        col('actionItemId'),
      ],
    );
    return new Set(rows.map((row) => row.intent_id));
  }
}
