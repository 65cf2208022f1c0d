import { expectError, TestApp } from '@coord/testing';
import { MemberRole } from '@coord/registry';
import {
  addMember,
  bodyWithMembers,
  createPerson,
  HOUR,
  inFuture,
  schedule,
  SCHEDULE,
  signInAs,
  TEST_ENV,
} from './fixtures';

const READ = `query($id: ID!) { meeting(id: $id) { id title participants { person { id } rsvp } minutes { status } decisions { text } } }`;
const UPDATE = `mutation($id: ID!) { updateMeeting(id: $id, input: { title: "Renamed" }) { id title } }`;
const CANCEL = `mutation($id: ID!) { cancelMeeting(id: $id, reason: "r") { id } }`;
const AGENDA = `mutation($id: ID!) { setAgenda(meetingId: $id, items: [{ title: "Item" }]) { id } }`;
const RESPOND = `mutation($id: ID!) { respondToInvitation(meetingId: $id, rsvp: ACCEPTED) { rsvp } }`;
const DECIDE = `mutation($id: ID!) { recordDecision(meetingId: $id, text: "Decided") { id } }`;
const ATTEND = `mutation($id: ID!, $personId: ID!) { recordAttendance(meetingId: $id, entries: [{ personId: $personId, attendance: PRESENT }]) { id } }`;
const MINUTES = `mutation($id: ID!) { recordMinutes(meetingId: $id, text: "Minutes") { id } }`;
const CIRCULATE = `mutation($id: ID!) { circulateMinutes(meetingId: $id) { id } }`;
const ADOPT = `mutation($id: ID!) { adoptMinutes(meetingId: $id) { id } }`;

