import { eventually, MailSink, TestApp, TestWorker } from '@coord/testing';
import { sync as ical, VEvent } from 'node-ical';
import { CalendarService } from '../calendar/calendar.service';
import { addMember, bodyWithMembers, createPerson, DAY, inFuture, schedule, TEST_ENV } from './fixtures';

/**
 * Meeting mails carry the meeting as an iTIP calendar entry, parsed here with an iCalendar library (node-ical):
 * REQUEST for the invitation and a change, CANCEL for the cancellation, with the feed's UID and a growing SEQUENCE.
 */
describe('calendar invitations in meeting mails', () => {
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

  const calendarOf = (subject: string, to: string) => {
    const found = mail.to(to).find((m) => m.subject === subject);
    const part = found?.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    if (!part) return null;
    const parsed = ical.parseICS(part.content);
    const event = Object.values(parsed).find((c) => c?.type === 'VEVENT') as VEvent;
    return { raw: part.content, event };
  };

  it('attaches REQUEST to the invitation and the change, CANCEL to the cancellation, with the UID and SEQUENCE of the feed', async () => {
    const b = await bodyWithMembers(t, { voting: 1 });
    const email = `itip-${Date.now()}@example.org`;
    const person = await createPerson(t, { email, organizationId: b.members[0].organization.id });
    await addMember(t, b.body, { person, organization: b.members[0].organization });
    const id = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'TWG plenary', ...inFuture(10 * DAY) });
    const uid = `${id}@${new URL(t.config.PUBLIC_URL).hostname}`;

    const invitation = await eventually(async () => calendarOf('Invitation: TWG plenary', email));
    expect(invitation.raw).toMatch(/^METHOD:REQUEST\r?$/m);
    expect(invitation.event.uid).toBe(uid);
    expect(Number(invitation.event.sequence)).toBe(0);
    expect(invitation.event.summary).toBe('TWG plenary');

    const moved = inFuture(12 * DAY);
    await t.gql(
      `mutation($id: ID!, $input: MeetingUpdateInput!) { updateMeeting(id: $id, input: $input) { id } }`,
      { id, input: moved },
      b.chair.token,
    );
    const change = await eventually(async () => calendarOf('Changed: TWG plenary', email));
    expect(change.raw).toMatch(/^METHOD:REQUEST\r?$/m);
    expect(change.event.uid).toBe(uid);
    expect(Number(change.event.sequence)).toBe(1);
    expect(new Date(change.event.start).toISOString()).toBe(new Date(moved.startsAt).toISOString());

    await t.gql(`mutation($id: ID!) { cancelMeeting(id: $id, reason: "Clash") { id } }`, { id }, b.chair.token);
    const cancellation = await eventually(async () => calendarOf('Cancelled: TWG plenary', email));
    expect(cancellation.raw).toMatch(/^METHOD:CANCEL\r?$/m);
    expect(cancellation.event.uid).toBe(uid);
    expect(Number(cancellation.event.sequence)).toBe(2);
    expect(cancellation.event.status).toBe('CANCELLED');

    // The body's feed names the same event with the same (latest) sequence.
    const feed = ical.parseICS(await t.app.get(CalendarService).bodyFeed(b.body));
    const inFeed = Object.values(feed).find((c) => c?.type === 'VEVENT' && (c as VEvent).uid === uid) as VEvent;
    expect(Number(inFeed.sequence)).toBe(2);
    // Each mail went once.
    expect(mail.to(email).filter((m) => m.subject.startsWith('Invitation: TWG plenary'))).toHaveLength(1);
  });
});
