import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Actor, AuthUser, DomainError, ErrorCode, msg, MutationService, notFound } from '@coord/core';
import { FailedJobView, ReminderQueueInspector } from './reminder-queue.service';
import { DeliverReminderJob, ReminderJobName } from './reminders.constants';

const unavailable = () =>
  new DomainError(ErrorCode.SERVICE_UNAVAILABLE, msg('error.reminders.remindersQueueRedisCannot'));

/** A stable UUID for a job that has no intent (periodic jobs), so that its retries share one audit trail. */
function jobUuid(jobId: string): string {
  const h = createHash('sha1').update(`reminder-job:${jobId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Admins' retry of a reminder job that failed its last attempt. */
@Injectable()
export class FailedJobsService {
  constructor(
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(ReminderQueueInspector) private readonly queue: ReminderQueueInspector,
  ) {}

  /**
   * Puts the job back in the queue with its attempts counted afresh; a delivery's intent becomes ENQUEUED again
   * (the worker skips a FAILED one). The intent, the audit event and the queue change together: when Redis
   * refuses the retry, the transaction rolls back.
   */
  async retry(actor: Actor<AuthUser>, id: string): Promise<FailedJobView> {
    const job = await this.queue.failedJob(id).catch(() => {
      throw unavailable();
    });
    if (!job) throw notFound('FailedReminderJob', id);
    const intent = job.name === ReminderJobName.DELIVER ? (job.data as DeliverReminderJob) : null;
    await this.mutations.run(actor, async (em) => {
      if (intent) {
        await em.query(
          `UPDATE reminder_intents SET status = 'ENQUEUED', processed_at = NULL, attempts = 0
           WHERE id = $1 AND version = $2 AND status = 'FAILED'`,
          [intent.intentId, intent.version],
        );
      }
      await this.mutations.audit(em, actor, {
        action: 'reminderJob.retry',
        entityType: intent ? 'ReminderIntent' : 'ReminderJob',
        entityId: intent ? intent.intentId : jobUuid(id),
        changes: {
          job: [null, id],
          name: [null, job.name],
          state: ['failed', 'waiting'],
          attemptsMade: [job.attemptsMade, 0],
        },
      });
      await this.queue.retryFailed(id).catch(() => {
        throw unavailable();
      });
    });
    return { ...job, attemptsMade: 0, failedAt: null };
  }
}
