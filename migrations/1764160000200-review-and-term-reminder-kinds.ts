import { MigrationInterface, QueryRunner } from 'typeorm';

const ADDED = ['TOR_REVIEW_DUE', 'MEMBERSHIP_ENDING'];

/** The kinds the CHECK on notifications.kind allows now (read from the database, so that kinds added by others stay). */
async function currentKinds(q: QueryRunner): Promise<string[]> {
  const [row]: Array<{ def: string }> = await q.query(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'notifications'::regclass AND conname = 'notifications_kind_check'`,
  );
  return [...(row?.def ?? '').matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
}

async function allow(q: QueryRunner, kinds: string[]) {
  await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
  await q.query(
    `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(',')}))`,
  );
}

/**
 * Review and term reminders (issue 16): TOR_REVIEW_DUE and MEMBERSHIP_ENDING notifications. The CHECK is rebuilt
 * from the kinds it allows when this runs plus these two, so that kinds other migrations add are kept whatever
 * the order.
 */
export class ReviewAndTermReminderKinds1764160000200 implements MigrationInterface {
  name = 'ReviewAndTermReminderKinds1764160000200';

  async up(q: QueryRunner): Promise<void> {
    await allow(q, [...new Set([...(await currentKinds(q)), ...ADDED])]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind = ANY($1)`, [ADDED]);
    await allow(
      q,
      (await currentKinds(q)).filter((k) => !ADDED.includes(k)),
    );
  }
}
