import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Public, RedisClient } from '@coord/core';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

/** GET /health: 200 when PostgreSQL and Redis answer, 503 otherwise (with which one is down). */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RedisClient) private readonly redis: RedisClient,
  ) {}

  @Public()
  @Get()
  async health(@Res() res: Response) {
    const [database, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up',
        () => 'down',
      ),
      this.redis.ping().then((ok) => (ok ? 'up' : 'down')),
    ]);
    const healthy = database === 'up' && redis === 'up';
    res.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: healthy ? 'ok' : 'degraded',
      database,
      redis,
    });
  }
}
