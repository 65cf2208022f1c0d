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
import { TestApp } from '@coord/testing';

/**
 * The record erasure.int-spec.ts erases a person from: who she is, where she sits, what she did and what is
 * ahead of her, built through the API where the API is what writes it.
 */
export const ENV = { LOGIN_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT_PER_IP: '100000', OUTBOX_POLL_MS: '200' };
export const NAME = 'Amina Wanjiru';
export const EMAIL = 'amina.wanjiru@example.org';
export const DAY = 86400000;

export const ERASE = `mutation($id: ID!, $redactNames: Boolean) { erasePerson(id: $id, redactNames: $redactNames) { id fullName title email } }`;
export const SCHEDULE = `mutation($input: MeetingInput!) { scheduleMeeting(input: $input) {
  id participants { person { id } voting } quorum { votingMembers required } } }`;

/** Every table's rows whose text holds one of the terms: `row::text ILIKE`, table by table. */
export async function rowsHolding(t: TestApp, terms: string[]): Promise<Record<string, string[]>> {
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

/** A GraphQL request that must succeed: its data. */
export async function requestOk(t: TestApp, query: string, variables: Record<string, unknown>, token: string) {
  const res = await t.gql(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/**
 * Amina Wanjiru (seated twice on a private working group, with contact data, a sign-in and a calendar feed) and
 * what names her: a held meeting (agenda, attendance, minutes, a decision), an item she owns and reported on, and a
 * meeting ahead she is invited to, with its reminders pending.
 */
export async function seedErasureScenario(t: TestApp) {
  const gqlOk = (query: string, variables: Record<string, unknown>, token: string) =>
    requestOk(t, query, variables, token);
  const admin = (await t.signIn({ role: PlatformRole.ADMIN })).token;
  const org = await t.dataSource.getRepository(Organization).save({
    name: 'Kenya Red Cross',
    sector: StakeholderSector.NATIONAL_GOVERNMENT,
    level: GovernanceLevel.NATIONAL,
  });
  const body = await t.dataSource.getRepository(CoordinationBody).save({
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
  const chair = (await t.signIn({ role: PlatformRole.USER, personId: chairPerson.id })).token;
  const others = [chairPerson];
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
  const amina = (await people.findOneByOrFail({ id: created.createPerson.id }))!;
  await people.update(amina.id, { phone: '+254 700 000 111' });
  const focal = await seat(amina.id, MemberRole.FOCAL_POINT);
  await t.dataSource.getRepository(Membership).update(focal.id, { endsOn: `${new Date().getUTCFullYear() + 1}-12-31` });
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
  const aminaToken = await t.login(EMAIL, 'correct horse battery staple');

  // A meeting already held: she presented an agenda item, was present, is named in minutes and a decision.
  const [held] = await t.dataSource.query(
    `INSERT INTO meetings (body_id, title, kind, status, starts_at, ends_at, timezone)
     VALUES ($1, 'Briefing with Amina Wanjiru', 'ORDINARY', 'SCHEDULED', now() - interval '2 days',
             now() - interval '2 days' + interval '1 hour', 'Africa/Nairobi') RETURNING id`,
    [body.id],
  );
  const heldMeetingId = held.id;
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
  const itemId = item.createActionItem.id;
  await gqlOk(
    `mutation($id: ID!, $input: ActionProgressInput!) { reportProgress(id: $id, input: $input) { id } }`,
    { id: itemId, input: { note: `Amina Wanjiru met two teams`, progressPercent: 40 } },
    aminaToken,
  );
  // Her calendar feed, and a meeting ahead she is invited to (with reminders pending).
  const feed = await gqlOk(`mutation { createCalendarFeedToken { id url } }`, {}, aminaToken);
  const feedUrl = feed.createCalendarFeedToken.url;
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
  const futureMeetingId = future.scheduleMeeting.id;
  expect(future.scheduleMeeting.participants.map((p: any) => p.person.id)).toContain(amina.id);
  expect(future.scheduleMeeting.quorum.votingMembers).toBe(4);
  return { admin, chair, body, org, amina, aminaToken, others, futureMeetingId, heldMeetingId, itemId, feedUrl };
}
