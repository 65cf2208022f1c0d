import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Found by the benchmark (bench/README.md): the overdue list across a hierarchy
 * (actionItems(filter: { bodyId, includeSubBodies: true, overdue: true })) is a page of OPEN / IN_PROGRESS /
 * BLOCKED items ordered by (due_sort, id). ix_action_items_open_due (due_on, body_id) finds those items but
 * not in page order, so PostgreSQL fetched every open item of the hierarchy and sorted them for each page
 * (46 ms at 50,000 items, growing with the table). Open items in (due_sort, id) order let it read the page
 * straight from the index and stop after `first + 1` rows: overdue items are exactly the first open ones.
 */
export class OpenItemsByDueDate1763900007000 implements MigrationInterface {
  name = 'OpenItemsByDueDate1763900007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_action_items_open_sort ON action_items (due_sort, id) WHERE status NOT IN ('DONE','CANCELLED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_action_items_open_sort`);
  }
}
