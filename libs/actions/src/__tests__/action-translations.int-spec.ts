import { MemberRole } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { CREATE, RegistryFixture } from './fixtures';

const SET = `mutation($type: TranslatableType!, $id: ID!, $locale: String!, $fields: [ContentTranslationInput!]!) {
  setTranslations(type: $type, id: $id, locale: $locale, fields: $fields) { locale field text }
}`;
const ITEMS = `query($bodyId: ID!) { coordinationBody(id: $bodyId) { actionItems(first: 50) { edges { node {
  id title description originalLocale translations { locale field text }
} } } } }`;

/** Commitments in Kiswahili: translated by the body's managers, read in the reader's language. */
describe('translated action items and commitments', () => {
  let t: TestApp;
  let f: RegistryFixture;
  let chair: string;
  let member: string;
  let bodyId: string;
  let ministryId: string;

  const gql = async (query: string, variables: object, token?: string, language?: string) => {
    const req = t.http.post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    if (language) req.set('accept-language', language);
    const res = await req.send({ query, variables });
    return { data: res.body.data, errors: res.body.errors, status: res.status, body: res.body };
  };

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixture(t);
    const ministry = await f.organization('Ministry of Interior');
    ministryId = ministry.id;
    bodyId = (await f.body('National Coordination Mechanism on Migration', { isPublic: true })).id;
    chair = (await f.signedInPerson('Chair Person', ministry.id, { bodyId, role: MemberRole.CHAIR })).token;
    member = (await f.signedInPerson('Plain Member', ministry.id, { bodyId, role: MemberRole.MEMBER })).token;
  });
  afterAll(() => t.close());

  it('answers a commitment in Kiswahili to sw readers and in English to others; only editors translate', async () => {
    const res = await t.gql(
      CREATE,
      {
        input: {
          bodyId,
          title: 'Publish the county migration profile',
          isCommitment: true,
          ownerOrganizationId: ministryId,
        },
      },
      chair,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const id = res.data.createActionItem.id;
    expectError(
      await gql(SET, { type: 'ACTION_ITEM', id, locale: 'sw', fields: [{ field: 'title', text: 'x' }] }, member),
      'FORBIDDEN',
    );
    const set = await gql(
      SET,
      {
        type: 'ACTION_ITEM',
        id,
        locale: 'sw',
        fields: [{ field: 'title', text: 'Kuchapisha wasifu wa uhamiaji wa kaunti' }],
      },
      chair,
    );
    expect(set.errors).toBeUndefined();
    const node = async (language: string) =>
      (await gql(ITEMS, { bodyId }, undefined, language)).data.coordinationBody.actionItems.edges.find(
        (e: any) => e.node.id === id,
      ).node;
    expect(await node('sw')).toMatchObject({
      title: 'Kuchapisha wasifu wa uhamiaji wa kaunti',
      originalLocale: 'en',
      translations: [{ locale: 'sw', field: 'title', text: 'Kuchapisha wasifu wa uhamiaji wa kaunti' }],
    });
    expect((await node('en')).title).toBe('Publish the county migration profile');
    expect((await node('pt')).title).toBe('Publish the county migration profile');
  });

  it('loads a list’s translations in a constant number of queries', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await t.gql(
        CREATE,
        { input: { bodyId, title: `Item ${i}`, ownerOrganizationId: ministryId } },
        chair,
      );
      await gql(
        SET,
        {
          type: 'ACTION_ITEM',
          id: res.data.createActionItem.id,
          locale: 'sw',
          fields: [{ field: 'title', text: `Jukumu ${i}` }],
        },
        chair,
      );
    }
    const one = await t.countQueries(() => gql(ITEMS.replace('first: 50', 'first: 1'), { bodyId }, chair, 'sw'));
    const all = await t.countQueries(() => gql(ITEMS, { bodyId }, chair, 'sw'));
    expect(all).toBe(one);
  });

  it('answers the GCM objectives in French and Spanish from the official texts, other languages in English saying so', async () => {
    const q = `{ frameworkTargets(framework: "GCM") { code title titleLocale titleNotice } }`;
    const gcm = async (language: string) =>
      (await gql(q, {}, undefined, language)).data.frameworkTargets.find((x: any) => x.code === 'GCM-10');
    expect(await gcm('fr')).toEqual({
      code: 'GCM-10',
      title: 'Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations internationales',
      titleLocale: 'fr',
      titleNotice: null,
    });
    expect((await gcm('es-ES')).title).toBe(
      'Prevenir, combatir y erradicar la trata de personas en el contexto de la migración internacional',
    );
    expect(await gcm('sw')).toEqual({
      code: 'GCM-10',
      title: 'Prevent, combat and eradicate trafficking in persons in the context of international migration',
      titleLocale: 'en',
      titleNotice: 'Imeonyeshwa kwa Kiingereza: hakuna maandishi rasmi ya mfumo huu kwa Kiswahili.',
    });
    expect((await gcm('en')).titleNotice).toBeNull();
    const all = (await gql(q, {}, undefined, 'es')).data.frameworkTargets;
    expect(all.filter((x: any) => x.titleLocale === 'es')).toHaveLength(23);
    const few = await t.countQueries(() =>
      gql(`{ frameworkTargets(framework: "GCM") { title } }`, {}, undefined, 'fr'),
    );
    const more = await t.countQueries(() => gql(`{ frameworkTargets { title titleNotice } }`, {}, undefined, 'fr'));
    expect(more).toBe(few);
  });
});
