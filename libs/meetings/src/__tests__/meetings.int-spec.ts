import { MessageRef, render } from '@coord/core';
import { expectError, TestApp } from '@coord/testing';
import { MeetingReminderHandlers } from '../meeting-reminder-messages';
import {
  addMember,
  adoptTermsOfReference,
  bodyWithMembers,
  createBody,
  createPerson,
  createOrganization,
  DAY,
  HOUR,
  inFuture,
  schedule,
  SCHEDULE,
  TEST_ENV,
} from './fixtures';

const MEETING = `query($id: ID!) { meeting(id: $id) {
  id status title
  participants { person { id } organization { id } rsvp attendance isMember voting }
  quorum { votingMembers required counted met } quorumAtRisk
  minutes { status text } decisions { id text agendaItem { id } }
} }`;
const UPDATE = `mutation($id: ID!, $input: MeetingUpdateInput!) { updateMeeting(id: $id, input: $input) { id startsAt } }`;
const CANCEL = `mutation($id: ID!, $reason: String) { cancelMeeting(id: $id, reason: $reason) { id status cancelReason } }`;
const RESPOND = `mutation($id: ID!, $rsvp: Rsvp!) { respondToInvitation(meetingId: $id, rsvp: $rsvp) { rsvp person { id } } }`;
const ATTEND = `mutation($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(meetingId: $id, entries: $entries) { id status } }`;
const RECORD_MINUTES = `mutation($id: ID!, $text: String!) { recordMinutes(meetingId: $id, text: $text) { id status } }`;
const CIRCULATE = `mutation($id: ID!) { circulateMinutes(meetingId: $id) { id status circulatedAt } }`;
const ADOPT = `mutation($id: ID!) { adoptMinutes(meetingId: $id) { id status adoptedAt } }`;
const DECIDE = `mutation($id: ID!, $text: String!, $item: ID) { recordDecision(meetingId: $id, text: $text, agendaItemId: $item) { id text agendaItem { id } meeting { id } } }`;
const SET_AGENDA = `mutation($id: ID!, $items: [AgendaItemInput!]!) { setAgenda(meetingId: $id, items: $items) { id agenda { id position title durationMinutes presenter { id } } } }`;

interface IntentRow {
  id: string;
  kind: string;
  due_at: Date;
  status: string;
  dedupe_key: string;
  payload: Record<string, unknown>;
}

