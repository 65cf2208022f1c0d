import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People reached by OUTREACH meetings (issue 17), as aggregate counts per sex, age band and locality: never
 * names, per-person rows, nationality or migration status. One row per combination and meeting (locality compared
 * case-insensitively, trimmed: `locality_key`); recordOutreachReach replaces a meeting's rows.
 */
export class OutreachReach1764170000500 implements MigrationInterface {
  name = 'OutreachReach1764170000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outreach_reach (
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      sex text NOT NULL CHECK (sex IN ('FEMALE','MALE','OTHER','UNDISCLOSED')),
      age_band text NOT NULL CHECK (age_band IN ('UNDER_18','AGE_18_35','AGE_36_59','AGE_60_PLUS','UNKNOWN')),
      locality text NOT NULL CHECK (length(btrim(locality)) BETWEEN 1 AND 200),
      locality_key text GENERATED ALWAYS AS (lower(btrim(locality))) STORED,
      count int NOT NULL CHECK (count BETWEEN 0 AND 1000000),
      PRIMARY KEY (meeting_id, sex, age_band, locality_key)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outreach_reach`);
  }
}
