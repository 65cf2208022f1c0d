import { createTestDatabase, TestDatabase } from '@coord/testing';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { migrate } from '../../../../migrations/run';

/**
 * The migration that takes personal values out of the audit log's `changes` (issue 22), on events written the old
 * way: personal values masked, free texts moved to `redactable`; everything else untouched. Later migrations (the
 * audit hash chain) run after it, on the redacted log.
 */
describe('migration: personal data out of audit changes', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    const since = MIGRATIONS.filter((m) => Number(/\d{13}$/.exec(m.name)?.[0]) >= 1764100000000).length;
    for (let i = 0; i < since; i++) await migrate(db.url, 'revert', () => undefined);
    ds = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db.drop();
  });

  it('masks personal values, moves free texts to redactable, leaves the rest and refuses other updates', async () => {
    const insert = (action: string, entityType: string, changes: object) =>
      ds.query(
        `INSERT INTO audit_events (action, entity_type, entity_id, changes) VALUES ($1, $2, gen_random_uuid(), $3)
         RETURNING id`,
        [action, entityType, JSON.stringify(changes)],
      );
    const [user] = await insert('user.create', 'User', {
      email: [null, 'amina@example.org'],
      platformRole: [null, 'USER'],
    });
    const [person] = await insert('person.update', 'Person', { title: ['Officer', 'Head'], fullName: [null, null] });
    const [minutes] = await insert('minutes.record', 'Minutes', { text: [null, 'Amina Wanjiru reported'] });
    const [item] = await insert('actionItem.update', 'ActionItem', { title: ['Old', 'New'], status: ['OPEN', 'DONE'] });
    const [body] = await insert('body.update', 'CoordinationBody', { name: ['A', 'B'] });

    await migrate(db.url, 'run', () => undefined);

    const row = async (id: string) =>
      (await ds.query(`SELECT changes, redactable FROM audit_events WHERE id = $1`, [id]))[0];
    expect(await row(user.id)).toEqual({
      changes: { email: [null, '[personal data]'], platformRole: [null, 'USER'] },
      redactable: null,
    });
    expect(await row(person.id)).toEqual({
      changes: { title: ['[personal data]', '[personal data]'], fullName: [null, null] },
      redactable: null,
    });
    expect(await row(minutes.id)).toEqual({
      changes: { text: [null, '[text]'] },
      redactable: { text: [null, 'Amina Wanjiru reported'] },
    });
    expect(await row(item.id)).toEqual({
      changes: { title: ['[text]', '[text]'], status: ['OPEN', 'DONE'] },
      redactable: { title: ['Old', 'New'] },
    });
    expect(await row(body.id)).toEqual({ changes: { name: ['A', 'B'] }, redactable: null });
    const all = await ds.query(`SELECT changes::text AS c FROM audit_events`);
    expect(JSON.stringify(all)).not.toMatch(/amina|Officer/i);

    // Still append-only: only a declared redaction may change `redactable`, and nothing else.
    await expect(ds.query(`UPDATE audit_events SET redactable = '{}' WHERE id = $1`, [minutes.id])).rejects.toThrow(
      /append-only/,
    );
    await ds
      .transaction(async (em) => {
        await em.query(`SELECT set_config('coord.redacting', 'on', true)`);
        await em.query(
          `UPDATE audit_events SET redactable = '{"text": [null, "[name removed] reported"]}' WHERE id = $1`,
          [minutes.id],
        );
        await expect(em.query(`UPDATE audit_events SET changes = '{}' WHERE id = $1`, [minutes.id])).rejects.toThrow(
          /append-only/,
        );
      })
      .catch(() => undefined);
    await expect(ds.query(`DELETE FROM audit_events WHERE id = $1`, [body.id])).rejects.toThrow(/append-only/);
  });
});
