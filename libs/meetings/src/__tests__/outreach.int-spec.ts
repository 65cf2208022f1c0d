import { PlatformRole } from '@coord/core';
import { MemberRole } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { Meeting } from '../meeting.entity';
import { addMember, createBody, TEST_ENV } from './fixtures';

const RECORD = `mutation($meetingId: ID!, $entries: [ReachCountInput!]!) {
  recordOutreachReach(meetingId: $meetingId, entries: $entries) { id reach { sex ageBand locality count suppressed } } }`;
const REACH = `query($bodyId: ID!, $groupBy: [ReachDimension!]!, $includeSubBodies: Boolean) {
  outreachReach(bodyId: $bodyId, groupBy: $groupBy, includeSubBodies: $includeSubBodies) {
    sex ageBand locality body { name } count suppressed } }`;

type Row = {
  sex: string | null;
  ageBand: string | null;
  locality: string | null;
  count: number | null;
  suppressed: boolean;
};
const DIMS = ['SEX', 'AGE_BAND', 'LOCALITY'] as const;
const FIELD = { SEX: 'sex', AGE_BAND: 'ageBand', LOCALITY: 'locality' } as const;

/**
 * Whether `target` (a vector over the finest cells) is fixed by the linear equations: every shown value of every
 * grouping is the sum of the finest cells it covers. Gaussian elimination over the rationals (small integers, so
 * floating point with a tolerance is exact enough): `target` is determined iff it lies in the equations' row space.
 */
function determined(equations: number[][], target: number[]): boolean {
  const rank = (rows: number[][]) => {
    const m = rows.map((r) => [...r]);
    let r = 0;
    for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
      const p = m.findIndex((row, i) => i >= r && Math.abs(row[c]) > 1e-9);
      if (p < 0) continue;
      [m[r], m[p]] = [m[p], m[r]];
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const f = m[i][c] / m[r][c];
        for (let k = c; k < m[i].length; k++) m[i][k] -= f * m[r][k];
      }
      r++;
    }
    return r;
  };
  return rank(equations) === rank([...equations, target]);
}

