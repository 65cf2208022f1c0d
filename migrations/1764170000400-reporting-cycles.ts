import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting cycles (issue 17): a body asks the bodies beneath it for a periodic report (one row per reporting
 * body, unique in the cycle). A report moves NOT_STARTED -> DRAFT -> SUBMITTED -> ACCEPTED, or RETURNED and
 * submitted again; `progress` is the body's commitment progress computed at submission and kept as submitted.
 */
export class ReportingCycles1764170000400 implements MigrationInterface {
  name = 'ReportingCycles1764170000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reporting_cycles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      body_id uuid NOT NULL REFERENCES coordination_bodies(id),
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
      period_from date NOT NULL,
      period_to date NOT NULL,
      due_on date NOT NULL,
      created_by_user_id uuid REFERENCES users(id),
      created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
      CONSTRAINT ck_reporting_cycles_period CHECK (period_from <= period_to),
      CONSTRAINT ck_reporting_cycles_due CHECK (due_on >= period_from)
    )`);
    await q.query(`CREATE INDEX ix_reporting_cycles_body ON reporting_cycles (body_id, created_at DESC, id DESC)`);
    await q.query(`CREATE TABLE periodic_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      cycle_id uuid NOT NULL REFERENCES reporting_cycles(id),
      body_id uuid NOT NULL REFERENCES coordination_bodies(id),
      status text NOT NULL DEFAULT 'NOT_STARTED'
        CHECK (status IN ('NOT_STARTED','DRAFT','SUBMITTED','ACCEPTED','RETURNED')),
      rating text CHECK (rating IN ('ON_TRACK','AT_RISK','OFF_TRACK')),
      narrative text CHECK (length(narrative) <= 20000),
      progress jsonb NOT NULL DEFAULT '[]',
      submitted_at timestamptz(3),
      submitted_by_person_id uuid REFERENCES people(id),
      review_note text CHECK (length(review_note) <= 5000),
      created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
      CONSTRAINT uq_periodic_reports_cycle_body UNIQUE (cycle_id, body_id),
      CONSTRAINT ck_periodic_reports_submitted CHECK (status NOT IN ('SUBMITTED','ACCEPTED') OR submitted_at IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX ix_periodic_reports_body ON periodic_reports (body_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE periodic_reports`);
    await q.query(`DROP TABLE reporting_cycles`);
  }
}
