import { AuthService } from '@coord/core';
import { seedActionsDemo } from '@coord/actions/demo';
import { DEMO_SIGN_INS, loadRegistryDemo } from '@coord/registry/demo';
import { TestApp } from '@coord/testing';
import { seedCycleDemo } from '../demo/cycle-demo';
import { seedMeetingsDemo } from '../demo/meetings-demo';

describe('the coordination cycle in the demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create();
    await t.dataSource.transaction((em) => loadRegistryDemo(em, AuthService.hashPassword));
    await t.dataSource.transaction((em) => seedMeetingsDemo(em, () => undefined));
    await t.dataSource.transaction((em) => seedActionsDemo(em, () => undefined));
    await t.dataSource.transaction((em) => seedCycleDemo(em, () => undefined));
  });
  afterAll(() => t.close());

  it('gives the NCM a quarterly plenary series with an overdue item as matters arising, a TWG a monthly one, and an alternate seat', async () => {
    const secretariat = DEMO_SIGN_INS.find((s) => s.email.startsWith('secretariat'))!;
    const token = await t.login(secretariat.email, secretariat.password);
    const res = await t.gql(
      `{ coordinationBodies(filter: { kind: NATIONAL_COORDINATION_MECHANISM }) { edges { node {
          meetingSeries { title recurrenceRule localStartTime meetings(first: 2) { totalCount edges { node {
            agenda { title } mattersArising { title isOverdue } } } } }
          memberships { role alternateFor { id } }
          children { meetingSeries { recurrenceRule meetings(first: 1) { totalCount } } } } } } }`,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    const ncm = res.data.coordinationBodies.edges[0].node;
    expect(ncm.meetingSeries).toHaveLength(1);
    const plenary = ncm.meetingSeries[0];
    expect(plenary.recurrenceRule).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU');
    expect(plenary.meetings.totalCount).toBeGreaterThanOrEqual(4);
    const next = plenary.meetings.edges[0].node;
    expect(next.agenda[0].title).toBe('Matters arising');
    expect(next.mattersArising.some((m: any) => m.isOverdue)).toBe(true);
    expect(ncm.memberships.filter((m: any) => m.role === 'ALTERNATE' && m.alternateFor)).toHaveLength(1);
    const monthly = ncm.children.flatMap((c: any) => c.meetingSeries);
    expect(monthly).toEqual([
      expect.objectContaining({
        recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TH',
        meetings: { totalCount: expect.any(Number) },
      }),
    ]);
    expect(monthly[0].meetings.totalCount).toBeGreaterThanOrEqual(11);
  });

  it('is idempotent', async () => {
    expect(await t.dataSource.transaction((em) => seedCycleDemo(em, () => undefined))).toBe(0);
  });
});
