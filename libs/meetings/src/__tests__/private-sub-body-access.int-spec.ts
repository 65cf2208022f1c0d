import { PlatformRole } from '@coord/core';
import { MemberRole } from '@coord/registry';
import { TestApp } from '@coord/testing';
import { addMember, bodyWithMembers, createPerson, schedule, signInAs, TEST_ENV } from './fixtures';

const MEETING = `query($id: ID!) { meeting(id: $id) { id title onlineUrl participants { person { id } } } }`;
const BODY = `query($id: ID!) { coordinationBody(id: $id) { id name memberships { person { fullName } } } }`;
const BODIES = `{ coordinationBodies(first: 100) { edges { node { id } } } }`;
const ITEM = `query($id: ID!) { actionItem(id: $id) { id title } }`;
const ITEMS = `query($bodyId: ID!) { actionItems(filter: { bodyId: $bodyId, includeSubBodies: true }) { edges { node { id } } } }`;
const CREATE_ITEM = `mutation($input: ActionItemInput!) { createActionItem(input: $input) { id } }`;

/**
 * Issue 13: a private sub-body (a counter-trafficking TWG under a public NCM) is read by its own members, the
 * managers of the bodies above it and the invitees of its meetings (that meeting only), nobody else; a meeting's
 * join link is for invitees, members and managers, even when the body is public.
 */
