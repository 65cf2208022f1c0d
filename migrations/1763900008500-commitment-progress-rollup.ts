import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Found by the benchmark (bench/README.md, commitmentProgress): commitment progress by framework target for a
 * whole hierarchy aggregated every tagged commitment on each request (225,000 rows at scale 1, ~700 ms in
 * PostgreSQL alone). `commitment_progress_rollup` keeps, per (body, framework code), the number of tagged
 * commitments, how many are DONE and the sum of their progress, up to date in the same transaction as the change
 * (statement-level triggers on action_items and action_item_framework_targets), so the report reads a few
 * thousand rows instead. Overdue counts depend on today's date and stay a live query over open commitments,
 * answered from one covering index that carries each item's framework codes (action_items.framework_codes, a
 * copy of its tags kept by a trigger).
 *
 * Each trigger statement applies its deltas with one INSERT ... ON CONFLICT in (body_id, code) order, so two
 * transactions lock rollup rows in the same order; rows that drop to zero stay (the report skips them). No
 * CHECK on the counters: ON CONFLICT checks the proposed row (a negative delta) before it finds the conflict.
 * A change that replaces a commitment's tags in two statements (DELETE, then INSERT) locks the roll-up rows of
 * both sets in code order first (ActionItemsService.lockRollupRows), for the same reason.
 *
 * Not followed (the platform never does them; a writer that does must rebuild the roll-up with the backfill
 * below): UPDATE of a tag row, TRUNCATE, and one statement that changes an item's counted fields and its tags
 * together (a writable CTE), which would count the new tags twice.
 */