describe('meetings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  const intents = (meetingId: string): Promise<IntentRow[]> =>
    t.dataSource.query(
      `SELECT id, kind, due_at, status, dedupe_key, payload FROM reminder_intents WHERE subject_id = $1 ORDER BY due_at, kind`,
      [meetingId],
    );
  const meetingsOf = async (bodyId: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM meetings WHERE body_id = $1`, [bodyId]))[0].n);

  /** A meeting that started an hour ago, so that attendance can be recorded. */
  const justStarted = () => ({
    startsAt: new Date(Date.now() - HOUR).toISOString(),
    endsAt: new Date(Date.now() + HOUR).toISOString(),
  });

  describe('scheduling', () => {
    it('invites the active members by default and extra guests, with the organization each represents and who votes', async () => {
      const b = await bodyWithMembers(t);
      const guestOrg = await createOrganization(t);
      const guest = await createPerson(t, { organizationId: guestOrg.id });
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, extraInviteePersonIds: [guest.id] });
      const res = await t.gql(MEETING, { id }, b.chair.token);
      const participants = res.data.meeting.participants as any[];
      expect(participants).toHaveLength(7);
      const byPerson = new Map(participants.map((p) => [p.person.id, p]));
      expect(byPerson.get(guest.id)).toEqual(
        expect.objectContaining({ organization: { id: guestOrg.id }, isMember: false, voting: false, rsvp: 'INVITED' }),
      );
      expect(byPerson.get(b.members[0].person.id)).toEqual(
        expect.objectContaining({ organization: { id: b.members[0].organization.id }, isMember: true, voting: true }),
      );
      expect(byPerson.get(b.observer.person.id)).toEqual(expect.objectContaining({ voting: false, isMember: true }));
      const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [id]);
      expect(audit).toEqual([{ action: 'meeting.schedule' }]);
    });

    it('invites only the listed people when inviteMembers is false', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, {
        bodyId: b.body.id,
        inviteMembers: false,
        extraInviteePersonIds: [b.members[0].person.id],
      });
      const res = await t.gql(MEETING, { id }, b.chair.token);
      expect(res.data.meeting.participants).toEqual([
        expect.objectContaining({ person: { id: b.members[0].person.id }, isMember: true, voting: true }),
      ]);
    });

    it('refuses an end before the start, an unknown time zone and a start more than 90 days back, writing nothing', async () => {
      const b = await bodyWithMembers(t);
      const start = Date.now() + 5 * DAY;
      const cases: Array<[Record<string, unknown>, string, RegExp]> = [
        [
          { startsAt: new Date(start).toISOString(), endsAt: new Date(start - HOUR).toISOString() },
          'endsAt',
          /must end after it starts/,
        ],
        [{ timezone: 'Africa/Atlantis' }, 'timezone', /Unknown time zone "Africa\/Atlantis": use an IANA name/],
        [
          {
            startsAt: new Date(Date.now() - 91 * DAY).toISOString(),
            endsAt: new Date(Date.now() - 91 * DAY + HOUR).toISOString(),
          },
          'startsAt',
          /more than 90 days in the past .* within the last 90 days can be entered afterwards/,
        ],
        [{ onlineUrl: 'ftp://files.example.org/x' }, 'onlineUrl', /http:\/\/ or https:\/\//],
        [inFuture(5 * DAY, 3650 * DAY), 'endsAt', /at most 7 days/],
        [{ agenda: Array.from({ length: 101 }, (_, i) => ({ title: `Item ${i}` })) }, 'agenda', /at most 100 items/],
      ];
      for (const [change, field, message] of cases) {
        const res = await t.gql(
          SCHEDULE,
          {
            input: { bodyId: b.body.id, title: 'Plenary', timezone: 'Africa/Nairobi', ...inFuture(5 * DAY), ...change },
          },
          b.chair.token,
        );
        expect(expectError(res, 'BAD_USER_INPUT', message).extensions?.field).toBe(field);
      }
      expect(await meetingsOf(b.body.id)).toBe(0);
    });

    it('refuses unknown extra invitees without writing anything', async () => {
      const b = await bodyWithMembers(t);
      const res = await t.gql(
        SCHEDULE,
        {
          input: {
            bodyId: b.body.id,
            title: 'Plenary',
            timezone: 'UTC',
            ...inFuture(5 * DAY),
            extraInviteePersonIds: ['00000000-0000-4000-8000-000000000000'],
          },
        },
        b.chair.token,
      );
      expectError(res, 'BAD_USER_INPUT', /No person with id 00000000-0000-4000-8000-000000000000/);
      expect(await meetingsOf(b.body.id)).toBe(0);
    });

    it('writes the invitation, a reminder per lead time and the quorum check to the outbox', async () => {
      const b = await bodyWithMembers(t);
      const before = Date.now();
      const times = inFuture(10 * DAY);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...times });
      const start = new Date(times.startsAt).getTime();
      const rows = await intents(id);
      expect(rows.map((r) => [r.kind, r.status])).toEqual([
        ['MEETING_INVITATION', 'PENDING'],
        ['MEETING_REMINDER', 'PENDING'],
        ['MEETING_QUORUM_CHECK', 'PENDING'],
        ['MEETING_REMINDER', 'PENDING'],
      ]);
      expect(rows[0].due_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(rows[0].due_at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      expect(rows[1].due_at.getTime()).toBe(start - 7 * DAY);
      expect(rows[2].due_at.getTime()).toBe(start - DAY);
      expect(rows[2].payload).toEqual({ final: true });
      expect(rows[3].due_at.getTime()).toBe(start - DAY);
    });

    it('skips reminders whose lead time is already past', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...inFuture(3 * DAY) });
      expect((await intents(id)).map((r) => r.kind)).toEqual([
        'MEETING_INVITATION',
        'MEETING_QUORUM_CHECK',
        'MEETING_REMINDER',
      ]);
    });
  });

  describe('changes', () => {
    it('moves pending reminders when the start moves, tells the invitees and bumps the sequence', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...inFuture(10 * DAY) });
      const before = await intents(id);
      const moved = inFuture(20 * DAY);
      const res = await t.gql(UPDATE, { id, input: moved }, b.secretariat.token);
      expect(res.errors).toBeUndefined();
      const after = await intents(id);
      const start = new Date(moved.startsAt).getTime();
      const reminders = after.filter((r) => r.kind === 'MEETING_REMINDER');
      expect(reminders.map((r) => r.due_at.getTime()).sort()).toEqual([start - 7 * DAY, start - DAY]);
      // Same rows, moved: the dedupe key kept them.
      expect(reminders.map((r) => r.id).sort()).toEqual(
        before
          .filter((r) => r.kind === 'MEETING_REMINDER')
          .map((r) => r.id)
          .sort(),
      );
      expect(after.filter((r) => r.kind === 'MEETING_CHANGED')).toHaveLength(1);
      const [{ sequence }] = await t.dataSource.query(`SELECT sequence FROM meetings WHERE id = $1`, [id]);
      expect(sequence).toBe(1);
    });

    it('cancels pending reminders and announces the cancellation', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id });
      const res = await t.gql(CANCEL, { id, reason: 'Venue unavailable' }, b.chair.token);
      expect(res.data.cancelMeeting).toEqual({ id, status: 'CANCELLED', cancelReason: 'Venue unavailable' });
      const rows = await intents(id);
      expect(rows.filter((r) => r.status === 'PENDING').map((r) => r.kind)).toEqual(['MEETING_CANCELLED']);
      expect(rows.filter((r) => r.kind === 'MEETING_REMINDER').every((r) => r.status === 'CANCELLED')).toBe(true);
      expectError(await t.gql(UPDATE, { id, input: { title: 'Again' } }, b.chair.token), 'CONFLICT', /cancelled/);
    });

    it('refuses any change to a held meeting', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...justStarted() });
      const held = await t.gql(
        ATTEND,
        { id, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] },
        b.chair.token,
      );
      expect(held.data.recordAttendance.status).toBe('HELD');
      expectError(await t.gql(UPDATE, { id, input: { title: 'Renamed' } }, b.chair.token), 'CONFLICT', /has been held/);
      expectError(await t.gql(CANCEL, { id }, b.chair.token), 'CONFLICT', /has been held/);
      expectError(await t.gql(SET_AGENDA, { id, items: [{ title: 'Late item' }] }, b.chair.token), 'CONFLICT');
      const [{ title }] = await t.dataSource.query(`SELECT title FROM meetings WHERE id = $1`, [id]);
      expect(title).toBe('Plenary');
    });

    it('records attendance only once the meeting started, then chases the minutes', async () => {
      const b = await bodyWithMembers(t);
      const future = await schedule(t, b.chair.token, { bodyId: b.body.id });
      expectError(
        await t.gql(
          ATTEND,
          { id: future, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] },
          b.chair.token,
        ),
        'BAD_USER_INPUT',
        /once the meeting has started/,
      );
      const times = justStarted();
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...times });
      expectError(
        await t.gql(
          ATTEND,
          { id, entries: [{ personId: '00000000-0000-4000-8000-000000000000', attendance: 'PRESENT' }] },
          b.chair.token,
        ),
        'BAD_USER_INPUT',
        /No person with id/,
      );
      await t.gql(ATTEND, { id, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] }, b.chair.token);
      const rows = await intents(id);
      const followUp = rows.find((r) => r.kind === 'MINUTES_FOLLOW_UP')!;
      expect(followUp.due_at.getTime()).toBe(new Date(times.endsAt).getTime() + 5 * DAY);
      expect(rows.filter((r) => r.status === 'PENDING' && r.kind !== 'MINUTES_FOLLOW_UP')).toEqual([]);
    });

    it('records a walk-in guest as a participant with their organization, and nobody twice when recorded again', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...justStarted() });
      const guestOrg = await createOrganization(t);
      const guest = await createPerson(t, { organizationId: guestOrg.id });
      const entries = [
        { personId: b.chair.person.id, attendance: 'PRESENT' },
        { personId: guest.id, attendance: 'PRESENT' },
      ];
      for (let i = 0; i < 2; i++) {
        expect((await t.gql(ATTEND, { id, entries }, b.secretariat.token)).errors).toBeUndefined();
      }
      const participants = (await t.gql(MEETING, { id }, b.chair.token)).data.meeting.participants as any[];
      expect(participants.filter((p) => p.person.id === guest.id)).toEqual([
        expect.objectContaining({
          organization: { id: guestOrg.id },
          isMember: false,
          voting: false,
          attendance: 'PRESENT',
        }),
      ]);
      expect(participants.filter((p) => p.person.id === b.chair.person.id)).toHaveLength(1);
      expect(participants).toHaveLength(7);
      const audit = await t.dataSource.query(
        `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'meeting.recordAttendance' ORDER BY at`,
        [id],
      );
      expect(audit[0].changes.walkIns).toEqual([null, [guest.id]]);
      expect(audit[1].changes).toEqual({});
    });

    it('enters a meeting held 60 days ago afterwards, without inviting anyone to it', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, {
        bodyId: b.body.id,
        startsAt: new Date(Date.now() - 60 * DAY).toISOString(),
        endsAt: new Date(Date.now() - 60 * DAY + HOUR).toISOString(),
      });
      expect(
        (await t.gql(ATTEND, { id, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] }, b.chair.token))
          .errors,
      ).toBeUndefined();
      expect(
        (await intents(id)).filter((r) => r.kind === 'MEETING_INVITATION' || r.kind === 'MEETING_REMINDER'),
      ).toEqual([]);
    });

    it('lets managers invite more people after scheduling and record an answer on their behalf; members may not', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id });
      const guest = await createPerson(t);
      const ADD = `mutation($id: ID!, $people: [ID!]!) { addInvitees(meetingId: $id, personIds: $people) { id participants { person { id } isMember } } }`;
      const SET_RSVP = `mutation($id: ID!, $person: ID!, $rsvp: Rsvp!) { setRsvp(meetingId: $id, personId: $person, rsvp: $rsvp) { rsvp person { id } } }`;
      expectError(await t.gql(ADD, { id, people: [guest.id] }, b.members[0].token), 'FORBIDDEN');
      const added = await t.gql(ADD, { id, people: [guest.id, b.members[0].person.id] }, b.secretariat.token);
      expect(added.errors).toBeUndefined();
      expect(added.data.addInvitees.participants).toHaveLength(7);
      // The new guest alone gets an invitation; the later reminders reach them like every invitee.
      const invitation = (await intents(id)).find(
        (r) => r.kind === 'MEETING_INVITATION' && Array.isArray(r.payload?.personIds),
      )!;
      expect(invitation.payload.personIds).toEqual([guest.id]);
      const handler = t.app.get(MeetingReminderHandlers);
      const messages = await handler.messagesFor(
        { ...invitation, subjectType: 'Meeting', subjectId: id, dueAt: new Date() } as any,
        t.dataSource.manager,
      );
      expect(messages.map((m) => m.personId)).toEqual([guest.id]);
      // Adding again changes nothing.
      expect(
        (await t.gql(ADD, { id, people: [guest.id] }, b.secretariat.token)).data.addInvitees.participants,
      ).toHaveLength(7);

      expectError(await t.gql(SET_RSVP, { id, person: guest.id, rsvp: 'ACCEPTED' }, b.members[0].token), 'FORBIDDEN');
      const set = await t.gql(SET_RSVP, { id, person: guest.id, rsvp: 'ACCEPTED' }, b.secretariat.token);
      expect(set.data.setRsvp).toEqual({ rsvp: 'ACCEPTED', person: { id: guest.id } });
      const stranger = await createPerson(t);
      expectError(
        await t.gql(SET_RSVP, { id, person: stranger.id, rsvp: 'ACCEPTED' }, b.secretariat.token),
        'BAD_USER_INPUT',
        /not invited/,
      );
      const [audit] = await t.dataSource.query(
        `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'meeting.setRsvp'`,
        [id],
      );
      expect(audit.changes).toEqual({ personId: [guest.id, guest.id], rsvp: ['INVITED', 'ACCEPTED'] });
    });

    it('replaces the agenda in order, with presenters and durations', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, agenda: [{ title: 'Old item' }] });
      const res = await t.gql(
        SET_AGENDA,
        {
          id,
          items: [
            { title: 'Opening', durationMinutes: 10 },
            { title: 'Labour migration TWG report', presenterPersonId: b.members[0].person.id, durationMinutes: 30 },
          ],
        },
        b.secretariat.token,
      );
      expect(res.data.setAgenda.agenda).toEqual([
        expect.objectContaining({ position: 1, title: 'Opening', durationMinutes: 10, presenter: null }),
        expect.objectContaining({ position: 2, presenter: { id: b.members[0].person.id } }),
      ]);
    });

    it('refuses an agenda of more than 100 items, saying so, and keeps the old one', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, agenda: [{ title: 'Old item' }] });
      const items = Array.from({ length: 5000 }, (_, i) => ({ title: `Item ${i}` }));
      const res = await t.gql(SET_AGENDA, { id, items }, b.secretariat.token);
      expect(expectError(res, 'BAD_USER_INPUT', /at most 100 items \(5000 given\)/).extensions?.field).toBe('items');
      const kept = await t.dataSource.query(`SELECT title FROM agenda_items WHERE meeting_id = $1 ORDER BY title`, [
        id,
      ]);
      // The agenda as scheduled: the "Matters arising" item every new meeting starts with (issue 16), and its own.
      expect(kept).toEqual([{ title: 'Matters arising' }, { title: 'Old item' }]);
      // A ten-year meeting is refused on update too.
      const longer = await t.gql(
        UPDATE,
        { id, input: { endsAt: new Date(Date.now() + 3650 * DAY).toISOString() } },
        b.secretariat.token,
      );
      expect(expectError(longer, 'BAD_USER_INPUT', /at most 7 days/).extensions?.field).toBe('endsAt');
    });
  });

  describe('quorum', () => {
    it('counts accepted voting invitees before the meeting and present voting members after, never non-voting ones', async () => {
      const b = await bodyWithMembers(t, { voting: 3 });
      await adoptTermsOfReference(t, b.body, 0.5);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...justStarted() });
      // 4 voting members (chair + 3); the secretariat and the observer do not vote.
      for (const who of [b.observer, b.secretariat, b.members[0]]) {
        expect((await t.gql(RESPOND, { id, rsvp: 'ACCEPTED' }, who.token)).errors).toBeUndefined();
      }
      let q = (await t.gql(MEETING, { id }, b.chair.token)).data.meeting;
      expect(q.quorum).toEqual({ votingMembers: 4, required: 2, counted: 1, met: false });
      expect(q.quorumAtRisk).toBe(true);
      await t.gql(RESPOND, { id, rsvp: 'ACCEPTED' }, b.members[1].token);
      q = (await t.gql(MEETING, { id }, b.chair.token)).data.meeting;
      expect(q.quorum).toEqual({ votingMembers: 4, required: 2, counted: 2, met: true });
      expect(q.quorumAtRisk).toBe(false);

      await t.gql(
        ATTEND,
        {
          id,
          entries: [
            { personId: b.observer.person.id, attendance: 'PRESENT' },
            { personId: b.secretariat.person.id, attendance: 'PRESENT' },
            { personId: b.members[0].person.id, attendance: 'PRESENT' },
            { personId: b.members[1].person.id, attendance: 'ABSENT' },
            { personId: b.members[2].person.id, attendance: 'EXCUSED' },
          ],
        },
        b.chair.token,
      );
      q = (await t.gql(MEETING, { id }, b.chair.token)).data.meeting;
      expect(q.quorum).toEqual({ votingMembers: 4, required: 2, counted: 1, met: false });
      expect(q.quorumAtRisk).toBe(false);
    });

    it('needs a simple majority of voting members when the body has no adopted terms of reference', async () => {
      const b = await bodyWithMembers(t, { voting: 5 });
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id });
      const q = (await t.gql(MEETING, { id }, b.chair.token)).data.meeting.quorum;
      expect(q).toEqual({ votingMembers: 6, required: 4, counted: 0, met: false });
    });

    it('puts a meeting at risk only within the body’s longest reminder lead time (P7D here), not months ahead', async () => {
      const b = await bodyWithMembers(t, { voting: 3 });
      const far = await schedule(t, b.chair.token, { bodyId: b.body.id, ...inFuture(90 * DAY) });
      const near = await schedule(t, b.chair.token, { bodyId: b.body.id, ...inFuture(6 * DAY) });
      const atRisk = async (id: string) => (await t.gql(MEETING, { id }, b.chair.token)).data.meeting.quorumAtRisk;
      expect(await atRisk(far)).toBe(false);
      expect(await atRisk(near)).toBe(true);
    });
  });

  describe('minutes and decisions', () => {
    async function heldMeeting() {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...justStarted() });
      return { b, id };
    }

    it('are only recorded for a held meeting', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id });
      expectError(
        await t.gql(RECORD_MINUTES, { id, text: 'Too early' }, b.chair.token),
        'CONFLICT',
        /record attendance first/,
      );
    });

    it('go DRAFT -> CIRCULATED -> ADOPTED in that order, and adopted minutes are immutable', async () => {
      const { b, id } = await heldMeeting();
      await t.gql(ATTEND, { id, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] }, b.chair.token);
      expectError(await t.gql(CIRCULATE, { id }, b.chair.token), 'NOT_FOUND', /Minutes/);
      expect(
        (await t.gql(RECORD_MINUTES, { id, text: 'Draft 1' }, b.secretariat.token)).data.recordMinutes.status,
      ).toBe('DRAFT');
      expect(
        (await t.gql(RECORD_MINUTES, { id, text: 'Draft 2' }, b.secretariat.token)).data.recordMinutes.status,
      ).toBe('DRAFT');
      expectError(await t.gql(ADOPT, { id }, b.chair.token), 'CONFLICT', /must be circulated/);

      const circulated = await t.gql(CIRCULATE, { id }, b.secretariat.token);
      expect(circulated.data.circulateMinutes.status).toBe('CIRCULATED');
      const rows = await intents(id);
      expect(rows.find((r) => r.kind === 'MINUTES_FOLLOW_UP')!.status).toBe('CANCELLED');
      expect(rows.find((r) => r.kind === 'MINUTES_CIRCULATED')!.status).toBe('PENDING');
      expectError(await t.gql(CIRCULATE, { id }, b.secretariat.token), 'CONFLICT', /already circulated/);
      // Amending circulated minutes returns them to DRAFT; the text before stays in the audit log.
      expect(
        (await t.gql(RECORD_MINUTES, { id, text: 'Draft 2, amended' }, b.secretariat.token)).data.recordMinutes.status,
      ).toBe('DRAFT');
      const [amend] = await t.dataSource.query(
        `SELECT changes, redactable FROM audit_events
          WHERE action = 'minutes.amend' AND entity_id = (SELECT id FROM minutes WHERE meeting_id = $1)`,
        [id],
      );
      // The texts themselves sit in the redactable part of the event (erasure may take names out of them).
      expect(amend.changes).toEqual({ text: ['[text]', '[text]'], status: ['CIRCULATED', 'DRAFT'] });
      expect(amend.redactable).toEqual({ text: ['Draft 2', 'Draft 2, amended'] });
      expectError(await t.gql(ADOPT, { id }, b.chair.token), 'CONFLICT', /must be circulated/);
      expect((await t.gql(CIRCULATE, { id }, b.secretariat.token)).data.circulateMinutes.status).toBe('CIRCULATED');

      expect((await t.gql(ADOPT, { id }, b.chair.token)).data.adoptMinutes.status).toBe('ADOPTED');
      expectError(await t.gql(ADOPT, { id }, b.chair.token), 'CONFLICT', /already adopted/);
      expectError(await t.gql(RECORD_MINUTES, { id, text: 'Rewrite' }, b.chair.token), 'CONFLICT', /adopted/);
      // The database refuses too, whatever the code path.
      await expect(
        t.dataSource.query(`UPDATE minutes SET text = 'tampered' WHERE meeting_id = $1`, [id]),
      ).rejects.toThrow(/adopted minutes are immutable/);
      await expect(t.dataSource.query(`DELETE FROM minutes WHERE meeting_id = $1`, [id])).rejects.toThrow(/immutable/);
      const minutes = (await t.gql(MEETING, { id }, b.chair.token)).data.meeting.minutes;
      expect(minutes).toEqual({ status: 'ADOPTED', text: 'Draft 2, amended' });
    });

    it('refuses in the database to adopt minutes that were never circulated', async () => {
      const { b, id } = await heldMeeting();
      await t.gql(ATTEND, { id, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] }, b.chair.token);
      await t.gql(RECORD_MINUTES, { id, text: 'Draft' }, b.chair.token);
      await expect(
        t.dataSource.query(
          `UPDATE minutes SET status = 'ADOPTED', circulated_at = now(), adopted_at = now() WHERE meeting_id = $1`,
          [id],
        ),
      ).rejects.toThrow(/only be adopted after circulation/);
    });

    it('record decisions against an agenda item of the same meeting only', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, {
        bodyId: b.body.id,
        ...justStarted(),
        agenda: [{ title: 'Item A' }],
      });
      const other = await schedule(t, b.chair.token, { bodyId: b.body.id, agenda: [{ title: 'Item B' }] });
      const itemOf = async (meetingId: string) =>
        (await t.dataSource.query(`SELECT id FROM agenda_items WHERE meeting_id = $1`, [meetingId]))[0].id as string;
      const item = await itemOf(id);
      const ok = await t.gql(DECIDE, { id, text: 'Adopt the workplan', item }, b.chair.token);
      expect(ok.data.recordDecision).toEqual(
        expect.objectContaining({ text: 'Adopt the workplan', agendaItem: { id: item }, meeting: { id } }),
      );
      expectError(
        await t.gql(DECIDE, { id, text: 'Wrong item', item: await itemOf(other) }, b.chair.token),
        'BAD_USER_INPUT',
        /not on this meeting’s agenda/,
      );
      expectError(await t.gql(DECIDE, { id, text: '   ' }, b.chair.token), 'BAD_USER_INPUT', /needs some text/);
      expectError(
        await t.gql(SET_AGENDA, { id, items: [{ title: 'New' }] }, b.chair.token),
        'CONFLICT',
        /Decisions were recorded/,
      );
      const decisions = (await t.gql(MEETING, { id }, b.chair.token)).data.meeting.decisions;
      expect(decisions).toEqual([expect.objectContaining({ text: 'Adopt the workplan' })]);
    });
  });

  describe('correcting the record', () => {
    const UPDATE_DECISION = `mutation($id: ID!, $text: String!) { updateDecision(id: $id, text: $text) { id text withdrawnAt } }`;
    const WITHDRAW = `mutation($id: ID!, $reason: String!) { withdrawDecision(id: $id, reason: $reason) { id text withdrawnAt withdrawalReason } }`;
    const ADOPT_AT = `mutation($id: ID!, $at: ID) { adoptMinutes(meetingId: $id, atMeetingId: $at) { status adoptedAtMeeting { id title } } }`;

    it('records decisions only once the meeting has started, and never after the minutes are adopted', async () => {
      const b = await bodyWithMembers(t);
      const future = await schedule(t, b.chair.token, { bodyId: b.body.id });
      const refused = expectError(await t.gql(DECIDE, { id: future, text: 'Premature' }, b.chair.token), 'CONFLICT');
      expect(refused.message).toMatch(/once the meeting has started/);
      expect(await t.dataSource.query(`SELECT 1 FROM decisions WHERE meeting_id = $1`, [future])).toEqual([]);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...justStarted() });
      expect((await t.gql(DECIDE, { id, text: 'Adopt the workplan' }, b.chair.token)).errors).toBeUndefined();
      await t.gql(ATTEND, { id, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] }, b.chair.token);
      await t.gql(RECORD_MINUTES, { id, text: 'Minutes' }, b.chair.token);
      await t.gql(CIRCULATE, { id }, b.chair.token);
      await t.gql(ADOPT, { id }, b.chair.token);
      expectError(await t.gql(DECIDE, { id, text: 'Too late' }, b.chair.token), 'CONFLICT', /minutes .* are adopted/);
    });

    it('corrects and withdraws decisions until adoption, managers only, audited, withdrawn ones kept on record', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...justStarted() });
      const first = (await t.gql(DECIDE, { id, text: 'Adopt the workplna' }, b.chair.token)).data.recordDecision.id;
      const second = (await t.gql(DECIDE, { id, text: 'Hold a retreat' }, b.chair.token)).data.recordDecision.id;
      expectError(await t.gql(UPDATE_DECISION, { id: first, text: 'X' }, b.members[0].token), 'FORBIDDEN');
      expectError(await t.gql(WITHDRAW, { id: first, reason: 'X' }, b.members[0].token), 'FORBIDDEN');
      const outsider = await bodyWithMembers(t);
      expectError(await t.gql(WITHDRAW, { id: first, reason: 'X' }, outsider.chair.token), 'NOT_FOUND');
      const fixed = await t.gql(UPDATE_DECISION, { id: first, text: 'Adopt the workplan' }, b.secretariat.token);
      expect(fixed.data.updateDecision).toEqual({ id: first, text: 'Adopt the workplan', withdrawnAt: null });
      expectError(await t.gql(WITHDRAW, { id: second, reason: '  ' }, b.chair.token), 'BAD_USER_INPUT', /why/);
      const withdrawn = await t.gql(WITHDRAW, { id: second, reason: 'No budget' }, b.chair.token);
      expect(withdrawn.data.withdrawDecision).toMatchObject({ text: 'Hold a retreat', withdrawalReason: 'No budget' });
      expect(withdrawn.data.withdrawDecision.withdrawnAt).toBeTruthy();
      expectError(await t.gql(WITHDRAW, { id: second, reason: 'Again' }, b.chair.token), 'CONFLICT', /already/);
      const audit = await t.dataSource.query(
        `SELECT action, changes, redactable FROM audit_events WHERE entity_id = ANY($1::uuid[]) ORDER BY at, action`,
        [[first, second]],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual(
        expect.arrayContaining(['decision.update', 'decision.withdraw']),
      );
      expect(audit.find((a: { action: string }) => a.action === 'decision.update').redactable).toEqual({
        text: ['Adopt the workplna', 'Adopt the workplan'],
      });
      const decisions = (await t.gql(MEETING, { id }, b.chair.token)).data.meeting.decisions;
      expect(decisions).toHaveLength(2);
      // Adopted minutes freeze the decisions.
      await t.gql(ATTEND, { id, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] }, b.chair.token);
      await t.gql(RECORD_MINUTES, { id, text: 'Minutes' }, b.chair.token);
      await t.gql(CIRCULATE, { id }, b.chair.token);
      await t.gql(ADOPT, { id }, b.chair.token);
      expectError(await t.gql(UPDATE_DECISION, { id: first, text: 'Y' }, b.chair.token), 'CONFLICT', /adopted/);
      expectError(await t.gql(WITHDRAW, { id: first, reason: 'Y' }, b.chair.token), 'CONFLICT', /adopted/);
    });

    it('records the meeting at which minutes are adopted: a meeting of the same body that has started', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, {
        bodyId: b.body.id,
        startsAt: new Date(Date.now() - 20 * HOUR).toISOString(),
        endsAt: new Date(Date.now() - 19 * HOUR).toISOString(),
      });
      const next = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Next plenary', ...justStarted() });
      const later = await schedule(t, b.chair.token, { bodyId: b.body.id });
      const elsewhere = await bodyWithMembers(t);
      const foreign = await schedule(t, elsewhere.chair.token, { bodyId: elsewhere.body.id, ...justStarted() });
      await t.gql(ATTEND, { id, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] }, b.chair.token);
      await t.gql(RECORD_MINUTES, { id, text: 'Minutes' }, b.chair.token);
      await t.gql(CIRCULATE, { id }, b.chair.token);
      for (const at of [later, foreign]) {
        const res = await t.gql(ADOPT_AT, { id, at }, b.chair.token);
        expect(expectError(res, 'BAD_USER_INPUT').extensions?.field).toBe('atMeetingId');
      }
      const res = await t.gql(ADOPT_AT, { id, at: next }, b.chair.token);
      expect(res.data.adoptMinutes).toEqual({
        status: 'ADOPTED',
        adoptedAtMeeting: { id: next, title: 'Next plenary' },
      });
      const [audit] = await t.dataSource.query(
        `SELECT changes FROM audit_events WHERE action = 'minutes.adopt' AND entity_id = (SELECT id FROM minutes WHERE meeting_id = $1)`,
        [id],
      );
      expect(audit.changes.adoptedAtMeetingId).toEqual([null, next]);
    });
  });

  describe('reading', () => {
    it('loads a meeting with all nested fields in the same number of queries for 5 and 200 participants', async () => {
      const small = await bodyWithMembers(t, { voting: 1 });
      const smallId = await schedule(t, small.chair.token, { bodyId: small.body.id, agenda: [{ title: 'A' }] });
      const big = await bodyWithMembers(t, { voting: 1 });
      const org = await createOrganization(t);
      for (let i = 0; i < 196; i++) await addMember(t, big.body, { organization: org });
      const bigId = await schedule(t, big.chair.token, {
        bodyId: big.body.id,
        agenda: [{ title: 'A', presenterPersonId: big.members[0].person.id }],
      });
      const query = `query($id: ID!) { meeting(id: $id) {
        id body { id name } agenda { title presenter { id fullName } }
        participants { person { id fullName } organization { id name } rsvp attendance }
        quorum { votingMembers required counted met } quorumAtRisk minutes { id } decisions { id agendaItem { id } }
      } }`;
      let smallCount = 0;
      let bigCount = 0;
      let participants = 0;
      smallCount = await t.countQueries(async () => {
        const res = await t.gql(query, { id: smallId }, small.chair.token);
        expect(res.errors).toBeUndefined();
      });
      bigCount = await t.countQueries(async () => {
        const res = await t.gql(query, { id: bigId }, big.chair.token);
        expect(res.errors).toBeUndefined();
        participants = res.data.meeting.participants.length;
      });
      expect(participants).toBe(200);
      expect(bigCount).toBe(smallCount);
    });

    it('lists 5 or 50 meetings with their nested fields in the same number of queries', async () => {
      const counts: number[] = [];
      for (const n of [5, 50]) {
        const b = await bodyWithMembers(t, { voting: 1 });
        for (let i = 0; i < n; i++) {
          await schedule(t, b.chair.token, {
            bodyId: b.body.id,
            ...inFuture((2 + i / 10) * DAY),
            agenda: [{ title: 'A' }],
          });
        }
        const query = `query($id: ID!) { coordinationBody(id: $id) { meetings(first: 100) { edges { node {
          id body { id } agenda { title } participants { person { fullName } organization { name } rsvp }
          quorum { required counted met } quorumAtRisk minutes { status } decisions { id }
        } } } } }`;
        const upcoming = `{ myUpcomingMeetings(first: 100) { totalCount edges { node {
          id body { id } participants { rsvp } quorum { met } minutes { status } } } } }`;
        counts.push(
          await t.countQueries(async () => {
            const res = await t.gql(query, { id: b.body.id }, b.members[0].token);
            expect(res.data.coordinationBody.meetings.edges).toHaveLength(n);
            const mine = await t.gql(upcoming, {}, b.members[0].token);
            expect(mine.data.myUpcomingMeetings.totalCount).toBe(n);
          }),
        );
      }
      expect(counts[1]).toBe(counts[0]);
    });

    it("lists 3 or 12 bodies with a page of each body's meetings in the same number of queries", async () => {
      const admin = await t.signIn();
      const counts: number[] = [];
      for (const n of [3, 12]) {
        const prefix = `Meetings paging ${n} `;
        for (let i = 0; i < n; i++) {
          const body = await createBody(t, { isPublic: true, name: `${prefix}${String(i).padStart(2, '0')}` });
          for (const days of [2, 3, 4]) await schedule(t, admin.token, { bodyId: body.id, ...inFuture(days * DAY) });
        }
        const query = `query($search: String) { coordinationBodies(first: 50, filter: { search: $search }) { edges { node {
          meetings(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id body { name } quorum { met } } } }
        } } } }`;
        counts.push(
          await t.countQueries(async () => {
            const res = await t.gql(query, { search: prefix });
            const bodies = res.data.coordinationBodies.edges.map((e: any) => e.node.meetings);
            expect(bodies).toHaveLength(n);
            for (const m of bodies) {
              expect(m.totalCount).toBe(3);
              expect(m.edges).toHaveLength(2);
              expect(m.pageInfo.hasNextPage).toBe(true);
            }
          }),
        );
      }
      expect(counts[1]).toBe(counts[0]);
    });

    it("lists the signed-in person's upcoming meetings across bodies, soonest first", async () => {
      const a = await bodyWithMembers(t);
      const b = await bodyWithMembers(t);
      const person = a.members[0];
      await addMember(t, b.body, { person: person.person });
      const later = await schedule(t, a.chair.token, { bodyId: a.body.id, ...inFuture(9 * DAY) });
      const sooner = await schedule(t, b.chair.token, { bodyId: b.body.id, ...inFuture(4 * DAY) });
      const cancelled = await schedule(t, b.chair.token, { bodyId: b.body.id, ...inFuture(5 * DAY) });
      await t.gql(CANCEL, { id: cancelled }, b.chair.token);
      const res = await t.gql(
        `{ myUpcomingMeetings(first: 10) { totalCount edges { node { id } } } }`,
        {},
        person.token,
      );
      expect(res.data.myUpcomingMeetings.edges.map((e: any) => e.node.id)).toEqual([sooner, later]);
      expect(res.data.myUpcomingMeetings.totalCount).toBe(2);
    });
  });

  describe('on the registry types', () => {
    it('refuses to record terms of reference as adopted at a meeting of another body', async () => {
      const a = await bodyWithMembers(t, { voting: 1 });
      const b = await bodyWithMembers(t, { voting: 1 });
      const other = await schedule(t, b.chair.token, { bodyId: b.body.id, ...inFuture(3 * DAY) });
      const own = await schedule(t, a.chair.token, { bodyId: a.body.id, ...inFuture(3 * DAY) });
      const draft = await t.gql(
        `mutation($bodyId: ID!) { draftTermsOfReference(bodyId: $bodyId, input: { mandate: "Coordinate", objectives: [],
          functions: [], quorumFraction: 0.5, decisionRule: CONSENSUS, meetingFrequency: QUARTERLY }) { id } }`,
        { bodyId: a.body.id },
        a.chair.token,
      );
      expect(draft.errors).toBeUndefined();
      const ADOPT = `mutation($id: ID!, $meetingId: ID) {
        adoptTermsOfReference(id: $id, adoptedOn: "2026-01-15", meetingId: $meetingId) { status adoptedAtMeeting { id } } }`;
      const id = draft.data.draftTermsOfReference.id;
      const refused = await t.gql(ADOPT, { id, meetingId: other }, a.chair.token);
      expect(expectError(refused, 'BAD_USER_INPUT', /meeting of the body/).extensions?.field).toBe('meetingId');
      const adopted = await t.gql(ADOPT, { id, meetingId: own }, a.chair.token);
      expect(adopted.data.adoptTermsOfReference).toEqual({ status: 'ADOPTED', adoptedAtMeeting: { id: own } });
    });

    it("pages a body's meetings within a period, and links terms of reference to the meeting that adopted them", async () => {
      const b = await bodyWithMembers(t, { voting: 1 });
      const ids = [];
      for (const days of [3, 6, 9, 12])
        ids.push(await schedule(t, b.chair.token, { bodyId: b.body.id, ...inFuture(days * DAY) }));
      await adoptTermsOfReference(t, b.body, 0.5, ids[0]);
      const query = `query($id: ID!, $from: DateTime, $to: DateTime, $after: String) { coordinationBody(id: $id) {
        meetings(from: $from, to: $to, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
        currentTermsOfReference { adoptedAtMeeting { id } }
      } }`;
      const vars = {
        id: b.body.id,
        from: new Date(Date.now() + 4 * DAY).toISOString(),
        to: new Date(Date.now() + 13 * DAY).toISOString(),
      };
      const first = (await t.gql(query, vars, b.members[0].token)).data.coordinationBody;
      expect(first.meetings.totalCount).toBe(3);
      expect(first.meetings.edges.map((e: any) => e.node.id)).toEqual([ids[1], ids[2]]);
      expect(first.currentTermsOfReference.adoptedAtMeeting).toEqual({ id: ids[0] });
      const second = (await t.gql(query, { ...vars, after: first.meetings.pageInfo.endCursor }, b.members[0].token))
        .data.coordinationBody;
      expect(second.meetings.edges.map((e: any) => e.node.id)).toEqual([ids[3]]);
      expect(second.meetings.pageInfo.hasNextPage).toBe(false);
      expectError(
        await t.gql(query, { ...vars, from: vars.to, to: vars.from }, b.members[0].token),
        'BAD_USER_INPUT',
        /from \(.*\) must not be after to \(.*\): the period would be empty/,
      );
    });
  });

  describe('reminder handlers', () => {
    const due = async (meetingId: string, kind: string) => {
      const row = (await intents(meetingId)).find((r) => r.kind === kind)!;
      return {
        id: row.id,
        kind,
        subjectType: 'Meeting',
        subjectId: meetingId,
        dueAt: row.due_at,
        payload: row.payload,
      };
    };

    it('remind the invitees who have not declined, and nobody once the meeting is cancelled', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id });
      await t.gql(RESPOND, { id, rsvp: 'DECLINED' }, b.members[0].token);
      const handlers = t.app.get(MeetingReminderHandlers);
      const reminder = await due(id, 'MEETING_REMINDER');
      const messages = await handlers.messagesFor(reminder, t.dataSource.manager);
      expect(messages.map((m) => m.personId).sort()).toEqual(
        [b.chair, b.secretariat, b.members[1], b.members[2], b.observer].map((m) => m.person.id).sort(),
      );
      expect(messages[0]).toEqual(
        expect.objectContaining({ kind: 'MEETING_REMINDER', linkPath: `/meetings/${id}`, meetingId: id }),
      );
      expect(messages[0].body).toContain('(Africa/Nairobi)');
      await t.gql(CANCEL, { id, reason: 'No quorum' }, b.chair.token);
      expect(await handlers.messagesFor(reminder, t.dataSource.manager)).toEqual([]);
      const cancelled = await handlers.messagesFor(await due(id, 'MEETING_CANCELLED'), t.dataSource.manager);
      expect(cancelled[0]).toEqual(expect.objectContaining({ kind: 'MEETING_CANCELLED', title: 'Cancelled: Plenary' }));
      expect(cancelled[0].body).toContain('Reason: No quorum');
    });

    it('tell the secretariat at the last reminder when accepted voting RSVPs are below quorum, and only then', async () => {
      const b = await bodyWithMembers(t, { voting: 3 });
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id });
      const handlers = t.app.get(MeetingReminderHandlers);
      const check = await due(id, 'MEETING_QUORUM_CHECK');
      const atRisk = await handlers.messagesFor(check, t.dataSource.manager);
      expect(atRisk).toEqual([
        expect.objectContaining({
          personId: b.secretariat.person.id,
          kind: 'MEETING_REMINDER',
          title: 'Quorum at risk: Plenary',
        }),
      ]);
      for (const who of [b.chair, ...b.members]) await t.gql(RESPOND, { id, rsvp: 'ACCEPTED' }, who.token);
      expect(await handlers.messagesFor(check, t.dataSource.manager)).toEqual([]);
    });

    it("add each invitee's meetings of the coming week to the weekly digest, leaving out declined and cancelled ones", async () => {
      const b = await bodyWithMembers(t, { voting: 2 });
      const soon = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Soon', ...inFuture(2 * DAY) });
      const dropped = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Dropped', ...inFuture(3 * DAY) });
      await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Later', ...inFuture(10 * DAY) });
      await t.gql(CANCEL, { id: dropped }, b.chair.token);
      await t.gql(RESPOND, { id: soon, rsvp: 'DECLINED' }, b.members[0].token);
      await t.gql(RESPOND, { id: soon, rsvp: 'ACCEPTED' }, b.members[1].token);
      const handlers = t.app.get(MeetingReminderHandlers);
      const now = new Date();
      const entries = await handlers.digestEntries(
        { now, until: new Date(now.getTime() + 7 * DAY) },
        t.dataSource.manager,
      );
      const mine = (personId: string) => entries.filter((e) => e.personId === personId);
      expect(mine(b.members[0].person.id)).toEqual([]);
      expect(mine(b.members[1].person.id)).toEqual([
        expect.objectContaining({
          section: 'digest.section.upcomingMeetings',
          linkPath: `/meetings/${soon}`,
          line: expect.objectContaining({ key: 'digest.line.meeting' }),
        }),
      ]);
      const line = mine(b.members[1].person.id)[0].line as MessageRef;
      expect(render('en', line)).toMatch(/^Soon: .*\(Africa\/Nairobi\)$/);
      expect(render('sw', line)).toMatch(/^Soon: .* 2026|^Soon: .* 2027/);
      expect(render('en', mine(b.chair.person.id)[0].line as MessageRef)).toMatch(/\(not answered yet\)$/);
    });

    it('chase the secretariat for minutes not circulated, and stop once they are', async () => {
      const b = await bodyWithMembers(t);
      const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...justStarted() });
      await t.gql(ATTEND, { id, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] }, b.chair.token);
      const handlers = t.app.get(MeetingReminderHandlers);
      const followUp = await due(id, 'MINUTES_FOLLOW_UP');
      expect((await handlers.messagesFor(followUp, t.dataSource.manager)).map((m) => [m.personId, m.kind])).toEqual([
        [b.secretariat.person.id, 'MINUTES_FOLLOW_UP'],
      ]);
      await t.gql(RECORD_MINUTES, { id, text: 'Minutes' }, b.chair.token);
      await t.gql(CIRCULATE, { id }, b.chair.token);
      expect(await handlers.messagesFor(followUp, t.dataSource.manager)).toEqual([]);
      const circulated = await handlers.messagesFor(await due(id, 'MINUTES_CIRCULATED'), t.dataSource.manager);
      expect(circulated).toHaveLength(6);
    });

    it('read a delivery batch of every kind in a constant number of queries, with the same messages as one by one', async () => {
      const handlers = t.app.get(MeetingReminderHandlers);
      const em = t.dataSource.manager;
      const batchOf = async (bodies: number) => {
        const batch = [];
        for (let n = 0; n < bodies; n++) {
          const b = await bodyWithMembers(t, { voting: 3 });
          const open = await schedule(t, b.chair.token, { bodyId: b.body.id });
          const cancelled = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Dropped' });
          await t.gql(CANCEL, { id: cancelled, reason: 'Clash' }, b.chair.token);
          const held = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Held', ...justStarted() });
          await t.gql(
            ATTEND,
            { id: held, entries: [{ personId: b.chair.person.id, attendance: 'PRESENT' }] },
            b.chair.token,
          );
          batch.push(
            await due(open, 'MEETING_INVITATION'),
            await due(open, 'MEETING_REMINDER'),
            await due(open, 'MEETING_QUORUM_CHECK'),
            await due(cancelled, 'MEETING_CANCELLED'),
            await due(cancelled, 'MEETING_REMINDER'), // cancelled since: no message
            await due(held, 'MINUTES_FOLLOW_UP'),
          );
        }
        return batch;
      };
      const small = await batchOf(1);
      const large = await batchOf(3);
      let messages = new Map<string, unknown>();
      const smallQueries = await t.countQueries(() => handlers.messagesForMany(small, em));
      const largeQueries = await t.countQueries(async () => {
        messages = await handlers.messagesForMany(large, em);
      });
      expect(largeQueries).toBe(smallQueries);
      expect(largeQueries).toBeLessThanOrEqual(7); // the seventh: invitations' matters arising
      for (const intent of large) expect(messages.get(intent.id) ?? []).toEqual(await handlers.messagesFor(intent, em));
      expect(large.filter((intent) => ((messages.get(intent.id) as unknown[]) ?? []).length > 0)).toHaveLength(15);
    });
  });
});
