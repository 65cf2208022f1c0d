import { DueReminder } from '@coord/core';
import { MeetingReminderHandlers } from '@coord/meetings';
import { TestApp } from '@coord/testing';
import {
  bodyWithMembers,
  createPerson,
  DAY,
  inFuture,
  schedule,
  TEST_ENV,
} from '../../../meetings/src/__tests__/fixtures';

const MATTERS = `query($id: ID!, $sub: Boolean) { meeting(id: $id) {
  agenda { position title } mattersArising(includeSubBodyOverdue: $sub) { title status dueOn }
} }`;

/** Matters arising: open earlier items come back to every meeting of the body until closed. */
describe('matters arising', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  const item = async (
    bodyId: string,
    title: string,
    ownerPersonId: string,
    opts: { status?: string; dueOn?: string | null; createdAt?: Date } = {},
  ) => {
    const status = opts.status ?? 'OPEN';
    await t.dataSource.query(
      `INSERT INTO action_items (body_id, title, owner_person_id, due_on, status, progress_percent, completed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        bodyId,
        title,
        ownerPersonId,
        opts.dueOn ?? null,
        status,
        status === 'DONE' ? 100 : 0,
        status === 'DONE' ? new Date() : null,
        opts.createdAt ?? new Date(Date.now() - DAY),
      ],
    );
  };

  it('lists exactly the open items raised before the meeting, and the invitation names them with owner and due date', async () => {
    const b = await bodyWithMembers(t);
    const other = await bodyWithMembers(t);
    const owner = b.members[0].person;
    await item(b.body.id, 'Draft the labour migration policy', owner.id, { dueOn: '2026-01-15' });
    await item(b.body.id, 'Map county data sources', owner.id, { status: 'IN_PROGRESS', dueOn: '2026-03-01' });
    await item(b.body.id, 'Blocked report', owner.id, { status: 'BLOCKED' });
    await item(b.body.id, 'Finished item', owner.id, { status: 'DONE' });
    await item(b.body.id, 'Dropped item', owner.id, { status: 'CANCELLED' });
    await item(b.body.id, 'Raised later', owner.id, { createdAt: new Date(Date.now() + 30 * DAY) });
    await item(other.body.id, 'Another body', other.members[0].person.id);
    const guest = await createPerson(t);
    const id = await schedule(t, b.chair.token, {
      bodyId: b.body.id,
      extraInviteePersonIds: [guest.id],
      ...inFuture(10 * DAY),
    });
    const res = await t.gql(MATTERS, { id }, b.chair.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.meeting.mattersArising.map((m: any) => m.title)).toEqual([
      'Draft the labour migration policy',
      'Map county data sources',
      'Blocked report',
    ]);
    expect(res.data.meeting.agenda[0]).toEqual({ position: 1, title: 'Matters arising' });

    const [intent] = await t.dataSource.query(
      `SELECT id, kind, subject_type AS "subjectType", subject_id AS "subjectId", due_at AS "dueAt", payload
         FROM reminder_intents WHERE subject_id = $1 AND kind = 'MEETING_INVITATION'`,
      [id],
    );
    const messages = await t.app.get(MeetingReminderHandlers).messagesFor(intent as DueReminder, t.dataSource.manager);
    const text = messages.find((m) => m.personId === owner.id)!.body;
    // A guest's invitation leaves the body's items out.
    expect(messages.find((m) => m.personId === guest.id)!.body).not.toContain('Matters arising');
    expect(text).toContain('Matters arising');
    // Catalog messages (issue 18): dates spelt out in the reader's language.
    expect(text).toContain(`\n• Draft the labour migration policy (${owner.fullName}; due 15 January 2026)`);
    expect(text).toContain(`• Map county data sources (${owner.fullName}; due 1 March 2026)`);
    expect(text).toContain(`• Blocked report (${owner.fullName}; no due date)`);
    expect(text).not.toMatch(/Finished item|Dropped item|Raised later|Another body/);
  });

  it("keeps the caller's own Matters arising agenda item instead of adding one", async () => {
    const b = await bodyWithMembers(t);
    const id = await schedule(t, b.chair.token, {
      bodyId: b.body.id,
      agenda: [{ title: 'Opening' }, { title: 'Matters arising from the last meeting' }],
    });
    const res = await t.gql(MATTERS, { id }, b.chair.token);
    expect(res.data.meeting.agenda.map((a: any) => a.title)).toEqual([
      'Opening',
      'Matters arising from the last meeting',
    ]);
  });

  it("brings a sub-body's overdue items to the parent's meeting only when asked", async () => {
    const parent = await bodyWithMembers(t);
    const child = await bodyWithMembers(t, { parentId: parent.body.id });
    const owner = child.members[0].person.id;
    await item(child.body.id, 'Overdue county report', owner, { dueOn: '2026-01-01' });
    await item(child.body.id, 'County item not yet due', owner, { dueOn: '2099-01-01' });
    const id = await schedule(t, parent.chair.token, { bodyId: parent.body.id });
    const own = await t.gql(MATTERS, { id }, parent.chair.token);
    expect(own.data.meeting.mattersArising).toEqual([]);
    const withSub = await t.gql(MATTERS, { id, sub: true }, parent.chair.token);
    expect(withSub.data.meeting.mattersArising.map((m: any) => m.title)).toEqual(['Overdue county report']);
  });

  it('reads the matters arising of a list of meetings in a constant number of queries', async () => {
    const b = await bodyWithMembers(t);
    await item(b.body.id, 'Open item', b.members[0].person.id);
    const query = `query($id: ID!) { coordinationBody(id: $id) { meetings(first: 50) { edges { node {
      id mattersArising { title } } } } } }`;
    await schedule(t, b.chair.token, { bodyId: b.body.id });
    const small = await t.countQueries(() => t.gql(query, { id: b.body.id }, b.chair.token));
    for (let i = 0; i < 3; i++) await schedule(t, b.chair.token, { bodyId: b.body.id, ...inFuture((12 + i) * DAY) });
    let res: any;
    const big = await t.countQueries(async () => {
      res = await t.gql(query, { id: b.body.id }, b.chair.token);
    });
    expect(res.data.coordinationBody.meetings.edges).toHaveLength(4);
    for (const edge of res.data.coordinationBody.meetings.edges) {
      expect(edge.node.mattersArising).toEqual([{ title: 'Open item' }]);
    }
    expect(big).toBe(small);
  });
});
