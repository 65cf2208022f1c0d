import { expectError, TestApp } from '@coord/testing';
import * as ical from 'node-ical';
import { bodyWithMembers, createPerson, DAY, schedule, signInAs, TEST_ENV } from './fixtures';

const CREATE_FEED = `mutation { createCalendarFeedToken { id url } }`;
const REVOKE_FEED = `mutation($id: ID!) { revokeCalendarFeedToken(id: $id) { id revokedAt url } }`;

function events(text: string) {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
}

describe('calendar feeds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  /** A meeting on 2 March next year 09:00-11:30 in Nairobi (UTC+3): 06:00-08:30 UTC. */
  const nextYear = new Date().getUTCFullYear() + 1;
  const nairobi = {
    startsAt: `${nextYear}-03-02T06:00:00.000Z`,
    endsAt: `${nextYear}-03-02T08:30:00.000Z`,
    timezone: 'Africa/Nairobi',
  };

  it("serves a public body's feed to anyone, with stable UIDs, times in the meeting's zone and cancellations", async () => {
    const b = await bodyWithMembers(t, { isPublic: true, voting: 1 });
    const kept = await schedule(t, b.chair.token, {
      bodyId: b.body.id,
      title: 'NCM plenary',
      ...nairobi,
      location: 'Nairobi',
    });
    const geneva = await schedule(t, b.chair.token, {
      bodyId: b.body.id,
      title: 'Summer session',
      startsAt: `${nextYear}-07-01T07:00:00.000Z`,
      endsAt: `${nextYear}-07-01T09:00:00.000Z`,
      timezone: 'Europe/Zurich',
    });
    const dropped = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Dropped', ...nairobi });
    await t.gql(
      `mutation($id: ID!) { cancelMeeting(id: $id, reason: "No quorum") { id } }`,
      { id: dropped },
      b.chair.token,
    );

    const res = await t.http.get(`/calendar/bodies/${b.body.id}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.text).toContain('DTSTART;TZID=Africa/Nairobi:' + `${nextYear}0302T090000`);
    expect(res.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich');
    const parsed = events(res.text);
    const byUid = new Map(parsed.map((e) => [e.uid, e]));
    const plenary = byUid.get(`${kept}@localhost`)!;
    expect(plenary.summary).toBe('NCM plenary');
    expect(plenary.start.toISOString()).toBe(nairobi.startsAt);
    expect(plenary.end?.toISOString()).toBe(nairobi.endsAt);
    expect(plenary.start.tz).toBe('Africa/Nairobi');
    expect(plenary.status).toBe('CONFIRMED');
    expect(Number(plenary.sequence)).toBe(0);
    // 07:00 UTC in July is 09:00 summer time in Zurich.
    const summer = byUid.get(`${geneva}@localhost`)!;
    expect(summer.start.toISOString()).toBe(`${nextYear}-07-01T07:00:00.000Z`);
    expect(res.text).toContain(`DTSTART;TZID=Europe/Zurich:${nextYear}0701T090000`);
    const cancelled = byUid.get(`${dropped}@localhost`)!;
    expect(cancelled.status).toBe('CANCELLED');
    expect(Number(cancelled.sequence)).toBe(1);
    expect(cancelled.summary).toBe('Cancelled: Dropped');
    expect(cancelled.description).toContain('Cancelled: No quorum');

    // The same feed in the reader's language (Accept-Language); the events are the same.
    const fr = await t.http.get(`/calendar/bodies/${b.body.id}.ics`).set('accept-language', 'fr');
    const inFrench = new Map(events(fr.text).map((e) => [e.uid, e]));
    expect(inFrench.get(`${dropped}@localhost`)!.summary).toBe('Annulée : Dropped');
    expect(inFrench.get(`${dropped}@localhost`)!.description).toContain('Annulée : No quorum');
    expect(inFrench.get(`${kept}@localhost`)!.summary).toBe('NCM plenary');
    expect([...inFrench.keys()].sort()).toEqual([...byUid.keys()].sort());
  });

  it('writes meetings in the repeated hour of a fall-back night so that an independent parser reads the right instant', async () => {
    const b = await bodyWithMembers(t, { isPublic: true, voting: 1 });
    // 2027-11-07 in New York: 01:00-02:00 local happens twice (EDT, UTC-4, then EST, UTC-5).
    const first = await schedule(t, b.chair.token, {
      bodyId: b.body.id,
      title: 'First 01:30',
      startsAt: '2027-11-07T05:30:00.000Z',
      endsAt: '2027-11-07T05:45:00.000Z',
      timezone: 'America/New_York',
    });
    const second = await schedule(t, b.chair.token, {
      bodyId: b.body.id,
      title: 'Second 01:30',
      startsAt: '2027-11-07T06:30:00.000Z',
      endsAt: '2027-11-07T06:45:00.000Z',
      timezone: 'America/New_York',
    });
    const plain = await schedule(t, b.chair.token, {
      bodyId: b.body.id,
      title: 'Afternoon',
      startsAt: '2027-11-07T19:00:00.000Z',
      endsAt: '2027-11-07T20:00:00.000Z',
      timezone: 'America/New_York',
    });
    const res = await t.http.get(`/calendar/bodies/${b.body.id}.ics`);
    const byUid = new Map(events(res.text).map((e) => [e.uid, e]));
    expect(byUid.get(`${first}@localhost`)!.start.toISOString()).toBe('2027-11-07T05:30:00.000Z');
    expect(byUid.get(`${first}@localhost`)!.end!.toISOString()).toBe('2027-11-07T05:45:00.000Z');
    expect(byUid.get(`${second}@localhost`)!.start.toISOString()).toBe('2027-11-07T06:30:00.000Z');
    expect(byUid.get(`${second}@localhost`)!.end!.toISOString()).toBe('2027-11-07T06:45:00.000Z');
    expect(res.text).toContain('DTSTART:20271107T063000Z');
    // Unambiguous times stay in the meeting's zone.
    expect(byUid.get(`${plain}@localhost`)!.start.toISOString()).toBe('2027-11-07T19:00:00.000Z');
    expect(res.text).toContain('DTSTART;TZID=America/New_York:20271107T140000');
  });

  it('keeps every upcoming meeting in a feed with more than 1,000 events, cutting the oldest history first', async () => {
    const b = await bodyWithMembers(t, { isPublic: true, voting: 1 });
    // 1,100 meetings held over the past months, and 3 to come (inserted directly: scheduling is not under test).
    await t.dataSource.query(
      `INSERT INTO meetings (body_id, title, kind, status, starts_at, ends_at, timezone, sequence, attendance_recorded_at)
       SELECT $1, 'Past ' || g, 'ORDINARY', 'HELD', now() - g * interval '6 hours',
              now() - g * interval '6 hours' + interval '1 hour', 'Africa/Nairobi', 0, now()
         FROM generate_series(1, 1100) g`,
      [b.body.id],
    );
    const upcoming = [];
    for (const days of [1, 30, 200]) {
      upcoming.push(
        await schedule(t, b.chair.token, {
          bodyId: b.body.id,
          title: `Upcoming ${days}`,
          startsAt: new Date(Date.now() + days * DAY).toISOString(),
          endsAt: new Date(Date.now() + days * DAY + 3600_000).toISOString(),
        }),
      );
    }
    const res = await t.http.get(`/calendar/bodies/${b.body.id}.ics`);
    const parsed = events(res.text);
    const uids = new Set(parsed.map((e) => e.uid));
    for (const id of upcoming) expect(uids.has(`${id}@localhost`)).toBe(true);
    expect(parsed.length).toBe(1003);
    // The most recent past meeting is kept, the oldest dropped.
    const titles = new Set(parsed.map((e) => String(e.summary)));
    expect(titles.has('Past 1')).toBe(true);
    expect(titles.has('Past 1100')).toBe(false);
  });

  it('bumps SEQUENCE and moves the event when the meeting changes, keeping its UID', async () => {
    const b = await bodyWithMembers(t, { isPublic: true, voting: 1 });
    const id = await schedule(t, b.chair.token, { bodyId: b.body.id, ...nairobi });
    const moved = { startsAt: `${nextYear}-03-03T06:00:00.000Z`, endsAt: `${nextYear}-03-03T07:00:00.000Z` };
    await t.gql(
      `mutation($id: ID!, $input: MeetingUpdateInput!) { updateMeeting(id: $id, input: $input) { id } }`,
      { id, input: moved },
      b.chair.token,
    );
    const [event] = events((await t.http.get(`/calendar/bodies/${b.body.id}.ics`)).text);
    expect(event.uid).toBe(`${id}@localhost`);
    expect(Number(event.sequence)).toBe(1);
    expect(event.start.toISOString()).toBe(moved.startsAt);
  });

  it("serves a private body's feed only to its readers", async () => {
    const b = await bodyWithMembers(t, { voting: 1 });
    await schedule(t, b.chair.token, { bodyId: b.body.id, ...nairobi });
    const outsider = await signInAs(t, await createPerson(t));
    expect((await t.http.get(`/calendar/bodies/${b.body.id}.ics`)).status).toBe(401);
    const denied = await t.http.get(`/calendar/bodies/${b.body.id}.ics`).set('authorization', `Bearer ${outsider}`);
    expect(denied.status).toBe(404);
    const allowed = await t.http
      .get(`/calendar/bodies/${b.body.id}.ics`)
      .set('authorization', `Bearer ${b.observer.token}`);
    expect(allowed.status).toBe(200);
    expect(events(allowed.text)).toHaveLength(1);
    expect(
      (await t.http.get(`/calendar/bodies/not-a-body.ics`).set('authorization', `Bearer ${outsider}`)).status,
    ).toBe(404);
  });

  it("serves a person's meetings across bodies at a secret URL until it is revoked", async () => {
    const a = await bodyWithMembers(t, { voting: 1 });
    const b = await bodyWithMembers(t, { voting: 1 });
    const me = a.members[0];
    const own = await schedule(t, a.chair.token, { bodyId: a.body.id, title: 'Own body', ...nairobi });
    const asGuest = await schedule(t, b.chair.token, {
      bodyId: b.body.id,
      title: 'As guest',
      extraInviteePersonIds: [me.person.id],
      startsAt: new Date(Date.now() + 3 * DAY).toISOString(),
      endsAt: new Date(Date.now() + 3 * DAY + 3600_000).toISOString(),
    });
    await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Not invited', ...nairobi });

    const created = await t.gql(CREATE_FEED, {}, me.token);
    const { id, url } = created.data.createCalendarFeedToken;
    expect(url).toMatch(/^http:\/\/localhost:3000\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(url).pathname;
    const token = path.split('/').pop()!.replace('.ics', '');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM calendar_feed_tokens WHERE token_hash = $1`,
      [token],
    );
    expect(n).toBe(0);

    // In the feed owner's language: the calendar app that fetches it sends none of theirs.
    await t.dataSource.query(`UPDATE users SET locale = 'sw' WHERE person_id = $1`, [me.person.id]);
    const res = await t.http.get(path);
    expect(res.status).toBe(200);
    expect(res.text).toContain('X-WR-CALNAME:Mikutano yangu');
    expect(
      events(res.text)
        .map((e) => e.uid)
        .sort(),
    ).toEqual([`${asGuest}@localhost`, `${own}@localhost`].sort());

    const listed = await t.gql(`{ myCalendarFeeds { id url revokedAt } }`, {}, me.token);
    expect(listed.data.myCalendarFeeds).toEqual([{ id, url: null, revokedAt: null }]);
    const otherUser = await signInAs(t, await createPerson(t));
    expectError(await t.gql(REVOKE_FEED, { id }, otherUser), 'NOT_FOUND');
    expect((await t.gql(REVOKE_FEED, { id }, me.token)).data.revokeCalendarFeedToken.revokedAt).toBeTruthy();
    expect((await t.http.get(path)).status).toBe(404);
    expect((await t.http.get('/calendar/feeds/guessed-token-000000000000.ics')).status).toBe(404);
  });

  it("stops serving a person's feed once the person is erased (their sign-in removed)", async () => {
    const b = await bodyWithMembers(t, { voting: 1 });
    await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Private plenary', ...nairobi });
    const me = b.members[0];
    const path = new URL((await t.gql(CREATE_FEED, {}, me.token)).data.createCalendarFeedToken.url).pathname;
    expect((await t.http.get(path)).status).toBe(200);
    const admin = await t.signIn();
    const erased = await t.gql(`mutation($id: ID!) { erasePerson(id: $id) { id } }`, { id: me.person.id }, admin.token);
    expect(erased.errors).toBeUndefined();
    expect((await t.http.get(path)).status).toBe(404);
  });

  it('refuses a personal feed to a sign-in without a person', async () => {
    const admin = await t.signIn();
    expectError(await t.gql(CREATE_FEED, {}, admin.token), 'FORBIDDEN', /not linked to a person/);
    expectError(await t.gql(CREATE_FEED), 'UNAUTHENTICATED');
  });
});
