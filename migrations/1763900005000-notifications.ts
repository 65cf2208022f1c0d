import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = [
  'MEETING_INVITATION',
  'MEETING_REMINDER',
  'MEETING_CHANGED',
  'MEETING_CANCELLED',
  'ACTION_ASSIGNED',
  'ACTION_DUE_REMINDER',
  'ACTION_OVERDUE',
  'ACTION_ESCALATED',
  'MINUTES_CIRCULATED',
  'MINUTES_FOLLOW_UP',
  'DIGEST',
]
  .map((k) => `'${k}'`)
  .join(',');

/**
 * Reminders feature (libs/reminders): in-app notifications and the delivery ledger. A delivery is unique per
 * (intent, person, channel), so a reminder job that runs twice inserts nothing the second time; `sent_at`
 * records that the mail went out (claimed under a row lock, so two workers never send the same one).
 * meeting_id / action_item_id carry no foreign key: those tables belong to other features, and a
 * notification must outlive the subject it was about.
 */
export class Notifications1763900005000 implements MigrationInterface {
  name = 'Notifications1763900005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN (${KINDS})),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      body text NOT NULL CHECK (length(body) <= 20000),
      link_path text NOT NULL CHECK (link_path LIKE '/%' AND length(link_path) <= 500),
      meeting_id uuid,
      action_item_id uuid,
      intent_id uuid REFERENCES reminder_intents(id) ON DELETE SET NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      read_at timestamptz(3)
    )`);
    await q.query(`CREATE INDEX ix_notifications_person ON notifications (person_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_notifications_unread ON notifications (person_id) WHERE read_at IS NULL`);

    await q.query(`CREATE TABLE reminder_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      intent_id uuid NOT NULL REFERENCES reminder_intents(id) ON DELETE CASCADE,
      person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('IN_APP','EMAIL')),
      notification_id uuid NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
      sent_at timestamptz(3),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT uq_reminder_deliveries_key UNIQUE (intent_id, person_id, channel)
    )`);
    await q.query(
      `CREATE INDEX ix_reminder_deliveries_unsent ON reminder_deliveries (intent_id) WHERE sent_at IS NULL`,
    );
    await q.query(`CREATE INDEX ix_reminder_deliveries_notification ON reminder_deliveries (notification_id)`);
    // The relay's sweep for enqueued intents whose job may have been lost with Redis.
    await q.query(`CREATE INDEX ix_reminder_intents_enqueued ON reminder_intents (due_at) WHERE status = 'ENQUEUED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_reminder_intents_enqueued`);
    await q.query(`DROP TABLE reminder_deliveries`);
    await q.query(`DROP TABLE notifications`);
  }
}
