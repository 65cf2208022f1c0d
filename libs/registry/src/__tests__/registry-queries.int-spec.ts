import { TestApp } from '@coord/testing';
import { RegistryFixtures } from './registry-fixtures';

const LIST = `query($first: Int) { coordinationBodies(first: $first) { totalCount edges { node {
  id name
  parent { id name }
  leadOrganization { name }
  memberships { person { fullName } organization { name } }
  composition { activeMembers unfilledSeats { sector minSeats } governmentShare }
} } } }`;

describe('registry queries: search, paging and a constant number of SQL queries', () => {
  let t: TestApp;
  let f: RegistryFixtures;
  let admin: string;
  let member: Awaited<ReturnType<RegistryFixtures['member']>>;

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixtures(t);
    admin = (await t.signIn()).token;
    const root = await f.body({ name: 'AAA National Coordination Mechanism' });
    member = await f.member(root, 'SECRETARIAT');
    // 60 bodies beneath the root, each with a lead organization, members and adopted terms of reference.
    for (let i = 0; i < 60; i++) {
      const lead = await f.organization({ sector: i % 2 ? 'NATIONAL_GOVERNMENT' : 'CIVIL_SOCIETY' });
      const body = await f.body({ name: `B ${String(i).padStart(3, '0')}`, parentId: root, leadOrganizationId: lead });
      for (let j = 0; j < 3; j++) await f.membership(body, await f.person(), lead);
      await t.dataSource.query(
        `INSERT INTO terms_of_reference (body_id, version, status, mandate, quorum_fraction, decision_rule, meeting_frequency, required_seats, adopted_on)
         VALUES ($1, 1, 'ADOPTED', 'm', 0.5, 'CONSENSUS', 'ANNUAL', '[{"sector":"ACADEMIA","minSeats":2}]', '2026-01-01')`,
        [body],
      );
    }
  });
  afterAll(() => t.close());

  it.each([
    ['an admin', () => admin],
    ['a member reading private bodies through the hierarchy', () => member.token],
    ['an anonymous reader', () => undefined],
  ])('lists 50 bodies with nested fields in as many SQL queries as 5, for %s', async (_who, token) => {
    if (!token()) await t.dataSource.query(`UPDATE coordination_bodies SET is_public = true`);
    let five: any;
    let fifty: any;
    const q5 = await t.countQueries(async () => (five = await t.gql(LIST, { first: 5 }, token())));
    const q50 = await t.countQueries(async () => (fifty = await t.gql(LIST, { first: 50 }, token())));
    expect(five.errors).toBeUndefined();
    expect(fifty.errors).toBeUndefined();
    expect(fifty.data.coordinationBodies.edges).toHaveLength(50);
    const node = fifty.data.coordinationBodies.edges[1].node;
    expect(node.parent.name).toBe('AAA National Coordination Mechanism');
    expect(node.memberships).toHaveLength(3);
    expect(node.composition.unfilledSeats).toEqual([{ sector: 'ACADEMIA', minSeats: 2 }]);
    expect(q50).toBe(q5);
    expect(q50).toBeLessThanOrEqual(14);
  });

  it('pages with opaque, stable cursors and a total count', async () => {
    const page = `query($after: String) { coordinationBodies(first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }`;
    const names: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await t.gql(page, { after }, admin);
      const conn = res.data.coordinationBodies;
      expect(conn.totalCount).toBe(61);
      names.push(...conn.edges.map((e: any) => e.node.name));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(names).toHaveLength(61);
    expect(new Set(names).size).toBe(61);
    expect([...names].sort()).toEqual(names);
  });

  it('searches organizations by name and acronym, ignoring case and accents', async () => {
    await f.organization({
      name: 'Organisation Internationale pour les Migrations',
      acronym: 'OIM',
      sector: 'INTERNATIONAL_ORGANIZATION',
    });
    await f.organization({ name: 'Université de Nairobi', sector: 'ACADEMIA' });
    const search = `query($s: String, $sector: StakeholderSector) { organizations(search: $s, sector: $sector) { totalCount edges { node { name } } } }`;
    const names = async (s: string, sector?: string) =>
      (await t.gql(search, { s, sector }, member.token)).data.organizations.edges.map((e: any) => e.node.name);
    expect(await names('UNIVERSITE')).toEqual(['Université de Nairobi']);
    expect(await names('oim')).toEqual(['Organisation Internationale pour les Migrations']);
    expect(await names('migrations', 'ACADEMIA')).toEqual([]);
    expect(await names('100%')).toEqual([]);
  });

  it('searches bodies and people, ignoring case and accents', async () => {
    // Seated on a public body: a plain user lists the members of public bodies (and of their own), not the registry.
    const zoe = await f.person({ fullName: 'Zoë Wanjiků' });
    const zoeOrg = await f.organization();
    await f.membership(await f.body({ isPublic: true }), zoe, zoeOrg);
    const people = await t.gql(`{ people(search: "zoe wanjiku") { edges { node { fullName } } } }`, {}, member.token);
    expect(people.data.people.edges).toEqual([{ node: { fullName: 'Zoë Wanjiků' } }]);
    const bodies = await t.gql(
      `{ coordinationBodies(filter: { search: "national coord" }) { totalCount } }`,
      {},
      admin,
    );
    expect(bodies.data.coordinationBodies.totalCount).toBe(1);
  });
});
