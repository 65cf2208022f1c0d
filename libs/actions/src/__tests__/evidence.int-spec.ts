import { MemberRole, StakeholderSector } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { isEvidenceUrl } from '../evidence';
import { CREATE, RegistryFixture } from './fixtures';

const REPORT = `mutation($id: ID!, $input: ActionProgressInput!) { reportProgress(id: $id, input: $input) {
  id progressPercent updates { note evidenceUrls }
} }`;

/** Evidence links on progress reports: http(s) only, at most 10, shape checked, never fetched. */
describe('progress evidence links', () => {
  let t: TestApp;
  let chair: string;
  let itemId: string;
  const updates = async () =>
    Number(
      (await t.dataSource.query(`SELECT count(*) FROM action_updates WHERE action_item_id = $1`, [itemId]))[0].count,
    );

  beforeAll(async () => {
    t = await TestApp.create();
    const f = new RegistryFixture(t);
    const cso = await f.organization('Haki na Sheria', StakeholderSector.CIVIL_SOCIETY);
    const ncm = await f.body('NCM', { isPublic: true });
    chair = (await f.signedInPerson('Chair', cso.id, { bodyId: ncm.id, role: MemberRole.CHAIR })).token;
    const res = await t.gql(
      CREATE,
      { input: { bodyId: ncm.id, title: 'Publish the plan', ownerOrganizationId: cso.id, isCommitment: true } },
      chair,
    );
    itemId = res.data.createActionItem.id;
  });
  afterAll(() => t.close());

  it('keeps http(s) evidence links with the report, in the audit log too', async () => {
    const urls = ['https://www.example.go.ke/plan.pdf', 'http://gazette.example.org/notice/12?x=1'];
    const res = await t.gql(
      REPORT,
      { id: itemId, input: { note: 'Plan published', progressPercent: 50, evidenceUrls: urls } },
      chair,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.reportProgress.updates).toEqual([{ note: 'Plan published', evidenceUrls: urls }]);
    const [audit] = await t.dataSource.query(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'actionItem.reportProgress'`,
      [itemId],
    );
    expect(JSON.stringify(audit.changes)).toContain('gazette.example.org');
  });

  it('refuses a javascript: link naming the entry, writing nothing', async () => {
    const before = await updates();
    const res = await t.gql(
      REPORT,
      { id: itemId, input: { note: 'x', evidenceUrls: ['https://ok.example.org', 'javascript:alert(1)'] } },
      chair,
    );
    const error = expectError(res, 'BAD_USER_INPUT', /evidenceUrls\[1\] must be an http:\/\/ or https:\/\/ link/);
    expect(error.extensions?.field).toBe('input.evidenceUrls[1]');
    expect(await updates()).toBe(before);
  });

  it('refuses more than 10 links', async () => {
    const urls = Array.from({ length: 11 }, (_, i) => `https://example.org/${i}`);
    expectError(
      await t.gql(REPORT, { id: itemId, input: { note: 'x', evidenceUrls: urls } }, chair),
      'BAD_USER_INPUT',
      /at most 10/,
    );
  });

  it('tells links from look-alikes', () => {
    expect(isEvidenceUrl('https://example.org')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT://x',
      'data:text/html,hi',
      'ftp://example.org',
      'https://',
      'https://exa mple.org',
      '//example.org',
    ]) {
      expect(isEvidenceUrl(bad)).toBe(false);
    }
  });
});
