import { eventually, MailSink, TestApp, TestWorker } from '@coord/testing';
import { bodyWithMembers, schedule, TEST_ENV } from './fixtures';

/**
 * End to end with the reminders worker: the intents the meetings feature writes are delivered as in-app
 * notifications, to the people its handlers choose at delivery time.
 */
describe('meeting reminders, delivered by the worker', () => {
  let t: TestApp;
  let worker: TestWorker;
  const mail = new MailSink();

  beforeAll(async () => {
    const smtpUrl = await mail.start();
    t = await TestApp.create({
      ...TEST_ENV,
      SMTP_URL: smtpUrl,
      OUTBOX_POLL_MS: '200',
      REMINDER_RETRY_BACKOFF_MS: '100',
    });
    worker = await TestWorker.create(t.config);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await mail.stop();
  });

  const notifications = (meetingId: string): Promise<Array<{ person_id: string; kind: string; title: string }>> =>
    t.dataSource.query(`SELECT person_id, kind, title FROM notifications WHERE meeting_id = $1 ORDER BY created_at`, [
      meetingId,
    ]);
  const soon = (ms: number) => ({
    startsAt: new Date(Date.now() + ms).toISOString(),
    endsAt: new Date(Date.now() + ms + 3600_000).toISOString(),
  });

  it('invites, reminds at a PT2S lead time and warns the secretariat that quorum is at risk', async () => {
    const b = await bodyWithMembers(t, { voting: 2, meetingReminders: ['PT2S'] });
    const id = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Quick call', ...soon(10000) });
    // The invitation goes to every invitee; once it has, one of them declines before the reminder.
    await eventually(async () => (await notifications(id)).filter((n) => n.kind === 'MEETING_INVITATION').length === 5);
    await t.gql(
      `mutation($id: ID!) { respondToInvitation(meetingId: $id, rsvp: DECLINED) { rsvp } }`,
      { id },
      b.members[0].token,
    );
    const rows = await eventually(async () => {
      const r = await notifications(id);
      return r.filter((n) => n.kind === 'MEETING_REMINDER').length >= 5 && r;
    });
    const reminded = rows.filter((n) => n.kind === 'MEETING_REMINDER' && n.title === 'Reminder: Quick call');
    expect(reminded.map((n) => n.person_id).sort()).toEqual(
      [b.chair, b.secretariat, b.members[1], b.observer].map((m) => m.person.id).sort(),
    );
    expect(rows.filter((n) => n.title === 'Quorum at risk: Quick call').map((n) => n.person_id)).toEqual([
      b.secretariat.person.id,
    ]);
    expect(rows.filter((n) => n.kind === 'MEETING_INVITATION')).toHaveLength(5);
  });

  it('drops the reminders of a cancelled meeting and tells the invitees instead', async () => {
    const b = await bodyWithMembers(t, { voting: 1, meetingReminders: ['PT2S'] });
    const id = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Dropped call', ...soon(5000) });
    await t.gql(`mutation($id: ID!) { cancelMeeting(id: $id, reason: "Clash") { id } }`, { id }, b.chair.token);
    // A control meeting whose reminder is due after the cancelled one's would have been: once it has arrived,
    // the cancelled one would have too.
    const control = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Control', ...soon(5500) });
    await eventually(async () => (await notifications(control)).some((n) => n.kind === 'MEETING_REMINDER'));
    const rows = await notifications(id);
    expect(rows.filter((n) => n.kind === 'MEETING_REMINDER')).toEqual([]);
    expect(rows.filter((n) => n.kind === 'MEETING_CANCELLED')).toHaveLength(4);
  });
});
