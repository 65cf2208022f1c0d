import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@coord/core';
import { FailFastQueue } from './fail-fast-queue';

export interface ReminderQueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
}

export interface FailedJobView {
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: Date | null;
  data: unknown;
}

/**
 * View of the reminders queue for the API (/health, admins' failed-job list and its retry). The API never needs
 * Redis to change the record (mutations write the outbox), so this connection is created on first use, does
 * not queue commands while Redis is away, every call gives up after a short timeout, and a connection that
 * keeps failing is replaced (FailFastQueue).
 */
@Injectable()
export class ReminderQueueInspector implements OnApplicationShutdown {
  private readonly queue: FailFastQueue;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.queue = new FailFastQueue(config.REDIS_URL, config.REDIS_PREFIX, new Logger('ReminderQueueInspector'));
  }

  async counts(timeoutMs = 1000): Promise<ReminderQueueCounts> {
    const c = await this.queue.call('reading the reminders queue', timeoutMs, (queue) =>
      queue.getJobCounts('waiting', 'delayed', 'active', 'failed'),
    );
    return { waiting: c.waiting ?? 0, delayed: c.delayed ?? 0, active: c.active ?? 0, failed: c.failed ?? 0 };
  }

  async failedJobs(first: number, timeoutMs = 1500): Promise<FailedJobView[]> {
    const jobs = await this.queue.call('reading failed jobs', timeoutMs, (queue) => queue.getFailed(0, first - 1));
    return jobs
      .filter((job) => !!job)
      .map((job) => ({
        id: job.id ?? '',
        name: job.name,
        failedReason: job.failedReason ?? '',
        attemptsMade: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
        data: job.data,
      }));
  }

  /** A job of the failed list, or null when Redis has no failed job with that id. */
  async failedJob(id: string, timeoutMs = 1500): Promise<FailedJobView | null> {
    const job = await this.queue.call('reading a job', timeoutMs, async (queue) => {
      const found = await queue.getJob(id);
      return found && (await found.isFailed()) ? found : null;
    });
    if (!job) return null;
    return {
      id: job.id ?? '',
      name: job.name,
      failedReason: job.failedReason ?? '',
      attemptsMade: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
      data: job.data,
    };
  }

  /** Moves a failed job back to the waiting list with its attempts counted afresh. */
  async retryFailed(id: string, timeoutMs = 1500): Promise<void> {
    await this.queue.call('retrying a failed job', timeoutMs, async (queue) => {
      const job = await queue.getJob(id);
      if (!job) throw new Error(`job ${id} is gone`);
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    });
  }

  async onApplicationShutdown() {
    await this.queue.close();
  }
}
