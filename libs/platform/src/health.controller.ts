import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Public, RedisClient } from '@coord/core';
import { ReminderQueueInspector } from '@coord/reminders';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

/**
 * GET /health: 200 when PostgreSQL and Redis answer, 503 otherwise (with which one is down). Also the reminders
 * queue's depth and failed count (read with a short timeout, so /health answers while Redis is down), and the
 * reminder intents still waiting in the outbox (PENDING: not yet in Redis).
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RedisClient) private readonly redis: RedisClient,
    @Inject(ReminderQueueInspector) private readonly reminderQueue: ReminderQueueInspector,
  ) {}

  /** A connection still being made (just started, or reconnecting) gets a moment before Redis is called down. */
  private async redisUp(): Promise<boolean> {
    if (await this.redis.ping()) return true;
    if (this.redis.client.status !== 'connecting' && this.redis.client.status !== 'connect') return false;
    await new Promise((resolve) => setTimeout(resolve, 300));
    return this.redis.ping();
  }

  @Public()
  @Get()
  async health(@Res() res: Response) {
    const [database, redis, queue, outbox] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up',
        () => 'down',
      ),
      this.redisUp().then((ok) => (ok ? 'up' : 'down')),
      this.reminderQueue.counts(500).catch(() => null),
      this.dataSource
        .query(`SELECT count(*)::int AS pending FROM reminder_intents WHERE status = 'PENDING'`)
        .then((rows: Array<{ pending: number }>) => rows[0].pending)
        .catch(() => null),
    ]);
    const healthy = database === 'up' && redis === 'up';
    res.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: healthy ? 'ok' : 'degraded',
      database,
      redis,
      reminders: {
        queue: queue ? { depth: queue.waiting + queue.delayed + queue.active, ...queue } : 'unavailable',
        outboxPending: outbox,
      },
    });
  }
}
