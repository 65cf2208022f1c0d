import { MessageRef, render } from '@coord/core';
import { TestApp } from '@coord/testing';
import { MeetingReminderHandlers } from '../meeting-reminder-messages';
import { bodyWithMembers, DAY, inFuture, schedule, TEST_ENV } from './fixtures';
import { ATTEND, CANCEL, CIRCULATE, justStarted, meetingIntents, RECORD_MINUTES, RESPOND } from './meetings-helpers';

/** What the meeting reminder handlers send, to whom, and when nothing. */
describe('meetings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  const intents = (meetingId: string) => meetingIntents(t, meetingId);

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
