import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closes what the roll-up of migration 1763900008500 did not follow, and gives operators a way to repair it:
 * - UPDATE of a tag row (its code or its item changed in place): the old tag stops counting and the new one
 *   counts, and both items' framework_codes follow, as for DELETE and INSERT;
 * - TRUNCATE of the tags (or of the items, which cascades to them): the roll-up and framework_codes are rebuilt;
 * - `SELECT commitment_progress_rollup_rebuild()` (`npm run rollup:rebuild`): recomputes the roll-up and every
 *   item's framework_codes from the items and their tags, and returns how many rows were wrong. It waits for
 *   transactions that changed items, then blocks writes to items and tags while it runs (reads go on), so nothing
 *   changes between the count and the rewrite; two rebuilds run one after the other. A TRUNCATE of the tags
 *   holds its table while the rebuild waits for the items: a transaction that changed an item and then writes
 *   tags meanwhile deadlocks with it (one of the two is rolled back). For a writer that bypassed the triggers, or one statement that changed an item's counted fields
 *   and its tags together (a writable CTE), which the statement-level triggers cannot tell apart.
 */
export class CommitmentRollupRebuild1763900009000 implements MigrationInterface {
  name = 'CommitmentRollupRebuild1763900009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION commitment_progress_rollup_rebuild() RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        wrong_codes int;
        wrong_rows int;
      BEGIN
        -- Items first, as every writer of the platform does (it locks an item before its tags and roll-up rows):
        -- EXCLUSIVE waits for transactions that locked or changed items, then holds off writers (reads go on), and
        -- conflicts with itself, so two rebuilds run one after the other.
        LOCK TABLE action_items IN EXCLUSIVE MODE;
        LOCK TABLE action_item_framework_targets IN SHARE ROW EXCLUSIVE MODE;
        LOCK TABLE commitment_progress_rollup IN EXCLUSIVE MODE;
        UPDATE action_items a SET framework_codes = x.codes
        FROM (SELECT i.id, coalesce(t.codes, '{}') AS codes
              FROM action_items i
              LEFT JOIN (SELECT action_item_id, array_agg(code ORDER BY code) AS codes
                         FROM action_item_framework_targets GROUP BY action_item_id) t ON t.action_item_id = i.id) x
        WHERE a.id = x.id AND a.framework_codes IS DISTINCT FROM x.codes;
        GET DIAGNOSTICS wrong_codes = ROW_COUNT;
        CREATE TEMP TABLE commitment_rollup_truth ON COMMIT DROP AS
          SELECT a.body_id, t.code, count(*)::int AS commitments, (count(*) FILTER (WHERE a.status = 'DONE'))::int AS done,
                 sum(a.progress_percent)::bigint AS progress_sum
          FROM action_items a JOIN action_item_framework_targets t ON t.action_item_id = a.id
          WHERE a.is_commitment GROUP BY a.body_id, t.code;
        SELECT count(*) INTO wrong_rows
        FROM (SELECT * FROM commitment_progress_rollup WHERE commitments <> 0 OR done <> 0 OR progress_sum <> 0) r
        FULL JOIN commitment_rollup_truth x ON x.body_id = r.body_id AND x.code = r.code
        WHERE (r.commitments, r.done, r.progress_sum) IS DISTINCT FROM (x.commitments, x.done, x.progress_sum);
        IF wrong_rows > 0 THEN
          DELETE FROM commitment_progress_rollup;
          INSERT INTO commitment_progress_rollup (body_id, code, commitments, done, progress_sum)
            SELECT body_id, code, commitments, done, progress_sum FROM commitment_rollup_truth ORDER BY body_id, code;
        END IF;
        DROP TABLE commitment_rollup_truth;
        RETURN wrong_rows + wrong_codes;
      END $$`);

    // UPDATE of tag rows: the old rows' contribution out, the new rows' in (items locked first, in id order, as the
    // INSERT and DELETE triggers do), and framework_codes of the items on both sides.
    await q.query(`CREATE FUNCTION commitment_rollup_tags_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM action_items
        WHERE id IN (SELECT action_item_id FROM old_tags UNION SELECT action_item_id FROM new_tags)
        ORDER BY id FOR UPDATE;
        INSERT INTO commitment_progress_rollup AS r (body_id, code, commitments, done, progress_sum)
        SELECT body_id, code, sum(n), sum(d), sum(p) FROM (
          SELECT a.body_id, t.code, -1 AS n, -(a.status = 'DONE')::int AS d, -a.progress_percent::bigint AS p
          FROM old_tags t JOIN action_items a ON a.id = t.action_item_id WHERE a.is_commitment
          UNION ALL
          SELECT a.body_id, t.code, 1, (a.status = 'DONE')::int, a.progress_percent::bigint
          FROM new_tags t JOIN action_items a ON a.id = t.action_item_id WHERE a.is_commitment
        ) x
        GROUP BY body_id, code HAVING sum(n) <> 0 OR sum(d) <> 0 OR sum(p) <> 0
        ORDER BY body_id, code
        ON CONFLICT (body_id, code) DO UPDATE SET
          commitments = r.commitments + excluded.commitments,
          done = r.done + excluded.done,
          progress_sum = r.progress_sum + excluded.progress_sum;
        UPDATE action_items a SET framework_codes = x.codes
        FROM (SELECT c.id, coalesce(
                (SELECT array_agg(t.code ORDER BY t.code) FROM action_item_framework_targets t WHERE t.action_item_id = c.id),
                '{}') AS codes
              FROM (SELECT action_item_id AS id FROM old_tags UNION SELECT action_item_id FROM new_tags) c) x
        WHERE a.id = x.id AND a.framework_codes IS DISTINCT FROM x.codes;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tr_commitment_rollup_tags_updated AFTER UPDATE ON action_item_framework_targets
      REFERENCING OLD TABLE AS old_tags NEW TABLE AS new_tags
      FOR EACH STATEMENT EXECUTE FUNCTION commitment_rollup_tags_updated()`);

    await q.query(`CREATE FUNCTION commitment_rollup_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM commitment_progress_rollup_rebuild();
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tr_commitment_rollup_truncated AFTER TRUNCATE ON action_item_framework_targets
      FOR EACH STATEMENT EXECUTE FUNCTION commitment_rollup_truncated()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_commitment_rollup_truncated ON action_item_framework_targets`);
    await q.query(`DROP FUNCTION commitment_rollup_truncated()`);
    await q.query(`DROP TRIGGER tr_commitment_rollup_tags_updated ON action_item_framework_targets`);
    await q.query(`DROP FUNCTION commitment_rollup_tags_updated()`);
    await q.query(`DROP FUNCTION commitment_progress_rollup_rebuild()`);
  }
}
