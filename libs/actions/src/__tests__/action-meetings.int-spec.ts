import { MemberRole, StakeholderSector } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { CREATE, RegistryFixture } from './fixtures';

/** Items raised at meetings and from decisions, and the participation report built on meetings. */
describe('action items and meetings', () => {
  let t: TestApp;
  let f: RegistryFixture;
  let chair: string;
  let outsider: string;
  const ids: Record<string, string> = {};

  const meeting = async (bodyId: string, startsAt: string, status = 'HELD') => {
    const [row] = await t.dataSource.query(
      `INSERT INTO meetings (body_id, title, kind, status, starts_at, ends_at, timezone, attendance_recorded_at)
       VALUES ($1, 'Quarterly meeting', 'ORDINARY', $2, $3, $3::timestamptz + interval '2 hours', 'Africa/Nairobi',
               CASE WHEN $2 = 'HELD' THEN now() END) RETURNING id`,
      [bodyId, status, startsAt],
    );
    return row.id as string;
  };
  const participant = (meetingId: string, personId: string, organizationId: string, attendance: string | null) =>
    t.dataSource.query(
      `INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting, attendance)
       VALUES ($1, $2, $3, true, true, $4)`,
      [meetingId, personId, organizationId, attendance],
    );

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixture(t);
    const ministry = await f.organization('Ministry of Foreign Affairs');
    const cso = await f.organization('Diaspora Council', StakeholderSector.DIASPORA_ORGANIZATION);
    ids.ministry = ministry.id;
    ids.cso = cso.id;
    ids.body = (await f.body('Private NCM', { isPublic: false })).id;
    ids.other = (await f.body('Other body', { isPublic: false })).id;
    const c = await f.signedInPerson('Chair', ministry.id, { bodyId: ids.body, role: MemberRole.CHAIR });
    chair = c.token;
    ids.chairPerson = c.person.id;
    ids.csoPerson = (await f.person('Diaspora delegate', cso.id)).id;
    outsider = (await f.signedInPerson('Outsider', ministry.id)).token;
    ids.meeting = await meeting(ids.body, '2026-02-10T07:00:00Z');
    ids.otherMeeting = await meeting(ids.other, '2026-02-11T07:00:00Z');
    const [decision] = await t.dataSource.query(
      `INSERT INTO decisions (meeting_id, text) VALUES ($1, 'Adopt the diaspora engagement plan') RETURNING id`,
      [ids.meeting],
    );
    ids.decision = decision.id;
  });
  afterAll(() => t.close());

  it('raises an item from a decision, taking its meeting, and shows it under the meeting and the decision', async () => {
    const res = await t.gql(
      `mutation($input: ActionItemInput!) { createActionItem(input: $input) { id meeting { id } decision { id text } } }`,
      { input: { bodyId: ids.body, decisionId: ids.decision, title: 'Draft the plan', ownerOrganizationId: ids.cso } },
      chair,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.createActionItem).toMatchObject({ meeting: { id: ids.meeting }, decision: { id: ids.decision } });
    const nested = await t.gql(
      `query($id: ID!) { meeting(id: $id) { actionItems { title } decisions { actionItems { title } } } }`,
      { id: ids.meeting },
      chair,
    );
    expect(nested.errors).toBeUndefined();
    expect(nested.data.meeting.actionItems).toEqual([{ title: 'Draft the plan' }]);
    expect(nested.data.meeting.decisions[0].actionItems).toEqual([{ title: 'Draft the plan' }]);
  });

  it("shows an owner who is no member of the private body their item, but not the body's meeting or decision", async () => {
    const owner = await f.signedInPerson('Seconded expert', ids.ministry);
    const created = await t.gql(
      CREATE,
      {
        input: {
          bodyId: ids.body,
          decisionId: ids.decision,
          title: 'Brief the counties',
          ownerPersonId: owner.person.id,
        },
      },
      chair,
    );
    expect(created.errors).toBeUndefined();
    const query = `query($id: ID!) { actionItem(id: $id) { title meeting { id title } decision { id text } } }`;
    const seen = await t.gql(query, { id: created.data.createActionItem.id }, owner.token);
    expect(seen.errors).toBeUndefined();
    expect(seen.data.actionItem).toEqual({ title: 'Brief the counties', meeting: null, decision: null });
    const byChair = await t.gql(query, { id: created.data.createActionItem.id }, chair);
    expect(byChair.data.actionItem.meeting).toEqual({ id: ids.meeting, title: 'Quarterly meeting' });
    expect(byChair.data.actionItem.decision).toMatchObject({ id: ids.decision });
  });

  it('shows the public a commitment’s decision only once the minutes of its meeting are adopted', async () => {
    const open = await f.body('Public NCM', { isPublic: true });
    const manager = await f.signedInPerson('Public chair', ids.ministry, { bodyId: open.id, role: MemberRole.CHAIR });
    const held = await meeting(open.id, '2026-02-12T07:00:00Z');
    const [decision] = await t.dataSource.query(
      `INSERT INTO decisions (meeting_id, text) VALUES ($1, 'Pledge labour desks') RETURNING id`,
      [held],
    );
    const created = await t.gql(
      CREATE,
      {
        input: {
          bodyId: open.id,
          decisionId: decision.id,
          title: 'Labour desks',
          isCommitment: true,
          ownerOrganizationId: ids.cso,
        },
      },
      manager.token,
    );
    expect(created.errors).toBeUndefined();
    const query = `query($id: ID!) { actionItem(id: $id) { title decision { text } } }`;
    const itemId = created.data.createActionItem.id;
    expect((await t.gql(query, { id: itemId })).data.actionItem).toEqual({ title: 'Labour desks', decision: null });
    expect((await t.gql(query, { id: itemId }, manager.token)).data.actionItem.decision).toEqual({
      text: 'Pledge labour desks',
    });
    await t.dataSource.query(
      `INSERT INTO minutes (meeting_id, status, text, circulated_at, adopted_at) VALUES ($1, 'CIRCULATED', 'Minutes', now(), NULL)`,
      [held],
    );
    await t.dataSource.query(`UPDATE minutes SET status = 'ADOPTED', adopted_at = now() WHERE meeting_id = $1`, [held]);
    expect((await t.gql(query, { id: itemId })).data.actionItem.decision).toEqual({ text: 'Pledge labour desks' });
  });

  it('refuses a meeting of another body', async () => {
    const res = await t.gql(
      CREATE,
      { input: { bodyId: ids.body, meetingId: ids.otherMeeting, title: 'x', ownerOrganizationId: ids.cso } },
      chair,
    );
    expectError(res, 'BAD_USER_INPUT', /another body/);
  });

  it('reports participation per organization for readers of the body only', async () => {
    const later = await meeting(ids.body, '2026-03-10T07:00:00Z');
    await participant(ids.meeting, ids.chairPerson, ids.ministry, 'PRESENT');
    await participant(ids.meeting, ids.csoPerson, ids.cso, 'ABSENT');
    await participant(later, ids.chairPerson, ids.ministry, 'PRESENT');
    await participant(later, ids.csoPerson, ids.cso, 'PRESENT');
    const query = `query($bodyId: ID!, $from: Date, $to: Date) { participation(bodyId: $bodyId, from: $from, to: $to) {
      organization { name } meetingsInvited meetingsAttended attendanceRate } }`;
    const res = await t.gql(query, { bodyId: ids.body }, chair);
    expect(res.data.participation).toEqual([
      { organization: { name: 'Diaspora Council' }, meetingsInvited: 2, meetingsAttended: 1, attendanceRate: 0.5 },
      {
        organization: { name: 'Ministry of Foreign Affairs' },
        meetingsInvited: 2,
        meetingsAttended: 2,
        attendanceRate: 1,
      },
    ]);
    const march = await t.gql(query, { bodyId: ids.body, from: '2026-03-01', to: '2026-03-31' }, chair);
    expect(march.data.participation.map((r: { attendanceRate: number }) => r.attendanceRate)).toEqual([1, 1]);
    expectError(await t.gql(query, { bodyId: ids.body }, outsider), 'NOT_FOUND');
    expectError(
      await t.gql(query, { bodyId: ids.body, from: '2026-03-31', to: '2026-03-01' }, chair),
      'BAD_USER_INPUT',
      /from \(2026-03-31\) must not be after to \(2026-03-01\)/,
    );
    // A single day is a period.
    const day = await t.gql(query, { bodyId: ids.body, from: '2026-03-10', to: '2026-03-10' }, chair);
    expect(day.errors).toBeUndefined();
  });
});
