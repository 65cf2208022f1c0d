import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, PeriodicTaskRegistry, ReminderHandlerRegistry } from '@coord/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { DataProtectionJobs } from './data-protection.service';
import { NoReminderHandlerError, ReminderDeliveryService } from './reminder-delivery.service';
import {
  bullConnection,
  QueueName,
  REMINDER_JOB_ATTEMPTS,
  ReminderJobData,
  ReminderJobName,
} from './reminders.constants';
import { WeeklyDigest } from './weekly-digest.service';

type JobHandlers = { [N in ReminderJobName]: (job: Job<ReminderJobData[N]>) => Promise<unknown> };

/**
 * The BullMQ worker of the reminders queue (worker process only). Every job name has a handler, checked at
 * start-up: the worker refuses to start otherwise. A job that fails its last attempt stays in Redis's failed
 * list (see KEEP_FAILED_JOBS) and marks its intent FAILED. SIGTERM closes the worker after the job in hand.
 */
@Injectable()
export class ReminderJobsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReminderJobs');
  private worker?: Worker;
  private readonly handlers: JobHandlers;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReminderDeliveryService) private readonly delivery: ReminderDeliveryService,
    @Inject(WeeklyDigest) private readonly digest: WeeklyDigest,
    @Inject(ReminderHandlerRegistry) registry: ReminderHandlerRegistry,
    @Inject(DataProtectionJobs) private readonly dataProtection: DataProtectionJobs,
    @Inject(PeriodicTaskRegistry) private readonly tasks: PeriodicTaskRegistry,
  ) {
    registry.register(digest);
    this.handlers = {
      [ReminderJobName.DELIVER]: (job) => this.deliver(job),
      [ReminderJobName.WEEKLY_DIGEST]: () => this.digest.run(),
      [ReminderJobName.RETENTION]: () => this.dataProtection.runRetention(),
      [ReminderJobName.ERASURE_VACUUM]: () => this.dataProtection.runErasureVacuum(),
      [ReminderJobName.PERIODIC_TASK]: (job) => this.runTask(job.data.task),
    };
  }

  onApplicationBootstrap() {
    const missing = Object.values(ReminderJobName).filter((name) => typeof this.handlers[name] !== 'function');
    if (missing.length) throw new Error(`no handler for job(s) ${missing.join(', ')} of queue ${QueueName.REMINDERS}`);
    this.worker = new Worker(QueueName.REMINDERS, (job) => this.run(job), {
      connection: bullConnection(this.config.REDIS_URL, true),
      prefix: this.config.REDIS_PREFIX,
      concurrency: this.config.REMINDER_CONCURRENCY,
      lockDuration: this.config.WORKER_LOCK_MS,
      stalledInterval: this.config.WORKER_LOCK_MS,
      maxStalledCount: 1,
    });
    this.worker.on('failed', (job, error) => {
      if (job) void this.onFailed(job, error);
    });
    this.worker.on('error', (error) => this.logger.warn(`reminder worker: ${error.message}`));
  }

  async onApplicationShutdown() {
    await this.worker?.close();
  }

  private run(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as ReminderJobName] as ((job: Job) => Promise<unknown>) | undefined;
    if (!handler) throw new UnrecoverableError(`unknown job name ${job.name}`);
    return handler(job);
  }

  private runTask(name: string): Promise<unknown> {
    const task = this.tasks.get(name);
    // A scheduler left in Redis by a task no longer registered: retrying cannot help.
    if (!task) throw new UnrecoverableError(`no periodic task named ${name}`);
    return task.run();
  }

  private async deliver(job: Job<ReminderJobData[ReminderJobName.DELIVER]>) {
    try {
      return await this.delivery.deliver(job.data.intentId, job.data.version);
    } catch (error) {
      if (error instanceof NoReminderHandlerError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /** Records the error on the intent; after the last attempt (or an unrecoverable error) the intent is FAILED. */
  private async onFailed(job: Job, error: Error) {
    this.logger.warn(`job ${job.name} ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    if (job.name !== ReminderJobName.DELIVER) return;
    const final =
      error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? REMINDER_JOB_ATTEMPTS);
    const { intentId, version } = job.data as ReminderJobData[ReminderJobName.DELIVER];
    await this.dataSource
      .query(
        `UPDATE reminder_intents
         SET attempts = $3, last_error = $4,
             status = CASE WHEN $5 AND status IN ('PENDING', 'ENQUEUED') THEN 'FAILED' ELSE status END,
             processed_at = CASE WHEN $5 AND status IN ('PENDING', 'ENQUEUED') THEN now() ELSE processed_at END
         WHERE id = $1 AND version = $2`,
        [intentId, version, job.attemptsMade, error.message.slice(0, 1000), final],
      )
      .catch((e) => this.logger.warn(`could not record the failure of ${job.id}: ${e.message}`));
  }
}
