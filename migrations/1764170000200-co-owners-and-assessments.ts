import { MigrationInterface, QueryRunner } from 'typeorm';

const LEVELS = `'NO_EVIDENCE','NOT_STARTED','LIMITED','SUBSTANTIAL','COMPLETE'`;

/**
 * Joint commitments and assessed completion (issue 17).
 * - action_item_co_owners: organizations sharing an item with its owner organization; their FOCAL_POINT members
 *   report progress and get its reminders.
 * - commitment_assessments: the history of assessments on the OGP IRM completion scale, append-only (a trigger),
 *   by someone other than the owners (checked in the service: the rule needs memberships on the day).
 * - action_items.completion_level: the latest assessment's level, written in the assessment's transaction, so
 *   that reports and exports group by it without reading the history (a partial index: few are assessed).
 */
export class CoOwnersAndAssessments1764170000200 implements MigrationInterface {
  name = 'CoOwnersAndAssessments1764170000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE action_item_co_owners (
      action_item_id uuid NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organizations(id),
      PRIMARY KEY (action_item_id, organization_id)
    )`);
    await q.query(
      `CREATE INDEX ix_action_item_co_owners_org ON action_item_co_owners (organization_id, action_item_id)`,
    );

    await q.query(`ALTER TABLE action_items ADD COLUMN completion_level text CHECK (completion_level IN (${LEVELS}))`);
    await q.query(
      `CREATE INDEX ix_action_items_completion ON action_items (body_id, completion_level) WHERE completion_level IS NOT NULL`,
    );
    await q.query(`CREATE TABLE commitment_assessments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      action_item_id uuid NOT NULL REFERENCES action_items(id),
      level text NOT NULL CHECK (level IN (${LEVELS})),
      note text NOT NULL CHECK (length(btrim(note)) BETWEEN 1 AND 5000),
      assessor_person_id uuid REFERENCES people(id),
      assessor_user_id uuid REFERENCES users(id),
      assessed_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
    )`);
    await q.query(
      `CREATE INDEX ix_commitment_assessments_item ON commitment_assessments (action_item_id, assessed_at, id)`,
    );
    // As action_updates (issue 22): only a declared, audited correction of the note's text alone gets through
    // (erasure replacing a person's name).
    await q.query(`CREATE FUNCTION commitment_assessments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('coord.text_correction', true) = 'on'
           AND (to_jsonb(NEW) - 'note') = (to_jsonb(OLD) - 'note') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'assessments are a permanent record: assess again instead of changing one'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_commitment_assessments_append_only';
      END $$`);
    await q.query(`CREATE TRIGGER tr_commitment_assessments_append_only BEFORE UPDATE OR DELETE ON commitment_assessments
      FOR EACH ROW EXECUTE FUNCTION commitment_assessments_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE commitment_assessments`);
    await q.query(`DROP FUNCTION commitment_assessments_append_only()`);
    await q.query(`DROP INDEX ix_action_items_completion`);
    await q.query(`ALTER TABLE action_items DROP COLUMN completion_level`);
    await q.query(`DROP TABLE action_item_co_owners`);
  }
}
