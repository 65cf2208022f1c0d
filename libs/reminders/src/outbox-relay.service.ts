import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AccountTokensService, AppConfig, Clock, PeriodicTaskRegistry } from '@coord/core';
import { ReminderMailer } from './mailer.service';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { FailFastQueue } from './fail-fast-queue';
import {
  deliverJobId,
  periodicTaskScheduler,
  RELAY_BATCH_SIZE,
  reminderJobOptions,
  ReminderJobName,
  WEEKLY_DIGEST_SCHEDULER,
  RETENTION_SCHEDULER,
  ERASURE_VACUUM_SCHEDULER,
} from './reminders.constants';

interface ClaimedIntent {
  id: string;
  version: number;
  due_at: Date;
}

/** How long a Redis call of the relay may take before the relay gives up for this round. */
const REDIS_TIMEOUT_MS = 3000;
/** The sweep for lost jobs runs every this many polls. */
const SWEEP_EVERY_POLLS = 5;

/**
 * Runs in the worker: moves reminder intents from the PostgreSQL outbox into BullMQ delayed jobs.
 * - Claim: PENDING -> ENQUEUED with FOR UPDATE SKIP LOCKED (several workers claim disjoint batches), then add
 *   the jobs (id = intent id + version, so adding twice creates one job). If Redis refuses, the batch goes
 *   back to PENDING: an outage delays reminders, it never loses them.
 * - Sweep: an ENQUEUED intent still not done REMINDER_REQUEUE_GRACE_MS after its due time is looked up in
 *   Redis; a job lost with Redis (restart without persistence, flush) is added again, a job that failed its
 *   last attempt marks the intent FAILED.
 * - Makes sure the job schedulers exist: weekly digest, daily retention, erasure vacuum, and one per periodic
 *   task (core's PeriodicTaskRegistry).
 * - Sends the digest mails whose time has come (ReminderDeliveryService.sendDueDigests).
 * - Sends pending account mails (invitations, password resets) from their own outbox (AccountTokensService).
 * Redis calls go through a FailFastQueue: bounded by a timeout, and a connection that keeps failing after Redis
 * is back (cut while BullMQ initialised it) is replaced.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private queue?: FailFastQueue;
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;
  private polls = 0;
  private digestScheduled = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AccountTokensService) private readonly accountMails: AccountTokensService,
    @Inject(ReminderMailer) private readonly mailer: ReminderMailer,
    @Inject(ReminderDeliveryService) private readonly delivery: ReminderDeliveryService,
    @Inject(PeriodicTaskRegistry) private readonly tasks: PeriodicTaskRegistry,
  ) {}

  onApplicationBootstrap() {
    this.queue = new FailFastQueue(this.config.REDIS_URL, this.config.REDIS_PREFIX, this.logger);
    this.running = this.loop();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.queue!.close();
  }

  /** One Redis call of the relay, bounded by REDIS_TIMEOUT_MS (a queue that keeps failing is replaced). */
  private redis<T>(what: string, call: (queue: Queue) => Promise<T>): Promise<T> {
    return this.queue!.call(what, REDIS_TIMEOUT_MS, call);
  }

  private async loop() {
    while (!this.stopped) {
      try {
        await this.pollOnce();
      } catch (error) {
        this.logger.warn(`outbox relay round failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.config.OUTBOX_POLL_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** One round: digest scheduler, claim and enqueue what is pending, and now and then the sweep. */
  async pollOnce(): Promise<void> {
    const sweepRound = this.polls++ % SWEEP_EVERY_POLLS === 0;
    // Re-checked now and then: a Redis restart without persistence loses the scheduler too. Its failure must not
    // hold up the reminders.
    if (!this.digestScheduled || sweepRound) {
      await this.scheduleDigest().catch((error) =>
        this.logger.warn(`weekly digest not scheduled yet: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    while (!this.stopped && (await this.relayBatch()) === RELAY_BATCH_SIZE);
    // Invitation and password-reset mails: few, and people wait for them, so each round sends what is pending.
    await this.accountMails
      .sendPendingMails((mail) => this.mailer.send(mail))
      .catch((error) =>
        this.logger.warn(`account mails not sent yet: ${error instanceof Error ? error.message : String(error)}`),
      );
    // Digest mails whose 07:00 has come (users who chose DAILY_DIGEST or WEEKLY_DIGEST).
    await this.delivery
      .sendDueDigests()
      .catch((error) =>
        this.logger.warn(`digest mails not sent yet: ${error instanceof Error ? error.message : String(error)}`),
      );
    if (sweepRound) await this.sweep();
  }

  /** The job schedulers: weekly digest, retention, erasure vacuum, and the features' periodic tasks. */
  private async scheduleDigest() {
    const opts = reminderJobOptions(this.config.REMINDER_RETRY_BACKOFF_MS, this.config.RETENTION_FAILED_JOBS_DAYS);
    const schedulers = [
      {
        id: WEEKLY_DIGEST_SCHEDULER,
        name: ReminderJobName.WEEKLY_DIGEST,
        repeat: { pattern: this.config.DIGEST_CRON },
      },
      { id: RETENTION_SCHEDULER, name: ReminderJobName.RETENTION, repeat: { pattern: this.config.RETENTION_CRON } },
      {
        id: ERASURE_VACUUM_SCHEDULER,
        name: ReminderJobName.ERASURE_VACUUM,
        repeat: { every: this.config.ERASURE_VACUUM_EVERY_MS },
      },
      ...this.tasks.all().map((task) => ({
        id: periodicTaskScheduler(task.name),
        name: ReminderJobName.PERIODIC_TASK,
        repeat: { every: task.everyMs },
        data: { task: task.name },
      })),
    ];
    for (const scheduler of schedulers) {
      const existing = await this.redis(`reading the ${scheduler.id} scheduler`, (queue) =>
        queue.getJobScheduler(scheduler.id),
      );
      const wanted = scheduler.repeat as { pattern?: string; every?: number };
      if (
        existing &&
        existing.pattern === wanted.pattern &&
        Number(existing.every ?? 0) === Number(wanted.every ?? 0)
      ) {
        continue;
      }
      await this.redis(`scheduling ${scheduler.id}`, (queue) =>
        queue.upsertJobScheduler(
          scheduler.id,
          wanted.pattern ? { pattern: wanted.pattern, tz: 'UTC' } : { every: wanted.every },
          { name: scheduler.name, data: 'data' in scheduler ? scheduler.data : {}, opts },
        ),
      );
    }
    this.digestScheduled = true;
  }

  private async relayBatch(): Promise<number> {
    const [claimed]: [ClaimedIntent[], number] = await this.dataSource.query(
      `UPDATE reminder_intents SET status = 'ENQUEUED', enqueued_at = now()
       WHERE id IN (SELECT id FROM reminder_intents WHERE status = 'PENDING'
                    ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, version, due_at`,
      [RELAY_BATCH_SIZE],
    );
    if (claimed.length === 0) return 0;
    try {
      await this.addJobs(claimed);
    } catch (error) {
      // Back to PENDING (only if nothing moved or cancelled them meanwhile): the next round tries again.
      await this.dataSource.query(
        `UPDATE reminder_intents i SET status = 'PENDING', enqueued_at = NULL
         FROM unnest($1::uuid[], $2::int[]) AS c(id, version)
         WHERE i.id = c.id AND i.version = c.version AND i.status = 'ENQUEUED'`,
        [claimed.map((c) => c.id), claimed.map((c) => c.version)],
      );
      throw error;
    }
    return claimed.length;
  }

  private async addJobs(intents: ClaimedIntent[]) {
    const now = this.clock.now().getTime();
    const options = reminderJobOptions(this.config.REMINDER_RETRY_BACKOFF_MS, this.config.RETENTION_FAILED_JOBS_DAYS);
    await this.redis('adding reminder jobs', (queue) =>
      queue.addBulk(
        intents.map((intent) => ({
          name: ReminderJobName.DELIVER,
          data: { intentId: intent.id, version: intent.version },
          opts: {
            ...options,
            jobId: deliverJobId(intent.id, intent.version),
            delay: Math.max(0, new Date(intent.due_at).getTime() - now),
          },
        })),
      ),
    );
  }

  /** Finds enqueued intents overdue by more than the grace period whose job Redis no longer has. */
  private async sweep() {
    const stale: ClaimedIntent[] = await this.dataSource.query(
      `SELECT id, version, due_at FROM reminder_intents
       WHERE status = 'ENQUEUED' AND due_at < $1 ORDER BY due_at LIMIT $2`,
      [new Date(this.clock.now().getTime() - this.config.REMINDER_REQUEUE_GRACE_MS), RELAY_BATCH_SIZE],
    );
    const lost: ClaimedIntent[] = [];
    for (const intent of stale) {
      const jobId = deliverJobId(intent.id, intent.version);
      const state = await this.redis('reading a job state', (queue) => queue.getJobState(jobId));
      if (state === 'unknown') lost.push(intent);
      else if (state === 'completed') {
        // Completed without the intent being done (it changed under the job): run it again.
        await this.redis('removing a completed job', (queue) => queue.remove(jobId));
        lost.push(intent);
      } else if (state === 'failed') {
        await this.dataSource.query(
          `UPDATE reminder_intents SET status = 'FAILED', processed_at = now()
           WHERE id = $1 AND version = $2 AND status = 'ENQUEUED'`,
          [intent.id, intent.version],
        );
      }
    }
    if (lost.length) {
      this.logger.warn(`re-enqueuing ${lost.length} reminder(s) whose job was lost`);
      await this.addJobs(lost);
    }
    await this.sweepUnsentMails();
  }

  /**
   * Delivered reminders whose mail is still unsent after their job gave up (an SMTP outage longer than the
   * retries): a new job sends what is left. The mail step claims each delivery under a row lock and checks
   * `sent_at`, so a second job (or a second worker's sweep) never sends a mail twice. One job per intent per
   * grace period at most (the job id carries the period).
   */
  private async sweepUnsentMails() {
    const now = this.clock.now().getTime();
    const grace = this.config.REMINDER_REQUEUE_GRACE_MS;
    const unsent: ClaimedIntent[] = await this.dataSource.query(
      `SELECT i.id, i.version, i.due_at FROM reminder_intents i
       WHERE i.status = 'DONE' AND i.processed_at < $1
         AND EXISTS (SELECT 1 FROM reminder_deliveries d
                     WHERE d.intent_id = i.id AND d.channel = 'EMAIL' AND d.sent_at IS NULL
                       AND d.hold_until IS NULL)
       ORDER BY i.processed_at LIMIT $2`,
      [new Date(now - grace), RELAY_BATCH_SIZE],
    );
    const retry: ClaimedIntent[] = [];
    for (const intent of unsent) {
      const state = await this.redis('reading a job state', (queue) =>
        queue.getJobState(deliverJobId(intent.id, intent.version)),
      );
      if (state === 'failed' || state === 'unknown' || state === 'completed') retry.push(intent);
    }
    if (!retry.length) return;
    this.logger.warn(`retrying the unsent mail of ${retry.length} delivered reminder(s)`);
    const period = Math.floor(now / Math.max(grace, 1000));
    await this.redis('adding mail retry jobs', (queue) =>
      queue.addBulk(
        retry.map((intent) => ({
          name: ReminderJobName.DELIVER,
          data: { intentId: intent.id, version: intent.version },
          opts: {
            ...reminderJobOptions(this.config.REMINDER_RETRY_BACKOFF_MS, this.config.RETENTION_FAILED_JOBS_DAYS),
            jobId: `${deliverJobId(intent.id, intent.version)}-mail${period}`,
          },
        })),
      ),
    );
  }
}
