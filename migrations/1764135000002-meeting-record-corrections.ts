import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The minutes lifecycle trigger as issue 22's erasure-redaction migration left it (a declared text correction of
 * adopted minutes passes), with `backToDraft`: the rule for CIRCULATED -> DRAFT.
 */
const lifecycle = (
  backToDraft: string,
) => `CREATE OR REPLACE FUNCTION minutes_lifecycle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status = 'ADOPTED' THEN
            RAISE EXCEPTION 'adopted minutes are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_immutable';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status = 'ADOPTED' AND current_setting('coord.text_correction', true) = 'on'
           AND (to_jsonb(NEW) - 'text' - 'updated_at') = (to_jsonb(OLD) - 'text' - 'updated_at') THEN
          RETURN NEW; -- a declared correction of the text alone (erasure of a name)
        END IF;
        IF OLD.status = 'ADOPTED' THEN
          RAISE EXCEPTION 'adopted minutes are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_immutable';
        END IF;
        IF NEW.status = 'ADOPTED' AND OLD.status <> 'CIRCULATED' THEN
          RAISE EXCEPTION 'minutes can only be adopted after circulation' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_order';
        END IF;
        ${backToDraft}
        RETURN NEW;
      END $$`;

/** Back to DRAFT only with an amended text (an amendment). */
const AMENDED_TO_DRAFT = `IF OLD.status = 'CIRCULATED' AND NEW.status = 'DRAFT' AND NEW.text IS NOT DISTINCT FROM OLD.text THEN
          RAISE EXCEPTION 'circulated minutes go back to draft only when amended' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_order';
        END IF;`;
const NEVER_BACK_TO_DRAFT = `IF OLD.status = 'CIRCULATED' AND NEW.status = 'DRAFT' THEN
          RAISE EXCEPTION 'circulated minutes cannot go back to draft' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_order';
        END IF;`;

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
    await q.query(lifecycle(AMENDED_TO_DRAFT));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(lifecycle(NEVER_BACK_TO_DRAFT));
    await q.query(`DROP INDEX ix_minutes_adopted_at_meeting`);
    await q.query(`ALTER TABLE minutes DROP COLUMN adopted_at_meeting_id`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT ck_decisions_withdrawal,
      DROP COLUMN withdrawal_reason, DROP COLUMN withdrawn_at, DROP COLUMN updated_at`);
  }
}
