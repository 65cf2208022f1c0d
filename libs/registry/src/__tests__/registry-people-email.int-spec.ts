import { expectError, TestApp } from '@coord/testing';
import { RegistryFixtures } from './registry-fixtures';

const CREATE_PERSON = `mutation($input: PersonInput!) { createPerson(input: $input) { id fullName email } }`;
const UPDATE_PERSON = `mutation($id: ID!, $input: PersonUpdateInput!) { updatePerson(id: $id, input: $input) { id title email } }`;
const PERSON = `query($id: ID!) { person(id: $id) { id email } }`;

/** People's emails are unique (case-insensitive); the registering manager keeps the person until they are seated. */
describe('registry: people, unique emails and who registered them', () => {
  let t: TestApp;
  let f: RegistryFixtures;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixtures(t);
    admin = (await t.signIn()).token;
  });
  afterAll(() => t.close());

  it('answers the email it registered and lets the registering manager edit the person until seated elsewhere', async () => {
    const body = await f.body();
    const other = await f.body();
    const manager = await f.member(body, 'SECRETARIAT');
    const made = await t.gql(
      CREATE_PERSON,
      { input: { fullName: 'Grace Wanjiru', email: 'Grace@Example.org' } },
      manager.token,
    );
    expect(made.errors).toBeUndefined();
    expect(made.data.createPerson.email).toBe('grace@example.org');
    const id = made.data.createPerson.id;
    expect((await t.gql(PERSON, { id }, manager.token)).data.person.email).toBe('grace@example.org');
    expect(
      (await t.gql(UPDATE_PERSON, { id, input: { title: 'Labour attaché' } }, manager.token)).errors,
    ).toBeUndefined();
    // Seated on a body the manager manages: still theirs.
    const org = await f.organization();
    await f.membership(body, id, org);
    expect((await t.gql(UPDATE_PERSON, { id, input: { title: 'Counsellor' } }, manager.token)).errors).toBeUndefined();
    // Seated only on a body they do not manage: no longer.
    await t.dataSource.query(`UPDATE memberships SET body_id = $1 WHERE person_id = $2`, [other, id]);
    expectError(await t.gql(UPDATE_PERSON, { id, input: { title: 'X' } }, manager.token), 'FORBIDDEN');
    expect((await t.gql(PERSON, { id }, manager.token)).data.person.email).toBeNull();
    // Another manager never had it.
    const stranger = await f.member(await f.body(), 'SECRETARIAT');
    const unseated = (await t.gql(CREATE_PERSON, { input: { fullName: 'Unseated' } }, manager.token)).data.createPerson;
    expectError(await t.gql(UPDATE_PERSON, { id: unseated.id, input: { title: 'X' } }, stranger.token), 'FORBIDDEN');
  });

  it('refuses a second person with the same email (any case): CONFLICT naming them only to who may see them', async () => {
    const body = await f.body();
    const manager = await f.member(body, 'SECRETARIAT');
    const org = await f.organization();
    const holder = await f.person({
      fullName: 'Peter Ochieng',
      email: 'peter.ochieng@example.org',
      organizationId: org,
    });
    await f.membership(body, holder, org);
    const stranger = await f.member(await f.body(), 'CHAIR');
    const before = await f.count('people');
    const mine = await t.gql(
      CREATE_PERSON,
      { input: { fullName: 'P. Ochieng', email: 'Peter.Ochieng@example.org' } },
      manager.token,
    );
    const named = expectError(mine, 'CONFLICT', /Peter Ochieng \(person .*\) is already registered/);
    expect(named.extensions?.field).toBe('input.email');
    // A manager of another body learns where to look, not whose email it is.
    const theirs = await t.gql(
      CREATE_PERSON,
      { input: { fullName: 'Someone', email: 'PETER.OCHIENG@example.org' } },
      stranger.token,
    );
    const hidden = expectError(theirs, 'CONFLICT', /already in the registry: search people by name/);
    expect(hidden.message).not.toMatch(/Ochieng|[0-9a-f]{8}-/);
    expect(await f.count('people')).toBe(before);
    // Changing someone's email to a taken one is refused too; admins see who has it.
    const other = await f.person({ fullName: 'Other', email: 'other@example.org' });
    expectError(
      await t.gql(UPDATE_PERSON, { id: other, input: { email: 'peter.ochieng@EXAMPLE.org' } }, admin),
      'CONFLICT',
      /Peter Ochieng/,
    );
    // The database refuses a duplicate whatever the code path.
    await expect(
      t.dataSource.query(`INSERT INTO people (full_name, email) VALUES ('Dup', 'peter.ochieng@example.org')`),
    ).rejects.toThrow(/uq_people_email/);
  });

  it('forgets an email set aside as a duplicate when its person is erased', async () => {
    const kept = await f.person({ email: 'shared@example.org' });
    const dup = await f.person({ email: 'other-dup@example.org' });
    await t.dataSource.query(
      `INSERT INTO people_email_duplicates (person_id, email, kept_by_person_id) VALUES ($1, 'Shared@example.org', $2)`,
      [dup, kept],
    );
    const erased = await t.gql(`mutation($id: ID!) { erasePerson(id: $id) { id } }`, { id: dup }, admin);
    expect(erased.errors).toBeUndefined();
    expect(await t.dataSource.query(`SELECT 1 FROM people_email_duplicates WHERE person_id = $1`, [dup])).toEqual([]);
  });
});
