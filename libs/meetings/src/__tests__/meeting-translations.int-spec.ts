import { expectError, TestApp } from '@coord/testing';
import { bodyWithMembers, schedule, TEST_ENV } from './fixtures';

const SET = `mutation($type: TranslatableType!, $id: ID!, $locale: String!, $fields: [ContentTranslationInput!]!) {
  setTranslations(type: $type, id: $id, locale: $locale, fields: $fields) { locale field text }
}`;
const SET_AGENDA = `mutation($id: ID!, $items: [AgendaItemInput!]!) { setAgenda(meetingId: $id, items: $items) { agenda { id } } }`;
const MEETING = `query($id: ID!) { meeting(id: $id) { title location originalLocale translations { locale field }
  agenda { title translations { locale field text } } } }`;

/** Meetings and their agenda in another language: set by the body's managers, read in the reader's language. */
describe('translated meetings and agenda items', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create(TEST_ENV);
  });
  afterAll(() => t.close());

  const gql = async (query: string, variables: object, token: string, language?: string) => {
    const req = t.http.post('/graphql').set({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
    if (language) req.set('accept-language', language);
    const res = await req.send({ query, variables });
    return { data: res.body.data, errors: res.body.errors, status: res.status, body: res.body };
  };

  it('lets the secretariat translate a meeting and its agenda; members read them in French; members may not translate', async () => {
    const b = await bodyWithMembers(t);
    const id = await schedule(t, b.chair.token, { bodyId: b.body.id, title: 'Quarterly plenary', location: 'Mombasa' });
    const agenda = await t.gql(SET_AGENDA, { id, items: [{ title: 'Adoption of the minutes' }] }, b.chair.token);
    const agendaItem = agenda.data.setAgenda.agenda[0].id;
    expectError(
      await gql(
        SET,
        { type: 'MEETING', id, locale: 'fr', fields: [{ field: 'title', text: 'x' }] },
        b.members[0].token,
      ),
      'FORBIDDEN',
    );
    const meeting = await gql(
      SET,
      { type: 'MEETING', id, locale: 'fr', fields: [{ field: 'title', text: 'Séance plénière trimestrielle' }] },
      b.secretariat.token,
    );
    expect(meeting.errors).toBeUndefined();
    const item = await gql(
      SET,
      {
        type: 'AGENDA_ITEM',
        id: agendaItem,
        locale: 'fr',
        fields: [{ field: 'title', text: 'Adoption du procès-verbal' }],
      },
      b.secretariat.token,
    );
    expect(item.errors).toBeUndefined();
    const fr = await gql(MEETING, { id }, b.members[0].token, 'fr');
    expect(fr.data.meeting).toMatchObject({
      title: 'Séance plénière trimestrielle',
      location: 'Mombasa',
      originalLocale: 'en',
      translations: [{ locale: 'fr', field: 'title' }],
      agenda: [
        {
          title: 'Adoption du procès-verbal',
          translations: [{ locale: 'fr', field: 'title', text: 'Adoption du procès-verbal' }],
        },
      ],
    });
    const en = await gql(MEETING, { id }, b.members[0].token, 'en');
    expect(en.data.meeting.title).toBe('Quarterly plenary');
    expect(en.data.meeting.agenda[0].title).toBe('Adoption of the minutes');
    const events = await t.dataSource.query(
      `SELECT entity_type FROM audit_events WHERE action = 'translation.set' ORDER BY at`,
    );
    expect(events.map((e: { entity_type: string }) => e.entity_type)).toEqual(['Meeting', 'AgendaItem']);
  });
});