describe('meeting permissions', () => {
  let t: TestApp;
  let outsiderToken: string;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
    outsiderToken = await signInAs(t, await createPerson(t));
  });
  afterAll(() => t.close());

  const input = (bodyId: string, extra: Record<string, unknown> = {}) => ({
    input: { bodyId, title: 'Plenary', timezone: 'Africa/Nairobi', ...inFuture(10 * 24 * HOUR), ...extra },
  });
  const justStarted = () => ({
    startsAt: new Date(Date.now() - HOUR).toISOString(),
    endsAt: new Date(Date.now() + HOUR).toISOString(),
  });

  describe('scheduling and changing', () => {
    it('lets the chair, a co-chair and the secretariat schedule', async () => {
      const b = await bodyWithMembers(t);
      const coChair = await addMember(t, b.body, { role: MemberRole.CO_CHAIR });
      for (const token of [b.chair.token, b.secretariat.token, await signInAs(t, coChair.person)]) {
        expect((await t.gql(SCHEDULE, input(b.body.id), token)).errors).toBeUndefined();
      }
    });

    it("lets the managers of a parent body schedule a sub-body's meetings", async () => {
      const parent = await bodyWithMembers(t, { voting: 1 });
      const child = await bodyWithMembers(t, { voting: 1, parentId: parent.body.id });
      expect((await t.gql(SCHEDULE, input(child.body.id), parent.secretariat.token)).errors).toBeUndefined();
    });

    it('refuses members who do not manage the body (FORBIDDEN), outsiders (NOT_FOUND) and anonymous callers', async () => {
      const b = await bodyWithMembers(t);
      expectError(
        await t.gql(SCHEDULE, input(b.body.id), b.members[0].token),
        'FORBIDDEN',
        /chair, co-chair or secretariat/,
      );
      expectError(await t.gql(SCHEDULE, input(b.body.id), b.observer.token), 'FORBIDDEN');
      expectError(await t.gql(SCHEDULE, input(b.body.id), outsiderToken), 'NOT_FOUND');
      expectError(await t.gql(SCHEDULE, input(b.body.id)), 'UNAUTHENTICATED');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM meetings WHERE body_id = $1`, [
        b.body.id,
      ]);
      expect(n).toBe(0);
    });

    it('lets managers change, set the agenda of, and cancel a meeting; refuses members and outsiders', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id });
      for (const op of [UPDATE, AGENDA, CANCEL]) {
        expectError(await t.gql(op, { id }, b.members[0].token), 'FORBIDDEN');
        expectError(await t.gql(op, { id }, outsiderToken), 'NOT_FOUND', /Meeting/);
      }
      expect((await t.gql(UPDATE, { id }, b.secretariat.token)).data.updateMeeting.title).toBe('Renamed');
      expect((await t.gql(AGENDA, { id }, b.secretariat.token)).errors).toBeUndefined();
      expect((await t.gql(CANCEL, { id }, b.chair.token)).errors).toBeUndefined();
    });

    it('lets managers record attendance, minutes and decisions; refuses members', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...justStarted() });
      const personId = b.chair.person.id;
      expectError(await t.gql(ATTEND, { id, personId }, b.members[0].token), 'FORBIDDEN');
      expect((await t.gql(ATTEND, { id, personId }, b.secretariat.token)).errors).toBeUndefined();
      for (const op of [DECIDE, MINUTES, CIRCULATE, ADOPT]) {
        expectError(await t.gql(op, { id }, b.members[0].token), 'FORBIDDEN');
        expect((await t.gql(op, { id }, b.secretariat.token)).errors).toBeUndefined();
      }
    });
  });

  describe('invitations', () => {
    it('lets each invitee answer for themselves, including a guest from outside the body', async () => {
      const b = await bodyWithMembers(t);
      const guest = await createPerson(t);
      const guestToken = await signInAs(t, guest);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, extraInviteePersonIds: [guest.id] });
      expect((await t.gql(RESPOND, { id }, b.members[0].token)).data.respondToInvitation.rsvp).toBe('ACCEPTED');
      expect((await t.gql(RESPOND, { id }, guestToken)).data.respondToInvitation.rsvp).toBe('ACCEPTED');
      // The guest reads the meeting of a private body they were invited to.
      expect((await t.gql(READ, { id }, guestToken)).data.meeting.id).toBe(id);
      const participants = (await t.gql(READ, { id }, b.secretariat.token)).data.meeting.participants;
      const answers = new Map(participants.map((p: any) => [p.person.id, p.rsvp]));
      expect(answers.get(b.members[0].person.id)).toBe('ACCEPTED');
      expect(answers.get(b.members[1].person.id)).toBe('INVITED');
    });

    it('refuses people who were not invited: FORBIDDEN for readers of the body, NOT_FOUND for others', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, {
        bodyId: b.body.id,
        inviteMembers: false,
        extraInviteePersonIds: [b.members[0].person.id],
      });
      expectError(await t.gql(RESPOND, { id }, b.members[1].token), 'FORBIDDEN', /Only invitees/);
      expectError(await t.gql(RESPOND, { id }, outsiderToken), 'NOT_FOUND');
      expectError(await t.gql(RESPOND, { id }), 'UNAUTHENTICATED');
    });
  });

  describe('reading', () => {
    it("shows a private body's meeting to its members and invitees only", async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id });
      expect((await t.gql(READ, { id }, b.observer.token)).data.meeting.id).toBe(id);
      // Like coordinationBody: null, not an error, so that a private meeting's existence does not leak.
      const hidden = await t.gql(READ, { id }, outsiderToken);
      expect(hidden.errors).toBeUndefined();
      expect(hidden.data.meeting).toBeNull();
      expect((await t.gql(READ, { id })).data.meeting).toBeNull();
      expect((await t.gql(READ, { id: 'not-an-id' })).data.meeting).toBeNull();
    });

    it("shows a guest invitee the meeting's private body but not the body's member list", async () => {
      const b = await bodyWithMembers(t, { voting: 2 });
      const guest = await createPerson(t);
      const id = await schedule(t, b.chair.token, {
        bodyId: b.body.id,
        inviteMembers: false,
        extraInviteePersonIds: [guest.id],
      });
      const BODY = `query($id: ID!) { meeting(id: $id) { body { id memberships { person { id } } } } }`;
      const asGuest = await t.gql(BODY, { id }, await signInAs(t, guest));
      expect(asGuest.data.meeting.body).toEqual({ id: b.body.id, memberships: [] });
      expect((await t.gql(BODY, { id }, b.members[0].token)).data.meeting.body.memberships).toHaveLength(5);
    });

    it("shows a public body's meetings to anyone, its decisions with the adopted minutes, the participants to members and invitees", async () => {
      const b = await bodyWithMembers(t, { isPublic: true });
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...justStarted() });
      expect((await t.gql(DECIDE, { id }, b.chair.token)).errors).toBeUndefined();
      const anonymous = (await t.gql(READ, { id })).data.meeting;
      expect(anonymous).toEqual(expect.objectContaining({ id, participants: [], decisions: [] }));
      expect((await t.gql(READ, { id }, outsiderToken)).data.meeting.participants).toEqual([]);
      const member = (await t.gql(READ, { id }, b.members[0].token)).data.meeting;
      expect(member.participants).toHaveLength(6);
      expect(member.decisions).toEqual([{ text: 'Decided' }]);
      // Once the minutes are adopted, the decisions are public with them.
      await t.gql(ATTEND, { id, personId: b.chair.person.id }, b.chair.token);
      for (const op of [MINUTES, CIRCULATE]) expect((await t.gql(op, { id }, b.chair.token)).errors).toBeUndefined();
      expect((await t.gql(READ, { id })).data.meeting.decisions).toEqual([]);
      expect((await t.gql(ADOPT, { id }, b.chair.token)).errors).toBeUndefined();
      expect((await t.gql(READ, { id })).data.meeting.decisions).toEqual([{ text: 'Decided' }]);
    });

    it('shows draft minutes to managers only, circulated ones to invitees too, adopted ones to anyone', async () => {
      const b = await bodyWithMembers(t, { isPublic: true });
      const notInvited = await addMember(t, b.body);
      const id = await schedule(t, b.chair.token, {
        bodyId: b.body.id,
        ...justStarted(),
        inviteMembers: false,
        extraInviteePersonIds: [b.members[0].person.id],
      });
      await t.gql(ATTEND, { id, personId: b.members[0].person.id }, b.chair.token);
      await t.gql(MINUTES, { id }, b.chair.token);
      const minutesFor = async (token?: string) => (await t.gql(READ, { id }, token)).data.meeting.minutes;
      const memberToken = await signInAs(t, notInvited.person);
      expect(await minutesFor(b.secretariat.token)).toEqual({ status: 'DRAFT' });
      expect(await minutesFor(b.members[0].token)).toBeNull();
      await t.gql(CIRCULATE, { id }, b.chair.token);
      expect(await minutesFor(b.members[0].token)).toEqual({ status: 'CIRCULATED' });
      expect(await minutesFor(memberToken)).toBeNull();
      expect(await minutesFor()).toBeNull();
      await t.gql(ADOPT, { id }, b.chair.token);
      expect(await minutesFor()).toEqual({ status: 'ADOPTED' });
      expect(await minutesFor(outsiderToken)).toEqual({ status: 'ADOPTED' });
    });

    it('gives no upcoming meetings to a sign-in without a person', async () => {
      const admin = await t.signIn();
      const res = await t.gql(`{ myUpcomingMeetings { totalCount edges { node { id } } } }`, {}, admin.token);
      expect(res.data.myUpcomingMeetings).toEqual({ totalCount: 0, edges: [] });
      expectError(await t.gql(`{ myUpcomingMeetings { totalCount } }`), 'UNAUTHENTICATED');
    });
  });
});
