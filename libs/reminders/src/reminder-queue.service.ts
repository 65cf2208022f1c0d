import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@coord/core';
import { Queue } from 'bullmq';
import { bullConnection, QueueName, withTimeout } from './reminders.constants';

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
 * Read-only view of the reminders queue for the API (/health, admins' failed-job list). The API never needs
 * Redis to change the record (mutations write the outbox), so this connection is created on first use, does
 * not queue commands while Redis is away, and every call gives up after a short timeout.
 */
@Injectable()
export class ReminderQueueInspector implements OnApplicationShutdown {
  private queue?: Queue;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  private get reminders(): Queue {
    if (!this.queue) {
      this.queue = new Queue(QueueName.REMINDERS, {
        connection: bullConnection(this.config.REDIS_URL, false),
        prefix: this.config.REDIS_PREFIX,
      });
      this.queue.on('error', () => undefined);
    }
    return this.queue;
  }

  async counts(timeoutMs = 1000): Promise<ReminderQueueCounts> {
    const c = await withTimeout(
      this.reminders.getJobCounts('waiting', 'delayed', 'active', 'failed'),
      timeoutMs,
      'reading the reminders queue',
    );
    return { waiting: c.waiting ?? 0, delayed: c.delayed ?? 0, active: c.active ?? 0, failed: c.failed ?? 0 };
  }

  async failedJobs(first: number, timeoutMs = 1500): Promise<FailedJobView[]> {
    const jobs = await withTimeout(this.reminders.getFailed(0, first - 1), timeoutMs, 'reading failed jobs');
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

  async onApplicationShutdown() {
    if (this.queue) await withTimeout(this.queue.close(), 2000, 'closing').catch(() => this.queue?.disconnect());
  }
}
