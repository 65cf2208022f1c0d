import { expectError, TestApp } from '@coord/testing';
import { RegistryFixtures } from './registry-fixtures';

const SET = `mutation($type: TranslatableType!, $id: ID!, $locale: String!, $fields: [ContentTranslationInput!]!) {
  setTranslations(type: $type, id: $id, locale: $locale, fields: $fields) { locale field text }
}`;
const BODY = `query($id: ID!) { coordinationBody(id: $id) {
  name description originalLocale translations { locale field text }
  currentTermsOfReference { mandate objectives originalLocale translations { locale field } }
} }`;
const LIST = `query($search: String, $first: Int) { coordinationBodies(filter: { search: $search }, first: $first) {
  totalCount edges { node { id name description translations { locale field text } } }
} }`;

/**
 * Content translations: stored per locale by whoever may edit the record, audited, answered in the reader's
 * language (Accept-Language, else their locale) when one exists, found by search in any language, and loaded
 * without N+1.
 */
describe('content translations', () => {
  let t: TestApp;
  let f: RegistryFixtures;
  let admin: string;
  let secretariat: Awaited<ReturnType<RegistryFixtures['member']>>;
  let plainMember: Awaited<ReturnType<RegistryFixtures['member']>>;
  let outsider: Awaited<ReturnType<RegistryFixtures['member']>>;
  let body: string;
  let tor: string;

  const gql = async (query: string, variables: object, token?: string, language?: string) => {
    const req = t.http.post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    if (language) req.set('accept-language', language);
    const res = await req.send({ query, variables });
    return { data: res.body.data, errors: res.body.errors, status: res.status, body: res.body };
  };

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixtures(t);
    admin = (await t.signIn()).token;
    body = await f.body({ name: 'County Migration Coordination Forum', isPublic: true });
    await t.dataSource.query(
      `UPDATE coordination_bodies SET description = 'Coordinates migration in the county' WHERE id = $1`,
      [body],
    );
    [{ id: tor }] = await t.dataSource.query(
      `INSERT INTO terms_of_reference (body_id, version, status, mandate, objectives, quorum_fraction, decision_rule,
                                       meeting_frequency, required_seats, adopted_on)
       VALUES ($1, 1, 'ADOPTED', 'Coordinate migration governance in the county', ARRAY['Collect data', 'Protect migrants'],
               0.5, 'CONSENSUS', 'QUARTERLY', '[]', '2026-01-01') RETURNING id`,
      [body],
    );
    secretariat = await f.member(body, 'SECRETARIAT');
    plainMember = await f.member(body, 'MEMBER');
    outsider = await f.member(null);
  });
  afterAll(() => t.close());

  it('lets the body’s secretariat set Kiswahili texts, audited, and answers sw readers in Kiswahili, fr readers in the original', async () => {
    const res = await gql(
      SET,
      {
        type: 'COORDINATION_BODY',
        id: body,
        locale: 'sw',
        fields: [{ field: 'name', text: 'Jukwaa la Uratibu wa Uhamiaji la Kaunti' }],
      },
      secretariat.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.setTranslations).toEqual([
      { locale: 'sw', field: 'name', text: 'Jukwaa la Uratibu wa Uhamiaji la Kaunti' },
    ]);
    const sw = await gql(BODY, { id: body }, undefined, 'sw-KE,sw;q=0.9,en;q=0.5');
    expect(sw.data.coordinationBody).toMatchObject({
      name: 'Jukwaa la Uratibu wa Uhamiaji la Kaunti',
      description: 'Coordinates migration in the county', // no Kiswahili description: the original
      originalLocale: 'en',
      translations: [{ locale: 'sw', field: 'name', text: 'Jukwaa la Uratibu wa Uhamiaji la Kaunti' }],
    });
    const fr = await gql(BODY, { id: body }, undefined, 'fr');
    expect(fr.data.coordinationBody.name).toBe('County Migration Coordination Forum');
    const [event] = await t.dataSource.query(
      `SELECT action, entity_type, changes FROM audit_events WHERE entity_id = $1 AND action = 'translation.set'`,
      [body],
    );
    expect(event).toMatchObject({
      entity_type: 'CoordinationBody',
      changes: { 'sw.name': [null, 'Jukwaa la Uratibu wa Uhamiaji la Kaunti'] },
    });
  });

  it('uses the reader’s own locale when the request names no supported language', async () => {
    await t.dataSource.query(`UPDATE users SET locale = 'sw' WHERE id = $1`, [plainMember.userId]);
    const mine = await gql(BODY, { id: body }, plainMember.token);
    expect(mine.data.coordinationBody.name).toBe('Jukwaa la Uratibu wa Uhamiaji la Kaunti');
    const overridden = await gql(BODY, { id: body }, plainMember.token, 'en');
    expect(overridden.data.coordinationBody.name).toBe('County Migration Coordination Forum');
  });

  it('keeps the fields not named, replaces those named, and removes one given an empty text', async () => {
    await gql(
      SET,
      {
        type: 'COORDINATION_BODY',
        id: body,
        locale: 'fr',
        fields: [
          { field: 'name', text: 'Forum de coordination des migrations du comté' },
          { field: 'description', text: 'Coordonne la gouvernance des migrations dans le comté' },
        ],
      },
      admin,
    );
    const res = await gql(
      SET,
      { type: 'COORDINATION_BODY', id: body, locale: 'fr', fields: [{ field: 'description', text: '' }] },
      admin,
    );
    expect(res.data.setTranslations).toEqual([
      { locale: 'fr', field: 'name', text: 'Forum de coordination des migrations du comté' },
    ]);
    const fr = await gql(BODY, { id: body }, undefined, 'fr');
    expect(fr.data.coordinationBody.name).toBe('Forum de coordination des migrations du comté');
    expect(fr.data.coordinationBody.description).toBe('Coordinates migration in the county');
  });

  it('translates the terms of reference, lists line by line', async () => {
    const res = await gql(
      SET,
      {
        type: 'TERMS_OF_REFERENCE',
        id: tor,
        locale: 'sw',
        fields: [
          { field: 'mandate', text: 'Kuratibu usimamizi wa uhamiaji katika kaunti' },
          { field: 'objectives', text: 'Kukusanya takwimu\nKuwalinda wahamiaji\n' },
        ],
      },
      secretariat.token,
    );
    expect(res.errors).toBeUndefined();
    const sw = await gql(BODY, { id: body }, undefined, 'sw');
    expect(sw.data.coordinationBody.currentTermsOfReference).toMatchObject({
      mandate: 'Kuratibu usimamizi wa uhamiaji katika kaunti',
      objectives: ['Kukusanya takwimu', 'Kuwalinda wahamiaji'],
    });
  });

  it('finds a body by its Kiswahili name, and by its French one', async () => {
    const byKiswahili = await gql(LIST, { search: 'uhamiaji la kaunti' }, admin);
    expect(byKiswahili.data.coordinationBodies.edges.map((e: any) => e.node.id)).toEqual([body]);
    const byFrench = await gql(LIST, { search: 'forum de coordination' }, undefined, 'fr');
    expect(byFrench.data.coordinationBodies.edges.map((e: any) => e.node.name)).toEqual([
      'Forum de coordination des migrations du comté',
    ]);
  });

  it('refuses members who may not edit the body (FORBIDDEN) and hides private bodies from outsiders (NOT_FOUND)', async () => {
    const hidden = await f.body({ name: 'Private task force' });
    const before = await f.snapshot();
    const translations = await f.count('content_translations');
    const fields = [{ field: 'name', text: 'x' }];
    expectError(
      await gql(SET, { type: 'COORDINATION_BODY', id: body, locale: 'pt', fields }, plainMember.token),
      'FORBIDDEN',
    );
    expectError(
      await gql(SET, { type: 'COORDINATION_BODY', id: hidden, locale: 'pt', fields }, outsider.token),
      'NOT_FOUND',
    );
    expectError(await gql(SET, { type: 'COORDINATION_BODY', id: body, locale: 'pt', fields }), 'UNAUTHENTICATED');
    expect(await f.snapshot()).toEqual(before);
    expect(await f.count('content_translations')).toBe(translations);
  });

  it('refuses bad input naming the field, in the reader’s language, with the same code', async () => {
    const bad = (variables: object, language?: string) =>
      gql(SET, { type: 'COORDINATION_BODY', id: body, ...variables }, admin, language);
    const unsupported = await bad({ locale: 'de', fields: [{ field: 'name', text: 'x' }] });
    expectError(unsupported, 'BAD_USER_INPUT', 'locale must be one of en, sw, fr, es, ar, pt');
    expect(unsupported.errors[0].extensions.field).toBe('locale');
    const unknown = await bad({ locale: 'sw', fields: [{ field: 'acronym', text: 'x' }] }, 'sw');
    expectError(unknown, 'BAD_USER_INPUT', 'haina sehemu inayotafsirika inayoitwa "acronym"');
    expect(unknown.errors[0].extensions.field).toBe('fields.0.field');
    expectError(
      await bad({ locale: 'en', fields: [{ field: 'name', text: 'x' }] }),
      'BAD_USER_INPUT',
      'The record is written in en',
    );
    expectError(
      await bad({
        locale: 'sw',
        fields: [
          { field: 'name', text: 'a' },
          { field: 'name', text: 'b' },
        ],
      }),
      'BAD_USER_INPUT',
      'more than once',
    );
  });

  it('loads the translations of a list in a constant number of queries', async () => {
    for (let i = 0; i < 12; i++) {
      const id = await f.body({ name: `Sub-county forum ${i}`, isPublic: true });
      await t.dataSource.query(
        `INSERT INTO content_translations (entity_type, entity_id, locale, field, text)
         VALUES ('COORDINATION_BODY', $1, 'sw', 'name', $2), ('COORDINATION_BODY', $1, 'sw', 'description', 'Maelezo')`,
        [id, `Jukwaa la kaunti ndogo ${i}`],
      );
    }
    const few = await t.countQueries(() => gql(LIST, { first: 2 }, admin, 'sw'));
    const many = await t.countQueries(() => gql(LIST, { first: 14 }, admin, 'sw'));
    expect(many).toBe(few);
    const res = await gql(LIST, { search: 'Sub-county forum 1', first: 20 }, admin, 'sw');
    expect(res.data.coordinationBodies.edges.map((e: any) => e.node.name)).toContain('Jukwaa la kaunti ndogo 1');
  });
});
