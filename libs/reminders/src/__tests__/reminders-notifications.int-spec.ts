import { DigestContributorRegistry, PlatformRole } from '@coord/core';
import { Meeting, MeetingKind, MeetingStatus } from '@coord/meetings';
import {
  BodyKind,
  BodyStatus,
  CoordinationBody,
  GovernanceLevel,
  Membership,
  MemberRole,
  Organization,
  StakeholderSector,
} from '@coord/registry';
import { WeeklyDigest } from '@coord/reminders';
import { eventually, expectError, MailSink, TestApp, TestWorker } from '@coord/testing';
import { randomUUID } from 'node:crypto';
import { NOTIFICATIONS, RemindersApp, startRemindersApp, stopRemindersApp } from './fixtures/reminders-app';
import { createPerson } from './fixtures/test-reminders';

/** The weekly digest, and the notifications a person reads and marks read, with what each is about. */
describe('reminders: delivery in-app and by mail, moving, cancelling, failures, notifications', () => {
  let t: TestApp;
  let worker: TestWorker;
  const mail = new MailSink();
  let amina: RemindersApp['amina'];

  beforeAll(async () => {
    ({ t, worker, amina } = await startRemindersApp(mail));
  });
  afterAll(() => stopRemindersApp({ t, worker }, mail));

  it('sends a weekly digest per person from the registered contributors, once per day', async () => {
    const contributors = worker.get(DigestContributorRegistry);
    contributors.register({
      name: 'test-upcoming',
      entries: async () => [
        { personId: amina.personId, section: 'Upcoming meetings', line: 'Steering committee, Thursday 10:00' },
        {
          personId: amina.personId,
          section: 'Overdue action items',
          line: 'Draft county plan',
          linkPath: '/actions/1',
        },
      ],
    });
    const digest = worker.get(WeeklyDigest);
    expect(await digest.run()).toBe(1);
    expect(await digest.run()).toBe(0); // same day: nothing new
    const mails = await eventually(() => {
      const m = mail.to('amina@example.org').filter((x) => x.subject.startsWith('Your week'));
      return m.length === 1 && m;
    });
    expect(mails[0].text).toContain('Upcoming meetings\n- Steering committee, Thursday 10:00');
    expect(mails[0].text).toContain('Overdue action items');
    const res = await t.gql(NOTIFICATIONS, {}, amina.token);
    expect(res.data.notifications.edges[0].node.kind).toBe('DIGEST');
  });

  describe('notifications and markNotificationsRead', () => {
    let other: { personId: string; token: string };
    beforeAll(async () => {
      const personId = await createPerson(t.dataSource, 'Grace Achieng', 'grace@example.org');
      other = { personId, token: (await t.signIn({ role: PlatformRole.USER, personId })).token };
      await t.dataSource.query(
        `INSERT INTO notifications (person_id, kind, title, body, link_path, created_at)
         SELECT $1, 'ACTION_DUE_REMINDER', 'Item ' || g, 'Due soon', '/actions/x', now() - g * interval '1 minute'
         FROM generate_series(1, 55) g`,
        [other.personId],
      );
    });

    it("lists only the signed-in person's own notifications, newest first, paged", async () => {
      const first = await t.gql(NOTIFICATIONS, { first: 50 }, other.token);
      expect(first.data.notifications.totalCount).toBe(55);
      expect(first.data.notifications.unreadCount).toBe(55);
      expect(first.data.notifications.edges[0].node.title).toBe('Item 1');
      expect(first.data.notifications.pageInfo.hasNextPage).toBe(true);
      const next = await t.gql(
        NOTIFICATIONS,
        { first: 50, after: first.data.notifications.pageInfo.endCursor },
        other.token,
      );
      expect(next.data.notifications.edges.map((e: any) => e.node.title)).toEqual([
        'Item 51',
        'Item 52',
        'Item 53',
        'Item 54',
        'Item 55',
      ]);
      const mine = await t.gql(NOTIFICATIONS, { first: 100 }, amina.token);
      expect(mine.data.notifications.edges.every((e: any) => !e.node.title.startsWith('Item '))).toBe(true);
    });

    it('costs the same number of SQL statements for 5 and 50 notifications', async () => {
      const five = await t.countQueries(() => t.gql(NOTIFICATIONS, { first: 5 }, other.token));
      const fifty = await t.countQueries(() => t.gql(NOTIFICATIONS, { first: 50 }, other.token));
      expect(fifty).toBe(five);
    });

    it("marks only the caller's own notifications read and counts them", async () => {
      const page = await t.gql(NOTIFICATIONS, { first: 3 }, other.token);
      const ids = page.data.notifications.edges.map((e: any) => e.node.id);
      const mark = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
      // Someone else's ids change nothing.
      const denied = await t.gql(mark, { ids }, amina.token);
      expect(denied.data.markNotificationsRead).toBe(0);
      const allowed = await t.gql(mark, { ids: [...ids, randomUUID()] }, other.token);
      expect(allowed.data.markNotificationsRead).toBe(3);
      const unread = await t.gql(NOTIFICATIONS, { unreadOnly: true, first: 100 }, other.token);
      expect(unread.data.notifications.unreadCount).toBe(52);
      expect(unread.data.notifications.totalCount).toBe(52);
      expect(unread.data.notifications.edges.some((e: any) => ids.includes(e.node.id))).toBe(false);
    });

    it('refuses ids that are not notification ids, and anonymous callers', async () => {
      const mark = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
      expectError(await t.gql(mark, { ids: ['nope'] }, other.token), 'BAD_USER_INPUT', 'ids must be notification ids');
      expectError(await t.gql(NOTIFICATIONS, {}), 'UNAUTHENTICATED');
      expectError(await t.gql(mark, { ids: [randomUUID()] }), 'UNAUTHENTICATED');
    });

    it('gives a user who is not a person an empty list', async () => {
      const admin = await t.signIn();
      const res = await t.gql(NOTIFICATIONS, {}, admin.token);
      expect(res.data.notifications).toEqual({
        totalCount: 0,
        unreadCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      });
    });
  });

  describe('what a notification is about (meeting, actionItem)', () => {
    const SUBJECTS = `{ notifications(first: 10) { edges { node { title meeting { id title } actionItem { id title } } } } }`;

    it('resolves the meeting and action item for a person who may read them, and null for one who may not', async () => {
      const body = await t.dataSource.getRepository(CoordinationBody).save({
        name: 'Technical working group on labour migration',
        kind: BodyKind.TECHNICAL_WORKING_GROUP,
        level: GovernanceLevel.NATIONAL,
        status: BodyStatus.ACTIVE,
        timezone: 'Africa/Nairobi',
        isPublic: false,
      });
      const organization = await t.dataSource.getRepository(Organization).save({
        name: 'Ministry of Labour',
        sector: StakeholderSector.NATIONAL_GOVERNMENT,
        level: GovernanceLevel.NATIONAL,
      });
      const memberId = await createPerson(t.dataSource, 'Member of the group', null);
      const outsiderId = await createPerson(t.dataSource, 'Outsider', null);
      await t.dataSource.getRepository(Membership).save({
        bodyId: body.id,
        personId: memberId,
        organizationId: organization.id,
        role: MemberRole.MEMBER,
        votingRights: true,
        startsOn: '2020-01-01',
        endsOn: null,
      });
      const meeting = await t.dataSource.getRepository(Meeting).save({
        bodyId: body.id,
        title: 'Quarterly meeting',
        kind: MeetingKind.ORDINARY,
        status: MeetingStatus.SCHEDULED,
        startsAt: new Date(Date.now() + 86400000),
        endsAt: new Date(Date.now() + 90000000),
        timezone: 'Africa/Nairobi',
      });
      const [item] = await t.dataSource.query(
        `INSERT INTO action_items (body_id, title, owner_person_id) VALUES ($1, 'Draft the labour mobility plan', $2)
         RETURNING id`,
        [body.id, memberId],
      );
      for (const personId of [memberId, outsiderId]) {
        await t.dataSource.query(
          `INSERT INTO notifications (person_id, kind, title, body, link_path, meeting_id, action_item_id)
           VALUES ($1, 'MEETING_REMINDER', 'About the group', 'text', '/meetings/x', $2, $3)`,
          [personId, meeting.id, item.id],
        );
      }
      const member = await t.signIn({ role: PlatformRole.USER, personId: memberId });
      const outsider = await t.signIn({ role: PlatformRole.USER, personId: outsiderId });

      const allowed = await t.gql(SUBJECTS, {}, member.token);
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data.notifications.edges[0].node).toEqual({
        title: 'About the group',
        meeting: { id: meeting.id, title: 'Quarterly meeting' },
        actionItem: { id: item.id, title: 'Draft the labour mobility plan' },
      });
      // Constant cost: 5 or 50 notifications about as many meetings and items cost the same SQL statements.
      for (let i = 0; i < 50; i++) {
        const m = await t.dataSource.getRepository(Meeting).save({
          bodyId: body.id,
          title: `Meeting ${i}`,
          kind: MeetingKind.ORDINARY,
          status: MeetingStatus.SCHEDULED,
          startsAt: meeting.startsAt,
          endsAt: meeting.endsAt,
          timezone: 'Africa/Nairobi',
        });
        const [it] = await t.dataSource.query(
          `INSERT INTO action_items (body_id, title, owner_person_id) VALUES ($1, $2, $3) RETURNING id`,
          [body.id, `Item ${i}`, memberId],
        );
        await t.dataSource.query(
          `INSERT INTO notifications (person_id, kind, title, body, link_path, meeting_id, action_item_id, created_at)
           VALUES ($1, 'MEETING_REMINDER', 'Older', 'text', '/meetings/x', $2, $3, now() - interval '1 day')`,
          [memberId, m.id, it.id],
        );
      }
      const page = (n: number) =>
        `{ notifications(first: ${n}) { edges { node { meeting { id title } actionItem { id title } } } } }`;
      const five = await t.countQueries(() => t.gql(page(5), {}, member.token));
      const fifty = await t.countQueries(() => t.gql(page(50), {}, member.token));
      expect(fifty).toBe(five);

      const denied = await t.gql(SUBJECTS, {}, outsider.token);
      expect(denied.errors).toBeUndefined();
      expect(denied.data.notifications.edges[0].node).toEqual({
        title: 'About the group',
        meeting: null,
        actionItem: null,
      });
    });
  });
});
