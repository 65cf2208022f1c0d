import type { ConnectionOptions, JobsOptions } from 'bullmq';

/**
 * Queue and job names, their payloads and options: the one place that says how reminder jobs behave
 * (attempts, backoff, how many finished jobs Redis keeps).
 */
export enum QueueName {
  REMINDERS = 'reminders',
}

export enum ReminderJobName {
  /** Deliver one reminder intent (in-app notifications, then mail). */
  DELIVER = 'deliver-reminder',
  /** The weekly digest run (repeatable, DIGEST_CRON). */
  WEEKLY_DIGEST = 'weekly-digest',
  /** Deletes what is past its retention (repeatable, RETENTION_CRON). */
  RETENTION = 'retention',
  /** Vacuums the tables erasures touched (repeatable, every ERASURE_VACUUM_EVERY_MS). */
  ERASURE_VACUUM = 'erasure-vacuum',
  /** A feature's periodic task (core's PeriodicTaskRegistry), one job scheduler per task. */
  PERIODIC_TASK = 'periodic-task',
}

export interface DeliverReminderJob {
  intentId: string;
  /** The intent's version when enqueued: a moved or cancelled intent has another one, and its old job does nothing. */
  version: number;
}

export type WeeklyDigestJob = Record<string, never>;

export interface PeriodicTaskJob {
  task: string;
}

export interface ReminderJobData {
  [ReminderJobName.DELIVER]: DeliverReminderJob;
  [ReminderJobName.WEEKLY_DIGEST]: WeeklyDigestJob;
  [ReminderJobName.RETENTION]: Record<string, never>;
  [ReminderJobName.ERASURE_VACUUM]: Record<string, never>;
  [ReminderJobName.PERIODIC_TASK]: PeriodicTaskJob;
}

/** Attempts of a reminder job before it lands in the failed list. */
export const REMINDER_JOB_ATTEMPTS = 5;
/**
 * Failed jobs are kept (for admins) up to this many, and no longer than RETENTION_FAILED_JOBS_DAYS (their data
 * names people: intent ids, error texts); completed ones for a day, at most this many.
 */
export const KEEP_FAILED_JOBS = 1000;
export const KEEP_COMPLETED_JOBS = { age: 24 * 3600, count: 5000 };
/**
 * Delivery batches a worker process runs at once (ReminderDeliveryService): each holds one database connection at
 * a time, so the worker's pool must have a few more (the relay and failure records use them too).
 */
export const DELIVERY_BATCHES_IN_FLIGHT = 3;
/** Most intents one delivery batch takes (the jobs running at once, REMINDER_CONCURRENCY, are what it can take). */
export const DELIVERY_BATCH_SIZE = 50;
/** Mails claimed, sent and recorded per transaction: at most this many go out twice if a worker dies mid-send. */
export const MAIL_CHUNK_SIZE = 5;
/** Intents moved from the outbox to BullMQ per statement. */
export const RELAY_BATCH_SIZE = 100;
/** The repeatable digest's scheduler id. */
export const WEEKLY_DIGEST_SCHEDULER = 'weekly-digest';
/** The daily retention job's and the erasure vacuum's scheduler ids. */
export const RETENTION_SCHEDULER = 'retention';
export const ERASURE_VACUUM_SCHEDULER = 'erasure-vacuum';
/** The job scheduler id of a periodic task. */
export const periodicTaskScheduler = (task: string) => `task:${task}`;

/** Default failed-job age limit when none is given (RETENTION_FAILED_JOBS_DAYS is the configured one). */
const DEFAULT_FAILED_JOB_DAYS = 30;

export function reminderJobOptions(backoffMs: number, failedJobDays = DEFAULT_FAILED_JOB_DAYS): JobsOptions {
  return {
    attempts: REMINDER_JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: KEEP_COMPLETED_JOBS,
    removeOnFail: { count: KEEP_FAILED_JOBS, age: failedJobDays * 86400 },
  };
}

/** Deterministic job id: the same intent version can be enqueued any number of times and exists once. */
export function deliverJobId(intentId: string, version: number): string {
  return `${intentId}-v${version}`;
}

/**
 * ioredis options for BullMQ from REDIS_URL. `blocking` connections (workers) wait for Redis forever; producers
 * (`blocking: false`) fail fast instead of queueing commands while Redis is away, so the outbox keeps the intent.
 */
export function bullConnection(redisUrl: string, blocking: boolean): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    ...(blocking
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (n: number) => Math.min(n * 200, 2000) }),
  };
}

/** Resolves with `promise`, or rejects after `ms` (Redis calls that must not hang a caller). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
