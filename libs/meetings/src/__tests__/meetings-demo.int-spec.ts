import { AuthService } from '@coord/core';
import { seedActionsDemo } from '@coord/actions/demo';
import { DEMO_SIGN_INS, loadRegistryDemo } from '@coord/registry/demo';
import { TestApp } from '@coord/testing';
import { seedMeetingsDemo } from '../demo/meetings-demo';

describe('the demo that npm start loads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create();
    await t.dataSource.transaction((em) => loadRegistryDemo(em, AuthService.hashPassword));
    await t.dataSource.transaction((em) => seedMeetingsDemo(em, () => undefined));
    await t.dataSource.transaction((em) => seedActionsDemo(em, () => undefined));
  });
  afterAll(() => t.close());

  it('shows the secretariat a held meeting with adopted minutes and decisions, and one coming up with quorum', async () => {
    const secretariat = DEMO_SIGN_INS.find((s) => s.email.startsWith('secretariat'))!;
    const token = await t.login(secretariat.email, secretariat.password);
    const res = await t.gql(
      `{ coordinationBodies(filter: { kind: NATIONAL_COORDINATION_MECHANISM }) { edges { node { name
          meetings(first: 10) { totalCount edges { node { status minutes { status } decisions { text }
            participants { rsvp attendance } quorum { required counted met } } } } } } } }`,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    const meetings = res.data.coordinationBodies.edges[0].node.meetings;
    expect(meetings.totalCount).toBe(2);
    const held = meetings.edges.map((e: any) => e.node).find((m: any) => m.status === 'HELD');
    const next = meetings.edges.map((e: any) => e.node).find((m: any) => m.status === 'SCHEDULED');
    expect(held.minutes.status).toBe('ADOPTED');
    expect(held.decisions.length).toBe(2);
    expect(held.quorum.met).toBe(true);
    expect(next.participants.length).toBeGreaterThan(3);
    expect(next.quorum.required).toBeGreaterThan(0);
  });

  it('is idempotent', async () => {
    expect(await t.dataSource.transaction((em) => seedMeetingsDemo(em, () => undefined))).toBe(0);
  });
});
