import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Framework codes read in natural order (GCM-1, GCM-2, ..., GCM-10; SDG-10.7.2 before SDG-10.10.1): an ICU
 * collation that compares digit runs as numbers, named in the ORDER BY of every list of codes
 * (`FRAMEWORK_CODE_ORDER` in libs/actions).
 */
export class FrameworkCodeNaturalOrder1764135000001 implements MigrationInterface {
  name = 'FrameworkCodeNaturalOrder1764135000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE COLLATION IF NOT EXISTS framework_code_order (provider = icu, locale = 'und-u-kn-true')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP COLLATION IF EXISTS framework_code_order`);
  }
}
