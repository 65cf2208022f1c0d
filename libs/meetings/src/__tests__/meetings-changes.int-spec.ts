import { expectError, TestApp } from '@coord/testing';
import { MeetingReminderHandlers } from '../meeting-reminder-messages';
import { bodyWithMembers, createPerson, createOrganization, DAY, HOUR, inFuture, schedule, TEST_ENV } from './fixtures';
import { ATTEND, CANCEL, justStarted, MEETING, meetingIntents, SET_AGENDA, UPDATE } from './meetings-helpers';

/** Changing a scheduled meeting: moving, cancelling, attendance, invitees and the agenda. */
describe('meetings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  const intents = (meetingId: string) => meetingIntents(t, meetingId);

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
});
