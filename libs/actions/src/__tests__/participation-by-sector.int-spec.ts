import { MemberRole, StakeholderSector } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { RegistryFixture } from './fixtures';

const BY_SECTOR = `query($bodyId: ID!, $from: Date, $to: Date) { participationBySector(bodyId: $bodyId, from: $from, to: $to) {
  sector invitations attended excused attendanceRate } }`;

/** Participation by stakeholder sector, EXCUSED apart from ABSENT, and its CSV. */
describe('participation by sector', () => {
  let t: TestApp;
  let chair: string;
  let outsider: string;
  const ids: Record<string, string> = {};

  const meeting = async (startsAt: string) => {
    const [row] = await t.dataSource.query(
      `INSERT INTO meetings (body_id, title, kind, status, starts_at, ends_at, timezone, attendance_recorded_at)
       VALUES ($1, 'Plenary', 'ORDINARY', 'HELD', $2, $2::timestamptz + interval '2 hours', 'Africa/Nairobi', now())
       RETURNING id`,
      [ids.body, startsAt],
    );
    return row.id as string;
  };
  const participant = (meetingId: string, personId: string, organizationId: string, attendance: string) =>
    t.dataSource.query(
      `INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting, attendance)
       VALUES ($1, $2, $3, true, true, $4)`,
      [meetingId, personId, organizationId, attendance],
    );

  beforeAll(async () => {
    t = await TestApp.create();
    const f = new RegistryFixture(t);
    const ministry = await f.organization('Ministry of Labour');
    const cso1 = await f.organization('Refugee Consortium', StakeholderSector.CIVIL_SOCIETY);
    const cso2 = await f.organization('Kituo Cha Sheria', StakeholderSector.CIVIL_SOCIETY);
    ids.body = (await f.body('Private NCM', { isPublic: false })).id;
    const c = await f.signedInPerson('Chair', ministry.id, { bodyId: ids.body, role: MemberRole.CHAIR });
    chair = c.token;
    outsider = (await f.signedInPerson('Outsider', ministry.id)).token;
    const cso1a = (await f.person('CSO one A', cso1.id)).id;
    const cso1b = (await f.person('CSO one B', cso1.id)).id;
    const cso2a = (await f.person('CSO two', cso2.id)).id;
    const feb = await meeting('2026-02-10T07:00:00Z');
    const mar = await meeting('2026-03-10T07:00:00Z');
    await participant(feb, c.person.id, ministry.id, 'PRESENT');
    await participant(mar, c.person.id, ministry.id, 'PRESENT');
    // February: one of the first CSO's two delegates excused, the other present: the organization attended.
    await participant(feb, cso1a, cso1.id, 'EXCUSED');
    await participant(feb, cso1b, cso1.id, 'PRESENT');
    await participant(feb, cso2a, cso2.id, 'ABSENT');
    // March: the first CSO only excused, the second absent.
    await participant(mar, cso1a, cso1.id, 'EXCUSED');
    await participant(mar, cso2a, cso2.id, 'ABSENT');
  });
  afterAll(() => t.close());

  it('sums invitations, attendance and excuses by sector, EXCUSED apart from ABSENT', async () => {
    const res = await t.gql(BY_SECTOR, { bodyId: ids.body }, chair);
    expect(res.errors).toBeUndefined();
    expect(res.data.participationBySector).toEqual([
      { sector: 'CIVIL_SOCIETY', invitations: 4, attended: 1, excused: 1, attendanceRate: 0.25 },
      { sector: 'NATIONAL_GOVERNMENT', invitations: 2, attended: 2, excused: 0, attendanceRate: 1 },
    ]);
    const perOrg = await t.gql(
      `query($bodyId: ID!) { participation(bodyId: $bodyId) { organization { name } meetingsInvited meetingsAttended meetingsExcused } }`,
      { bodyId: ids.body },
      chair,
    );
    expect(
      perOrg.data.participation.find(
        (r: { organization: { name: string } }) => r.organization.name === 'Refugee Consortium',
      ),
    ).toEqual({
      organization: { name: 'Refugee Consortium' },
      meetingsInvited: 2,
      meetingsAttended: 1,
      meetingsExcused: 1,
    });
    const march = await t.gql(BY_SECTOR, { bodyId: ids.body, from: '2026-03-01', to: '2026-03-31' }, chair);
    expect(march.data.participationBySector[0]).toEqual({
      sector: 'CIVIL_SOCIETY',
      invitations: 2,
      attended: 0,
      excused: 1,
      attendanceRate: 0,
    });
  });

  it('is for readers of the body only (NOT_FOUND otherwise), and refuses an empty period', async () => {
    expectError(await t.gql(BY_SECTOR, { bodyId: ids.body }, outsider), 'NOT_FOUND');
    expectError(await t.gql(BY_SECTOR, { bodyId: ids.body }), 'NOT_FOUND');
    expectError(
      await t.gql(BY_SECTOR, { bodyId: ids.body, from: '2026-04-01', to: '2026-03-01' }, chair),
      'BAD_USER_INPUT',
    );
  });

  it('exports the same rows as CSV', async () => {
    const res = await t.http
      .get(`/exports/bodies/${ids.body}/participation-by-sector.csv`)
      .set('authorization', `Bearer ${chair}`);
    expect(res.status).toBe(200);
    expect(
      res.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/),
    ).toEqual([
      'sector,invitations,attended,excused,attendance rate',
      'CIVIL_SOCIETY,4,1,1,0.25',
      'NATIONAL_GOVERNMENT,2,2,0,1',
    ]);
    expect((await t.http.get(`/exports/bodies/${ids.body}/participation-by-sector.csv`)).status).toBe(404);
    expect(
      (
        await t.http
          .get(`/exports/bodies/${ids.body}/participation-by-sector.csv?from=yesterday`)
          .set('authorization', `Bearer ${chair}`)
      ).status,
    ).toBe(400);
  });
});
