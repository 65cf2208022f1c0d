import { AuthService, OutboxService } from '@coord/core';
import { seedMeetingsDemo, translateMeetingsDemo } from '@coord/meetings/demo';
import { loadRegistryDemo, translateRegistryDemo } from '@coord/registry/demo';
import { eventually, MailSink, TestApp, TestWorker } from '@coord/testing';
import { seedActionsDemo, translateActionsDemo } from '../demo/actions-demo';

/**
 * The Kenyan demo also in Kiswahili: body names, the NCM's terms of reference, meetings and commitments; the
 * Mombasa focal point reads Kiswahili, so their reminders arrive in Kiswahili.
 */
describe('the demo in Kiswahili', () => {
  let t: TestApp;
  let worker: TestWorker;
  const mail = new MailSink();
  let ncm: string;

  const sw = async (query: string, variables: object = {}) =>
    (
      await t.http
        .post('/graphql')
        .set({ 'content-type': 'application/json', 'accept-language': 'sw' })
        .send({ query, variables })
    ).body.data;

  beforeAll(async () => {
    t = await TestApp.create({ SMTP_URL: await mail.start(), OUTBOX_POLL_MS: '200' });
    worker = await TestWorker.create(t.config);
    const demo = await t.dataSource.transaction((em) => loadRegistryDemo(em, AuthService.hashPassword));
    ncm = demo.bodies.ncm;
    const silent = () => undefined;
    await seedMeetingsDemo(t.dataSource, silent);
    await seedActionsDemo(t.dataSource, silent);
    const translate = () =>
      t.dataSource.transaction(async (em) => {
        if (!(await translateRegistryDemo(em, demo))) return false;
        await translateMeetingsDemo(em);
        await translateActionsDemo(em);
        return true;
      });
    expect(await translate()).toBe(true);
    expect(await translate()).toBe(false); // once per database
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await mail.stop();
  });

  it('answers the NCM, its terms of reference, a meeting and commitments in Kiswahili', async () => {
    const data = await sw(
      `query($id: ID!) { coordinationBody(id: $id) {
        name currentTermsOfReference { mandate functions }
        children { name }
        meetings(first: 5) { edges { node { title agenda { title } } } }
      } }`,
      { id: ncm },
    );
    const body = data.coordinationBody;
    expect(body.name).toBe('Mfumo wa Kitaifa wa Uratibu kuhusu Uhamiaji (mfano wa maonyesho)');
    expect(body.currentTermsOfReference.mandate).toMatch(/^Mamlaka ya Mfumo wa Kitaifa wa Uratibu/);
    expect(body.currentTermsOfReference.functions).toContain('Kufuatilia majukumu na ahadi');
    expect(body.children.map((c: { name: string }) => c.name)).toContain(
      'Kitengo cha Uhamasishaji kuhusu Uhamiaji cha Kaunti ya Mombasa (mfano)',
    );
    const meeting = body.meetings.edges[0].node;
    expect(meeting.title).toBe(
      'Mfumo wa Kitaifa wa Uratibu kuhusu Uhamiaji (mfano wa maonyesho): mkutano wa robo mwaka (mfano)',
    );
    expect(meeting.agenda[0].title).toBe('Maendeleo ya ahadi na mpango kazi wa kitaifa');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM content_translations WHERE entity_type = 'ACTION_ITEM' AND locale = 'sw'`,
    );
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('sends the Mombasa focal point their reminders in Kiswahili', async () => {
    const [item] = await t.dataSource.query(
      `SELECT a.id, a.owner_organization_id FROM action_items a JOIN coordination_bodies b ON b.id = a.body_id
        WHERE b.subdivision_code = 'KE-28' AND a.title LIKE 'County migration desk operational in %'`,
    );
    await t.dataSource.transaction((em) =>
      new OutboxService().schedule(em, {
        kind: 'ACTION_ASSIGNED',
        subjectType: 'ActionItem',
        subjectId: item.id,
        dueAt: new Date(),
        dedupeKey: `demo-test:${item.id}`,
        payload: { ownerPersonId: null, ownerOrganizationId: item.owner_organization_id },
      }),
    );
    const received = await eventually(() => mail.to('mombasa.focal@demo.coord.example')[0]);
    // The template and the record's own texts (its Kiswahili title and body name) in Kiswahili.
    expect(received.subject).toBe(
      'Umekabidhiwa ahadi: Dawati la uhamiaji linafanya kazi katika Kitengo cha Uhamasishaji kuhusu Uhamiaji cha Kaunti ya Mombasa (mfano)',
    );
    expect(received.text).toMatch(/^Habari Rehema Said Mwamburi,/);
    expect(received.text).toContain('Wewe ndiye mhusika wa');
    expect(received.html).toContain('lang="sw"');
  });
});
