import { AuthService } from '@coord/core';
import { seedMeetingsDemo } from '@coord/meetings/demo';
import { DEMO_SIGN_INS, loadRegistryDemo } from '@coord/registry/demo';
import { TestApp } from '@coord/testing';
import { seedAccountabilityDemo } from '../demo/accountability-demo';
import { seedActionsDemo } from '../demo/actions-demo';

describe('accountability demo data', () => {
  let t: TestApp;
  const silent = () => undefined;
  beforeAll(async () => {
    t = await TestApp.create();
    await t.dataSource.transaction((em) => loadRegistryDemo(em, AuthService.hashPassword));
    await t.dataSource.transaction((em) => seedMeetingsDemo(em, silent));
    await t.dataSource.transaction((em) => seedActionsDemo(em, silent));
  });
  afterAll(() => t.close());

  it('gives the NCM a reporting cycle (one submitted, one returned, the rest missing), assessments and outreach reach, once', async () => {
    expect(await t.dataSource.transaction((em) => seedAccountabilityDemo(em, silent))).toBe(true);
    expect(await t.dataSource.transaction((em) => seedAccountabilityDemo(em, silent))).toBe(false);
    const secretariat = DEMO_SIGN_INS.find((s) => s.email.startsWith('secretariat'))!;
    const token = await t.login(secretariat.email, secretariat.password);
    const res = await t.gql(
      `{ coordinationBodies(filter: { kind: NATIONAL_COORDINATION_MECHANISM }) { edges { node { id
          reportingCycles { title missing reports { status rating body { name } progress { total } } }
          actionItems(filter: { isCommitment: true }) { edges { node { completionLevel assessments { level } } } } } } } }`,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    const ncm = res.data.coordinationBodies.edges[0].node;
    const [cycle] = ncm.reportingCycles;
    const statuses = cycle.reports.map((r: { status: string }) => r.status);
    expect(statuses.filter((s: string) => s === 'SUBMITTED')).toHaveLength(1);
    expect(statuses.filter((s: string) => s === 'RETURNED')).toHaveLength(1);
    expect(cycle.missing).toBe(cycle.reports.length - 1);
    expect(cycle.reports.length).toBeGreaterThanOrEqual(3);
    const levels = ncm.actionItems.edges.map(
      (e: { node: { completionLevel: string | null } }) => e.node.completionLevel,
    );
    expect(levels.filter(Boolean)).toHaveLength(2);
    const reach = await t.gql(
      `query($id: ID!) { outreachReach(bodyId: $id, groupBy: [BODY]) { body { name } count suppressed } }`,
      { id: ncm.id },
      token,
    );
    expect(reach.data.outreachReach).toHaveLength(2);
    expect(reach.data.outreachReach.every((r: { count: number }) => r.count === 126)).toBe(true);
    // The public sees the small cells hidden.
    const pub = await t.gql(
      `query($id: ID!) { outreachReach(bodyId: $id, groupBy: [SEX, AGE_BAND]) { sex ageBand count suppressed } }`,
      { id: ncm.id },
    );
    expect(pub.errors).toBeUndefined();
    expect(pub.data.outreachReach.some((r: { suppressed: boolean }) => r.suppressed)).toBe(true);
  });
});
