import { AuthService } from '@coord/core';
import { TestApp } from '@coord/testing';
import { DEMO_SIGN_INS, loadRegistryDemo } from '../demo/kenya-registry-demo';

describe('the illustrative Kenyan registry demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create();
  });
  afterAll(() => t.close());

  it('loads once, is idempotent, and its sign-ins see what their roles allow', async () => {
    const first = await t.dataSource.transaction((em) => loadRegistryDemo(em, AuthService.hashPassword));
    expect(first.created).toBe(true);
    const counts = await t.dataSource.query(`SELECT (SELECT count(*) FROM coordination_bodies)::int AS bodies,
      (SELECT count(*) FROM memberships)::int AS memberships`);
    const again = await t.dataSource.transaction((em) => loadRegistryDemo(em, AuthService.hashPassword));
    expect(again).toEqual({ ...first, created: false });
    expect(
      await t.dataSource.query(`SELECT (SELECT count(*) FROM coordination_bodies)::int AS bodies,
      (SELECT count(*) FROM memberships)::int AS memberships`),
    ).toEqual(counts);

    const [secretariat, focal, civil] = await Promise.all(DEMO_SIGN_INS.map((s) => t.login(s.email, s.password)));
    const q = `query($id: ID!) { coordinationBody(id: $id) { name children { name } currentTermsOfReference { version }
      composition { activeMembers unfilledSeats { sector minSeats } governmentShare }
      memberships { role person { fullName email } } } }`;
    const asSecretariat = (await t.gql(q, { id: first.bodies.ncm }, secretariat)).data.coordinationBody;
    expect(asSecretariat.name).toMatch(/illustrative/);
    expect(asSecretariat.children).toHaveLength(8);
    expect(asSecretariat.currentTermsOfReference.version).toBe(2);
    expect(asSecretariat.composition.unfilledSeats).toEqual(
      expect.arrayContaining([{ sector: 'MIGRANT_ASSOCIATION', minSeats: 1 }]),
    );
    expect(asSecretariat.memberships.every((m: any) => m.person.email)).toBe(true);
    const asCivil = (await t.gql(q, { id: first.bodies.ncm }, civil)).data.coordinationBody;
    expect(asCivil.memberships.filter((m: any) => m.person.email)).toHaveLength(1);
    // The counter-trafficking TWG is private: the NCM's secretariat reads it; plain members of the NCM (the county
    // focal point, civil society) and anonymous callers learn nothing of it.
    expect((await t.gql(q, { id: first.bodies.ctipTwg }, secretariat)).data.coordinationBody.name).toMatch(
      /Counter-Trafficking/,
    );
    expect((await t.gql(q, { id: first.bodies.ctipTwg }, focal)).data.coordinationBody).toBeNull();
    expect((await t.gql(q, { id: first.bodies.ctipTwg }, civil)).data.coordinationBody).toBeNull();
    expect((await t.gql(q, { id: first.bodies.ctipTwg })).data.coordinationBody).toBeNull();
    expect((await t.gql(q, { id: first.bodies.ncm }, civil)).data.coordinationBody.children).toHaveLength(7);
    expect((await t.gql(q, { id: first.bodies.ncm })).data.coordinationBody.children).toHaveLength(7);
  });
});
