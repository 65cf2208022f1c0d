import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Principal and alternate seats: an ALTERNATE membership names the membership whose seat it covers, of the same
 * body and organization (a composite foreign key says so in the database). A meeting participant standing in
 * for a principal who sent regrets or was absent names that principal.
 */
export class MembershipAlternates1764160000100 implements MigrationInterface {
  name = 'MembershipAlternates1764160000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE memberships ADD CONSTRAINT uq_memberships_id_body_organization UNIQUE (id, body_id, organization_id)`,
    );
    await q.query(`ALTER TABLE memberships
      ADD COLUMN alternate_for_membership_id uuid,
      ADD CONSTRAINT fk_memberships_alternate_for FOREIGN KEY (alternate_for_membership_id, body_id, organization_id)
        REFERENCES memberships (id, body_id, organization_id),
      ADD CONSTRAINT ck_memberships_alternate_role
        CHECK (alternate_for_membership_id IS NULL OR (role = 'ALTERNATE' AND alternate_for_membership_id <> id))`);
    await q.query(
      `CREATE INDEX ix_memberships_alternate_for ON memberships (alternate_for_membership_id) WHERE alternate_for_membership_id IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE meeting_participants ADD COLUMN standing_in_for_person_id uuid REFERENCES people(id),
         ADD CONSTRAINT ck_participants_not_own_alternate CHECK (standing_in_for_person_id <> person_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE meeting_participants DROP CONSTRAINT ck_participants_not_own_alternate, DROP COLUMN standing_in_for_person_id`,
    );
    await q.query(`DROP INDEX ix_memberships_alternate_for`);
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT ck_memberships_alternate_role,
      DROP CONSTRAINT fk_memberships_alternate_for, DROP COLUMN alternate_for_membership_id`);
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT uq_memberships_id_body_organization`);
  }
}
