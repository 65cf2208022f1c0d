import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Found by the second benchmark round (bench/README.md, "JIT and the covering index"): since joint commitments
 * (issue 17), the visibility rule also asks whether a co-owner organization answers for the item, which reads the
 * item's id. ix_action_items_open_due did not carry it, so counting the overdue items of a hierarchy read every
 * open item from the heap again (the index-only scan of 1763900008000 was lost). The index now carries the id too.
 */
export class OpenItemsCoveringCoOwners1764400000000 implements MigrationInterface {
  name = 'OpenItemsCoveringCoOwners1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_action_items_open_due`);
    await q.query(
      `CREATE INDEX ix_action_items_open_due ON action_items (due_on)
       INCLUDE (body_id, owner_person_id, owner_organization_id, is_commitment, id)
       WHERE status NOT IN ('DONE','CANCELLED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_action_items_open_due`);
    await q.query(
      `CREATE INDEX ix_action_items_open_due ON action_items (due_on)
       INCLUDE (body_id, owner_person_id, owner_organization_id, is_commitment)
       WHERE status NOT IN ('DONE','CANCELLED')`,
    );
  }
}
