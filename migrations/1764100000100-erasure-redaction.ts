import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What erasing a person needs from the database (issue 22):
 * - adopted minutes and progress notes stay frozen, except for a correction of their text alone inside a
 *   transaction that declared it (SET LOCAL coord.text_correction = 'on'): erasure replacing a person's name, or a
 *   manager correcting a progress note; both are audited by the service that does it;
 * - `pending_vacuums`: tables an erasure touched, written in its transaction (so never lost) and vacuumed by the
 *   worker's data-protection job soon after, so that the dead row versions holding the old text leave the table.
 */
const MINUTES_OLD = `CREATE OR REPLACE FUNCTION minutes_lifecycle() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$`;

const UPDATES_OLD = `CREATE OR REPLACE FUNCTION action_updates_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'progress updates are a permanent trail: they cannot be changed or deleted'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_action_updates_append_only';
      END $$`;

export class ErasureRedaction1764100000100 implements MigrationInterface {
  name = 'ErasureRedaction1764100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      MINUTES_OLD.replace(
        `IF OLD.status = 'ADOPTED' THEN
          RAISE`,
        `IF OLD.status = 'ADOPTED' AND current_setting('coord.text_correction', true) = 'on'
           AND (to_jsonb(NEW) - 'text' - 'updated_at') = (to_jsonb(OLD) - 'text' - 'updated_at') THEN
          RETURN NEW; -- a declared correction of the text alone (erasure of a name)
        END IF;
        IF OLD.status = 'ADOPTED' THEN
          RAISE`,
      ),
    );
    await q.query(`CREATE OR REPLACE FUNCTION action_updates_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('coord.text_correction', true) = 'on'
           AND (to_jsonb(NEW) - 'note') = (to_jsonb(OLD) - 'note') THEN
          RETURN NEW; -- a declared, audited correction of the note's text alone (erasure, or a manager's correction)
        END IF;
        RAISE EXCEPTION 'progress updates are a permanent trail: they cannot be changed or deleted'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_action_updates_append_only';
      END $$`);
    await q.query(`CREATE TABLE pending_vacuums (
      table_name text PRIMARY KEY CHECK (table_name ~ '^[a-z_]+$'),
      requested_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pending_vacuums`);
    await q.query(UPDATES_OLD);
    await q.query(MINUTES_OLD);
  }
}
