import { MemberRole, StakeholderSector } from '@coord/registry';
import { eventually, expectError, MailSink, TestApp, TestWorker } from '@coord/testing';
import { CREATE, RegistryFixture } from './fixtures';

const FOLLOW = `mutation($id: ID!) { followActionItem(id: $id) { id followedByMe } }`;
const UNFOLLOW = `mutation($id: ID!) { unfollowActionItem(id: $id) { id followedByMe } }`;
const FOLLOWED = `{ followedActionItems { totalCount edges { node { id title followedByMe } } } }`;
const REPORT = `mutation($id: ID!, $input: ActionProgressInput!) { reportProgress(id: $id, input: $input) { id } }`;

type Who = { person: { id: string }; token: string };

/** Following commitments: who may follow, what reaches followers (through the worker), what stays private. */
describe('following commitments', () => {
  let t: TestApp;
  let worker: TestWorker;
  const mail = new MailSink();
  let chair: Who;
  let follower: Who;
  let other: Who;
  let outsider: Who;
  const ids: Record<string, string> = {};

  const notifications = (itemId: string) =>
    t.dataSource.query(
      `SELECT person_id, kind, title, body, link_path FROM notifications WHERE action_item_id = $1 AND kind = 'ACTION_FOLLOWED_UPDATE' ORDER BY created_at`,
      [itemId],
    );

  beforeAll(async () => {
    const smtpUrl = await mail.start();
    t = await TestApp.create({ SMTP_URL: smtpUrl, OUTBOX_POLL_MS: '200', REMINDER_RETRY_BACKOFF_MS: '100' });
    worker = await TestWorker.create(t.config);
    const f = new RegistryFixture(t);
    const ministry = await f.organization('Ministry of Labour');
    const cso = await f.organization('Refugee Consortium', StakeholderSector.CIVIL_SOCIETY);
    const ncm = await f.body('NCM', { isPublic: true });
    const twg = await f.body('Counter-trafficking TWG', { isPublic: false });
    chair = await f.signedInPerson('Chair', ministry.id, { bodyId: ncm.id, role: MemberRole.CHAIR });
    await f.member(twg.id, chair.person.id, ministry.id, MemberRole.CHAIR);
    follower = await f.signedInPerson('Civil society reader', cso.id);
    other = await f.signedInPerson('Second reader', cso.id);
    outsider = await f.signedInPerson('Outsider', cso.id);
    const create = async (bodyId: string, title: string) =>
      (
        await t.gql(
          CREATE,
          { input: { bodyId, title, isCommitment: true, ownerOrganizationId: ministry.id } },
          chair.token,
        )
      ).data.createActionItem.id;
    ids.public = await create(ncm.id, 'Ratify ILO C189');
    ids.private = await create(twg.id, 'Victim referral protocol');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await mail.stop();
  });

  it('lets anyone who reads a public commitment follow it, audited; it shows in followedActionItems', async () => {
    const res = await t.gql(FOLLOW, { id: ids.public }, follower.token);
    expect(res.data.followActionItem).toEqual({ id: ids.public, followedByMe: true });
    // Following twice is harmless.
    expect((await t.gql(FOLLOW, { id: ids.public }, follower.token)).data.followActionItem.followedByMe).toBe(true);
    const list = await t.gql(FOLLOWED, {}, follower.token);
    expect(list.data.followedActionItems).toMatchObject({
      totalCount: 1,
      edges: [{ node: { id: ids.public, followedByMe: true } }],
    });
    const others = await t.gql(FOLLOWED, {}, other.token);
    expect(others.data.followedActionItems.totalCount).toBe(0);
    const seen = await t.gql(
      `query($id: ID!) { actionItem(id: $id) { followedByMe } }`,
      { id: ids.public },
      other.token,
    );
    expect(seen.data.actionItem.followedByMe).toBe(false);
    const audits = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'actionItem.follow'`,
      [ids.public],
    );
    expect(audits[0].n).toBe(1);
  });

  it('refuses a non-reader of a private item (NOT_FOUND: it does not exist for them) and anonymous callers', async () => {
    expectError(await t.gql(FOLLOW, { id: ids.private }, outsider.token), 'NOT_FOUND');
    expectError(await t.gql(FOLLOW, { id: ids.public }), 'UNAUTHENTICATED');
    const rows = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM action_item_followers WHERE action_item_id = $1`,
      [ids.private],
    );
    expect(rows[0].n).toBe(0);
  });

  it('tells the follower of progress and due-date changes (not the person who made them)', async () => {
    await t.gql(FOLLOW, { id: ids.public }, chair.token);
    const report = await t.gql(
      REPORT,
      {
        id: ids.public,
        input: { note: 'Cabinet memo filed', progressPercent: 30, evidenceUrls: ['https://example.go.ke/memo'] },
      },
      chair.token,
    );
    expect(report.errors).toBeUndefined();
    const rows = await eventually(async () => {
      const r = await notifications(ids.public);
      return r.length >= 1 && r;
    });
    expect(rows).toEqual([
      {
        person_id: follower.person.id,
        kind: 'ACTION_FOLLOWED_UPDATE',
        title: 'Commitment you follow: progress on Ratify ILO C189',
        body: '"Ratify ILO C189" on NCM is now OPEN (30% done): Cabinet memo filed Evidence: https://example.go.ke/memo',
        link_path: `/action-items/${ids.public}`,
      },
    ]);
    await t.gql(
      `mutation($id: ID!) { updateActionItem(id: $id, input: { dueOn: "2027-06-30" }) { id } }`,
      { id: ids.public },
      chair.token,
    );
    const after = await eventually(async () => {
      const r = await notifications(ids.public);
      return r.length >= 2 && r;
    });
    expect(after[1].body).toBe('"Ratify ILO C189" on NCM is now due 30 June 2027 (was undated).');
  });

  it('stops after unfollowing, and writes no intent for an item nobody follows', async () => {
    expect((await t.gql(UNFOLLOW, { id: ids.public }, follower.token)).data.unfollowActionItem.followedByMe).toBe(
      false,
    );
    await t.gql(UNFOLLOW, { id: ids.public }, chair.token);
    const before = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM reminder_intents WHERE kind = 'ACTION_FOLLOWED_UPDATE'`,
    );
    await t.gql(REPORT, { id: ids.public, input: { note: 'More', progressPercent: 40 } }, chair.token);
    const now = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM reminder_intents WHERE kind = 'ACTION_FOLLOWED_UPDATE'`,
    );
    expect(now[0].n).toBe(before[0].n);
  });

  it("deletes an erased person's follows", async () => {
    await t.gql(FOLLOW, { id: ids.public }, other.token);
    const admin = (await t.signIn()).token;
    const res = await t.gql(`mutation($id: ID!) { erasePerson(id: $id) { id } }`, { id: other.person.id }, admin);
    expect(res.errors).toBeUndefined();
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM action_item_followers WHERE person_id = $1`, [
      other.person.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('answers followedByMe for a list in a constant number of queries', async () => {
    await t.gql(FOLLOW, { id: ids.public }, chair.token);
    const LIST = `query($first: Int) { actionItems(first: $first) { edges { node { id followedByMe } } } }`;
    const run = (first: number) => t.countQueries(() => t.gql(LIST, { first }, chair.token));
    expect(await run(1)).toBe(await run(20));
  });
});
