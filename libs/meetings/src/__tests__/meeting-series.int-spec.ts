import { expectError, TestApp } from '@coord/testing';
import { CalendarService } from '../calendar/calendar.service';
import { MeetingSeriesService } from '../series/meeting-series.service';
import { addMonths } from '../series/recurrence';
import { adoptTermsOfReference, bodyWithMembers, createPerson, DAY, signInAs, TEST_ENV } from './fixtures';

const SCHEDULE_SERIES = `mutation($input: MeetingSeriesInput!) { scheduleMeetingSeries(input: $input) {
  id title recurrenceRule localStartTime durationMinutes timezone until body { id }
  meetings(first: 100) { totalCount edges { node { id startsAt status series { id } agenda { title } } } }
} }`;
const END_SERIES = `mutation($id: ID!, $from: Date!) { endMeetingSeries(id: $id, from: $from) { id until } }`;
const SERIES = `query($id: ID!) { meetingSeries(id: $id) { id title meetings(first: 100) { totalCount } } }`;

const wall = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(iso),
  );
const today = () => new Date().toISOString().slice(0, 10);

describe('recurring meeting series', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  const input = (bodyId: string, extra: Record<string, unknown> = {}) => ({
    bodyId,
    title: 'TWG monthly',
    recurrenceRule: 'FREQ=MONTHLY;BYDAY=2TU',
    startsOn: today(),
    localStartTime: '10:00',
    durationMinutes: 120,
    timezone: 'Europe/Berlin',
    ...extra,
  });
  const intents = (meetingIds: string[], kind: string): Promise<Array<{ subject_id: string }>> =>
    t.dataSource.query(`SELECT subject_id FROM reminder_intents WHERE subject_id = ANY($1::uuid[]) AND kind = $2`, [
      meetingIds,
      kind,
    ]);

  it('creates the next 12 months of occurrences at 10:00 Berlin time across DST, each a normal meeting', async () => {
    const b = await bodyWithMembers(t);
    const res = await t.gql(SCHEDULE_SERIES, { input: input(b.body.id) }, b.chair.token);
    expect(res.errors).toBeUndefined();
    const series = res.data.scheduleMeetingSeries;
    const nodes = series.meetings.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThanOrEqual(11);
    expect(nodes.length).toBeLessThanOrEqual(13);
    expect(series.meetings.totalCount).toBe(nodes.length);
    const offsets = new Set<string>();
    for (const node of nodes) {
      expect(wall(node.startsAt, 'Europe/Berlin')).toBe('10:00');
      offsets.add(new Date(node.startsAt).toISOString().slice(11, 13));
      expect(node).toEqual(expect.objectContaining({ status: 'SCHEDULED', series: { id: series.id } }));
      expect(node.agenda[0].title).toBe('Matters arising');
    }
    // A year of Berlin time has both offsets: the UTC hour moved, the local one did not.
    expect([...offsets].sort()).toEqual(['08', '09']);
    const ids = nodes.map((n: any) => n.id);
    expect(await intents(ids, 'MEETING_INVITATION')).toHaveLength(ids.length);
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [series.id]);
    expect(audit).toEqual([{ action: 'meetingSeries.schedule' }]);
    // In the body's feed, each occurrence is an event of its own with the usual UID.
    const feed = await t.app.get(CalendarService).bodyFeed(b.body);
    const host = new URL(t.config.PUBLIC_URL).hostname;
    for (const meetingId of ids) expect(feed).toContain(`UID:${meetingId}@${host}`);
  });

  it('keeps 09:30 in Africa/Nairobi on the second Tuesday of each month', async () => {
    const b = await bodyWithMembers(t);
    const res = await t.gql(
      SCHEDULE_SERIES,
      { input: input(b.body.id, { timezone: 'Africa/Nairobi', localStartTime: '09:30' }) },
      b.chair.token,
    );
    for (const { node } of res.data.scheduleMeetingSeries.meetings.edges) {
      expect(wall(node.startsAt, 'Africa/Nairobi')).toBe('09:30');
      const day = new Date(node.startsAt);
      expect(day.getUTCDay()).toBe(2);
      expect(Math.ceil(day.getUTCDate() / 7)).toBe(2);
    }
  });

  it("takes the adopted ToR's meeting frequency when no rule is given", async () => {
    const b = await bodyWithMembers(t);
    await adoptTermsOfReference(t, b.body, 0.5);
    const res = await t.gql(SCHEDULE_SERIES, { input: input(b.body.id, { recurrenceRule: '' }) }, b.chair.token);
    expect(res.data.scheduleMeetingSeries.recurrenceRule).toBe('FREQ=MONTHLY;INTERVAL=3');
    expect(res.data.scheduleMeetingSeries.meetings.totalCount).toBeGreaterThanOrEqual(4);
  });

  it('refuses a bad rule, time or zone naming the field, writing nothing', async () => {
    const b = await bodyWithMembers(t);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ recurrenceRule: 'EVERY SECOND TUESDAY' }, /recurrenceRule/],
      [{ recurrenceRule: 'FREQ=DAILY;BYHOUR=9' }, /must not contain BYHOUR/],
      [{ localStartTime: '25:00' }, /localStartTime must be a time written HH:MM/],
      [{ timezone: 'Mars/Olympus' }, /Unknown time zone/],
      [{ until: '2000-01-01' }, /until .* must not be before startsOn/],
    ];
    for (const [change, message] of cases) {
      const res = await t.gql(SCHEDULE_SERIES, { input: input(b.body.id, change) }, b.chair.token);
      expectError(res, 'BAD_USER_INPUT', message);
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM meetings WHERE body_id = $1`, [b.body.id]);
    expect(n).toBe(0);
  });

  it('lets only managers schedule and end a series; a private body stays hidden from outsiders', async () => {
    const b = await bodyWithMembers(t);
    expectError(
      await t.gql(SCHEDULE_SERIES, { input: input(b.body.id) }, b.members[0].token),
      'FORBIDDEN',
      /chair, co-chair or secretariat/,
    );
    const outsider = await signInAs(t, await createPerson(t));
    expectError(await t.gql(SCHEDULE_SERIES, { input: input(b.body.id) }, outsider), 'NOT_FOUND');
    const res = await t.gql(SCHEDULE_SERIES, { input: input(b.body.id) }, b.secretariat.token);
    const id = res.data.scheduleMeetingSeries.id;
    expectError(await t.gql(END_SERIES, { id, from: today() }, b.members[0].token), 'FORBIDDEN');
    expectError(await t.gql(END_SERIES, { id, from: today() }, outsider), 'NOT_FOUND');
    expect((await t.gql(SERIES, { id }, outsider)).data.meetingSeries).toBeNull();
    expect((await t.gql(SERIES, { id }, b.members[0].token)).data.meetingSeries.id).toBe(id);
    // A guest invited to one occurrence reads that meeting, not the private body's series through it.
    const guest = await createPerson(t);
    const [first] = res.data.scheduleMeetingSeries.meetings.edges;
    await t.dataSource.query(
      `INSERT INTO meeting_participants (meeting_id, person_id, is_member, voting) VALUES ($1, $2, false, false)`,
      [first.node.id, guest.id],
    );
    const asGuest = await t.gql(
      `query($id: ID!) { meeting(id: $id) { id series { id } } }`,
      { id: first.node.id },
      await signInAs(t, guest),
    );
    expect(asGuest.data.meeting).toEqual({ id: first.node.id, series: null });
    const asMember = await t.gql(
      `query($id: ID!) { meeting(id: $id) { series { id } } }`,
      { id: first.node.id },
      b.members[0].token,
    );
    expect(asMember.data.meeting.series).toEqual({ id });
  });

  it('ends a series: cancels only the later scheduled occurrences, keeps held ones, and sends each notice once', async () => {
    const b = await bodyWithMembers(t);
    const res = await t.gql(
      SCHEDULE_SERIES,
      { input: input(b.body.id, { recurrenceRule: 'FREQ=WEEKLY', startsOn: today() }) },
      b.chair.token,
    );
    const id = res.data.scheduleMeetingSeries.id;
    const rows: Array<{ id: string; series_day: string }> = await t.dataSource.query(
      `SELECT id, to_char(series_day, 'YYYY-MM-DD') AS series_day FROM meetings WHERE series_id = $1 ORDER BY starts_at`,
      [id],
    );
    // The first occurrence took place (held) though on a later day than `from` would keep: held is kept anyway.
    await t.dataSource.query(
      `UPDATE meetings SET status = 'HELD', attendance_recorded_at = now() WHERE id = ANY($1::uuid[])`,
      [[rows[0].id, rows[5].id]],
    );
    const from = rows[4].series_day;
    const ended = await t.gql(END_SERIES, { id, from }, b.chair.token);
    expect(ended.errors).toBeUndefined();
    const status = async () =>
      (await t.dataSource.query(`SELECT id, status FROM meetings WHERE series_id = $1 ORDER BY starts_at`, [id])).map(
        (r: any) => r.status,
      );
    const after = await status();
    expect(after.slice(0, 4)).toEqual(['HELD', 'SCHEDULED', 'SCHEDULED', 'SCHEDULED']);
    expect(after[4]).toBe('CANCELLED');
    expect(after[5]).toBe('HELD');
    expect(after.slice(6).every((s: string) => s === 'CANCELLED')).toBe(true);
    const cancelledIds = rows.filter((_, i) => i === 4 || i > 5).map((r) => r.id);
    expect((await intents(cancelledIds, 'MEETING_CANCELLED')).length).toBe(cancelledIds.length);
    // Ending again (or from an earlier day that holds only kept meetings and earlier ones) sends no notice twice.
    await t.gql(END_SERIES, { id, from }, b.chair.token);
    expect((await intents(cancelledIds, 'MEETING_CANCELLED')).length).toBe(cancelledIds.length);
    // The extension job creates nothing after the end.
    await t.app.get(MeetingSeriesService).extendAll(new Date(Date.now() + 60 * DAY));
    expect((await status()).length).toBe(rows.length);
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at, action`, [
      id,
    ]);
    expect(audit.map((a: any) => a.action)).toEqual([
      'meetingSeries.schedule',
      'meetingSeries.end',
      'meetingSeries.end',
    ]);
  });

  it('the extension job adds the occurrences that come within 12 months as time passes, once', async () => {
    const b = await bodyWithMembers(t);
    const res = await t.gql(SCHEDULE_SERIES, { input: input(b.body.id) }, b.chair.token);
    const id = res.data.scheduleMeetingSeries.id;
    const count = async () =>
      Number((await t.dataSource.query(`SELECT count(*) AS n FROM meetings WHERE series_id = $1`, [id]))[0].n);
    const before = await count();
    const service = t.app.get(MeetingSeriesService);
    const later = new Date(Date.now() + 65 * DAY);
    await service.extendAll(later);
    const extended = await count();
    expect(extended).toBeGreaterThanOrEqual(before + 2);
    await service.extendAll(later);
    expect(await count()).toBe(extended);
    const [{ generated_until }] = await t.dataSource.query(
      `SELECT to_char(generated_until, 'YYYY-MM-DD') AS generated_until FROM meeting_series WHERE id = $1`,
      [id],
    );
    expect(generated_until).toBe(addMonths(later.toISOString().slice(0, 10), 12));
  });

  it("lists a body's series with their meetings in a constant number of queries", async () => {
    const b = await bodyWithMembers(t);
    const query = `query($id: ID!) { coordinationBody(id: $id) { meetingSeries { id title body { id }
      meetings(first: 3) { totalCount edges { node { id series { id } } } } } } }`;
    await t.gql(SCHEDULE_SERIES, { input: input(b.body.id) }, b.chair.token);
    let small = 0;
    small = await t.countQueries(() => t.gql(query, { id: b.body.id }, b.chair.token));
    for (let i = 0; i < 3; i++) {
      await t.gql(SCHEDULE_SERIES, { input: input(b.body.id, { title: `Series ${i}` }) }, b.chair.token);
    }
    let res: any;
    const big = await t.countQueries(async () => {
      res = await t.gql(query, { id: b.body.id }, b.chair.token);
    });
    expect(res.data.coordinationBody.meetingSeries).toHaveLength(4);
    expect(big).toBe(small);
  });
});
