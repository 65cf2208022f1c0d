import { expectError, TestApp } from '@coord/testing';
import { RegistryFixtures } from './registry-fixtures';

const UPDATE_BODY = `mutation($id: ID!, $input: CoordinationBodyUpdateInput!) { updateCoordinationBody(id: $id, input: $input) {
  name acronym kind level status countryCode subdivisionCode timezone description isPublic establishedOn
  parent { id } leadOrganization { id } secretariatOrganization { id }
} }`;
const UPDATE_ORG = `mutation($id: ID!, $input: OrganizationUpdateInput!) { updateOrganization(id: $id, input: $input) {
  name acronym sector level countryCode subdivisionCode parent { id }
} }`;
const UPDATE_PERSON = `mutation($id: ID!, $input: PersonUpdateInput!) { updatePerson(id: $id, input: $input) {
  fullName email title organization { id }
} }`;

/** Update inputs are partial: a field left out keeps its value, null clears an optional one. */
describe('registry: partial updates', () => {
  let t: TestApp;
  let f: RegistryFixtures;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixtures(t);
    admin = (await t.signIn()).token;
  });
  afterAll(() => t.close());

  it('changes only the given fields of a body, clears one given as null, and audits only what changed', async () => {
    const lead = await f.organization({ name: 'Ministry' });
    const parent = await f.body({ name: 'NCM', isPublic: true });
    const [row] = await t.dataSource.query(
      `INSERT INTO coordination_bodies (name, acronym, kind, level, country_code, subdivision_code, timezone, is_public,
         parent_id, lead_organization_id, established_on, description)
       VALUES ('Mombasa unit', 'MCU', 'COUNTY_OUTREACH_PROGRAMME', 'SUBNATIONAL', 'KE', 'KE-28', 'Africa/Nairobi', true,
         $1, $2, '2019-05-01', 'County outreach') RETURNING id`,
      [parent, lead],
    );
    const res = await t.gql(UPDATE_BODY, { id: row.id, input: { name: 'Mombasa County Unit' } }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data.updateCoordinationBody).toEqual({
      name: 'Mombasa County Unit',
      acronym: 'MCU',
      kind: 'COUNTY_OUTREACH_PROGRAMME',
      level: 'SUBNATIONAL',
      status: 'ACTIVE',
      countryCode: 'KE',
      subdivisionCode: 'KE-28',
      timezone: 'Africa/Nairobi',
      description: 'County outreach',
      isPublic: true,
      establishedOn: '2019-05-01',
      parent: { id: parent },
      leadOrganization: { id: lead },
      secretariatOrganization: null,
    });
    const [audit] = await t.dataSource.query(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'body.update'`,
      [row.id],
    );
    expect(Object.keys(audit.changes)).toEqual(['name']);
    // null clears an optional field; a required one cannot be cleared.
    const cleared = await t.gql(UPDATE_BODY, { id: row.id, input: { acronym: null, description: null } }, admin);
    expect(cleared.data.updateCoordinationBody).toMatchObject({ acronym: null, description: null, isPublic: true });
    for (const field of ['name', 'timezone', 'isPublic', 'kind']) {
      const refused = await t.gql(UPDATE_BODY, { id: row.id, input: { [field]: null } }, admin);
      expect(expectError(refused, 'BAD_USER_INPUT', new RegExp(`${field} cannot be removed`)).extensions?.field).toBe(
        `input.${field}`,
      );
    }
  });

  it('changes only the given fields of an organization', async () => {
    const parent = await f.organization({ name: 'Ministry of Interior' });
    const [row] = await t.dataSource.query(
      `INSERT INTO organizations (name, acronym, sector, level, country_code, subdivision_code, parent_id)
       VALUES ('Department of Immigration', 'DIS', 'NATIONAL_GOVERNMENT', 'NATIONAL', 'KE', 'KE-30', $1) RETURNING id`,
      [parent],
    );
    const res = await t.gql(UPDATE_ORG, { id: row.id, input: { acronym: 'DISS' } }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data.updateOrganization).toEqual({
      name: 'Department of Immigration',
      acronym: 'DISS',
      sector: 'NATIONAL_GOVERNMENT',
      level: 'NATIONAL',
      countryCode: 'KE',
      subdivisionCode: 'KE-30',
      parent: { id: parent },
    });
    expectError(await t.gql(UPDATE_ORG, { id: row.id, input: { sector: null } }, admin), 'BAD_USER_INPUT', /sector/);
    // Still admins only.
    const member = await f.member(null);
    expectError(await t.gql(UPDATE_ORG, { id: row.id, input: { acronym: 'X' } }, member.token), 'FORBIDDEN');
  });

  it('changes only the given fields of a person; null clears an optional field', async () => {
    const org = await f.organization();
    const person = await f.person({ fullName: 'Amina Otieno', email: 'amina@example.org', organizationId: org });
    await t.dataSource.query(`UPDATE people SET title = 'Director' WHERE id = $1`, [person]);
    const res = await t.gql(UPDATE_PERSON, { id: person, input: { title: 'Principal Secretary' } }, admin);
    expect(res.data.updatePerson).toEqual({
      fullName: 'Amina Otieno',
      email: 'amina@example.org',
      title: 'Principal Secretary',
      organization: { id: org },
    });
    const cleared = await t.gql(UPDATE_PERSON, { id: person, input: { title: null } }, admin);
    expect(cleared.data.updatePerson.title).toBeNull();
    expectError(
      await t.gql(UPDATE_PERSON, { id: person, input: { fullName: null } }, admin),
      'BAD_USER_INPUT',
      /fullName/,
    );
  });
});
