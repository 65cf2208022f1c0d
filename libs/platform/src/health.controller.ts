import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { AppConfig, AuthUser, isAdmin, Public, RedisClient } from '@coord/core';
import { ReminderQueueInspector } from '@coord/reminders';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /health: 200 when PostgreSQL and Redis answer, 503 otherwise. Anonymous callers (a load balancer's probe)
 * get `status` only. Admins (Bearer token) and monitors sending X-Health-Token = HEALTH_TOKEN also get which
 * service is down, the reminders queue's depth and failed count (read with a short timeout, so /health answers
 * while Redis is down), and the reminder intents still waiting in the outbox (PENDING: not yet in Redis).
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RedisClient) private readonly redis: RedisClient,
    @Inject(ReminderQueueInspector) private readonly reminderQueue: ReminderQueueInspector,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private showsDetail(req: Request & { user?: AuthUser | null }): boolean {
    if (isAdmin(req.user ?? null)) return true;
    const given = req.headers['x-health-token'];
    const expected = this.config.HEALTH_TOKEN;
    // Compared as digests: same length whatever was sent, in constant time.
    return !!expected && typeof given === 'string' && timingSafeEqual(digest(given), digest(expected));
  }

  /** A connection still being made (just started, or reconnecting) gets a moment before Redis is called down. */
  private async redisUp(): Promise<boolean> {
    if (await this.redis.ping()) return true;
    if (this.redis.client.status !== 'connecting' && this.redis.client.status !== 'connect') return false;
    await new Promise((resolve) => setTimeout(resolve, 300));
    return this.redis.ping();
  }

  @Public()
  @Get()
  async health(@Req() req: Request & { user?: AuthUser | null }, @Res() res: Response) {
    const detail = this.showsDetail(req);
    const [database, redis, queue, outbox] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up',
        () => 'down',
      ),
      this.redisUp().then((ok) => (ok ? 'up' : 'down')),
      detail ? this.reminderQueue.counts(500).catch(() => null) : null,
      detail
        ? this.dataSource
            .query(`SELECT count(*)::int AS pending FROM reminder_intents WHERE status = 'PENDING'`)
            .then((rows: Array<{ pending: number }>) => rows[0].pending)
            .catch(() => null)
        : null,
    ]);
    const healthy = database === 'up' && redis === 'up';
    const status = healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
    if (!detail) return res.status(status).json({ status: healthy ? 'ok' : 'degraded' });
    res.status(status).json({
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
