import { expectError, TestApp } from '@coord/testing';
import { ActionItemsSeed, seedActionItems } from './action-items-setup';
import { CREATE, dayIn } from './fixtures';

/** Creating and editing action items: framework targets, validation, who may, audit and reminder intents. */
describe('action items: create, update, report progress', () => {
  let t: TestApp;
  let admin: string;
  let chair: string;
  let member: string;
  let outsider: string;
  let csoFocal: ActionItemsSeed['csoFocal'];
  let owner: ActionItemsSeed['owner'];
  let ids: ActionItemsSeed['ids'];
  let create: ActionItemsSeed['create'];
  let count: ActionItemsSeed['count'];
  let intents: ActionItemsSeed['intents'];

  beforeAll(async () => {
    t = await TestApp.create();
    ({ admin, chair, member, outsider, csoFocal, owner, ids, create, count, intents } = await seedActionItems(t));
  });
  afterAll(() => t.close());

  it('lets the chair create an item with framework targets, audited, with reminder intents', async () => {
    const dueOn = dayIn('Africa/Nairobi', 30);
    const item = await create({
      title: 'Publish the national labour migration policy',
      ownerPersonId: owner.person.id,
      ownerOrganizationId: ids.ministry,
      dueOn,
      frameworkCodes: ['GCM-6', 'SDG-10.7.2'],
    });
    expect(item).toMatchObject({ status: 'OPEN', progressPercent: 0, isOverdue: false, dueOn, completedAt: null });
    expect(item.frameworkTargets.map((x: { code: string }) => x.code).sort()).toEqual(['GCM-6', 'SDG-10.7.2']);
    expect(
      await count(`SELECT count(*) FROM audit_events WHERE entity_id = $1 AND action = 'actionItem.create'`, [item.id]),
    ).toBe(1);
    const rows = await intents(item.id);
    expect(rows.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'ACTION_ASSIGNED',
      'ACTION_DUE_REMINDER',
      'ACTION_DUE_REMINDER',
      'ACTION_ESCALATED',
      'ACTION_OVERDUE',
    ]);
    const p1d = rows.find((r: { dedupe_key: string }) => r.dedupe_key.endsWith(':due:P1D'));
    // 09:00 in Nairobi (UTC+3) the day before the due date.
    expect(new Date(p1d.due_at).toISOString()).toBe(`${dayIn('Africa/Nairobi', 29)}T06:00:00.000Z`);
  });

  it('rejects an unknown framework code with the valid form, writing nothing', async () => {
    const before = await count('SELECT count(*) FROM action_items');
    const res = await t.gql(
      CREATE,
      { input: { bodyId: ids.ncm, title: 'x', ownerOrganizationId: ids.ministry, frameworkCodes: ['GCM16'] } },
      chair,
    );
    expectError(res, 'BAD_USER_INPUT', /Unknown framework code GCM16.*GCM-16, SDG-10\.7\.2/);
    expect(await count('SELECT count(*) FROM action_items')).toBe(before);
  });

  it('refuses unknown codes, then an unknown owner person, then an unknown owner organization, writing nothing', async () => {
    const before = await count('SELECT count(*) FROM action_items');
    const nobody = '00000000-0000-4000-8000-00000000abcd';
    const input = { bodyId: ids.ncm, title: 'x', ownerPersonId: nobody, ownerOrganizationId: nobody };
    expectError(
      await t.gql(CREATE, { input: { ...input, frameworkCodes: ['GCM-16', 'GCM16'] } }, chair),
      'BAD_USER_INPUT',
      /Unknown framework code GCM16/,
    );
    expectError(await t.gql(CREATE, { input: { ...input, frameworkCodes: ['GCM-16'] } }, chair), 'NOT_FOUND', /Person/);
    expectError(
      await t.gql(CREATE, { input: { ...input, ownerPersonId: owner.person.id } }, chair),
      'NOT_FOUND',
      /Organization/,
    );
    expect(await count('SELECT count(*) FROM action_items')).toBe(before);
  });

  it('refuses a blank title with a message saying so, on create and on update', async () => {
    const res = await t.gql(
      CREATE,
      { input: { bodyId: ids.ncm, title: '   ', ownerOrganizationId: ids.ministry } },
      chair,
    );
    expectError(res, 'BAD_USER_INPUT', /title must not be blank/);
    const item = await create({ title: 'Named item', ownerOrganizationId: ids.ministry });
    const update = await t.gql(
      `mutation($id: ID!) { updateActionItem(id: $id, input: { title: " " }) { id } }`,
      { id: item.id },
      chair,
    );
    expectError(update, 'BAD_USER_INPUT', /title must not be blank/);
  });

  it('requires an owner', async () => {
    const res = await t.gql(CREATE, { input: { bodyId: ids.ncm, title: 'Nobody does this' } }, chair);
    expectError(res, 'BAD_USER_INPUT', /needs an owner/);
  });

  it('lets only the managing roles create items: a member is FORBIDDEN, an outsider of a private body NOT_FOUND', async () => {
    const input = { title: 'x', ownerOrganizationId: ids.ministry };
    expectError(await t.gql(CREATE, { input: { bodyId: ids.ncm, ...input } }, member), 'FORBIDDEN');
    expectError(await t.gql(CREATE, { input: { bodyId: ids.twg, ...input } }, outsider), 'NOT_FOUND');
    expectError(await t.gql(CREATE, { input: { bodyId: ids.ncm, ...input } }), 'UNAUTHENTICATED');
    const res = await t.gql(CREATE, { input: { bodyId: ids.twg, ...input } }, admin);
    expect(res.errors).toBeUndefined();
    const bySecretariat = await t.gql(CREATE, { input: { bodyId: ids.ncm, ...input } }, ids.secretariatToken);
    expect(bySecretariat.errors).toBeUndefined();
  });

  it('moves pending reminders when the due date moves and notifies a new owner', async () => {
    const item = await create({ title: 'Move me', ownerPersonId: owner.person.id, dueOn: dayIn('Africa/Nairobi', 20) });
    const before = await intents(item.id);
    const newDue = dayIn('Africa/Nairobi', 40);
    const res = await t.gql(
      `mutation($id: ID!, $input: ActionItemUpdateInput!) { updateActionItem(id: $id, input: $input) { dueOn ownerPerson { id } } }`,
      { id: item.id, input: { dueOn: newDue, ownerPersonId: csoFocal.person.id } },
      chair,
    );
    expect(res.errors).toBeUndefined();
    const after = await intents(item.id);
    const overdueBefore = before.find((r: { kind: string }) => r.kind === 'ACTION_OVERDUE');
    const overdueAfter = after.filter(
      (r: { kind: string; status: string }) => r.kind === 'ACTION_OVERDUE' && r.status === 'PENDING',
    );
    expect(overdueAfter).toHaveLength(1);
    expect(overdueAfter[0].dedupe_key).toBe(overdueBefore.dedupe_key);
    expect(new Date(overdueAfter[0].due_at).toISOString()).toBe(`${dayIn('Africa/Nairobi', 41)}T06:00:00.000Z`); // 09:00 in Nairobi
    const assigned = after.filter((r: { kind: string }) => r.kind === 'ACTION_ASSIGNED');
    expect(assigned.map((r: { payload: { ownerPersonId: string } }) => r.payload.ownerPersonId).sort()).toEqual(
      [owner.person.id, csoFocal.person.id].sort(),
    );
    expect(
      await count(`SELECT count(*) FROM audit_events WHERE entity_id = $1 AND action = 'actionItem.update'`, [item.id]),
    ).toBe(1);
    expectError(
      await t.gql(
        `mutation($id: ID!) { updateActionItem(id: $id, input: { title: "x" }) { id } }`,
        { id: item.id },
        member,
      ),
      'FORBIDDEN',
    );
    // The former owner is no member of the body: the internal task no longer exists for them.
    expectError(await t.gql(`{ actionItem(id: "${item.id}") { id } }`, {}, owner.token), 'NOT_FOUND');
  });
});
