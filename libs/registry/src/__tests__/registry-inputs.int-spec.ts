import { expectError, TestApp } from '@coord/testing';
import { BODY_INPUT, RegistryFixtures, TOR_INPUT } from './registry-fixtures';

const CREATE_ORG = `mutation($input: OrganizationInput!) { createOrganization(input: $input) { id } }`;
const CREATE_BODY = `mutation($input: CoordinationBodyInput!) { createCoordinationBody(input: $input) { id timezone status isPublic } }`;
const DRAFT = `mutation($bodyId: ID!, $input: TermsOfReferenceInput!) { draftTermsOfReference(bodyId: $bodyId, input: $input) { id } }`;
const ADD = `mutation($input: MembershipInput!) { addMember(input: $input) { id } }`;
const SET_POLICY = `mutation($bodyId: ID!, $input: ReminderPolicyInput!) { setReminderPolicy(bodyId: $bodyId, input: $input) {
  meetingReminders actionDueReminders overdueEscalationAfter minutesFollowUpAfter } }`;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Every refused input: the code, a message that says what to fix, and nothing written. */
describe('registry inputs: bad values are refused with a clear message and leave the database unchanged', () => {
  let t: TestApp;
  let f: RegistryFixtures;
  let admin: string;
  let body: string;
  let org: string;
  let person: string;

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixtures(t);
    admin = (await t.signIn()).token;
    body = await f.body();
    org = await f.organization();
    person = await f.person();
  });
  afterAll(() => t.close());

  async function refused(query: string, variables: Record<string, unknown>, code: string, message: RegExp | string) {
    const before = await f.snapshot();
    const res = await t.gql(query, variables, admin);
    expectError(res, code, message);
    expect(await f.snapshot()).toEqual(before);
  }

  const org1 = { name: 'Ministry of Interior', sector: 'NATIONAL_GOVERNMENT', level: 'NATIONAL', countryCode: 'KE' };

  it('refuses an unknown enum value', async () => {
    await refused(CREATE_ORG, { input: { ...org1, sector: 'GOVERNMENT' } }, 'BAD_USER_INPUT', /GOVERNMENT/);
    await refused(CREATE_BODY, { input: { ...BODY_INPUT, kind: 'COMMITTEE' } }, 'BAD_USER_INPUT', /COMMITTEE/);
  });

  it('refuses a country code that is not ISO 3166-1 alpha-2', async () => {
    await refused(
      CREATE_ORG,
      { input: { ...org1, countryCode: 'KEN' } },
      'BAD_USER_INPUT',
      /countryCode must be an ISO 3166-1 alpha-2/,
    );
    await refused(CREATE_ORG, { input: { ...org1, countryCode: 'ke' } }, 'BAD_USER_INPUT', /countryCode/);
    await refused(CREATE_BODY, { input: { ...BODY_INPUT, countryCode: 'XX' } }, 'BAD_USER_INPUT', /countryCode/);
  });

  it('refuses a subdivision outside its country or without one', async () => {
    await refused(
      CREATE_ORG,
      { input: { ...org1, countryCode: 'UG', subdivisionCode: 'KE-28' } },
      'BAD_USER_INPUT',
      /KE-28 is not in country UG/,
    );
    await refused(
      CREATE_ORG,
      { input: { ...org1, countryCode: null, subdivisionCode: 'KE-28' } },
      'BAD_USER_INPUT',
      /needs countryCode/,
    );
    await refused(
      CREATE_BODY,
      { input: { ...BODY_INPUT, subdivisionCode: 'KE-99' } },
      'BAD_USER_INPUT',
      /not a Kenyan county/,
    );
    await refused(
      CREATE_BODY,
      { input: { ...BODY_INPUT, subdivisionCode: 'Mombasa' } },
      'BAD_USER_INPUT',
      /ISO 3166-2/,
    );
  });

  it('refuses an unknown time zone and accepts IANA names and UTC', async () => {
    await refused(
      CREATE_BODY,
      { input: { ...BODY_INPUT, timezone: 'Africa/Mombasa' } },
      'BAD_USER_INPUT',
      /IANA time zone/,
    );
    await refused(CREATE_BODY, { input: { ...BODY_INPUT, timezone: 'EAT' } }, 'BAD_USER_INPUT', /IANA time zone/);
    const utc = await t.gql(CREATE_BODY, { input: { ...BODY_INPUT, timezone: undefined } }, admin);
    expect(utc.data.createCoordinationBody).toMatchObject({ timezone: 'UTC', status: 'ACTIVE', isPublic: false });
    const nairobi = await t.gql(CREATE_BODY, { input: { ...BODY_INPUT, subdivisionCode: 'KE-28' } }, admin);
    expect(nairobi.data.createCoordinationBody.timezone).toBe('Africa/Nairobi');
  });

  it('refuses a quorum of 0 or above 1', async () => {
    for (const quorumFraction of [0, 1.5, -0.2]) {
      await refused(
        DRAFT,
        { bodyId: body, input: { ...TOR_INPUT, quorumFraction } },
        'BAD_USER_INPUT',
        /quorumFraction must be greater than 0 and at most 1/,
      );
    }
  });

  it('refuses required seats that are not positive or repeat a sector', async () => {
    await refused(
      DRAFT,
      { bodyId: body, input: { ...TOR_INPUT, requiredSeats: [{ sector: 'ACADEMIA', minSeats: 0 }] } },
      'BAD_USER_INPUT',
      /minSeats must be at least 1/,
    );
    await refused(
      DRAFT,
      {
        bodyId: body,
        input: {
          ...TOR_INPUT,
          requiredSeats: [
            { sector: 'ACADEMIA', minSeats: 1 },
            { sector: 'ACADEMIA', minSeats: 2 },
          ],
        },
      },
      'BAD_USER_INPUT',
      /more than once/,
    );
  });

  it('refuses a membership that ends before it starts, and an impossible date', async () => {
    const input = { bodyId: body, personId: person, organizationId: org, role: 'MEMBER', startsOn: '2026-03-01' };
    await refused(
      ADD,
      { input: { ...input, endsOn: '2026-02-28' } },
      'BAD_USER_INPUT',
      /endsOn \(2026-02-28\) must not be before/,
    );
    await refused(ADD, { input: { ...input, startsOn: '2026-02-30' } }, 'BAD_USER_INPUT', /real calendar day/);
  });

  it('seats as focal point of an organization only someone who belongs to it', async () => {
    const otherOrg = await f.organization();
    const fromElsewhere = await f.person({ organizationId: otherOrg });
    const input = { bodyId: body, organizationId: org, role: 'FOCAL_POINT', startsOn: '2026-03-01' };
    await refused(
      ADD,
      { input: { ...input, personId: fromElsewhere } },
      'BAD_USER_INPUT',
      /must belong to the organization they represent, and .* belongs to another organization\. Set their organization first/,
    );
    await refused(ADD, { input: { ...input, personId: person } }, 'BAD_USER_INPUT', /has no organization on record/);
    const own = await f.person({ organizationId: org });
    const seat = await t.gql(ADD, { input: { ...input, personId: own } }, admin);
    expect(seat.errors).toBeUndefined();
    // Nor can a seated focal point move to another organization (or none) until the seat ends.
    const UPDATE = `mutation($id: ID!, $input: PersonUpdateInput!) { updatePerson(id: $id, input: $input) { id } }`;
    for (const organizationId of [otherOrg, null]) {
      await refused(
        UPDATE,
        { id: own, input: { fullName: 'Moving Focal', organizationId } },
        'CONFLICT',
        /is the focal point of .* on .*: end that seat first \(endMembership\), then change their organization/,
      );
    }
    const END = `mutation($id: ID!, $endsOn: Date!) { endMembership(id: $id, endsOn: $endsOn) { id } }`;
    expect((await t.gql(END, { id: seat.data.addMember.id, endsOn: '2026-03-01' }, admin)).errors).toBeUndefined();
    const moved = await t.gql(UPDATE, { id: own, input: { fullName: 'Moved Focal', organizationId: otherOrg } }, admin);
    expect(moved.errors).toBeUndefined();
    // Other roles may represent an organization the person does not work for (an expert seated for a ministry).
    const seated = await t.gql(ADD, { input: { ...input, role: 'MEMBER', personId: fromElsewhere } }, admin);
    expect(seated.errors).toBeUndefined();
  });

  it('answers NOT_FOUND naming the entity for unknown ids', async () => {
    const input = { bodyId: body, personId: person, organizationId: org, role: 'MEMBER', startsOn: '2026-03-01' };
    await refused(ADD, { input: { ...input, personId: UNKNOWN } }, 'NOT_FOUND', `Person ${UNKNOWN} was not found`);
    await refused(ADD, { input: { ...input, organizationId: UNKNOWN } }, 'NOT_FOUND', /Organization .* was not found/);
    await refused(ADD, { input: { ...input, bodyId: UNKNOWN } }, 'NOT_FOUND', /Coordination body/);
    await refused(ADD, { input: { ...input, bodyId: 'not-an-id' } }, 'NOT_FOUND', /Coordination body not-an-id/);
    await refused(CREATE_BODY, { input: { ...BODY_INPUT, parentId: UNKNOWN } }, 'NOT_FOUND', /Coordination body/);
    await refused(
      CREATE_BODY,
      { input: { ...BODY_INPUT, leadOrganizationId: UNKNOWN } },
      'NOT_FOUND',
      /Lead organization .* was not found/,
    );
    await refused(CREATE_ORG, { input: { ...org1, parentId: UNKNOWN } }, 'NOT_FOUND', /Parent organization/);
    await refused(
      `mutation($id: ID!) { adoptTermsOfReference(id: $id, adoptedOn: "2026-01-01") { id } }`,
      { id: UNKNOWN },
      'NOT_FOUND',
      /Terms of reference/,
    );
    await refused(
      `mutation($id: ID!) { endMembership(id: $id, endsOn: "2026-01-01") { id } }`,
      { id: UNKNOWN },
      'NOT_FOUND',
      /Membership/,
    );
    await refused(
      `mutation($id: ID!) { updatePerson(id: $id, input: { fullName: "X" }) { id } }`,
      { id: UNKNOWN },
      'NOT_FOUND',
      /Person/,
    );
    await refused(
      DRAFT,
      { bodyId: body, input: { ...TOR_INPUT, reportsToBodyId: UNKNOWN } },
      'NOT_FOUND',
      /reportsToBodyId/,
    );
  });

  it('refuses blank names and malformed emails', async () => {
    await refused(CREATE_ORG, { input: { ...org1, name: '   ' } }, 'BAD_USER_INPUT', /name must not be blank/);
    await refused(
      `mutation { createPerson(input: { fullName: "Amina", email: "not-an-email" }) { id } }`,
      {},
      'BAD_USER_INPUT',
      /email must be an email address/,
    );
  });

  it('validates reminder policy durations: zero refused, duplicates folded, longest first', async () => {
    await refused(
      SET_POLICY,
      { bodyId: body, input: { meetingReminders: ['P0D'] } },
      'BAD_USER_INPUT',
      /longer than zero/,
    );
    await refused(
      SET_POLICY,
      { bodyId: body, input: { overdueEscalationAfter: 'PT0S' } },
      'BAD_USER_INPUT',
      /longer than zero/,
    );
    await refused(SET_POLICY, { bodyId: body, input: { minutesFollowUpAfter: 'P1M' } }, 'BAD_USER_INPUT', /Duration/);
    const res = await t.gql(
      SET_POLICY,
      { bodyId: body, input: { meetingReminders: ['PT2H', 'P7D', 'PT168H'] } },
      admin,
    );
    expect(res.data.setReminderPolicy).toEqual({
      meetingReminders: ['P7D', 'PT2H'],
      actionDueReminders: ['P7D', 'P1D'],
      overdueEscalationAfter: 'P3D',
      minutesFollowUpAfter: 'P5D',
    });
  });
});
