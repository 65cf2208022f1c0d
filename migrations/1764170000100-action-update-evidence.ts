import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence links on progress reports (issue 17): http(s) URLs only, at most 10 per report. The service checks
 * each one's shape and names the bad one; the CHECKs keep the rule when rows come from elsewhere. The server
 * never fetches them.
 */
export class ActionUpdateEvidence1764170000100 implements MigrationInterface {
  name = 'ActionUpdateEvidence1764170000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION evidence_urls_valid(urls text[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
      SELECT coalesce(array_length(urls, 1), 0) <= 10
         AND NOT EXISTS (SELECT 1 FROM unnest(urls) u WHERE u !~* '^https?://[^\\s/?#]+[^\\s]*$' OR length(u) > 2000)
    $$`);
    await q.query(`ALTER TABLE action_updates ADD COLUMN evidence_urls text[] NOT NULL DEFAULT '{}'
      CONSTRAINT ck_action_updates_evidence_urls CHECK (evidence_urls_valid(evidence_urls))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE action_updates DROP COLUMN evidence_urls`);
    await q.query(`DROP FUNCTION evidence_urls_valid(text[])`);
  }
}
