import { DueReminder } from '@coord/core';
import { TestApp } from '@coord/testing';
import { bodyWithMembers, createPerson, TEST_ENV } from '../../../meetings/src/__tests__/fixtures';
import { TermReminders } from '../term-reminders';

const ADD = `mutation($input: MembershipInput!) { addMember(input: $input) { id } }`;
const END = `mutation($id: ID!, $endsOn: Date!) { endMembership(id: $id, endsOn: $endsOn) { id endsOn } }`;
const DRAFT = `mutation($bodyId: ID!, $input: TermsOfReferenceInput!) { draftTermsOfReference(bodyId: $bodyId, input: $input) { id } }`;
const ADOPT = `mutation($id: ID!, $on: Date!) { adoptTermsOfReference(id: $id, adoptedOn: $on) { id status } }`;

const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

interface Row extends DueReminder {
  status: string;
}

/** Review and term reminders: intents in the outbox with the change, moved and dropped as the dates change. */
describe('review and term reminders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  const intents = (subjectId: string): Promise<Row[]> =>
    t.dataSource.query(
      `SELECT id, kind, subject_type AS "subjectType", subject_id AS "subjectId", due_at AS "dueAt", payload, status
         FROM reminder_intents WHERE subject_id = $1 ORDER BY created_at, due_at`,
      [subjectId],
    );
  const messages = (intent: DueReminder) => t.app.get(TermReminders).messagesFor(intent, t.dataSource.manager);

  it('reminds the member and the secretariat 30 days before a membership ends, moving when endsOn changes', async () => {
    const b = await bodyWithMembers(t);
    const person = await createPerson(t, { organizationId: b.members[0].organization.id });
    const added = await t.gql(
      ADD,
      {
        input: {
          bodyId: b.body.id,
          personId: person.id,
          organizationId: b.members[0].organization.id,
          role: 'MEMBER',
          startsOn: day(-10),
          endsOn: day(100),
        },
      },
      b.chair.token,
    );
    const id = added.data.addMember.id;
    let rows = await intents(id);
    expect(rows).toEqual([expect.objectContaining({ kind: 'MEMBERSHIP_ENDING', status: 'PENDING' })]);
    // 09:00 in the body's zone (Africa/Nairobi, UTC+3), 30 days before the end.
    expect(new Date(rows[0].dueAt).toISOString()).toBe(`${day(70)}T06:00:00.000Z`);

    const ended = await t.gql(END, { id, endsOn: day(50) }, b.chair.token);
    expect(ended.errors).toBeUndefined();
    rows = await intents(id);
    expect(rows.map((r) => r.status)).toEqual(['CANCELLED', 'PENDING']);
    expect(new Date(rows[1].dueAt).toISOString()).toBe(`${day(20)}T06:00:00.000Z`);
    const sent = await messages(rows[1]);
    expect(sent.map((m) => m.personId).sort()).toEqual([person.id, b.secretariat.person.id].sort());
    expect(sent.every((m) => m.kind === 'MEMBERSHIP_ENDING' && m.linkPath === `/bodies/${b.body.id}`)).toBe(true);
    // The old date's intent, were it to run, says nothing: the date moved.
    expect(await messages(rows[0])).toEqual([]);

    // Renewed from the next day: the ending reminder stops.
    await t.gql(
      ADD,
      {
        input: {
          bodyId: b.body.id,
          personId: person.id,
          organizationId: b.members[0].organization.id,
          role: 'MEMBER',
          startsOn: day(51),
        },
      },
      b.chair.token,
    );
    expect((await intents(id)).map((r) => r.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(await messages(rows[1])).toEqual([]);
  });

  it("reminds the chair and secretariat of a ToR's review 30 days ahead and on the day; a new version replaces them", async () => {
    const b = await bodyWithMembers(t);
    const input = {
      mandate: 'Coordinate migration governance',
      objectives: [],
      functions: [],
      quorumFraction: 0.5,
      decisionRule: 'CONSENSUS',
      meetingFrequency: 'QUARTERLY',
      reviewDueOn: day(90),
    };
    const draft = await t.gql(DRAFT, { bodyId: b.body.id, input }, b.chair.token);
    const torId = draft.data.draftTermsOfReference.id;
    await t.gql(ADOPT, { id: torId, on: day(0) }, b.chair.token);
    const rows = await intents(torId);
    expect(rows.map((r) => [r.kind, new Date(r.dueAt).toISOString()])).toEqual([
      ['TOR_REVIEW_DUE', `${day(60)}T06:00:00.000Z`],
      ['TOR_REVIEW_DUE', `${day(90)}T06:00:00.000Z`],
    ]);
    const sent = await messages(rows[0]);
    expect(sent.map((m) => m.personId).sort()).toEqual([b.chair.person.id, b.secretariat.person.id].sort());
    expect(sent[0].title).toMatch(/^Terms of reference review due: /);

    const next = await t.gql(DRAFT, { bodyId: b.body.id, input: { ...input, reviewDueOn: day(400) } }, b.chair.token);
    await t.gql(ADOPT, { id: next.data.draftTermsOfReference.id, on: day(0) }, b.chair.token);
    expect((await intents(torId)).map((r) => r.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(await messages(rows[0])).toEqual([]);
    expect(await intents(next.data.draftTermsOfReference.id)).toHaveLength(2);
  });
});
