import { MigrationInterface, QueryRunner } from 'typeorm';

/** Notification kinds of issue 17, added to whatever the CHECK allows when this runs (other issues add theirs). */
const KINDS = ['ACTION_FOLLOWED_UPDATE', 'REPORT_DUE', 'REPORT_OVERDUE', 'REPORTS_MISSING'];

async function allowedKinds(q: QueryRunner): Promise<string[]> {
  const [row] = await q.query(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'notifications'::regclass AND conname = 'notifications_kind_check'`,
  );
  return [...String(row?.def ?? '').matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
}

async function setKinds(q: QueryRunner, kinds: string[]) {
  await q.query(`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_check`);
  await q.query(
    `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(',')}))`,
  );
}

/**
 * Following commitments (issue 17): who follows which item (no one else ever sees the list), and the notification
 * kinds of following and of reporting cycles. The kinds' CHECK is extended from its current definition rather
 * than rewritten from a list, so that the order in which parallel migrations run does not drop anyone's kinds.
 */
export class FollowActionItems1764170000300 implements MigrationInterface {
  name = 'FollowActionItems1764170000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE action_item_followers (
      action_item_id uuid NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
      person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      PRIMARY KEY (action_item_id, person_id)
    )`);
    await q.query(
      `CREATE INDEX ix_action_item_followers_person ON action_item_followers (person_id, created_at, action_item_id)`,
    );
    const kinds = await allowedKinds(q);
    await setKinds(q, [...kinds, ...KINDS.filter((k) => !kinds.includes(k))]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind = ANY($1::text[])`, [KINDS]);
    await setKinds(
      q,
      (await allowedKinds(q)).filter((k) => !KINDS.includes(k)),
    );
    await q.query(`DROP TABLE action_item_followers`);
  }
}
