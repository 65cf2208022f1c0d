import { PlatformRole } from '@coord/core';
import {
  BodyKind,
  BodyStatus,
  CoordinationBody,
  GovernanceLevel,
  MemberRole,
  Membership,
  Organization,
  Person,
  StakeholderSector,
} from '@coord/registry';
import { eventually, expectError, MailSink, TestApp, TestWorker } from '@coord/testing';

const ENV = { LOGIN_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT_PER_IP: '100000', OUTBOX_POLL_MS: '200' };
const NAME = 'Amina Wanjiru';
const EMAIL = 'amina.wanjiru@example.org';
const DAY = 86400000;

const ERASE = `mutation($id: ID!, $redactNames: Boolean) { erasePerson(id: $id, redactNames: $redactNames) { id fullName title email } }`;
const SCHEDULE = `mutation($input: MeetingInput!) { scheduleMeeting(input: $input) {
  id participants { person { id } voting } quorum { votingMembers required } } }`;

/** Every table's rows whose text holds one of the terms: `row::text ILIKE`, table by table. */
async function rowsHolding(t: TestApp, terms: string[]): Promise<Record<string, string[]>> {
  const tables: Array<{ table_name: string }> = await t.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
      AND table_name <> 'migrations' ORDER BY table_name`,
  );
  const found: Record<string, string[]> = {};
  for (const { table_name } of tables) {
    const rows: Array<{ row: string }> = await t.dataSource.query(
      `SELECT x::text AS row FROM "${table_name}" x WHERE ${terms.map((_, i) => `x::text ILIKE $${i + 1}`).join(' OR ')}`,
      terms.map((term) => `%${term}%`),
    );
    if (rows.length) found[table_name] = rows.map((r) => r.row);
  }
  return found;
}

describe('erasePerson: an erased person holds no seat, gets nothing, and their name leaves the record', () => {
  let t: TestApp;
  let worker: TestWorker | undefined;
  const mail = new MailSink();
  let admin: string;
  let chair: string;
  let body: CoordinationBody;
  let org: Organization;
  let amina: Person;
  let aminaToken: string;
  let others: Person[];
  let futureMeetingId: string;
  let heldMeetingId: string;
  let itemId: string;
  let feedUrl: string;

  const gqlOk = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };

  beforeAll(async () => {
    const smtpUrl = await mail.start();
    t = await TestApp.create({ ...ENV, SMTP_URL: smtpUrl });
    admin = (await t.signIn({ role: PlatformRole.ADMIN })).token;
    org = await t.dataSource.getRepository(Organization).save({
      name: 'Kenya Red Cross',
      sector: StakeholderSector.NATIONAL_GOVERNMENT,
      level: GovernanceLevel.NATIONAL,
    });
    body = await t.dataSource.getRepository(CoordinationBody).save({
      name: 'Returns working group',
      kind: BodyKind.TECHNICAL_WORKING_GROUP,
      level: GovernanceLevel.NATIONAL,
      status: BodyStatus.ACTIVE,
      timezone: 'Africa/Nairobi',
      isPublic: false,
      meetingReminders: ['P7D', 'P1D'],
      actionDueReminders: ['P7D', 'P1D'],
      overdueEscalationAfter: 'P3D',
      minutesFollowUpAfter: 'P5D',
    });
    const seat = (personId: string, role: MemberRole, startsOn = '2020-01-01') =>
      t.dataSource.getRepository(Membership).save({
        bodyId: body.id,
        personId,
        organizationId: org.id,
        role,
        votingRights: true,
        startsOn,
        endsOn: null,
      });
    const people = t.dataSource.getRepository(Person);
    const chairPerson = await people.save({
      fullName: 'Chair Person',
      organizationId: org.id,
      email: 'chair@example.org',
    });
    await seat(chairPerson.id, MemberRole.CHAIR);
    chair = (await t.signIn({ role: PlatformRole.USER, personId: chairPerson.id })).token;
    others = [chairPerson];
    for (const name of ['Otieno Kamau', 'Wanjiku Njeri']) {
      const p = await people.save({
        fullName: name,
        organizationId: org.id,
        email: `${name.split(' ')[0].toLowerCase()}@example.org`,
      });
      await seat(p.id, MemberRole.MEMBER);
      others.push(p);
    }
    // Amina: seated (voting, and a seat due to begin next year), with contact data and a sign-in made by an admin.
    const created = await gqlOk(
      `mutation($input: PersonInput!) { createPerson(input: $input) { id } }`,
      { input: { fullName: NAME, email: EMAIL, title: 'Protection officer', organizationId: org.id } },
      admin,
    );
    amina = (await people.findOneByOrFail({ id: created.createPerson.id }))!;
    await people.update(amina.id, { phone: '+254 700 000 111' });
    const focal = await seat(amina.id, MemberRole.FOCAL_POINT);
    await t.dataSource
      .getRepository(Membership)
      .update(focal.id, { endsOn: `${new Date().getUTCFullYear() + 1}-12-31` });
    await t.dataSource.getRepository(Membership).save({
      bodyId: body.id,
      personId: amina.id,
      organizationId: org.id,
      role: MemberRole.MEMBER,
      votingRights: true,
      startsOn: `${new Date().getUTCFullYear() + 2}-01-01`,
      endsOn: null,
    });
    await gqlOk(
      `mutation($email: String!, $personId: ID) { createUser(email: $email, password: "correct horse battery staple", personId: $personId) { id } }`,
      { email: EMAIL, personId: amina.id },
      admin,
    );
    aminaToken = await t.login(EMAIL, 'correct horse battery staple');

    // A meeting already held: she presented an agenda item, was present, is named in minutes and a decision.
    const [held] = await t.dataSource.query(
      `INSERT INTO meetings (body_id, title, kind, status, starts_at, ends_at, timezone)
       VALUES ($1, 'Briefing with Amina Wanjiru', 'ORDINARY', 'SCHEDULED', now() - interval '2 days',
               now() - interval '2 days' + interval '1 hour', 'Africa/Nairobi') RETURNING id`,
      [body.id],
    );
    heldMeetingId = held.id;
    await t.dataSource.query(
      `INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting, rsvp)
       SELECT $1, p, $2, true, true, 'ACCEPTED' FROM unnest($3::uuid[]) AS p`,
      [heldMeetingId, org.id, [amina.id, ...others.map((o) => o.id)]],
    );
    await gqlOk(
      `mutation($id: ID!, $items: [AgendaItemInput!]!) { setAgenda(meetingId: $id, items: $items) { id } }`,
      {
        id: heldMeetingId,
        items: [{ title: `Report by ${NAME}`, description: `Contact: ${EMAIL}`, presenterPersonId: amina.id }],
      },
      chair,
    );
    await gqlOk(
      `mutation($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(meetingId: $id, entries: $entries) { id } }`,
      { id: heldMeetingId, entries: [amina, ...others].map((p) => ({ personId: p.id, attendance: 'PRESENT' })) },
      chair,
    );
    await gqlOk(
      `mutation($id: ID!, $text: String!) { recordMinutes(meetingId: $id, text: $text) { id } }`,
      { id: heldMeetingId, text: `Draft: AMINA WANJIRU reported.` },
      chair,
    );
    await gqlOk(
      `mutation($id: ID!, $text: String!) { recordMinutes(meetingId: $id, text: $text) { id } }`,
      { id: heldMeetingId, text: `${NAME} (${EMAIL}) reported on returns. Otieno Kamau thanked Amina  Wanjiru.` },
      chair,
    );
    // Decisions are recorded before the minutes are adopted (they are frozen with them).
    await gqlOk(
      `mutation($id: ID!, $text: String!) { recordDecision(meetingId: $id, text: $text) { id } }`,
      { id: heldMeetingId, text: `${NAME} to brief the county teams.` },
      chair,
    );
    await gqlOk(`mutation($id: ID!) { circulateMinutes(meetingId: $id) { id } }`, { id: heldMeetingId }, chair);
    await gqlOk(`mutation($id: ID!) { adoptMinutes(meetingId: $id) { id } }`, { id: heldMeetingId }, chair);
    // An item she owns alone, due in 10 days: its due reminders (7 and 1 days before) are still ahead.
    const due = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    const item = await gqlOk(
      `mutation($input: ActionItemInput!) { createActionItem(input: $input) { id } }`,
      { input: { bodyId: body.id, title: `${NAME} briefs the county teams`, ownerPersonId: amina.id, dueOn: due } },
      chair,
    );
    itemId = item.createActionItem.id;
    await gqlOk(
      `mutation($id: ID!, $input: ActionProgressInput!) { reportProgress(id: $id, input: $input) { id } }`,
      { id: itemId, input: { note: `Amina Wanjiru met two teams`, progressPercent: 40 } },
      aminaToken,
    );
    // Her calendar feed, and a meeting ahead she is invited to (with reminders pending).
    const feed = await gqlOk(`mutation { createCalendarFeedToken { id url } }`, {}, aminaToken);
    feedUrl = feed.createCalendarFeedToken.url;
    const starts = new Date(Date.now() + 10 * DAY);
    const future = await gqlOk(
      SCHEDULE,
      {
        input: {
          bodyId: body.id,
          title: 'Quarterly review',
          startsAt: starts.toISOString(),
          endsAt: new Date(starts.getTime() + 3600000).toISOString(),
          timezone: 'Africa/Nairobi',
        },
      },
      chair,
    );
    futureMeetingId = future.scheduleMeeting.id;
    expect(future.scheduleMeeting.participants.map((p: any) => p.person.id)).toContain(amina.id);
    expect(future.scheduleMeeting.quorum.votingMembers).toBe(4);
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
