import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recurring meeting series: the rule (RFC 5545, in the series' local time), the local start time, duration and
 * zone, and how far ahead occurrences have been created (`generated_until`, moved on by the extension job). Each
 * occurrence is an ordinary meeting carrying its series and the day the rule put it on (`series_day`), unique
 * per series, so that extending twice never creates the same occurrence twice.
 */
export class MeetingSeries1764160000000 implements MigrationInterface {
  name = 'MeetingSeries1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE meeting_series (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      body_id uuid NOT NULL REFERENCES coordination_bodies(id),
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
      kind text NOT NULL CHECK (kind IN ('ORDINARY','EXTRAORDINARY','CONSULTATION','OUTREACH','WORKSHOP')),
      recurrence_rule text NOT NULL CHECK (length(recurrence_rule) BETWEEN 1 AND 500),
      starts_on date NOT NULL,
      local_start_time text NOT NULL CHECK (local_start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
      timezone text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
      location text CHECK (length(location) <= 500),
      online_url text CHECK (online_url ~* '^https?://\\S+$' AND length(online_url) <= 2000),
      until date,
      agenda jsonb NOT NULL DEFAULT '[]'::jsonb,
      generated_until date NOT NULL,
      ended_from date,
      created_by_user_id uuid REFERENCES users(id),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT ck_meeting_series_until CHECK (until IS NULL OR until >= starts_on - 1)
    )`);
    await q.query(`CREATE INDEX ix_meeting_series_body ON meeting_series (body_id, created_at, id)`);
    await q.query(`ALTER TABLE meetings
      ADD COLUMN series_id uuid REFERENCES meeting_series(id),
      ADD COLUMN series_day date,
      ADD CONSTRAINT ck_meetings_series_day CHECK ((series_id IS NULL) = (series_day IS NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX uq_meetings_series_day ON meetings (series_id, series_day) WHERE series_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_meetings_series_start ON meetings (series_id, starts_at, id) WHERE series_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_meetings_series_start`);
    await q.query(`DROP INDEX uq_meetings_series_day`);
    await q.query(
      `ALTER TABLE meetings DROP CONSTRAINT ck_meetings_series_day, DROP COLUMN series_day, DROP COLUMN series_id`,
    );
    await q.query(`DROP TABLE meeting_series`);
  }
}
