import { PlatformRole } from '@coord/core';
import { TestApp } from '@coord/testing';
import { randomUUID } from 'node:crypto';

/** Error messages in the request's language: Accept-Language, else the user's locale; the code never changes. */
describe('the language of a request', () => {
  let t: TestApp;
  let admin: { id: string; token: string };

  beforeAll(async () => {
    t = await TestApp.create();
    admin = await t.signIn({ role: PlatformRole.ADMIN });
    await t.dataSource.query(`UPDATE users SET locale = 'fr' WHERE id = $1`, [admin.id]);
  });
  afterAll(() => t?.close());

  const post = async (query: string, variables: object, headers: Record<string, string>) =>
    (
      await t.http
        .post('/graphql')
        .set({ 'content-type': 'application/json', ...headers })
        .send({ query, variables })
    ).body.errors[0];
  const CANCEL = `mutation($id: ID!) { cancelMeeting(id: $id, reason: "x") { id } }`;

  it('answers an anonymous request in its Accept-Language, with the same code', async () => {
    const me = `{ notifications { totalCount } }`;
    const en = await post(me, {}, {});
    const sw = await post(me, {}, { 'accept-language': 'sw-KE,sw;q=0.9' });
    const ar = await post(me, {}, { 'accept-language': 'ar' });
    const de = await post(me, {}, { 'accept-language': 'de' });
    expect([en, sw, ar, de].map((e) => e.extensions.code)).toEqual(Array(4).fill('UNAUTHENTICATED'));
    expect(en.message).toBe('Sign in to do this');
    expect(sw.message).toBe('Ingia kwenye akaunti yako ili kufanya hivi');
    expect(ar.message).toBe('سجّل الدخول للقيام بهذا الإجراء');
    expect(de.message).toBe('Sign in to do this'); // unsupported: English
  });

  it('uses the signed-in user’s locale unless Accept-Language names a supported language', async () => {
    const id = randomUUID();
    const auth = { authorization: `Bearer ${admin.token}` };
    const fr = await post(CANCEL, { id }, auth);
    const es = await post(CANCEL, { id }, { ...auth, 'accept-language': 'es-419,es;q=0.9' });
    const unsupported = await post(CANCEL, { id }, { ...auth, 'accept-language': 'de-DE' });
    expect(fr).toMatchObject({ message: `Réunion ${id} introuvable`, extensions: { code: 'NOT_FOUND' } });
    expect(es).toMatchObject({ message: `Reunión ${id} no existe`, extensions: { code: 'NOT_FOUND' } });
    expect(unsupported.message).toBe(`Réunion ${id} introuvable`);
  });

  it('translates the common refusals: managers only, admins only, an invalid token', async () => {
    const bodyId = (
      await t.dataSource.query(
        `INSERT INTO coordination_bodies (name, kind, level, timezone, is_public)
         VALUES ('Public forum', 'TECHNICAL_WORKING_GROUP', 'NATIONAL', 'Africa/Nairobi', true) RETURNING id`,
      )
    )[0].id;
    const user = await t.signIn({ role: PlatformRole.USER });
    const auth = { authorization: `Bearer ${user.token}` };
    const set = `mutation($id: ID!) { setTranslations(type: COORDINATION_BODY, id: $id, locale: "sw", fields: [{ field: "name", text: "Jukwaa" }]) { text } }`;
    const managers = await post(set, { id: bodyId }, { ...auth, 'accept-language': 'pt' });
    expect(managers).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/^Apenas quem pode editar este registo/),
    });
    const admins = await post(`{ auditLog { totalCount } }`, {}, { ...auth, 'accept-language': 'sw' });
    expect(admins).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: 'Ni msimamizi wa jukwaa pekee anayeweza kufanya hivi',
    });
    const token = await post(
      `{ notifications { totalCount } }`,
      {},
      { authorization: 'Bearer nonsense', 'accept-language': 'es' },
    );
    expect(token).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: 'Inicie sesión para realizar esta acción: el token de acceso no es válido o ha caducado',
    });
  });
});
