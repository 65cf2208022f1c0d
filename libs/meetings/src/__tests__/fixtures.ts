import { PlatformRole } from '@coord/core';
import {
  BodyKind,
  BodyStatus,
  CoordinationBody,
  DecisionRule,
  GovernanceLevel,
  MeetingFrequency,
  Membership,
  MemberRole,
  Organization,
  Person,
  StakeholderSector,
  TermsOfReference,
  TermsOfReferenceStatus,
} from '@coord/registry';
import { TestApp } from '@coord/testing';

/**
 * Registry data for the meetings tests, inserted directly through the registry's entities (the registry's
 * mutations are exercised by its own tests).
 */
/** The tests sign many people in from one address: lift the sign-in rate limits. */
export const TEST_ENV = { LOGIN_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT_PER_IP: '100000' };

let counter = 0;
const next = () => ++counter;

export async function createOrganization(t: TestApp, attrs: Partial<Organization> = {}): Promise<Organization> {
  return t.dataSource.getRepository(Organization).save({
    name: `Organization ${next()}`,
    sector: StakeholderSector.NATIONAL_GOVERNMENT,
    level: GovernanceLevel.NATIONAL,
    ...attrs,
  });
}

export async function createPerson(t: TestApp, attrs: Partial<Person> = {}): Promise<Person> {
  return t.dataSource.getRepository(Person).save({ fullName: `Person ${String(next()).padStart(4, '0')}`, ...attrs });
}

export async function createBody(t: TestApp, attrs: Partial<CoordinationBody> = {}): Promise<CoordinationBody> {
  return t.dataSource.getRepository(CoordinationBody).save({
    name: `Body ${next()}`,
    kind: BodyKind.TECHNICAL_WORKING_GROUP,
    level: GovernanceLevel.NATIONAL,
    status: BodyStatus.ACTIVE,
    timezone: 'Africa/Nairobi',
    isPublic: false,
    meetingReminders: ['P7D', 'P1D'],
    actionDueReminders: ['P7D', 'P1D'],
    overdueEscalationAfter: 'P3D',
    minutesFollowUpAfter: 'P5D',
    ...attrs,
  });
}

export async function addMember(
  t: TestApp,
  body: CoordinationBody,
  opts: { role?: MemberRole; votingRights?: boolean; person?: Person; organization?: Organization } = {},
) {
  const organization = opts.organization ?? (await createOrganization(t));
  const person = opts.person ?? (await createPerson(t, { organizationId: organization.id }));
  const membership = await t.dataSource.getRepository(Membership).save({
    bodyId: body.id,
    personId: person.id,
    organizationId: organization.id,
    role: opts.role ?? MemberRole.MEMBER,
    votingRights: opts.votingRights ?? true,
    startsOn: '2020-01-01',
    endsOn: null,
  });
  return { person, organization, membership };
}

export async function adoptTermsOfReference(
  t: TestApp,
  body: CoordinationBody,
  quorumFraction: number,
  adoptedAtMeetingId: string | null = null,
) {
  return t.dataSource.getRepository(TermsOfReference).save({
    bodyId: body.id,
    version: 1,
    status: TermsOfReferenceStatus.ADOPTED,
    mandate: 'Coordinate',
    objectives: [],
    functions: [],
    quorumFraction,
    decisionRule: DecisionRule.CONSENSUS,
    meetingFrequency: MeetingFrequency.QUARTERLY,
    requiredSeats: [],
    adoptedOn: '2024-01-01',
    adoptedAtMeetingId,
  });
}

/** A signed-in (non-admin) user for a person. */
export async function signInAs(t: TestApp, person: Person) {
  return (await t.signIn({ role: PlatformRole.USER, personId: person.id })).token;
}

/** A body with a chair, a secretariat, voting members and one non-voting observer, each signed in. */
export async function bodyWithMembers(
  t: TestApp,
  opts: { isPublic?: boolean; voting?: number; parentId?: string; meetingReminders?: string[] } = {},
) {
  const body = await createBody(t, {
    isPublic: opts.isPublic ?? false,
    parentId: opts.parentId ?? null,
    ...(opts.meetingReminders ? { meetingReminders: opts.meetingReminders } : {}),
  });
  const chair = await addMember(t, body, { role: MemberRole.CHAIR });
  const secretariat = await addMember(t, body, { role: MemberRole.SECRETARIAT, votingRights: false });
  const members = [];
  for (let i = 0; i < (opts.voting ?? 3); i++) members.push(await addMember(t, body));
  const observer = await addMember(t, body, { role: MemberRole.OBSERVER, votingRights: false });
  return {
    body,
    chair: { ...chair, token: await signInAs(t, chair.person) },
    secretariat: { ...secretariat, token: await signInAs(t, secretariat.person) },
    members: await Promise.all(members.map(async (m) => ({ ...m, token: await signInAs(t, m.person) }))),
    observer: { ...observer, token: await signInAs(t, observer.person) },
  };
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export function inFuture(ms: number, durationMs = 2 * HOUR) {
  const startsAt = new Date(Math.ceil((Date.now() + ms) / 60000) * 60000);
  return { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + durationMs).toISOString() };
}

export const SCHEDULE = `mutation($input: MeetingInput!) { scheduleMeeting(input: $input) { id status title } }`;

export async function schedule(t: TestApp, token: string, input: Record<string, unknown>) {
  const res = await t.gql(
    SCHEDULE,
    { input: { timezone: 'Africa/Nairobi', title: 'Plenary', ...inFuture(10 * DAY), ...input } },
    token,
  );
  if (!res.data?.scheduleMeeting) throw new Error(`scheduleMeeting failed: ${JSON.stringify(res.errors)}`);
  return res.data.scheduleMeeting.id as string;
}
