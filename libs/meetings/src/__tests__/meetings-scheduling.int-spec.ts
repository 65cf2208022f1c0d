import { expectError, TestApp } from '@coord/testing';
import {
  adoptTermsOfReference,
  bodyWithMembers,
  createPerson,
  createOrganization,
  DAY,
  HOUR,
  inFuture,
  schedule,
  SCHEDULE,
  TEST_ENV,
} from './fixtures';
import { ATTEND, countMeetings, justStarted, MEETING, meetingIntents, RESPOND } from './meetings-helpers';

/** Scheduling a meeting (who is invited, what is refused, the reminders written) and its quorum. */
describe('meetings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  const intents = (meetingId: string) => meetingIntents(t, meetingId);
  const meetingsOf = (bodyId: string) => countMeetings(t, bodyId);

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

    it('answers with the meeting as a later read gives it: body, agenda, participants in order, quorum', async () => {
      const b = await bodyWithMembers(t, { voting: 3 });
      await adoptTermsOfReference(t, b.body, 0.6);
      const guest = await createPerson(t, { fullName: 'Aaron Guest' });
      const fields = `id title startsAt body { id name }
        agenda { id position title description durationMinutes presenter { id } }
        participants { person { id } organization { id } rsvp attendance isMember voting }
        quorum { votingMembers required counted met } quorumAtRisk`;
      const res = await t.gql(
        `mutation($input: MeetingInput!) { scheduleMeeting(input: $input) { ${fields} } }`,
        {
          input: {
            bodyId: b.body.id,
            title: 'Plenary',
            timezone: 'Pacific/Kiritimati',
            ...inFuture(5 * DAY),
            agenda: [
              {
                title: 'Budget',
                description: ' Figures ',
                durationMinutes: 20,
                presenterPersonId: b.members[1].person.id,
              },
              { title: 'Any other business' },
            ],
            extraInviteePersonIds: [guest.id],
          },
        },
        b.chair.token,
      );
      expect(res.errors).toBeUndefined();
      const scheduled = res.data.scheduleMeeting;
      expect(scheduled.agenda.map((a: any) => a.title)).toEqual(['Matters arising', 'Budget', 'Any other business']);
      expect(scheduled.participants).toHaveLength(7);
      expect(scheduled.quorum).toEqual({ votingMembers: 4, required: 3, counted: 0, met: false });
      const read = await t.gql(
        `query($id: ID!) { meeting(id: $id) { ${fields} } }`,
        { id: scheduled.id },
        b.chair.token,
      );
      expect(read.data.meeting).toEqual(scheduled);
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
});
