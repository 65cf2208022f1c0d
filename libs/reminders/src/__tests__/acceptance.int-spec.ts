import { PlatformRole } from '@coord/core';
import {
  BodyKind,
  BodyStatus,
  CoordinationBody,
  GovernanceLevel,
  MemberRole,
  Membership,
  Organization,
  Person,
  StakeholderSector,
} from '@coord/registry';
import { eventually, MailSink, TestApp, TestWorker } from '@coord/testing';

/**
 * Issue 6 end to end, through the features' own mutations and the real worker, PostgreSQL, Redis and an SMTP
 * sink: a meeting reminder at a PT2S lead time arrives in-app and by email and moves when the meeting does;
 * an overdue action reaches its owner, then escalates to the chair and the secretariat.
 */
describe('reminders from meetings and action items, delivered', () => {
  let t: TestApp;
  let worker: TestWorker;
  const mail = new MailSink();
  let n = 0;

  beforeAll(async () => {
    const smtpUrl = await mail.start();
    t = await TestApp.create({
      SMTP_URL: smtpUrl,
      OUTBOX_POLL_MS: '200',
      REMINDER_RETRY_BACKOFF_MS: '100',
      LOGIN_RATE_LIMIT: '100000',
      LOGIN_RATE_LIMIT_PER_IP: '100000',
    });
    worker = await TestWorker.create(t.config);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await mail.stop();
  });

  async function bodyWithSeats(policy: Partial<CoordinationBody>) {
    const org = await t.dataSource.getRepository(Organization).save({
      name: `Ministry ${++n}`,
      sector: StakeholderSector.NATIONAL_GOVERNMENT,
      level: GovernanceLevel.NATIONAL,
    });
    const body = await t.dataSource.getRepository(CoordinationBody).save({
      name: `Working group ${n}`,
      kind: BodyKind.TECHNICAL_WORKING_GROUP,
      level: GovernanceLevel.NATIONAL,
      status: BodyStatus.ACTIVE,
      timezone: 'Africa/Nairobi',
      isPublic: false,
      meetingReminders: ['P7D', 'P1D'],
      actionDueReminders: ['P7D', 'P1D'],
      overdueEscalationAfter: 'P3D',
      minutesFollowUpAfter: 'P5D',
      ...policy,
    });
    const seat = async (role: MemberRole, label: string) => {
      const person = await t.dataSource.getRepository(Person).save({
        fullName: `${label} ${n}`,
        email: `${label.toLowerCase()}.${n}@example.org`,
        organizationId: org.id,
      });
      await t.dataSource.getRepository(Membership).save({
        bodyId: body.id,
        personId: person.id,
        organizationId: org.id,
        role,
        votingRights: true,
        startsOn: '2020-01-01',
      });
      const { token } = await t.signIn({ role: PlatformRole.USER, personId: person.id });
      return { person, token };
    };
    return {
      org,
      body,
      chair: await seat(MemberRole.CHAIR, 'Chair'),
      secretariat: await seat(MemberRole.SECRETARIAT, 'Secretariat'),
      member: await seat(MemberRole.MEMBER, 'Member'),
    };
  }

  const notifications = (personId: string, kind: string) =>
    t.dataSource.query(`SELECT title, created_at FROM notifications WHERE person_id = $1 AND kind = $2`, [
      personId,
      kind,
    ]);
  const mailsTo = (email: string, subject: RegExp) =>
    mail.mails.filter((m) => m.to.includes(email) && subject.test(m.subject));

  it('delivers a PT2S meeting reminder in-app and by email, and moves it with the meeting', async () => {
    const s = await bodyWithSeats({ meetingReminders: ['PT2S'] });
    const startsAt = Date.now() + 6000;
    const scheduled = await t.gql(
      `mutation($input: MeetingInput!) { scheduleMeeting(input: $input) { id } }`,
      {
        input: {
          bodyId: s.body.id,
          title: 'Data sharing call',
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 3600_000).toISOString(),
          timezone: 'Africa/Nairobi',
          onlineUrl: 'https://meet.example.org/data',
        },
      },
      s.secretariat.token,
    );
    expect(scheduled.errors).toBeUndefined();
    const id = scheduled.data.scheduleMeeting.id;
    // Move it 8 s later before the first reminder time (startsAt - 2 s) comes.
    const movedStart = startsAt + 8000;
    const moved = await t.gql(
      `mutation($id: ID!, $input: MeetingUpdateInput!) { updateMeeting(id: $id, input: $input) { startsAt } }`,
      {
        id,
        input: { startsAt: new Date(movedStart).toISOString(), endsAt: new Date(movedStart + 3600_000).toISOString() },
      },
      s.secretariat.token,
    );
    expect(moved.errors).toBeUndefined();

    await eventually(async () => (await notifications(s.member.person.id, 'MEETING_REMINDER')).length > 0, 20000);
    const [reminder] = await notifications(s.member.person.id, 'MEETING_REMINDER');
    // Delivered at the moved time (startsAt' - 2 s), not at the original one.
    expect(new Date(reminder.created_at).getTime()).toBeGreaterThanOrEqual(movedStart - 2000 - 500);
    expect(await notifications(s.member.person.id, 'MEETING_REMINDER')).toHaveLength(1);
    const mails = await eventually(async () => {
      const found = mailsTo(s.member.person.email!, /Data sharing call/).filter((m) => /remind/i.test(m.subject));
      return found.length > 0 && found;
    });
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`/meetings/${id}`);
    expect(mails[0].html).toContain(`/meetings/${id}`);
    // The change notice went out too.
    expect(await notifications(s.member.person.id, 'MEETING_CHANGED')).toHaveLength(1);
  });

  it('tells the owner an action is overdue, then escalates to the chair and the secretariat', async () => {
    const s = await bodyWithSeats({ overdueEscalationAfter: 'PT2S' });
    const owner = s.member;
    const dueOn = new Date(Date.now() - 3 * 86400_000).toISOString().slice(0, 10);
    const created = await t.gql(
      `mutation($input: ActionItemInput!) { createActionItem(input: $input) { id isOverdue } }`,
      { input: { bodyId: s.body.id, title: 'Publish the referral directory', ownerPersonId: owner.person.id, dueOn } },
      s.secretariat.token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createActionItem.isOverdue).toBe(true);

    await eventually(async () => (await notifications(owner.person.id, 'ACTION_OVERDUE')).length === 1, 20000);
    await eventually(async () => (await notifications(s.chair.person.id, 'ACTION_ESCALATED')).length === 1, 20000);
    await eventually(async () => (await notifications(s.secretariat.person.id, 'ACTION_ESCALATED')).length === 1);
    const [overdue] = await notifications(owner.person.id, 'ACTION_OVERDUE');
    const [escalated] = await notifications(s.chair.person.id, 'ACTION_ESCALATED');
    expect(new Date(escalated.created_at).getTime()).toBeGreaterThanOrEqual(new Date(overdue.created_at).getTime());
    // The owner is not escalated to, and nobody hears twice.
    expect(await notifications(owner.person.id, 'ACTION_ESCALATED')).toHaveLength(0);
    expect(await notifications(owner.person.id, 'ACTION_ASSIGNED')).toHaveLength(1);
    await eventually(async () => mailsTo(s.chair.person.email!, /Escalated/).length === 1);
    expect(mailsTo(owner.person.email!, /Overdue/)).toHaveLength(1);
  });
});
