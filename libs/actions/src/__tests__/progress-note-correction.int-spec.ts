import { MemberRole, StakeholderSector } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { CREATE, RegistryFixture, REPORT } from './fixtures';

const CORRECT = `mutation($id: ID!, $note: String!) { correctProgressNote(updateId: $id, note: $note) {
  id updates { id note } } }`;

describe('correctProgressNote: managers correct a progress note, e.g. to take out a name', () => {
  let t: TestApp;
  let chair: string;
  let owner: string;
  let updateId: string;
  let itemId: string;

  beforeAll(async () => {
    t = await TestApp.create({ LOGIN_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT_PER_IP: '100000' });
    const f = new RegistryFixture(t);
    const org = await f.organization('Ministry', StakeholderSector.NATIONAL_GOVERNMENT);
    const body = await f.body('Working group');
    chair = (await f.signedInPerson('Chair', org.id, { bodyId: body.id, role: MemberRole.CHAIR })).token;
    const ownerSeat = await f.signedInPerson('Owner', org.id, { bodyId: body.id, role: MemberRole.MEMBER });
    owner = ownerSeat.token;
    const item = await t.gql(
      CREATE,
      { input: { bodyId: body.id, title: 'Survey', ownerPersonId: ownerSeat.person.id } },
      chair,
    );
    itemId = item.data.createActionItem.id;
    const reported = await t.gql(REPORT, { id: itemId, input: { note: 'Met Halima Yusuf at the border post' } }, owner);
    updateId = (await t.dataSource.query(`SELECT id FROM action_updates WHERE action_item_id = $1`, [itemId]))[0].id;
    expect(reported.errors).toBeUndefined();
  });
  afterAll(() => t?.close());

  it('refuses the owner (not a manager) and blank text, changing nothing', async () => {
    expectError(await t.gql(CORRECT, { id: updateId, note: 'x' }, owner), 'FORBIDDEN');
    const blank = expectError(await t.gql(CORRECT, { id: updateId, note: '  ' }, chair), 'BAD_USER_INPUT');
    expect(blank.extensions?.field).toBe('note');
    expectError(await t.gql(CORRECT, { id: '00000000-0000-0000-0000-000000000000', note: 'x' }, chair), 'NOT_FOUND');
    const [row] = await t.dataSource.query(`SELECT note FROM action_updates WHERE id = $1`, [updateId]);
    expect(row.note).toBe('Met Halima Yusuf at the border post');
  });

  it('lets a manager correct the text, audited with the earlier text outside the hashed changes', async () => {
    const res = await t.gql(CORRECT, { id: updateId, note: 'Met a community leader at the border post' }, chair);
    expect(res.errors).toBeUndefined();
    expect(res.data.correctProgressNote.updates).toEqual([
      { id: updateId, note: 'Met a community leader at the border post' },
    ]);
    const [event] = await t.dataSource.query(
      `SELECT changes, redactable FROM audit_events WHERE action = 'actionUpdate.correct' AND entity_id = $1`,
      [updateId],
    );
    expect(event.changes.note).toEqual(['[text]', '[text]']);
    expect(event.redactable.note).toEqual([
      'Met Halima Yusuf at the border post',
      'Met a community leader at the border post',
    ]);
    // The trail is otherwise still append-only.
    await expect(t.dataSource.query(`UPDATE action_updates SET note = 'x' WHERE id = $1`, [updateId])).rejects.toThrow(
      /permanent trail/,
    );
  });
});
