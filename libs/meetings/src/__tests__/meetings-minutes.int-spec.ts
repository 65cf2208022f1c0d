import { expectError, TestApp } from '@coord/testing';
import { bodyWithMembers, HOUR, schedule, TEST_ENV } from './fixtures';
import {
  ADOPT,
  ATTEND,
  CIRCULATE,
  DECIDE,
  justStarted,
  MEETING,
  meetingIntents,
  RECORD_MINUTES,
  SET_AGENDA,
} from './meetings-helpers';

/** Minutes and decisions of a held meeting, and correcting the record before adoption. */
describe('meetings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  const intents = (meetingId: string) => meetingIntents(t, meetingId);

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
});
