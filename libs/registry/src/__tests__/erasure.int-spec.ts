import { Person } from '@coord/registry';
import { eventually, expectError, MailSink, TestApp, TestWorker } from '@coord/testing';
import {
  DAY,
  EMAIL,
  ENV,
  ERASE,
  NAME,
  requestOk,
  rowsHolding,
  SCHEDULE,
  seedErasureScenario,
} from './erasure-scenario';

type Scenario = Awaited<ReturnType<typeof seedErasureScenario>>;

describe('erasePerson: an erased person holds no seat, gets nothing, and their name leaves the record', () => {
  let t: TestApp;
  let worker: TestWorker | undefined;
  const mail = new MailSink();
  let admin: string;
  let chair: string;
  let body: Scenario['body'];
  let org: Scenario['org'];
  let amina: Person;
  let aminaToken: string;
  let others: Person[];
  let futureMeetingId: string;
  let heldMeetingId: string;
  let itemId: string;
  let feedUrl: string;

  const gqlOk = (query: string, variables: Record<string, unknown>, token: string) =>
    requestOk(t, query, variables, token);

  beforeAll(async () => {
    const smtpUrl = await mail.start();
    t = await TestApp.create({ ...ENV, SMTP_URL: smtpUrl });
    ({ admin, chair, body, org, amina, aminaToken, others, futureMeetingId, heldMeetingId, itemId, feedUrl } =
      await seedErasureScenario(t));
  }, 60000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await mail.stop();
  });

  it('refuses erasure to anyone but a platform admin', async () => {
    expectError(await t.gql(ERASE, { id: amina.id }, chair), 'FORBIDDEN');
    expect((await t.dataSource.getRepository(Person).findOneByOrFail({ id: amina.id })).erasedAt).toBeNull();
  });

  it('erases: placeholder, no contact data, no sign-in, feed revoked, no seat, withdrawn from meetings ahead', async () => {
    const feedPath = new URL(feedUrl).pathname;
    expect((await t.http.get(feedPath)).status).toBe(200);
    const res = await t.gql(ERASE, { id: amina.id }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data.erasePerson).toMatchObject({ fullName: 'Erased person', title: null, email: null });

    // Sign-in and feed.
    expect((await t.gql(`{ me { id } }`, {}, aminaToken)).data?.me ?? null).toBeNull();
    expect((await t.http.get(feedPath)).status).toBe(404);
    const [feedRow] = await t.dataSource.query(`SELECT revoked_at FROM calendar_feed_tokens WHERE person_id = $1`, [
      amina.id,
    ]);
    expect(feedRow.revoked_at).not.toBeNull();

    // No seat today; the seat that had not begun is gone; each change audited.
    const today = new Date().toISOString().slice(0, 10);
    const seats = await t.dataSource.query(
      `SELECT to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM memberships WHERE person_id = $1`,
      [amina.id],
    );
    expect(seats).toHaveLength(1);
    expect(seats[0].ends_on < today).toBe(true);
    const audited = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE action IN ('membership.end', 'membership.remove') ORDER BY action`,
    );
    expect(audited.map((a: any) => a.action)).toEqual(['membership.end', 'membership.remove']);

    // Withdrawn from the meeting ahead: not invited, not counted; the held meeting keeps her attendance.
    const meeting = await gqlOk(
      `query($id: ID!) { meeting(id: $id) { participants { person { id } } quorum { votingMembers required } } }`,
      { id: futureMeetingId },
      chair,
    );
    expect(meeting.meeting.participants.map((p: any) => p.person.id)).not.toContain(amina.id);
    expect(meeting.meeting.quorum.votingMembers).toBe(3);
    const [present] = await t.dataSource.query(
      `SELECT attendance FROM meeting_participants WHERE meeting_id = $1 AND person_id = $2`,
      [heldMeetingId, amina.id],
    );
    expect(present.attendance).toBe('PRESENT');

    // The touched tables wait for the vacuum job.
    const queued = (await t.dataSource.query(`SELECT table_name FROM pending_vacuums`)).map((r: any) => r.table_name);
    expect(queued).toEqual(
      expect.arrayContaining(['minutes', 'people', 'users', 'action_updates', 'audit_events', 'decisions']),
    );

    // Her item's reminders are cancelled (she owned it alone).
    const pending = await t.dataSource.query(
      `SELECT status FROM reminder_intents WHERE subject_id = $1 AND status IN ('PENDING', 'ENQUEUED')`,
      [itemId],
    );
    expect(pending).toEqual([]);
  });

  it('does not invite or count an erased person in a new meeting, and refuses to seat, invite or assign them', async () => {
    const starts = new Date(Date.now() + 20 * DAY);
    const input = {
      bodyId: body.id,
      title: 'Next review',
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + 3600000).toISOString(),
      timezone: 'Africa/Nairobi',
    };
    const created = await gqlOk(SCHEDULE, { input }, chair);
    expect(created.scheduleMeeting.participants.map((p: any) => p.person.id)).not.toContain(amina.id);
    expect(created.scheduleMeeting.quorum.votingMembers).toBe(3);

    expectError(
      await t.gql(SCHEDULE, { input: { ...input, extraInviteePersonIds: [amina.id] } }, chair),
      'BAD_USER_INPUT',
      'was erased and cannot be invited',
    );
    expectError(
      await t.gql(
        `mutation($input: MembershipInput!) { addMember(input: $input) { id } }`,
        {
          input: {
            bodyId: body.id,
            personId: amina.id,
            organizationId: org.id,
            role: 'MEMBER',
            startsOn: '2030-01-01',
          },
        },
        chair,
      ),
      'BAD_USER_INPUT',
      'erased',
    );
    const assign = await t.gql(
      `mutation($input: ActionItemInput!) { createActionItem(input: $input) { id } }`,
      { input: { bodyId: body.id, title: 'Follow up', ownerPersonId: amina.id } },
      chair,
    );
    const error = expectError(assign, 'BAD_USER_INPUT', 'was erased and cannot own action items');
    expect(error.extensions?.field).toBe('input.ownerPersonId');
    const reassign = await t.gql(
      `mutation($id: ID!, $input: ActionItemUpdateInput!) { updateActionItem(id: $id, input: $input) { id } }`,
      { id: itemId, input: { ownerPersonId: others[1].id } },
      chair,
    );
    expect(reassign.errors).toBeUndefined();
    const back = await t.gql(
      `mutation($id: ID!, $input: ActionItemUpdateInput!) { updateActionItem(id: $id, input: $input) { id } }`,
      { id: itemId, input: { ownerPersonId: amina.id } },
      chair,
    );
    expectError(back, 'BAD_USER_INPUT', 'erased');
  });

  it('sends an erased person no notification and no mail afterwards, though reminders come due', async () => {
    // Every pending reminder comes due now, as if the days had passed; the worker delivers them.
    await t.dataSource.query(`UPDATE reminder_intents SET due_at = now() WHERE status = 'PENDING'`);
    const dueCount = Number(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM reminder_intents WHERE status = 'PENDING'`))[0].n,
    );
    expect(dueCount).toBeGreaterThan(0);
    worker = await TestWorker.create(t.config, { SMTP_URL: t.config.SMTP_URL });
    await eventually(
      async () =>
        Number(
          (
            await t.dataSource.query(
              `SELECT count(*)::int AS n FROM reminder_intents WHERE status IN ('PENDING', 'ENQUEUED')`,
            )
          )[0].n,
        ) === 0,
      30000,
    );
    const delivered = await t.dataSource.query(`SELECT DISTINCT person_id FROM notifications`);
    expect(delivered.length).toBeGreaterThan(0); // others got theirs
    expect(delivered.map((d: any) => d.person_id)).not.toContain(amina.id);
    expect(mail.to(EMAIL)).toEqual([]);
  }, 45000);

  it('leaves neither her email nor her full name in any table, and records the redactions', async () => {
    expect(await rowsHolding(t, [EMAIL, NAME, 'Amina  Wanjiru', '+254 700 000 111', 'Protection officer'])).toEqual({});
    const [minutes] = await t.dataSource.query(`SELECT text, status FROM minutes WHERE meeting_id = $1`, [
      heldMeetingId,
    ]);
    expect(minutes).toEqual({
      status: 'ADOPTED',
      text: '[name removed] ([name removed]) reported on returns. Otieno Kamau thanked [name removed].',
    });
    const redactions = await t.dataSource.query(
      `SELECT action, changes FROM audit_events WHERE action LIKE '%.redactName' ORDER BY action`,
    );
    expect(redactions.map((r: any) => r.action)).toEqual(
      expect.arrayContaining([
        'actionItem.redactName',
        'actionUpdate.redactName',
        'agendaItem.redactName',
        'decision.redactName',
        'meeting.redactName',
        'minutes.redactName',
      ]),
    );
    expect(JSON.stringify(redactions)).not.toMatch(/Amina/i);
    // The admin's audit view shows the earlier versions, redacted.
    const log = await gqlOk(
      `query($id: ID) { auditLog(entityId: $id, first: 50) { edges { node { action changes } } } }`,
      { id: (await t.dataSource.query(`SELECT id FROM minutes WHERE meeting_id = $1`, [heldMeetingId]))[0].id },
      admin,
    );
    const recorded = log.auditLog.edges.filter((e: any) => e.node.action === 'minutes.record');
    expect(recorded).toHaveLength(2);
    expect(recorded.map((e: any) => JSON.parse(e.node.changes).text[1])).toEqual(
      expect.arrayContaining(['Draft: [name removed] reported.']),
    );
    // The redaction touched only the free texts kept outside the hashed content: the audit chain still verifies.
    const verification = await gqlOk(`{ verifyAuditLog { valid firstInvalidEventId } }`, {}, admin);
    expect(verification.verifyAuditLog).toEqual({ valid: true, firstInvalidEventId: null });
    // The worker's erasure vacuum (scheduled every ERASURE_VACUUM_EVERY_MS, first run at start) took the queue.
    await eventually(async () => (await t.dataSource.query(`SELECT * FROM pending_vacuums`)).length === 0);
  });

  it('erasing again changes nothing; redactNames: false keeps names in texts (the README says why)', async () => {
    const before = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n);
    expect((await t.gql(ERASE, { id: amina.id }, admin)).errors).toBeUndefined();
    expect(Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n)).toBe(before);

    const people = t.dataSource.getRepository(Person);
    const baraka = await people.save({
      fullName: 'Baraka Mwangi',
      email: 'baraka@example.org',
      organizationId: org.id,
    });
    await t.dataSource.query(`INSERT INTO decisions (meeting_id, text) VALUES ($1, 'Baraka Mwangi chairs the panel')`, [
      heldMeetingId,
    ]);
    expect((await t.gql(ERASE, { id: baraka.id, redactNames: false }, admin)).errors).toBeUndefined();
    expect(Object.keys(await rowsHolding(t, ['Baraka Mwangi', 'baraka@example.org']))).toEqual(['decisions']);
  });
});
