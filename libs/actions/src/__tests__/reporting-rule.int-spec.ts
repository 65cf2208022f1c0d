import { ReminderHandlerRegistry } from '@coord/core';
import { MemberRole, StakeholderSector } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { CREATE, dayIn, REPORT, RegistryFixture } from './fixtures';

/**
 * Who answers for an item (reporting-rule.ts): the owner person and the owner organization's focal points on the
 * item's body, an ancestor or a descendant. One rule for reporting, myActionItems, the viewer's rights and reminders.
 */
describe('action items: who answers for an item', () => {
  let t: TestApp;
  let f: RegistryFixture;
  let chair: string;
  let ids: Record<string, string> = {};
  let countyFocal: { person: { id: string }; token: string };
  let ncmFocal: { person: { id: string }; token: string };
  let csoMember: { person: { id: string }; token: string };
  let unrelatedFocal: { person: { id: string }; token: string };

  const create = async (input: Record<string, unknown>, bodyId = ids.ncm) => {
    const res = await t.gql(CREATE, { input: { bodyId, ...input } }, chair);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.createActionItem as { id: string };
  };
  const RIGHTS = `query($id: ID!) { actionItem(id: $id) { viewerCanEdit viewerCanReportProgress daysOverdue } }`;
  const mine = async (token: string): Promise<string[]> =>
    (await t.gql(`{ myActionItems(first: 100) { edges { node { id } } } }`, {}, token)).data.myActionItems.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    );
  const assignedMessages = async (itemId: string) => {
    const [row] = await t.dataSource.query(
      `SELECT kind, payload FROM reminder_intents WHERE subject_id = $1 AND kind = 'ACTION_ASSIGNED'`,
      [itemId],
    );
    return t.app.get(ReminderHandlerRegistry).handlerFor('ACTION_ASSIGNED')!.messagesFor(
      {
        id: 'x',
        kind: row.kind,
        subjectType: 'ActionItem',
        subjectId: itemId,
        dueAt: new Date(),
        payload: row.payload,
      },
      t.dataSource.manager,
    );
  };

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixture(t);
    const ministry = await f.organization('Ministry of Interior');
    const county = await f.organization('County Government of Mombasa', StakeholderSector.LOCAL_GOVERNMENT);
    const cso = await f.organization('Refugee Consortium of Kenya', StakeholderSector.CIVIL_SOCIETY);
    const lonely = await f.organization('Organization without focal point', StakeholderSector.PRIVATE_SECTOR);
    const ncm = await f.body('National Coordination Mechanism', { isPublic: false });
    const unit = await f.body('Mombasa county unit', { parentId: ncm.id });
    const elsewhere = await f.body('Unrelated forum', { isPublic: false });
    ids = { ministry: ministry.id, county: county.id, cso: cso.id, lonely: lonely.id, ncm: ncm.id, unit: unit.id };
    chair = (await f.signedInPerson('Chair', ministry.id, { bodyId: ncm.id, role: MemberRole.CHAIR })).token;
    const secretariat = await f.signedInPerson('Secretariat', ministry.id, {
      bodyId: ncm.id,
      role: MemberRole.SECRETARIAT,
    });
    ids.secretariat = secretariat.person.id;
    // The county focal point sits on the county unit only, and as a plain member on the NCM (as in the demo).
    countyFocal = await f.signedInPerson('Mombasa focal point', county.id, {
      bodyId: unit.id,
      role: MemberRole.FOCAL_POINT,
    });
    await f.member(ncm.id, countyFocal.person.id, county.id, MemberRole.MEMBER);
    ncmFocal = await f.signedInPerson('Ministry focal point', ministry.id, {
      bodyId: ncm.id,
      role: MemberRole.FOCAL_POINT,
    });
    csoMember = await f.signedInPerson('CSO member', cso.id, { bodyId: ncm.id, role: MemberRole.MEMBER });
    unrelatedFocal = await f.signedInPerson('Unrelated focal', county.id, {
      bodyId: elsewhere.id,
      role: MemberRole.FOCAL_POINT,
    });
  });
  afterAll(() => t.close());

  it('lets a focal point seated on a sub-body report on the organization’s item on the parent body, and tells them', async () => {
    const item = await create({ title: 'County labour desk', ownerOrganizationId: ids.county });
    const res = await t.gql(
      REPORT,
      { id: item.id, input: { note: 'Desk staffed', progressPercent: 30 } },
      countyFocal.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.reportProgress.progressPercent).toBe(30);
    expect((await t.gql(RIGHTS, { id: item.id }, countyFocal.token)).data.actionItem).toEqual({
      viewerCanEdit: false,
      viewerCanReportProgress: true,
      daysOverdue: null,
    });
    expect(await mine(countyFocal.token)).toContain(item.id);
    expect((await assignedMessages(item.id)).map((m) => m.personId)).toEqual([countyFocal.person.id]);
    // A focal point of the same organization on an unrelated body does not answer for it.
    expectError(await t.gql(REPORT, { id: item.id, input: { note: 'Not mine' } }, unrelatedFocal.token), 'NOT_FOUND');
    expect(await mine(unrelatedFocal.token)).not.toContain(item.id);
  });

  it('lets a focal point seated on the parent body report on the organization’s item on a sub-body', async () => {
    const item = await create(
      { title: 'Ministry support to the county unit', ownerOrganizationId: ids.ministry },
      ids.unit,
    );
    expect(
      (await t.gql(REPORT, { id: item.id, input: { note: 'Visit planned' } }, ncmFocal.token)).errors,
    ).toBeUndefined();
    expect(await mine(ncmFocal.token)).toContain(item.id);
  });

  it('keeps a plain member’s organization’s commitment out of their list and their reach: the focal points report', async () => {
    const item = await create({ title: 'Paralegal clinics', isCommitment: true, ownerOrganizationId: ids.cso });
    expect(await mine(csoMember.token)).not.toContain(item.id);
    const seen = await t.gql(RIGHTS, { id: item.id }, csoMember.token);
    expect(seen.errors).toBeUndefined();
    expect(seen.data.actionItem).toMatchObject({
      viewerCanEdit: false,
      viewerCanReportProgress: false,
    });
    expectError(await t.gql(REPORT, { id: item.id, input: { note: 'Clinic open' } }, csoMember.token), 'FORBIDDEN');
    expect(
      Number(
        (await t.dataSource.query(`SELECT count(*) FROM action_updates WHERE action_item_id = $1`, [item.id]))[0].count,
      ),
    ).toBe(0);
    // The chair edits and reports.
    expect((await t.gql(RIGHTS, { id: item.id }, chair)).data.actionItem).toMatchObject({
      viewerCanEdit: true,
      viewerCanReportProgress: true,
    });
  });

  it('tells the secretariat at assignment when the owner organization has no focal point in the hierarchy', async () => {
    const item = await create({ title: 'Private-sector pledge', ownerOrganizationId: ids.lonely });
    const messages = await assignedMessages(item.id);
    expect(messages.map((m) => m.personId)).toEqual([ids.secretariat]);
    expect(messages[0]).toMatchObject({ title: 'No focal point: Private-sector pledge', actionItemId: item.id });
    expect(messages[0].body).toMatch(/Seat a focal point/);
    // Represented organizations do not bother the secretariat.
    const represented = await create({ title: 'County pledge', ownerOrganizationId: ids.county });
    expect((await assignedMessages(represented.id)).map((m) => m.personId)).not.toContain(ids.secretariat);
  });

  it('says how many days an item is overdue, in the body’s zone', async () => {
    const late = await create({ title: 'Late', ownerOrganizationId: ids.county, dueOn: dayIn('Africa/Nairobi', -3) });
    expect((await t.gql(RIGHTS, { id: late.id }, chair)).data.actionItem.daysOverdue).toBe(3);
    const ahead = await create({ title: 'Ahead', ownerOrganizationId: ids.county, dueOn: dayIn('Africa/Nairobi', 3) });
    expect((await t.gql(RIGHTS, { id: ahead.id }, chair)).data.actionItem.daysOverdue).toBeNull();
  });

  it('answers the viewer’s rights for a whole list in a constant number of queries', async () => {
    for (let i = 0; i < 6; i++)
      await create({ title: `Bulk ${i}`, ownerOrganizationId: ids.county }, i % 2 ? ids.unit : ids.ncm);
    const list = (first: number) =>
      t.gql(
        `query($first: Int) { myActionItems(first: $first) { edges { node { id viewerCanEdit viewerCanReportProgress daysOverdue } } } }`,
        { first },
        countyFocal.token,
      );
    const few = await t.countQueries(() => list(2));
    const many = await t.countQueries(() => list(50));
    expect(many).toBe(few);
    const all = (await list(50)).data.myActionItems.edges;
    expect(all.length).toBeGreaterThan(6);
    expect(all.every((e: { node: { viewerCanReportProgress: boolean } }) => e.node.viewerCanReportProgress)).toBe(true);
  });
});
