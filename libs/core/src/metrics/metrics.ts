import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** Most distinct GraphQL operation names kept as labels; clients choose names, so the rest count as "other". */
const MAX_OPERATION_NAMES = 200;

/**
 * The process's Prometheus metrics (prom-client), one registry per application (tests run several in one
 * process). The API serves them on /metrics, the worker on its own port (libs/platform). Gauges that cost a query
 * (queue depth, outbox pending) are set right before a scrape by whoever serves it.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly httpDuration = new Histogram({
    name: 'coord_http_request_duration_seconds',
    help: 'HTTP request latency by route (GraphQL requests under /graphql)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'coord_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by operation name and type',
    labelNames: ['operation', 'type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly graphqlErrors = new Counter({
    name: 'coord_graphql_errors_total',
    help: 'GraphQL errors by extensions.code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly reminderLateness = new Histogram({
    name: 'coord_reminder_lateness_seconds',
    help: 'Time from a reminder intent being due to its delivery (in-app, mail queued)',
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 21600],
    registers: [this.registry],
  });
  readonly mails = new Counter({
    name: 'coord_mails_total',
    help: 'Mails by kind (reminder, digest, account) and outcome (sent, failed)',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });
  readonly queueJobs = new Gauge({
    name: 'coord_queue_jobs',
    help: 'Jobs of the reminders queue by state (waiting, delayed, active, failed)',
    labelNames: ['state'],
    registers: [this.registry],
  });
  readonly outboxPending = new Gauge({
    name: 'coord_outbox_pending',
    help: 'Intents and mails written to the PostgreSQL outbox and not yet handed on (reminders, account mails)',
    labelNames: ['outbox'],
    registers: [this.registry],
  });

  constructor(@Inject(DataSource) dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'coord_' });
    new Gauge({
      name: 'coord_db_pool_connections',
      help: 'PostgreSQL pool of this process: connections in use, idle, and requests waiting for one',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = (
          dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }
        ).master;
        if (!pool) return;
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  /** A bounded label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** Sets the outbox gauge: one query, at scrape time. */
  async readOutbox(dataSource: DataSource): Promise<void> {
    const [row] = await dataSource.query(
      `SELECT (SELECT count(*) FROM reminder_intents WHERE status = 'PENDING')::int AS reminders,
              (SELECT count(*) FROM account_mails WHERE sent_at IS NULL)::int AS account_mails`,
    );
    this.outboxPending.set({ outbox: 'reminders' }, row.reminders);
    this.outboxPending.set({ outbox: 'account_mails' }, row.account_mails);
  }
}

/** Who may read metrics: a bearer token when METRICS_TOKEN is set, otherwise callers on this machine only. */
export function metricsAccess(
  req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } },
  token: string | undefined,
): 'ok' | 'unauthorized' | 'forbidden' {
  if (token) {
    const header = String(req.headers.authorization ?? '');
    return header === `Bearer ${token}` ? 'ok' : 'unauthorized';
  }
  // A request relayed by a proxy on this machine comes from loopback too: it is remote all the same.
  if (req.headers['x-forwarded-for'] || req.headers.forwarded) return 'forbidden';
  const from = req.socket.remoteAddress ?? '';
  return from === '127.0.0.1' || from === '::1' || from === '::ffff:127.0.0.1' ? 'ok' : 'forbidden';
}

@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
