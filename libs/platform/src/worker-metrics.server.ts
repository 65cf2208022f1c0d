import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, Metrics, metricsAccess } from '@coord/core';
import { ReminderQueueInspector } from '@coord/reminders';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { refreshOperationalGauges } from './metrics.controller';

/** The worker's default metrics port (Prometheus' conventional range for exporters). */
export const DEFAULT_WORKER_METRICS_PORT = 9464;

/**
 * The worker's metrics (reminder lateness, mails sent and failed, its database pool, queue depth, outbox) on
 * their own port: GET /metrics, with the same access rule as the API's (METRICS_TOKEN, else this machine only;
 * it listens on 127.0.0.1 unless WORKER_METRICS_HOST says otherwise). WORKER_METRICS_PORT=0 turns it off; tests
 * run without it unless they set the port.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerMetrics');
  private server?: Server;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReminderQueueInspector) private readonly queue: ReminderQueueInspector,
  ) {}

  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap() {
    const port = this.config.WORKER_METRICS_PORT ?? (this.config.NODE_ENV === 'test' ? 0 : DEFAULT_WORKER_METRICS_PORT);
    if (!port) return;
    const host = this.config.WORKER_METRICS_HOST ?? '127.0.0.1';
    this.server = createServer((req, res) => {
      void (async () => {
        if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
          res.writeHead(404).end();
          return;
        }
        const access = metricsAccess(req, this.config.METRICS_TOKEN);
        if (access !== 'ok') {
          res.writeHead(access === 'unauthorized' ? 401 : 403, { 'content-type': 'text/plain' }).end();
          return;
        }
        await refreshOperationalGauges(this.metrics, this.dataSource, this.queue);
        res.writeHead(200, { 'content-type': this.metrics.registry.contentType });
        res.end(await this.metrics.registry.metrics());
      })().catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => {
      this.server!.once('error', (error) => {
        // A metrics port already taken must not stop the reminders.
        this.logger.warn(`metrics not served on ${host}:${port}: ${error.message}`);
        this.server = undefined;
        resolve();
      });
      this.server!.listen(port, host, () => {
        this.logger.log(`metrics on http://${host}:${this.port}/metrics`);
        resolve();
      });
    });
  }

  async onApplicationShutdown() {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
