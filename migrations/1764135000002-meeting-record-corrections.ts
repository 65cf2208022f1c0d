import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Correcting the record of a meeting until its minutes are adopted:
 * - decisions can be withdrawn (kept on record with when and why) and corrected (updated_at);
 * - minutes record the meeting that adopted them (usually the next one);
 * - amending CIRCULATED minutes returns them to DRAFT (the lifecycle trigger allowed only forward moves): the
 *   text before the amendment stays in the audit log. Adopted minutes stay frozen.
 */
export class MeetingRecordCorrections1764135000002 implements MigrationInterface {
  name = 'MeetingRecordCorrections1764135000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions
      ADD COLUMN updated_at timestamptz(3) NOT NULL DEFAULT now(),
      ADD COLUMN withdrawn_at timestamptz(3),
      ADD COLUMN withdrawal_reason text CHECK (withdrawal_reason IS NULL OR length(btrim(withdrawal_reason)) BETWEEN 1 AND 2000),
      ADD CONSTRAINT ck_decisions_withdrawal CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL))`);
    await q.query(`ALTER TABLE minutes ADD COLUMN adopted_at_meeting_id uuid REFERENCES meetings(id)`);
    await q.query(`CREATE INDEX ix_minutes_adopted_at_meeting ON minutes (adopted_at_meeting_id)`);
    await q.query(`CREATE OR REPLACE FUNCTION minutes_lifecycle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status = 'ADOPTED' THEN
            RAISE EXCEPTION 'adopted minutes are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_immutable';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status = 'ADOPTED' THEN
          RAISE EXCEPTION 'adopted minutes are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_immutable';
        END IF;
        IF NEW.status = 'ADOPTED' AND OLD.status <> 'CIRCULATED' THEN
          RAISE EXCEPTION 'minutes can only be adopted after circulation' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_order';
        END IF;
        -- Back to DRAFT only with an amended text (an amendment); circulation is then cleared.
        IF OLD.status = 'CIRCULATED' AND NEW.status = 'DRAFT' AND NEW.text IS NOT DISTINCT FROM OLD.text THEN
          RAISE EXCEPTION 'circulated minutes go back to draft only when amended' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_order';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION minutes_lifecycle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status = 'ADOPTED' THEN
            RAISE EXCEPTION 'adopted minutes are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_immutable';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status = 'ADOPTED' THEN
          RAISE EXCEPTION 'adopted minutes are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_immutable';
        END IF;
        IF NEW.status = 'ADOPTED' AND OLD.status <> 'CIRCULATED' THEN
          RAISE EXCEPTION 'minutes can only be adopted after circulation' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_order';
        END IF;
        IF OLD.status = 'CIRCULATED' AND NEW.status = 'DRAFT' THEN
          RAISE EXCEPTION 'circulated minutes cannot go back to draft' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_order';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`DROP INDEX ix_minutes_adopted_at_meeting`);
    await q.query(`ALTER TABLE minutes DROP COLUMN adopted_at_meeting_id`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT ck_decisions_withdrawal,
      DROP COLUMN withdrawal_reason, DROP COLUMN withdrawn_at, DROP COLUMN updated_at`);
  }
}
