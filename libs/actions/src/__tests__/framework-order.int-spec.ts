import { MemberRole } from '@coord/registry';
import { TestApp } from '@coord/testing';
import { CREATE, RegistryFixture } from './fixtures';

/** Framework codes read in natural order everywhere they are listed: GCM-1, GCM-2, ..., GCM-10. */
describe('framework codes in natural order', () => {
  let t: TestApp;
  let chair: string;
  let bodyId: string;
  let orgId: string;

  beforeAll(async () => {
    t = await TestApp.create();
    const f = new RegistryFixture(t);
    const ministry = await f.organization('Ministry of Labour');
    const body = await f.body('National Coordination Mechanism', { isPublic: true });
    bodyId = body.id;
    orgId = ministry.id;
    chair = (await f.signedInPerson('Chair', ministry.id, { bodyId, role: MemberRole.CHAIR })).token;
  });
  afterAll(() => t.close());

  it('lists the catalogue naturally', async () => {
    const res = await t.gql(`{ frameworkTargets(framework: "GCM") { code } }`);
    const codes = res.data.frameworkTargets.map((x: { code: string }) => x.code);
    expect(codes.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => `GCM-${i + 1}`));
  });

  it('lists an item’s tags and the progress report by target naturally', async () => {
    const made = await t.gql(
      CREATE,
      {
        input: {
          bodyId,
          title: 'Tagged pledge',
          isCommitment: true,
          ownerOrganizationId: orgId,
          frameworkCodes: ['GCM-10', 'GCM-2', 'GCM-1', 'SDG-10.7.2'],
        },
      },
      chair,
    );
    expect(made.errors).toBeUndefined();
    expect(made.data.createActionItem.frameworkTargets.map((x: { code: string }) => x.code)).toEqual([
      'GCM-1',
      'GCM-2',
      'GCM-10',
      'SDG-10.7.2',
    ]);
    const report = await t.gql(
      `query($bodyId: ID!) { commitmentProgress(groupBy: FRAMEWORK_TARGET, bodyId: $bodyId) { key } }`,
      { bodyId },
      chair,
    );
    expect(report.errors).toBeUndefined();
    expect(report.data.commitmentProgress.map((r: { key: string }) => r.key)).toEqual([
      'GCM-1',
      'GCM-2',
      'GCM-10',
      'SDG-10.7.2',
    ]);
  });
});
