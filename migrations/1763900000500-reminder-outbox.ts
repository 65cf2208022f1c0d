import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminder outbox (libs/core/src/outbox): intents written in the same transaction as the change that
 * causes them; the worker enqueues and delivers them. `version` changes on every reschedule or cancel, so a
 * queued job for an outdated version does nothing.
 */
export class ReminderOutbox1763900000500 implements MigrationInterface {
  name = 'ReminderOutbox1763900000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reminder_intents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      subject_type text NOT NULL,
      subject_id uuid NOT NULL,
      due_at timestamptz(3) NOT NULL,
      dedupe_key text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','ENQUEUED','DONE','CANCELLED','FAILED')),
      version int NOT NULL DEFAULT 1,
      enqueued_at timestamptz(3),
      processed_at timestamptz(3),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_reminder_intents_active_key ON reminder_intents (dedupe_key) WHERE status IN ('PENDING','ENQUEUED')`,
    );
    await q.query(`CREATE INDEX ix_reminder_intents_pending ON reminder_intents (due_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX ix_reminder_intents_subject ON reminder_intents (subject_type, subject_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reminder_intents`);
  }
}
