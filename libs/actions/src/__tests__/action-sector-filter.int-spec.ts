import { MemberRole, StakeholderSector } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { RegistryFixture } from './fixtures';

/** The national list filtered by the owners' sector (ownerSector), paged with cursors. */
describe('action items: the owner-sector filter', () => {
  let t: TestApp;
  let f: RegistryFixture;
  let admin: string;
  let outsider: string;
  const ids: Record<string, string> = {};

  const LIST = `query($filter: ActionItemFilter, $first: Int, $after: String) {
    actionItems(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { endCursor hasNextPage }
      edges { node { id title ownerOrganization { name sector } ownerPerson { fullName } coOwnerOrganizations { name } } } } }`;

  const insert = async (bodyId: string, title: string, owner: { org?: string; person?: string }, n = 1) => {
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO action_items (body_id, title, is_commitment, owner_organization_id, owner_person_id, due_on, status, progress_percent)
       SELECT $1, $2 || ' ' || g, true, $3, $4, '2030-01-01', 'OPEN', 0 FROM generate_series(1, $5) g RETURNING id`,
      [bodyId, title, owner.org ?? null, owner.person ?? null, n],
    );
    return rows.map((r) => r.id);
  };

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixture(t);
    admin = (await t.signIn()).token;
    const ministry = await f.organization('Ministry of Labour');
    const cso = await f.organization('Migrant Workers’ Forum', StakeholderSector.CIVIL_SOCIETY);
    const union = await f.organization('Dock Workers’ Union', StakeholderSector.CIVIL_SOCIETY);
    ids.ministry = ministry.id;
    ids.cso = cso.id;
    ids.ncm = (await f.body('NCM', { isPublic: true })).id;
    ids.mombasa = (await f.body('Mombasa County Unit', { parentId: ids.ncm, isPublic: true })).id;
    ids.private = (await f.body('Private TWG', { isPublic: false })).id;
    const volunteer = await f.person('Forum Volunteer', cso.id);
    await insert(ids.ncm, 'Ministry', { org: ministry.id });
    await insert(ids.mombasa, 'Forum', { org: cso.id });
    await insert(ids.mombasa, 'Volunteer', { person: volunteer.id });
    const [joint] = await insert(ids.ncm, 'Joint', { org: ministry.id });
    await t.dataSource.query(`INSERT INTO action_item_co_owners (action_item_id, organization_id) VALUES ($1, $2)`, [
      joint,
      union.id,
    ]);
    await insert(ids.private, 'Private', { org: cso.id });
    outsider = (await f.signedInPerson('Outsider', ministry.id)).token;
    await f.signedInPerson('Seat', ministry.id, { bodyId: ids.ncm, role: MemberRole.MEMBER });
  });
  afterAll(() => t.close());

  const titles = (res: any) => res.data.actionItems.edges.map((e: any) => e.node.title.split(' ')[0]).sort();

  it('keeps items whose owner organization, owner person’s organization or a co-owner is of the sector', async () => {
    const res = await t.gql(
      LIST,
      { filter: { bodyId: ids.ncm, includeSubBodies: true, ownerSector: 'CIVIL_SOCIETY' } },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(titles(res)).toEqual(['Forum', 'Joint', 'Volunteer']);
    const gov = await t.gql(LIST, { filter: { ownerSector: 'NATIONAL_GOVERNMENT' } }, admin);
    expect(titles(gov)).toEqual(['Joint', 'Ministry']);
    // Without the filter, the list is what it was.
    const all = await t.gql(LIST, { filter: { bodyId: ids.ncm, includeSubBodies: true } }, admin);
    expect(all.data.actionItems.totalCount).toBe(4);
  });

  it('leaves out what the caller may not read, and refuses a sector that does not exist', async () => {
    const admins = await t.gql(LIST, { filter: { ownerSector: 'CIVIL_SOCIETY' } }, admin);
    expect(titles(admins)).toContain('Private');
    const outsiders = await t.gql(LIST, { filter: { ownerSector: 'CIVIL_SOCIETY' } }, outsider);
    expect(outsiders.errors).toBeUndefined();
    expect(titles(outsiders)).not.toContain('Private');
    const anonymous = await t.gql(LIST, { filter: { ownerSector: 'CIVIL_SOCIETY' } });
    expect(titles(anonymous)).not.toContain('Private');
    expectError(
      await t.gql(LIST, { filter: { bodyId: ids.private, ownerSector: 'CIVIL_SOCIETY' } }, outsider),
      'NOT_FOUND',
    );
    const bad = await t.gql(LIST, { filter: { ownerSector: 'PIRATES' } }, admin);
    expect(bad.errors?.length).toBeGreaterThan(0);
  });

  it('pages the filtered list with cursors, each item once', async () => {
    await insert(ids.mombasa, 'Paged', { org: ids.cso }, 7);
    const filter = { bodyId: ids.ncm, includeSubBodies: true, ownerSector: 'CIVIL_SOCIETY' };
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await t.gql(LIST, { filter, first: 3, after }, admin);
      expect(res.data.actionItems.totalCount).toBe(10);
      seen.push(...res.data.actionItems.edges.map((e: any) => e.node.id));
      if (!res.data.actionItems.pageInfo.hasNextPage) break;
      after = res.data.actionItems.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
  });

  it('costs the same number of SQL queries for 3 and 10 filtered items', async () => {
    // No body in the filter: its access check would leave that body in the request's memo, and a page whose items
    // all sit in it would need one query less.
    const filter = { ownerSector: 'CIVIL_SOCIETY' };
    // Fields every item has (an owner person is not, nor co-owners: only one item has them, and whether it falls in
    // the first 3 decides whether their organizations are loaded at all), so that both pages ask the same loaders.
    const query = `query($filter: ActionItemFilter, $first: Int) { actionItems(filter: $filter, first: $first) {
      totalCount edges { node { id title body { name } frameworkTargets { code } } } } }`;
    const run = (first: number) => t.countQueries(() => t.gql(query, { filter, first }, admin));
    expect(await run(10)).toBe(await run(3));
  });
});