describe('private sub-bodies and join links', () => {
  let t: TestApp;
  let ncm: Awaited<ReturnType<typeof bodyWithMembers>>;
  let twg: Awaited<ReturnType<typeof bodyWithMembers>>;
  let plainNcmMember: string;
  let guest: { personId: string; token: string };
  let twgMeeting: string;
  let otherTwgMeeting: string;
  let ncmMeeting: string;
  let twgItem: string;

  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
    ncm = await bodyWithMembers(t, { isPublic: true, voting: 1 });
    twg = await bodyWithMembers(t, { isPublic: false, voting: 1, parentId: ncm.body.id });
    plainNcmMember = ncm.members[0].token;
    const guestPerson = await createPerson(t);
    guest = { personId: guestPerson.id, token: await signInAs(t, guestPerson) };
    twgMeeting = await schedule(t, twg.chair.token, {
      bodyId: twg.body.id,
      title: 'Victim referral review',
      onlineUrl: 'https://meet.example.org/twg-secret',
      extraInviteePersonIds: [guest.personId],
    });
    otherTwgMeeting = await schedule(t, twg.chair.token, { bodyId: twg.body.id, title: 'Internal review' });
    ncmMeeting = await schedule(t, ncm.chair.token, {
      bodyId: ncm.body.id,
      title: 'NCM plenary',
      onlineUrl: 'https://meet.example.org/ncm-plenary',
      extraInviteePersonIds: [guest.personId],
    });
    const item = await t.gql(
      CREATE_ITEM,
      { input: { bodyId: twg.body.id, title: 'Trace referral cases', ownerPersonId: twg.members[0].person.id } },
      twg.chair.token,
    );
    twgItem = item.data.createActionItem.id;
  }, 120_000);
  afterAll(() => t.close());

  describe('a private sub-body', () => {
    it('does not exist for a plain member of the body above it: not the body, its meetings nor its tasks', async () => {
      expect((await t.gql(BODY, { id: twg.body.id }, plainNcmMember)).data.coordinationBody).toBeNull();
      const listed = (await t.gql(BODIES, {}, plainNcmMember)).data.coordinationBodies.edges.map((e: any) => e.node.id);
      expect(listed).toContain(ncm.body.id);
      expect(listed).not.toContain(twg.body.id);
      expect((await t.gql(MEETING, { id: twgMeeting }, plainNcmMember)).data.meeting).toBeNull();
      expect((await t.gql(ITEM, { id: twgItem }, plainNcmMember)).data.actionItem).toBeNull();
      const items = await t.gql(ITEMS, { bodyId: ncm.body.id }, plainNcmMember);
      expect(items.data.actionItems.edges.map((e: any) => e.node.id)).not.toContain(twgItem);
      const feed = await t.http
        .get(`/calendar/bodies/${twg.body.id}.ics`)
        .set('authorization', `Bearer ${plainNcmMember}`);
      expect(feed.status).toBe(404);
    });

    it("is read whole by its own members and by the managers of the body above (the NCM's secretariat)", async () => {
      for (const token of [twg.members[0].token, twg.observer.token, ncm.secretariat.token, ncm.chair.token]) {
        const body = (await t.gql(BODY, { id: twg.body.id }, token)).data.coordinationBody;
        expect(body.memberships.length).toBeGreaterThan(0);
        const meeting = (await t.gql(MEETING, { id: twgMeeting }, token)).data.meeting;
        expect(meeting.onlineUrl).toBe('https://meet.example.org/twg-secret');
        expect((await t.gql(ITEM, { id: twgItem }, token)).data.actionItem.id).toBe(twgItem);
      }
    });

    it('lets an invitee from outside read the meeting they are invited to, and nothing else of the body', async () => {
      const meeting = (await t.gql(MEETING, { id: twgMeeting }, guest.token)).data.meeting;
      expect(meeting.title).toBe('Victim referral review');
      expect(meeting.onlineUrl).toBe('https://meet.example.org/twg-secret');
      expect((await t.gql(MEETING, { id: otherTwgMeeting }, guest.token)).data.meeting).toBeNull();
      expect((await t.gql(BODY, { id: twg.body.id }, guest.token)).data.coordinationBody).toBeNull();
      expect((await t.gql(ITEM, { id: twgItem }, guest.token)).data.actionItem).toBeNull();
    });
  });

  it("reads join links across many bodies' meetings in a constant number of queries", async () => {
    const UPCOMING = `{ myUpcomingMeetings(first: 50) { edges { node { id onlineUrl participants { person { id } } } } } }`;
    const counts: number[] = [];
    for (const bodies of [2, 6]) {
      const invitee = await createPerson(t);
      const token = await signInAs(t, invitee);
      for (let i = 0; i < bodies; i++) {
        const b = await bodyWithMembers(t, { isPublic: i % 2 === 0, voting: 1, parentId: ncm.body.id });
        await schedule(t, b.chair.token, {
          bodyId: b.body.id,
          onlineUrl: `https://meet.example.org/b${i}`,
          extraInviteePersonIds: [invitee.id],
        });
      }
      let seen = 0;
      counts.push(
        await t.countQueries(async () => {
          const res = await t.gql(UPCOMING, {}, token);
          seen = res.data.myUpcomingMeetings.edges.filter((e: any) => e.node.onlineUrl).length;
        }),
      );
      expect(seen).toBe(bodies);
    }
    expect(counts[1]).toBe(counts[0]);
  }, 120_000);

  describe("a public body's join link", () => {
    it('is hidden from anonymous readers and signed-in people who are neither members nor invitees', async () => {
      const outsider = await signInAs(t, await createPerson(t));
      for (const token of [undefined, outsider]) {
        const meeting = (await t.gql(MEETING, { id: ncmMeeting }, token)).data.meeting;
        expect(meeting.title).toBe('NCM plenary');
        expect(meeting.onlineUrl).toBeNull();
      }
      const feed = await t.http.get(`/calendar/bodies/${ncm.body.id}.ics`);
      expect(feed.status).toBe(200);
      expect(feed.text).toContain('NCM plenary');
      expect(feed.text).not.toContain('meet.example.org');
    });

    it("is shown to the body's members, managers, invitees and admins", async () => {
      const admin = (await t.signIn({ role: PlatformRole.ADMIN })).token;
      const lateMember = await addMember(t, ncm.body, { role: MemberRole.OBSERVER, votingRights: false });
      for (const token of [plainNcmMember, ncm.secretariat.token, guest.token, admin]) {
        expect((await t.gql(MEETING, { id: ncmMeeting }, token)).data.meeting.onlineUrl).toBe(
          'https://meet.example.org/ncm-plenary',
        );
      }
      // A member seated after the meeting was scheduled (not invited) is still a member of the body.
      const late = await signInAs(t, lateMember.person);
      expect((await t.gql(MEETING, { id: ncmMeeting }, late)).data.meeting.onlineUrl).toBe(
        'https://meet.example.org/ncm-plenary',
      );
      const feed = await t.http
        .get(`/calendar/bodies/${ncm.body.id}.ics`)
        .set('authorization', `Bearer ${plainNcmMember}`);
      expect(feed.text).toContain('meet.example.org/ncm-plenary');
    });
  });
});
