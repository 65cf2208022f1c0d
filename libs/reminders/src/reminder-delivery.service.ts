import { Inject, Injectable } from '@nestjs/common';
import { ReminderMailSender } from './reminder-mail-sender';
import { ReminderRecorder } from './reminder-recorder';
import { DeliveryOutcome, DeliveryRequest, RecordResult } from './reminder-delivery.types';
import { DELIVERY_BATCH_SIZE, DELIVERY_BATCHES_IN_FLIGHT } from './reminders.constants';

export type { DeliveryOutcome } from './reminder-delivery.types';
export { NoReminderHandlerError } from './reminder-delivery.types';

/**
 * Delivers due reminder intents, each exactly once whatever the number of times its job runs (this file batches;
 * step 1 is ReminderRecorder, step 2 and the digests ReminderMailSender):
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
  private queued: DeliveryRequest[] = [];
  private batchesRunning = 0;

  constructor(
    @Inject(ReminderRecorder) private readonly recorder: ReminderRecorder,
    @Inject(ReminderMailSender) private readonly mails: ReminderMailSender,
  ) {}

  /** The digests whose time has come (ReminderMailSender.sendDueDigests). */
  sendDueDigests(): Promise<number> {
    return this.mails.sendDueDigests();
  }

  /** The unsent mails of the given intents (ReminderMailSender.sendPendingMails). */
  sendPendingMails(intentIds: string[]): Promise<Map<string, unknown>> {
    return this.mails.sendPendingMails(intentIds);
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
          const together = await this.recorder.record(batch, true);
          for (const [request, result] of together) recorded.set(request, result);
          alone = batch.filter((request) => !together.has(request)); // locked elsewhere: wait for it on its own
        } catch {
          alone = batch; // rolled back as a whole: on their own, so that only the faulty intent fails
        }
      }
      for (const request of alone) {
        try {
          recorded.set(request, (await this.recorder.record([request], false)).get(request)!);
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
          mailErrors = await this.mails.sendPendingMails(withMail.map((request) => request.intentId));
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
}
