import { expectError, TestApp } from '@coord/testing';
import {
  addMember,
  adoptTermsOfReference,
  bodyWithMembers,
  createBody,
  createOrganization,
  createPerson,
  DAY,
  inFuture,
  schedule,
  TEST_ENV,
} from './fixtures';
import { CANCEL } from './meetings-helpers';

/** Reading meetings in a constant number of queries, and meetings on the registry types. */
describe('meetings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  describe('reading', () => {
    it('loads a meeting with all nested fields in the same number of queries for 5 and 200 participants', async () => {
      const small = await bodyWithMembers(t, { voting: 1 });
      // Both agendas have a presenter who is not invited: the presenter's person is one read, the participants'
      // people come with the participants (so the count cannot depend on which batch a person falls in).
      const presenter = await createPerson(t);
      const smallId = await schedule(t, small.chair.token, {
        bodyId: small.body.id,
        agenda: [{ title: 'A', presenterPersonId: presenter.id }],
      });
      const big = await bodyWithMembers(t, { voting: 1 });
      const org = await createOrganization(t);
      for (let i = 0; i < 196; i++) await addMember(t, big.body, { organization: org });
      const bigId = await schedule(t, big.chair.token, {
        bodyId: big.body.id,
        agenda: [{ title: 'A', presenterPersonId: presenter.id }],
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
});
