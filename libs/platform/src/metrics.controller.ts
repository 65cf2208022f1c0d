import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { AppConfig, IgnoresAccessToken, Metrics, metricsAccess, Public } from '@coord/core';
import { ReminderQueueInspector } from '@coord/reminders';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';

/** Sets the gauges that cost a query or a Redis call, right before a scrape (queue depth with a short timeout). */
export async function refreshOperationalGauges(
  metrics: Metrics,
  dataSource: DataSource,
  queue: ReminderQueueInspector,
): Promise<void> {
  await Promise.all([
    metrics.readOutbox(dataSource).catch(() => undefined),
    queue
      .counts(1000)
      .then((counts) => {
        for (const [state, n] of Object.entries(counts)) metrics.queueJobs.set({ state }, n);
      })
      .catch(() => undefined),
  ]);
}

/**
 * GET /metrics: Prometheus text format. With METRICS_TOKEN set, a `Authorization: Bearer <token>` header is
 * required; without it, only callers on this machine (not relayed by a proxy) are answered.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReminderQueueInspector) private readonly queue: ReminderQueueInspector,
  ) {}

  @Public()
  // Its Bearer token is METRICS_TOKEN, not an access token: the access guard must not refuse it as one.
  @IgnoresAccessToken()
  @Get()
  async scrape(@Req() req: Request, @Res() res: Response) {
    const access = metricsAccess(req, this.config.METRICS_TOKEN);
    if (access !== 'ok') {
      res
        .status(access === 'unauthorized' ? 401 : 403)
        .type('text/plain')
        .send(
          access === 'unauthorized'
            ? 'metrics need the METRICS_TOKEN bearer token\n'
            : 'metrics answer callers on this machine only (set METRICS_TOKEN to scrape from elsewhere)\n',
        );
      return;
    }
    await refreshOperationalGauges(this.metrics, this.dataSource, this.queue);
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
