import { MemberRole, StakeholderSector } from '@coord/registry';
import { TestApp } from '@coord/testing';
import { seedActionsDemo } from '../demo/actions-demo';
import { RegistryFixture } from './fixtures';

describe('actions demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create();
  });
  afterAll(() => t.close());

  it('lays commitments over the national body and its county units, once', async () => {
    const f = new RegistryFixture(t);
    const silent = () => undefined;
    expect(await seedActionsDemo(t.dataSource, silent)).toBe(0);
    const ministry = await f.organization('Ministry of Interior');
    const cso = await f.organization('Haki na Sheria', StakeholderSector.CIVIL_SOCIETY);
    const ncm = await f.body('NCM', { isPublic: true });
    const county = await f.body('Mombasa', { parentId: ncm.id, isPublic: true });
    for (const body of [ncm, county]) {
      await f.member(body.id, (await f.person(`Chair ${body.name}`)).id, ministry.id, MemberRole.SECRETARIAT);
      await f.member(body.id, (await f.person(`CSO ${body.name}`)).id, cso.id, MemberRole.FOCAL_POINT);
    }
    expect(await seedActionsDemo(t.dataSource, silent)).toBe(6);
    expect(await seedActionsDemo(t.dataSource, silent)).toBe(0);
    const res = await t.gql(
      `query($id: ID!) { commitmentProgress(groupBy: BODY, bodyId: $id) { label total overdue } }`,
      { id: ncm.id },
    );
    expect(res.data.commitmentProgress).toEqual([
      { label: 'Mombasa', total: 2, overdue: 1 },
      { label: 'NCM', total: 3, overdue: 1 },
    ]);
  });
});
