import { MemberRole } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { CREATE, dayIn, RegistryFixture } from './fixtures';

const SET_POLICY = `mutation($bodyId: ID!, $input: ReminderPolicyInput!) { setReminderPolicy(bodyId: $bodyId, input: $input) {
  meetingReminders actionDueReminders overdueEscalationAfter minutesFollowUpAfter } }`;
const UPDATE_BODY = `mutation($id: ID!, $input: CoordinationBodyUpdateInput!) { updateCoordinationBody(id: $id, input: $input) { id timezone } }`;
const SCHEDULE = `mutation($input: MeetingInput!) { scheduleMeeting(input: $input) { id startsAt endsAt } }`;

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface Intent {
  id: string;
  kind: string;
  dedupe_key: string;
  due_at: Date;
  status: string;
  version: number;
}

/**
 * A body's reminder policy and time zone time the reminders already waiting in the outbox: changing them moves
 * those reminders in the same transaction (meetings' lead times and quorum checks, minutes follow-ups, action
 * items' due reminders, overdue notices and escalations), never sends one twice, and costs the same number of
 * statements for a body with many meetings and items as for one with few.
 */
describe('reminder settings: a new policy or time zone moves the reminders already waiting', () => {
  let t: TestApp;
  let f: RegistryFixture;
  let chair: string;
  let outsider: string;
  let ministryId: string;

  const active = async (subjectId: string): Promise<Intent[]> =>
    t.dataSource.query(
      `SELECT id, kind, dedupe_key, due_at, status, version FROM reminder_intents
        WHERE subject_id = $1 AND status IN ('PENDING', 'ENQUEUED') ORDER BY due_at, kind`,
      [subjectId],
    );
  const byKey = (rows: Intent[], suffix: string) => rows.find((r) => r.dedupe_key.endsWith(suffix));
  const ok = async (query: string, variables: Record<string, unknown>, token = chair) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const newBody = async (name: string) => {
    const body = await f.body(name);
    const chairPerson = await f.person(`${name} chair`, ministryId);
    await f.member(body.id, chairPerson.id, ministryId, MemberRole.CHAIR);
    return body;
  };
  const schedule = async (bodyId: string, inMs: number) => {
    const startsAt = new Date(Math.ceil((Date.now() + inMs) / 60000) * 60000);
    const input = {
      bodyId,
      title: 'Plenary',
      timezone: 'Africa/Nairobi',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    };
    return (await ok(SCHEDULE, { input })).scheduleMeeting as { id: string; startsAt: string; endsAt: string };
  };
  const createItem = async (bodyId: string, dueOn: string) =>
    (await ok(CREATE, { input: { bodyId, title: `Item due ${dueOn}`, ownerOrganizationId: ministryId, dueOn } }))
      .createActionItem as { id: string };

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixture(t);
    ministryId = (await f.organization('Ministry of Interior')).id;
    outsider = (await f.signedInPerson('Outsider', ministryId)).token;
  });
  afterAll(() => t.close());

  it('moves meeting reminders to the new lead times, the quorum check with the last, and minutes follow-ups', async () => {
    const body = await f.body('Labour Migration TWG');
    chair = (await f.signedInPerson('TWG chair', ministryId, { bodyId: body.id, role: MemberRole.CHAIR })).token;
    const meeting = await schedule(body.id, 10 * DAY);
    const start = new Date(meeting.startsAt).getTime();
    const before = await active(meeting.id);
    expect(before.filter((r) => r.kind === 'MEETING_REMINDER').map((r) => r.due_at.getTime())).toEqual([
      start - 7 * DAY,
      start - DAY,
    ]);
    // A minutes follow-up waiting for this meeting (as after it is held), to see it move with its delay.
    await t.dataSource.query(
      `INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key)
       VALUES ('MINUTES_FOLLOW_UP', 'Meeting', $1, $2, $3)`,
      [meeting.id, new Date(new Date(meeting.endsAt).getTime() + 5 * DAY), `meeting:${meeting.id}:minutes-follow-up`],
    );
    const quorumBefore = byKey(before, ':quorum-check')!;

    await ok(SET_POLICY, {
      bodyId: body.id,
      input: { meetingReminders: ['P3D', 'PT2H'], minutesFollowUpAfter: 'P2D' },
    });

    const after = await active(meeting.id);
    expect(after.filter((r) => r.kind === 'MEETING_REMINDER').map((r) => [r.dedupe_key, r.due_at.getTime()])).toEqual([
      [`meeting:${meeting.id}:reminder:${3 * DAY}ms`, start - 3 * DAY],
      [`meeting:${meeting.id}:reminder:${2 * HOUR}ms`, start - 2 * HOUR],
    ]);
    const quorum = byKey(after, ':quorum-check')!;
    expect(quorum).toMatchObject({ id: quorumBefore.id, status: 'PENDING', version: quorumBefore.version + 1 });
    expect(quorum.due_at.getTime()).toBe(start - 2 * HOUR);
    expect(byKey(after, ':minutes-follow-up')!.due_at.getTime()).toBe(new Date(meeting.endsAt).getTime() + 2 * DAY);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM reminder_intents
        WHERE subject_id = $1 AND kind = 'MEETING_REMINDER' AND status = 'CANCELLED'`,
      [meeting.id],
    );
    expect(count).toBe(2); // the P7D and P1D reminders
    const [audit] = await t.dataSource.query(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'body.setReminderPolicy'`,
      [body.id],
    );
    expect(audit.changes.meetingReminders).toEqual([
      ['P7D', 'P1D'],
      ['P3D', 'PT2H'],
    ]);
  });

  it('re-plans due reminders, moves waiting escalations and keeps an escalation’s starting point', async () => {
    const body = await f.body('Diaspora TWG');
    chair = (await f.signedInPerson('Diaspora chair', ministryId, { bodyId: body.id, role: MemberRole.CHAIR })).token;
    const dueOn = dayIn('Africa/Nairobi', 30);
    const future = await createItem(body.id, dueOn);
    const late = await createItem(body.id, dayIn('Africa/Nairobi', -5));
    const [futureBefore, lateBefore] = [await active(future.id), await active(late.id)];
    const overdueBefore = byKey(futureBefore, ':overdue')!;
    const lateEscalation = byKey(lateBefore, ':escalated')!;

    await ok(SET_POLICY, { bodyId: body.id, input: { actionDueReminders: ['P14D'], overdueEscalationAfter: 'P5D' } });

    const futureAfter = await active(future.id);
    expect(futureAfter.filter((r) => r.kind === 'ACTION_DUE_REMINDER').map((r) => r.dedupe_key)).toEqual([
      `actionItem:${future.id}:due:P14D`,
    ]);
    // 09:00 in Nairobi (UTC+3), 14 days before the due date.
    expect(byKey(futureAfter, ':due:P14D')!.due_at.toISOString()).toBe(`${dayIn('Africa/Nairobi', 16)}T06:00:00.000Z`);
    // The overdue notice does not depend on the policy: untouched.
    expect(byKey(futureAfter, ':overdue')).toEqual(overdueBefore);
    // Escalation five days after the first overdue morning (09:00 Nairobi the day after the due date).
    expect(byKey(futureAfter, ':escalated')!.due_at.toISOString()).toBe(`${dayIn('Africa/Nairobi', 36)}T06:00:00.000Z`);
    // Created already overdue: it escalates five days after its creation instead of three.
    const lateAfter = byKey(await active(late.id), ':escalated')!;
    expect(lateAfter.due_at.getTime() - lateEscalation.due_at.getTime()).toBe(2 * DAY);
  });

  it('moves the 09:00 reminders with a new time zone and does not send again a reminder already sent', async () => {
    const body = await f.body('Border Management TWG');
    chair = (await f.signedInPerson('Border chair', ministryId, { bodyId: body.id, role: MemberRole.CHAIR })).token;
    const item = await createItem(body.id, dayIn('Africa/Nairobi', 20));
    const soon = await createItem(body.id, dayIn('Africa/Nairobi', 3));
    // The P1D reminder of the item due in three days has already gone out.
    await t.dataSource.query(
      `UPDATE reminder_intents SET status = 'DONE', processed_at = now() WHERE dedupe_key = $1`,
      [`actionItem:${soon.id}:due:P1D`],
    );
    const before = await active(item.id);

    const res = await ok(UPDATE_BODY, {
      id: body.id,
      input: { name: body.name, kind: body.kind, level: body.level, countryCode: 'KE', timezone: 'UTC' },
    });
    expect(res.updateCoordinationBody.timezone).toBe('UTC');

    const after = await active(item.id);
    for (const suffix of [':due:P7D', ':due:P1D', ':overdue', ':escalated']) {
      // 09:00 UTC instead of 09:00 in Nairobi: three hours later.
      expect(byKey(after, suffix)!.due_at.getTime() - byKey(before, suffix)!.due_at.getTime()).toBe(3 * HOUR);
    }
    expect(byKey(await active(soon.id), ':due:P1D')).toBeUndefined();
  });

  it('changes nothing when the change is refused, and costs the same statements for 12 meetings and items as for 2', async () => {
    const small = await newBody('Small TWG');
    const large = await newBody('Large TWG');
    const admin = (await t.signIn()).token;
    chair = admin;
    for (const [body, n] of [
      [small, 1],
      [large, 6],
    ] as const) {
      for (let i = 0; i < n; i++) {
        await schedule(body.id, (10 + i) * DAY);
        await createItem(body.id, dayIn('Africa/Nairobi', 30 + i));
      }
    }
    const pendingOf = async (bodyId: string) =>
      (
        await t.dataSource.query(
          `SELECT i.id, i.due_at, i.version FROM reminder_intents i
             LEFT JOIN meetings m ON m.id = i.subject_id LEFT JOIN action_items a ON a.id = i.subject_id
            WHERE coalesce(m.body_id, a.body_id) = $1 AND i.status IN ('PENDING', 'ENQUEUED') ORDER BY i.id`,
          [bodyId],
        )
      ).map((r: Intent) => `${r.id}@${r.due_at.toISOString()}#${r.version}`);
    const untouched = await pendingOf(large.id);
    expectError(
      await t.gql(SET_POLICY, { bodyId: large.id, input: { actionDueReminders: ['P2D'] } }, outsider),
      'NOT_FOUND',
    );
    expectError(
      await t.gql(SET_POLICY, { bodyId: large.id, input: { actionDueReminders: ['P0D'] } }, admin),
      'BAD_USER_INPUT',
    );
    expect(await pendingOf(large.id)).toEqual(untouched);

    const input = { meetingReminders: ['P2D'], actionDueReminders: ['P2D'], overdueEscalationAfter: 'P4D' };
    const cost = async (bodyId: string) =>
      t.countQueries(async () => {
        const res = await t.gql(SET_POLICY, { bodyId, input }, admin);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
      });
    const [few, many] = [await cost(small.id), await cost(large.id)];
    expect(many).toBe(few);
    const moved = await pendingOf(large.id);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved).not.toEqual(untouched);
  });
});