export class CommitmentProgressRollup1763900008500 implements MigrationInterface {
  name = 'CommitmentProgressRollup1763900008500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE commitment_progress_rollup (
      body_id uuid NOT NULL REFERENCES coordination_bodies(id),
      code text NOT NULL REFERENCES framework_targets(code),
      commitments int NOT NULL DEFAULT 0,
      done int NOT NULL DEFAULT 0,
      progress_sum bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (body_id, code)
    )`);

    // Each item's framework codes, copied from its tags (kept by a trigger), so that overdue commitments can be
    // counted per code from one index (below) without joining 750,000 tags.
    await q.query(`ALTER TABLE action_items ADD COLUMN framework_codes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`UPDATE action_items a SET framework_codes = x.codes
      FROM (SELECT action_item_id, array_agg(code ORDER BY code) AS codes FROM action_item_framework_targets
            GROUP BY action_item_id) x
      WHERE x.action_item_id = a.id`);
    await q.query(`CREATE FUNCTION action_item_framework_codes_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM action_items WHERE id IN (SELECT action_item_id FROM changed_tags) ORDER BY id FOR UPDATE;
        UPDATE action_items a SET framework_codes = x.codes
        FROM (SELECT c.id, coalesce(
                (SELECT array_agg(t.code ORDER BY t.code) FROM action_item_framework_targets t WHERE t.action_item_id = c.id),
                '{}') AS codes
              FROM (SELECT DISTINCT action_item_id AS id FROM changed_tags) c) x
        WHERE a.id = x.id AND a.framework_codes IS DISTINCT FROM x.codes;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tr_action_item_framework_codes_added AFTER INSERT ON action_item_framework_targets
      REFERENCING NEW TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION action_item_framework_codes_sync()`);
    await q.query(`CREATE TRIGGER tr_action_item_framework_codes_removed AFTER DELETE ON action_item_framework_targets
      REFERENCING OLD TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION action_item_framework_codes_sync()`);
    await q.query(`CREATE INDEX ix_action_items_open_commitments ON action_items (due_on)
      INCLUDE (body_id, owner_person_id, owner_organization_id, framework_codes)
      WHERE is_commitment AND status NOT IN ('DONE','CANCELLED')`);

    // Applies the deltas a statement produced (a temp-free CTE per trigger, merged here in key order).
    const apply = (deltas: string) => `
      INSERT INTO commitment_progress_rollup AS r (body_id, code, commitments, done, progress_sum)
      SELECT body_id, code, sum(n), sum(d), sum(p) FROM (${deltas}) x
      GROUP BY body_id, code HAVING sum(n) <> 0 OR sum(d) <> 0 OR sum(p) <> 0
      ORDER BY body_id, code
      ON CONFLICT (body_id, code) DO UPDATE SET
        commitments = r.commitments + excluded.commitments,
        done = r.done + excluded.done,
        progress_sum = r.progress_sum + excluded.progress_sum`;
    // One item's contribution under one tag: (1 commitment, 1 if done, its progress), signed.
    const contribution = (item: string, sign: '' | '-') =>
      `SELECT ${item}.body_id, t.code, ${sign}1 AS n, ${sign}(${item}.status = 'DONE')::int AS d,
              ${sign}${item}.progress_percent::bigint AS p`;

    // Tags added or removed: the item's current state counts (or stops counting) under those codes.
    await q.query(`CREATE FUNCTION commitment_rollup_tags_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Lock the items first (in id order): this statement and the next one then read their committed state,
        -- whatever other transaction changed them meanwhile (READ COMMITTED takes a new snapshot per statement).
        PERFORM 1 FROM action_items WHERE id IN (SELECT action_item_id FROM new_tags) ORDER BY id FOR UPDATE;
        ${apply(`${contribution('a', '')} FROM new_tags t JOIN action_items a ON a.id = t.action_item_id
                 WHERE a.is_commitment`)};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION commitment_rollup_tags_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Lock the items first (in id order): this statement and the next one then read their committed state,
        -- whatever other transaction changed them meanwhile (READ COMMITTED takes a new snapshot per statement).
        PERFORM 1 FROM action_items WHERE id IN (SELECT action_item_id FROM old_tags) ORDER BY id FOR UPDATE;
        ${apply(`${contribution('a', '-')} FROM old_tags t JOIN action_items a ON a.id = t.action_item_id
                 WHERE a.is_commitment`)};
        RETURN NULL;
      END $$`);
    // An item changed: remove its old contribution and add the new one, for items whose counted fields changed.
    await q.query(`CREATE FUNCTION commitment_rollup_items_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${apply(`
          WITH changed AS (
            SELECT o.id FROM old_items o JOIN new_items n ON n.id = o.id
            WHERE (o.is_commitment OR n.is_commitment)
              AND (o.is_commitment, o.body_id, o.status, o.progress_percent)
                  IS DISTINCT FROM (n.is_commitment, n.body_id, n.status, n.progress_percent))
          ${contribution('o', '-')} FROM old_items o JOIN changed c ON c.id = o.id
            JOIN action_item_framework_targets t ON t.action_item_id = o.id WHERE o.is_commitment
          UNION ALL
          ${contribution('n', '')} FROM new_items n JOIN changed c ON c.id = n.id
            JOIN action_item_framework_targets t ON t.action_item_id = n.id WHERE n.is_commitment`)};
        RETURN NULL;
      END $$`);
    // Items are never deleted by the platform; should one be, it stops counting before its tags cascade away.
    await q.query(`CREATE FUNCTION commitment_rollup_item_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.is_commitment THEN
          ${apply(`SELECT OLD.body_id, t.code, -1 AS n, -(OLD.status = 'DONE')::int AS d,
                          -OLD.progress_percent::bigint AS p
                   FROM action_item_framework_targets t WHERE t.action_item_id = OLD.id`)};
        END IF;
        RETURN OLD;
      END $$`);

    await q.query(`CREATE TRIGGER tr_commitment_rollup_tags_added AFTER INSERT ON action_item_framework_targets
      REFERENCING NEW TABLE AS new_tags FOR EACH STATEMENT EXECUTE FUNCTION commitment_rollup_tags_added()`);
    await q.query(`CREATE TRIGGER tr_commitment_rollup_tags_removed AFTER DELETE ON action_item_framework_targets
      REFERENCING OLD TABLE AS old_tags FOR EACH STATEMENT EXECUTE FUNCTION commitment_rollup_tags_removed()`);
    await q.query(`CREATE TRIGGER tr_commitment_rollup_items_changed AFTER UPDATE ON action_items
      REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items
      FOR EACH STATEMENT EXECUTE FUNCTION commitment_rollup_items_changed()`);
    await q.query(`CREATE TRIGGER tr_commitment_rollup_item_deleted BEFORE DELETE ON action_items
      FOR EACH ROW EXECUTE FUNCTION commitment_rollup_item_deleted()`);

    // What is there already.
    await q.query(`INSERT INTO commitment_progress_rollup (body_id, code, commitments, done, progress_sum)
      SELECT a.body_id, t.code, count(*), count(*) FILTER (WHERE a.status = 'DONE'), sum(a.progress_percent)
      FROM action_items a JOIN action_item_framework_targets t ON t.action_item_id = a.id
      WHERE a.is_commitment GROUP BY a.body_id, t.code`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_action_items_open_commitments`);
    await q.query(`DROP TRIGGER tr_action_item_framework_codes_removed ON action_item_framework_targets`);
    await q.query(`DROP TRIGGER tr_action_item_framework_codes_added ON action_item_framework_targets`);
    await q.query(`DROP FUNCTION action_item_framework_codes_sync()`);
    await q.query(`ALTER TABLE action_items DROP COLUMN framework_codes`);
    await q.query(`DROP TRIGGER tr_commitment_rollup_item_deleted ON action_items`);
    await q.query(`DROP TRIGGER tr_commitment_rollup_items_changed ON action_items`);
    await q.query(`DROP TRIGGER tr_commitment_rollup_tags_removed ON action_item_framework_targets`);
    await q.query(`DROP TRIGGER tr_commitment_rollup_tags_added ON action_item_framework_targets`);
    await q.query(`DROP FUNCTION commitment_rollup_item_deleted()`);
    await q.query(`DROP FUNCTION commitment_rollup_items_changed()`);
    await q.query(`DROP FUNCTION commitment_rollup_tags_removed()`);
    await q.query(`DROP FUNCTION commitment_rollup_tags_added()`);
    await q.query(`DROP TABLE commitment_progress_rollup`);
  }
}