/** Outreach reach: aggregates only, recorded by managers, summed across the hierarchy, with suppression. */
describe('outreach reach', () => {
  let t: TestApp;
  let secretariatToken: string;
  let memberToken: string;
  let ids: Record<string, string> = {};

  const meeting = async (bodyId: string, kind = 'OUTREACH', status = 'HELD') =>
    (
      await t.dataSource.getRepository(Meeting).save({
        bodyId,
        title: `${kind} meeting`,
        kind,
        status,
        startsAt: new Date('2026-10-01T07:00:00Z'),
        endsAt: new Date('2026-10-01T10:00:00Z'),
        timezone: 'Africa/Nairobi',
        attendanceRecordedAt: status === 'HELD' ? new Date('2026-10-01T10:00:00Z') : null,
      } as Partial<Meeting>)
    ).id;

  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
    const ncm = await createBody(t, { name: 'NCM', isPublic: true });
    const mombasa = await createBody(t, { name: 'Mombasa unit', isPublic: true, parentId: ncm.id });
    const kisumu = await createBody(t, { name: 'Kisumu unit', isPublic: true, parentId: ncm.id });
    const secretariat = await addMember(t, ncm, { role: MemberRole.SECRETARIAT });
    const member = await addMember(t, ncm, { role: MemberRole.MEMBER });
    secretariatToken = (await t.signIn({ role: PlatformRole.USER, personId: secretariat.person.id })).token;
    memberToken = (await t.signIn({ role: PlatformRole.USER, personId: member.person.id })).token;
    ids = { ncm: ncm.id, mombasa: mombasa.id, kisumu: kisumu.id };
    ids.m1 = await meeting(mombasa.id);
    ids.m2 = await meeting(kisumu.id);
    ids.planned = await meeting(mombasa.id, 'OUTREACH', 'SCHEDULED');
    ids.ordinary = await meeting(mombasa.id, 'ORDINARY');
  });
  afterAll(() => t.close());

  // A crafted data set: small cells (below 5) spread so that a naive rule (hide only them) would let a reader
  // subtract them from the totals by sex, by age band and by locality.
  const M1 = [
    { sex: 'FEMALE', ageBand: 'AGE_18_35', locality: 'Likoni', count: 12 },
    { sex: 'FEMALE', ageBand: 'AGE_36_59', locality: 'Likoni', count: 3 },
    { sex: 'FEMALE', ageBand: 'AGE_60_PLUS', locality: 'Likoni', count: 6 },
    { sex: 'MALE', ageBand: 'AGE_18_35', locality: 'Likoni', count: 9 },
    { sex: 'MALE', ageBand: 'AGE_36_59', locality: 'likoni ', count: 8 },
    { sex: 'FEMALE', ageBand: 'AGE_18_35', locality: 'Changamwe', count: 20 },
    { sex: 'MALE', ageBand: 'AGE_18_35', locality: 'Changamwe', count: 2 },
    { sex: 'UNDISCLOSED', ageBand: 'UNKNOWN', locality: 'Changamwe', count: 1 },
  ];
  const M2 = [
    { sex: 'FEMALE', ageBand: 'AGE_18_35', locality: 'Nyalenda', count: 30 },
    { sex: 'MALE', ageBand: 'AGE_18_35', locality: 'Nyalenda', count: 25 },
    { sex: 'MALE', ageBand: 'UNDER_18', locality: 'Nyalenda', count: 4 },
  ];

  it('lets the managers record reach for a held outreach meeting, replacing it, audited with totals only', async () => {
    expectError(await t.gql(RECORD, { meetingId: ids.m1, entries: M1 }, memberToken), 'FORBIDDEN');
    const first = await t.gql(RECORD, { meetingId: ids.m1, entries: [M1[0]] }, secretariatToken);
    expect(first.errors).toBeUndefined();
    const res = await t.gql(RECORD, { meetingId: ids.m1, entries: M1 }, secretariatToken);
    expect(res.data.recordOutreachReach.reach).toHaveLength(8);
    expect(res.data.recordOutreachReach.reach.every((r: Row) => !r.suppressed)).toBe(true);
    expect((await t.gql(RECORD, { meetingId: ids.m2, entries: M2 }, secretariatToken)).errors).toBeUndefined();
    const audits = await t.dataSource.query(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'meeting.recordOutreachReach' ORDER BY at`,
      [ids.m1],
    );
    expect(audits.map((a: { changes: Record<string, unknown> }) => a.changes.reachTotal)).toEqual([
      [0, 12],
      [12, 61],
    ]);
  });

  it('refuses a meeting not held, not an outreach, a repeated combination and a negative count, writing nothing', async () => {
    expectError(await t.gql(RECORD, { meetingId: ids.planned, entries: M1 }, secretariatToken), 'CONFLICT', /held/);
    expectError(
      await t.gql(RECORD, { meetingId: ids.ordinary, entries: M1 }, secretariatToken),
      'BAD_USER_INPUT',
      /OUTREACH/,
    );
    const repeated = [M1[0], { ...M1[0], locality: ' LIKONI', count: 1 }];
    const err = expectError(
      await t.gql(RECORD, { meetingId: ids.m1, entries: repeated }, secretariatToken),
      'BAD_USER_INPUT',
      /repeats entries\[0\]/,
    );
    expect(err.extensions?.field).toBe('entries[1]');
    expectError(
      await t.gql(RECORD, { meetingId: ids.m1, entries: [{ ...M1[0], count: -1 }] }, secretariatToken),
      'BAD_USER_INPUT',
      /negative/,
    );
    const [{ n }] = await t.dataSource.query(`SELECT sum(count)::int AS n FROM outreach_reach WHERE meeting_id = $1`, [
      ids.m1,
    ]);
    expect(n).toBe(61);
  });

  it('shows every cell to the managing secretariat, summed across county units', async () => {
    const res = await t.gql(REACH, { bodyId: ids.ncm, groupBy: ['SEX'] }, secretariatToken);
    expect(res.data.outreachReach).toEqual([
      { sex: 'FEMALE', ageBand: null, locality: null, body: null, count: 71, suppressed: false },
      { sex: 'MALE', ageBand: null, locality: null, body: null, count: 48, suppressed: false },
      { sex: 'UNDISCLOSED', ageBand: null, locality: null, body: null, count: 1, suppressed: false },
    ]);
    const byBody = await t.gql(REACH, { bodyId: ids.ncm, groupBy: ['BODY'] }, secretariatToken);
    expect(
      byBody.data.outreachReach.map((r: { body: { name: string }; count: number }) => [r.body.name, r.count]).sort(),
    ).toEqual([
      ['Kisumu unit', 59],
      ['Mombasa unit', 61],
    ]);
  });

  it('hides small cells from the public and from members, and no hidden value follows from what is shown', async () => {
    // The finest table: every combination of sex, age band and locality over both meetings.
    const finest = [...M1, ...M2].map((c) => ({ ...c, locality: c.locality.trim().toLowerCase() }));
    const cellIndex = new Map(finest.map((c, i) => [`${c.sex}|${c.ageBand}|${c.locality}`, i]));
    expect(cellIndex.size).toBe(finest.length); // the crafted set has no repeated combination across meetings

    for (const token of [undefined, memberToken]) {
      const equations: number[][] = [];
      const hiddenTargets: Array<{ what: string; vector: number[] }> = [];
      // Every grouping a reader may ask for: each subset of the three dimensions.
      for (let mask = 0; mask < 8; mask++) {
        const dims = DIMS.filter((_, i) => mask & (1 << i));
        const res = await t.gql(REACH, { bodyId: ids.ncm, groupBy: dims }, token);
        expect(res.errors).toBeUndefined();
        for (const row of res.data.outreachReach as Row[]) {
          const vector = finest.map((c) =>
            dims.every((d) => String(row[FIELD[d]]).toLowerCase() === String(c[FIELD[d]]).toLowerCase()) ? 1 : 0,
          );
          if (row.suppressed) {
            expect(row.count).toBeNull();
            hiddenTargets.push({ what: `${dims.join('+') || 'total'} ${JSON.stringify(row)}`, vector });
          } else {
            expect(row.count).toBeGreaterThanOrEqual(5);
            equations.push(vector);
          }
        }
        if (mask === 7) {
          // Small cells of the finest table are all hidden.
          const shown = (res.data.outreachReach as Row[]).filter((r) => !r.suppressed);
          expect(shown.every((r) => (r.count ?? 0) >= 5)).toBe(true);
          expect((res.data.outreachReach as Row[]).filter((r) => r.suppressed).length).toBeGreaterThan(3);
        }
      }
      expect(hiddenTargets.length).toBeGreaterThan(0);
      for (const target of hiddenTargets) {
        expect({ hidden: target.what, derivable: determined(equations, target.vector) }).toEqual({
          hidden: target.what,
          derivable: false,
        });
      }
    }
  });

  it('suppresses Meeting.reach for readers who do not manage the body', async () => {
    const q = `query($id: ID!) { meeting(id: $id) { reach { sex ageBand locality count suppressed } } }`;
    const pub = await t.gql(q, { id: ids.m1 });
    const small = pub.data.meeting.reach.find((r: Row) => r.ageBand === 'AGE_36_59' && r.sex === 'FEMALE');
    expect(small).toMatchObject({ count: null, suppressed: true });
    const mgr = await t.gql(q, { id: ids.m1 }, secretariatToken);
    expect(mgr.data.meeting.reach.find((r: Row) => r.ageBand === 'AGE_36_59' && r.sex === 'FEMALE').count).toBe(3);
  });
});
