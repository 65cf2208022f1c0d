import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  DueReminder,
  loadContentValues,
  Locale,
  MailCalendarRegistry,
  ReminderHandler,
  ReminderHandlerRegistry,
  ReminderMessage,
  renderText,
  toLocale,
} from '@coord/core';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Metrics } from '@coord/core';
import { ReminderMailer } from './mailer.service';
import { notificationDigestMail } from './notification-digest-mail.texts';
import { DELIVERY_BATCH_SIZE, DELIVERY_BATCHES_IN_FLIGHT, MAIL_CHUNK_SIZE } from './reminders.constants';

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'outdated';

/** The intent's kind has no registered handler: retrying cannot help (the intent is marked FAILED). */
export class NoReminderHandlerError extends Error {
  constructor(kind: string) {
    super(`no reminder handler for kind ${kind}`);
    this.name = 'NoReminderHandlerError';
  }
}

/** One job's call to deliver(), waiting for a batch. */
interface DeliveryRequest {
  intentId: string;
  version: number;
  resolve: (outcome: DeliveryOutcome) => void;
  reject: (error: unknown) => void;
}

/** Step 1 for one request: its outcome and whether the intent has mails to send, or why it failed. */
type RecordResult = { outcome: DeliveryOutcome; mails: boolean } | { error: unknown };

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
 * Delivers due reminder intents, each exactly once whatever the number of times its job runs:
 * 1. one transaction: lock the intent, re-check it is still this version and not cancelled, ask the feature's
 *    handler for the messages (from the subject's state now), then one statement inserts the notifications and
 *    the in-app and mail deliveries under the unique key (intent, person, channel) and marks the intent DONE;
 * 2. then, only if the intent has unsent mails, one transaction claims them under row locks (two workers never
 *    send the same one), sends them at once through the pooled transport and records which were sent.
 * A job that dies between 1 and 2 is retried: step 1 sees DONE and step 2 sends what is left.
 *
 * Group delivery: the jobs the worker runs at once (REMINDER_CONCURRENCY) hand their intent to deliver(), which
 * queues it; up to DELIVERY_BATCHES_IN_FLIGHT batches run at a time, each taking what has queued meanwhile (at
 * most DELIVERY_BATCH_SIZE), so that several intents share step 1's transaction and step 2's, instead of paying
 * for BEGIN, lock, insert and COMMIT each (round trips are what a delivery costs: bench/README.md). No timer: a
 * lone job starts its batch at once. Each job still gets its own outcome or error:
 * - the batch locks its intents with SKIP LOCKED (it never waits for a lock while holding others, so it cannot
 *   deadlock with a mutation rescheduling intents); an intent locked elsewhere is delivered on its own;
 * - if step 1 fails for the batch (a handler throws, a constraint fails), nothing of it was committed and each
 *   intent is delivered again on its own, so that only the faulty one fails (and its job retries);
 * - a mail that cannot be sent fails the job of its intent only.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger('ReminderDelivery');
  private queued: DeliveryRequest[] = [];
  private batchesRunning = 0;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReminderHandlerRegistry) private readonly handlers: ReminderHandlerRegistry,
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

  /** Delivers the intent (in a batch with others due at the same time); throws if it must be retried. */
  deliver(intentId: string, version: number): Promise<DeliveryOutcome> {
    return new Promise((resolve, reject) => {
      this.queued.push({ intentId, version, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches() {
    while (this.batchesRunning < DELIVERY_BATCHES_IN_FLIGHT && this.queued.length > 0) {
      const batch = this.takeBatch();
      this.batchesRunning++;
      void this.runBatch(batch).finally(() => {
        this.batchesRunning--;
        this.startBatches();
      });
    }
  }

  /** The oldest queued requests, one per intent (a second job for the same intent waits for the next batch). */
  private takeBatch(): DeliveryRequest[] {
    const batch: DeliveryRequest[] = [];
    const intents = new Set<string>();
    const rest: DeliveryRequest[] = [];
    for (const request of this.queued) {
      if (batch.length < DELIVERY_BATCH_SIZE && !intents.has(request.intentId)) {
        batch.push(request);
        intents.add(request.intentId);
      } else rest.push(request);
    }
    this.queued = rest;
    return batch;
  }

  private async runBatch(batch: DeliveryRequest[]): Promise<void> {
    try {
      const recorded = new Map<DeliveryRequest, RecordResult>();
      let alone = batch;
      if (batch.length > 1) {
        try {
          const together = await this.record(batch, true);
          for (const [request, result] of together) recorded.set(request, result);
          alone = batch.filter((request) => !together.has(request)); // locked elsewhere: wait for it on its own
        } catch {
          alone = batch; // rolled back as a whole: on their own, so that only the faulty intent fails
        }
      }
      for (const request of alone) {
        try {
          recorded.set(request, (await this.record([request], false)).get(request)!);
        } catch (error) {
          recorded.set(request, { error });
        }
      }

      const withMail = batch.filter((request) => {
        const result = recorded.get(request)!;
        return !('error' in result) && result.mails;
      });
      let mailErrors = new Map<string, unknown>();
      if (withMail.length > 0) {
        try {
          mailErrors = await this.sendPendingMails(withMail.map((request) => request.intentId));
        } catch (error) {
          for (const request of withMail) mailErrors.set(request.intentId, error);
        }
      }

      for (const request of batch) {
        const result = recorded.get(request)!;
        if ('error' in result) request.reject(result.error);
        else if (mailErrors.has(request.intentId)) request.reject(mailErrors.get(request.intentId));
        else request.resolve(result.outcome);
      }
    } catch (error) {
      for (const request of batch) request.reject(error); // a bug above: no job may wait forever
    }
  }

  /**
   * Step 1 for the given requests, in one transaction. `skipLocked`: intents another transaction holds are left
   * out of the result (the caller delivers them on its own); otherwise the lock is waited for.
   */
  private record(requests: DeliveryRequest[], skipLocked: boolean): Promise<Map<DeliveryRequest, RecordResult>> {
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
