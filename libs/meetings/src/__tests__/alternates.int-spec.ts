import { DueReminder } from '@coord/core';
import { expectError, TestApp } from '@coord/testing';
import { MeetingAlternates } from '../alternates/meeting-alternates';
import {
  addMember,
  bodyWithMembers,
  createOrganization,
  createPerson,
  DAY,
  HOUR,
  inFuture,
  schedule,
  signInAs,
  TEST_ENV,
} from './fixtures';

const ADD_MEMBER = `mutation($input: MembershipInput!) { addMember(input: $input) {
  id role alternateFor { id person { id } } } }`;
const MEETING_FIELDS = `participants { person { id } rsvp voting standingInFor { id } }
  quorum { votingMembers required counted met }`;
const MEETING = `query($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} } }`;
const RESPOND = `mutation($id: ID!, $rsvp: Rsvp!) { respondToInvitation(meetingId: $id, rsvp: $rsvp) { rsvp } }`;
const ATTEND = `mutation($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(meetingId: $id, entries: $entries) { id } }`;

describe('principal and alternate seats', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  /** A body with 3 voting members; the first one's organization also seats an alternate for them. */
  async function withAlternate() {
    const b = await bodyWithMembers(t, { voting: 3 });
    const principal = b.members[0];
    const person = await createPerson(t, { organizationId: principal.organization.id });
    const res = await t.gql(
      ADD_MEMBER,
      {
        input: {
          bodyId: b.body.id,
          personId: person.id,
          organizationId: principal.organization.id,
          role: 'ALTERNATE',
          startsOn: '2021-01-01',
          alternateForMembershipId: principal.membership.id,
        },
      },
      b.chair.token,
    );
    expect(res.errors).toBeUndefined();
    return {
      ...b,
      principal,
      alternate: { person, membershipId: res.data.addMember.id, token: await signInAs(t, person) },
    };
  }

  it('seats an alternate for a principal of the same body and organization; refuses otherwise, writing nothing', async () => {
    const b = await withAlternate();
    const body = await t.gql(
      `query($id: ID!) { coordinationBody(id: $id) { composition { activeMembers votingMembers }
        memberships { id role alternateFor { id } alternates { id } } } }`,
      { id: b.body.id },
      b.chair.token,
    );
    const members = body.data.coordinationBody.memberships as any[];
    expect(members.find((m) => m.id === b.principal.membership.id).alternates).toEqual([
      { id: b.alternate.membershipId },
    ]);
    expect(members.find((m) => m.id === b.alternate.membershipId).alternateFor).toEqual({
      id: b.principal.membership.id,
    });
    // chair, secretariat, 3 members, observer: the alternate's seat is the principal's.
    expect(body.data.coordinationBody.composition).toEqual({ activeMembers: 6, votingMembers: 4 });

    const other = await createOrganization(t);
    const person = await createPerson(t, { organizationId: other.id });
    const base = { bodyId: b.body.id, personId: person.id, startsOn: '2022-01-01' };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...base, organizationId: b.principal.organization.id, role: 'ALTERNATE' }, /give alternateForMembershipId/],
      [
        { ...base, organizationId: other.id, role: 'ALTERNATE', alternateForMembershipId: b.principal.membership.id },
        /same organization as the principal/,
      ],
      [
        {
          ...base,
          organizationId: b.principal.organization.id,
          role: 'MEMBER',
          alternateForMembershipId: b.principal.membership.id,
        },
        /only for role ALTERNATE/,
      ],
      [
        {
          ...base,
          organizationId: b.principal.organization.id,
          role: 'ALTERNATE',
          alternateForMembershipId: b.alternate.membershipId,
        },
        /not another alternate/,
      ],
    ];
    for (const [input, message] of cases) {
      const res = await t.gql(ADD_MEMBER, { input }, b.chair.token);
      expectError(res, 'BAD_USER_INPUT', message);
      expect(res.errors![0].extensions!.field).toBe('input.alternateForMembershipId');
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM memberships WHERE person_id = $1`, [
      person.id,
    ]);
    expect(n).toBe(0);
    // Only the body's managers seat alternates.
    expectError(
      await t.gql(
        ADD_MEMBER,
        {
          input: {
            ...base,
            organizationId: b.principal.organization.id,
            role: 'ALTERNATE',
            alternateForMembershipId: b.principal.membership.id,
          },
        },
        b.members[1].token,
      ),
      'FORBIDDEN',
    );
  });

  it("invites the alternate on the principal's regrets, counts the seat once, and releases them if the principal accepts", async () => {
    const b = await withAlternate();
    const id = await schedule(t, b.chair.token, { bodyId: b.body.id });
    const read = async () => (await t.gql(MEETING, { id }, b.chair.token)).data.meeting;
    let meeting = await read();
    expect(meeting.participants.map((p: any) => p.person.id)).not.toContain(b.alternate.person.id);
    expect(meeting.quorum).toEqual({ votingMembers: 4, required: 3, counted: 0, met: false });

    await t.gql(RESPOND, { id, rsvp: 'DECLINED' }, b.principal.token);
    meeting = await read();
    const standIn = meeting.participants.find((p: any) => p.person.id === b.alternate.person.id);
    expect(standIn).toEqual(
      expect.objectContaining({ rsvp: 'INVITED', voting: true, standingInFor: { id: b.principal.person.id } }),
    );
    const alternates = t.app.get(MeetingAlternates);
    const intentsOf = async (kind: string): Promise<DueReminder[]> =>
      t.dataSource.query(
        `SELECT id, kind, subject_type AS "subjectType", subject_id AS "subjectId", due_at AS "dueAt", payload
           FROM reminder_intents WHERE subject_id = $1 AND kind = $2`,
        [id, kind],
      );
    const [invitation] = await intentsOf('MEETING_STAND_IN');
    const [invited] = await alternates.messagesFor(invitation, t.dataSource.manager);
    expect(invited).toEqual(
      expect.objectContaining({
        personId: b.alternate.person.id,
        kind: 'MEETING_INVITATION',
        title: expect.stringContaining('standing in for'),
      }),
    );

    // The alternate and two members accept: three seats, quorum met; the principal's declined seat is not counted.
    for (const token of [b.alternate.token, b.members[1].token, b.members[2].token]) {
      await t.gql(RESPOND, { id, rsvp: 'ACCEPTED' }, token);
    }
    expect((await read()).quorum).toEqual({ votingMembers: 4, required: 3, counted: 3, met: true });

    // The principal comes after all: the alternate steps back (told once), the seat still counts once.
    await t.gql(RESPOND, { id, rsvp: 'ACCEPTED' }, b.principal.token);
    meeting = await read();
    expect(meeting.participants.map((p: any) => p.person.id)).not.toContain(b.alternate.person.id);
    expect(meeting.quorum.counted).toBe(3);
    const released = await intentsOf('MEETING_STAND_IN_RELEASED');
    expect(released).toHaveLength(1);
    expect(await alternates.messagesFor(released[0], t.dataSource.manager)).toEqual([
      expect.objectContaining({ personId: b.alternate.person.id, title: expect.stringMatching(/^No longer needed/) }),
    ]);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE '%tandIn' ORDER BY at`,
      [id],
    );
    expect(audit.map((a: any) => a.action)).toEqual(['meeting.standIn', 'meeting.releaseStandIn']);
  });

  it('seats the alternate when the principal is recorded absent, and never counts both', async () => {
    const b = await withAlternate();
    const id = await schedule(t, b.chair.token, {
      bodyId: b.body.id,
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      endsAt: new Date(Date.now() + HOUR).toISOString(),
    });
    const res = await t.gql(
      ATTEND,
      {
        id,
        entries: [
          { personId: b.principal.person.id, attendance: 'EXCUSED' },
          { personId: b.alternate.person.id, attendance: 'PRESENT' },
          { personId: b.members[1].person.id, attendance: 'PRESENT' },
        ],
      },
      b.chair.token,
    );
    expect(res.errors).toBeUndefined();
    expect((await t.gql(MEETING, { id }, b.chair.token)).data.meeting.quorum.counted).toBe(2);
    // The principal turns up late after all: the seat is still one.
    await t.gql(ATTEND, { id, entries: [{ personId: b.principal.person.id, attendance: 'PRESENT' }] }, b.chair.token);
    expect((await t.gql(MEETING, { id }, b.chair.token)).data.meeting.quorum.counted).toBe(2);
  });

  it('answers scheduleMeeting with the seats counted once, as a later read of the meeting does', async () => {
    const b = await withAlternate();
    const res = await t.gql(
      `mutation($input: MeetingInput!) { scheduleMeeting(input: $input) { id ${MEETING_FIELDS} } }`,
      { input: { bodyId: b.body.id, title: 'Plenary', timezone: 'UTC', ...inFuture(5 * DAY) } },
      b.chair.token,
    );
    expect(res.errors).toBeUndefined();
    const { id, ...scheduled } = res.data.scheduleMeeting;
    expect(scheduled.quorum.votingMembers).toBe(4);
    expect(scheduled.participants.map((p: any) => p.person.id)).not.toContain(b.alternate.person.id);
    expect((await t.gql(MEETING, { id }, b.chair.token)).data.meeting).toEqual(scheduled);
  });

  it('leaves an alternate without a principal at the meeting uninvited as a stand-in for others', async () => {
    const b = await bodyWithMembers(t, { voting: 2 });
    const lone = await addMember(t, b.body, { votingRights: true });
    const id = await schedule(t, b.chair.token, { bodyId: b.body.id });
    await t.gql(RESPOND, { id, rsvp: 'DECLINED' }, await signInAs(t, lone.person));
    const participants = (await t.gql(MEETING, { id }, b.chair.token)).data.meeting.participants;
    expect(participants.filter((p: any) => p.standingInFor)).toEqual([]);
  });
});
