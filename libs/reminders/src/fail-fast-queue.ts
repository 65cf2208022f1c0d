import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis, { RedisOptions } from 'ioredis';
import { bullConnection, QueueName, withTimeout } from './reminders.constants';

/**
 * After calls have failed for this long without one success, the queue (and its connection) is replaced: a
 * fail-fast ioredis connection cut while BullMQ was initialising it keeps failing every call ("Reached the max
 * retries per request limit") after Redis is back, and would otherwise hold reminders back for good.
 */
export const QUEUE_RESET_AFTER_MS = 5000;

/**
 * The reminders queue for producers and readers (the worker's relay, the API's queue inspector): created on
 * first use over its own ioredis client that never queues commands while Redis is away, every call bounded by a
 * timeout, and replaced when its calls have kept failing for QUEUE_RESET_AFTER_MS (at most once per that time).
 */
export class FailFastQueue {
  private queue?: Queue;
  private client?: Redis;
  private failingSince?: number;
  private createdAt = 0;
  private closed = false;

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  /** The queue in use now (created on first use). */
  get current(): Queue {
    if (!this.queue) {
      const client = new Redis(bullConnection(this.redisUrl, false) as RedisOptions);
      client.on('error', () => undefined); // ioredis reconnects by itself; failures surface per call
      const queue = new Queue(QueueName.REMINDERS, { connection: client, prefix: this.prefix });
      queue.on('error', () => undefined);
      [this.queue, this.client, this.createdAt] = [queue, client, Date.now()];
    }
    return this.queue;
  }

  /** One call, given up after `timeoutMs`; its outcome tells whether the connection works. */
  async call<T>(what: string, timeoutMs: number, call: (queue: Queue) => Promise<T>): Promise<T> {
    try {
      const result = await withTimeout(call(this.current), timeoutMs, what);
      this.failingSince = undefined;
      return result;
    } catch (error) {
      this.failingSince ??= Date.now();
      this.resetIfStuck();
      throw error;
    }
  }

  private resetIfStuck() {
    const now = Date.now();
    if (this.closed || this.failingSince === undefined || now - this.failingSince < QUEUE_RESET_AFTER_MS) return;
    if (now - this.createdAt < QUEUE_RESET_AFTER_MS || !this.queue) return;
    this.logger.warn(
      `Redis calls have failed for ${now - this.failingSince} ms: connecting the reminders queue afresh`,
    );
    void FailFastQueue.dispose(this.queue, this.client!); // not awaited: the next call uses a new queue at once
    this.queue = this.client = undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.queue) await FailFastQueue.dispose(this.queue, this.client!);
    this.queue = this.client = undefined;
  }

  /** BullMQ's close of a connection whose initialisation failed may never finish, nor reach the socket. */
  private static async dispose(queue: Queue, client: Redis) {
    await withTimeout(queue.close(), 2000, 'closing the reminders queue').catch(() => undefined);
    client.disconnect();
  }
}
