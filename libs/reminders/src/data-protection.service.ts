import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@coord/core';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { bullConnection, QueueName } from './reminders.constants';

/** One retention rule: rows of `table` matching `where` (with $1 = the cutoff) are past their retention. */
interface RetentionRule {
  name: string;
  table: string;
  where: string;
  days: (config: AppConfig) => number;
}

/**
 * What is deleted and when (defaults in AppConfig, listed in the README). Audit events stay: they hold no personal
 * values (AuditService), and their free texts are redacted on erasure. Order matters little (foreign keys cascade:
 * a deleted notification takes its deliveries, a deleted intent its deliveries and leaves notifications).
 */
export const RETENTION_RULES: RetentionRule[] = [
  {
    name: 'read notifications',
    table: 'notifications',
    where: 'read_at IS NOT NULL AND created_at < $1',
    days: (c) => c.RETENTION_READ_NOTIFICATIONS_DAYS,
  },
  {
    name: 'unread notifications',
    table: 'notifications',
    where: 'read_at IS NULL AND created_at < $1',
    days: (c) => c.RETENTION_UNREAD_NOTIFICATIONS_DAYS,
  },
  {
    name: 'reminder deliveries',
    table: 'reminder_deliveries',
    where: 'coalesce(sent_at, created_at) < $1',
    days: (c) => c.RETENTION_FINISHED_REMINDERS_DAYS,
  },
  {
    // Only finished ones: a pending intent is the outbox's promise of a reminder still to come.
    name: 'finished reminder intents',
    table: 'reminder_intents',
    where: `status IN ('DONE', 'CANCELLED', 'FAILED') AND coalesce(processed_at, created_at) < $1`,
    days: (c) => c.RETENTION_FINISHED_REMINDERS_DAYS,
  },
  {
    // A used token is kept until it expires (its reuse revokes the family), then the grace period.
    name: 'expired or revoked refresh tokens',
    table: 'refresh_tokens',
    where: 'expires_at < $1 OR revoked_at < $1',
    days: (c) => c.RETENTION_TOKENS_DAYS,
  },
  {
    // Invitation and password-reset links (issue 15): spent or expired ones serve nothing after the grace period.
    name: 'spent or expired account tokens',
    table: 'account_tokens',
    where: 'expires_at < $1 OR spent_at < $1',
    days: (c) => c.RETENTION_TOKENS_DAYS,
  },
  {
    // A sent account mail no longer holds its link (sealed is cleared on sending): only the fact that it went.
    name: 'sent account mails',
    table: 'account_mails',
    where: 'sent_at < $1',
    days: (c) => c.RETENTION_TOKENS_DAYS,
  },
  {
    name: 'revoked calendar feeds',
    table: 'calendar_feed_tokens',
    where: 'revoked_at < $1',
    days: (c) => c.RETENTION_TOKENS_DAYS,
  },
];

/**
 * Data protection jobs of the worker:
 * - retention (daily, RETENTION_CRON): deletes what is past its retention, RETENTION_BATCH_SIZE rows per
 *   statement (short transactions, no long locks), each rule until nothing is left;
 * - erasure vacuum (every ERASURE_VACUUM_EVERY_MS): VACUUMs the tables erasures touched (pending_vacuums, written
 *   in the erasure's transaction), so the dead row versions that still held the erased name and email leave them.
 */
@Injectable()
export class DataProtectionJobs {
  private readonly logger = new Logger('DataProtection');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Deletes what is past its retention at `now`; returns the rows deleted per rule. */
  async runRetention(now = new Date()): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const rule of RETENTION_RULES) {
      const cutoff = new Date(now.getTime() - rule.days(this.config) * 86400000);
      let total = 0;
      for (;;) {
        const [, count]: [unknown, number] = await this.dataSource.query(
          `DELETE FROM ${rule.table} WHERE id IN (SELECT id FROM ${rule.table} WHERE ${rule.where} LIMIT $2)`,
          [cutoff, this.config.RETENTION_BATCH_SIZE],
        );
        total += count;
        if (count < this.config.RETENTION_BATCH_SIZE) break;
      }
      deleted[rule.name] = total;
    }
    deleted['failed queue jobs'] = await this.cleanFailedJobs(now);
    this.logger.log(`retention: ${JSON.stringify(deleted)}`);
    return deleted;
  }

  /**
   * Failed jobs older than RETENTION_FAILED_JOBS_DAYS leave Redis (their data and errors may name people). Jobs
   * carry removeOnFail.age too, but BullMQ applies it only when another job fails: this makes it certain.
   */
  private async cleanFailedJobs(now: Date): Promise<number> {
    const queue = new Queue(QueueName.REMINDERS, {
      connection: bullConnection(this.config.REDIS_URL, false),
      prefix: this.config.REDIS_PREFIX,
    });
    try {
      const cutoff = now.getTime() - this.config.RETENTION_FAILED_JOBS_DAYS * 86400000;
      const graceMs = Math.max(0, Date.now() - cutoff); // clean() removes jobs finished before Date.now() - grace
      let total = 0;
      for (;;) {
        const removed = await queue.clean(graceMs, this.config.RETENTION_BATCH_SIZE, 'failed');
        total += removed.length;
        if (removed.length < this.config.RETENTION_BATCH_SIZE) break;
      }
      return total;
    } finally {
      await queue.close();
    }
  }

  /**
   * VACUUMs each table an erasure queued, then forgets the request unless a newer erasure queued it again meanwhile.
   * VACUUM runs outside a transaction; table names come from pending_vacuums, whose CHECK allows [a-z_] only.
   */
  async runErasureVacuum(): Promise<string[]> {
    const pending: Array<{ table_name: string; requested_at: Date }> = await this.dataSource.query(
      `SELECT table_name, requested_at FROM pending_vacuums ORDER BY table_name`,
    );
    const done: string[] = [];
    for (const { table_name, requested_at } of pending) {
      if (!/^[a-z_]+$/.test(table_name)) continue;
      const exists = await this.dataSource.query(`SELECT to_regclass($1) AS t`, [table_name]);
      if (exists[0].t) await this.dataSource.query(`VACUUM (ANALYZE) ${table_name}`);
      await this.dataSource.query(`DELETE FROM pending_vacuums WHERE table_name = $1 AND requested_at = $2`, [
        table_name,
        requested_at,
      ]);
      done.push(table_name);
    }
    if (done.length) this.logger.log(`vacuumed after erasure: ${done.join(', ')}`);
    return done;
  }
}
