import { PlatformRole, todayIn } from '@coord/core';
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
 * Registry rows for action tests, inserted directly (the registry's mutations are not what is under test).
 */
export class RegistryFixture {
  constructor(private readonly t: TestApp) {}

  organization(name: string, sector = StakeholderSector.NATIONAL_GOVERNMENT, level = GovernanceLevel.NATIONAL) {
    return this.t.dataSource.getRepository(Organization).save({ name, sector, level, countryCode: 'KE' });
  }

  person(fullName: string, organizationId: string | null = null) {
    return this.t.dataSource.getRepository(Person).save({ fullName, organizationId });
  }

  body(
    name: string,
    opts: Partial<
      Pick<
        CoordinationBody,
        'timezone' | 'isPublic' | 'parentId' | 'level' | 'actionDueReminders' | 'overdueEscalationAfter'
      >
    > = {},
  ) {
    return this.t.dataSource.getRepository(CoordinationBody).save({
      name,
      kind: opts.parentId ? BodyKind.COUNTY_OUTREACH_PROGRAMME : BodyKind.NATIONAL_COORDINATION_MECHANISM,
      level: opts.level ?? (opts.parentId ? GovernanceLevel.SUBNATIONAL : GovernanceLevel.NATIONAL),
      status: BodyStatus.ACTIVE,
      countryCode: 'KE',
      timezone: opts.timezone ?? 'Africa/Nairobi',
      isPublic: opts.isPublic ?? false,
      parentId: opts.parentId ?? null,
      meetingReminders: ['P7D', 'P1D'],
      actionDueReminders: opts.actionDueReminders ?? ['P7D', 'P1D'],
      overdueEscalationAfter: opts.overdueEscalationAfter ?? 'P3D',
      minutesFollowUpAfter: 'P5D',
    });
  }

  member(bodyId: string, personId: string, organizationId: string, role: MemberRole) {
    return this.t.dataSource.getRepository(Membership).save({
      bodyId,
      personId,
      organizationId,
      role,
      votingRights: true,
      startsOn: '2020-01-01',
      endsOn: null,
    });
  }

  /** A person with a sign-in, optionally holding a role on a body for an organization. */
  async signedInPerson(name: string, organizationId: string, seat?: { bodyId: string; role: MemberRole }) {
    const person = await this.person(name, organizationId);
    if (seat) await this.member(seat.bodyId, person.id, organizationId, seat.role);
    const { token } = await this.t.signIn({ role: PlatformRole.USER, personId: person.id });
    return { person, token };
  }
}

export const CREATE = `mutation($input: ActionItemInput!) { createActionItem(input: $input) {
  id title status progressPercent isOverdue isCommitment dueOn completedAt
  frameworkTargets { code framework } ownerPerson { id fullName } ownerOrganization { id name } body { id }
} }`;

export const REPORT = `mutation($id: ID!, $input: ActionProgressInput!) { reportProgress(id: $id, input: $input) {
  id status progressPercent completedAt updates { note progressPercent status author { id } }
} }`;

/** Today's date in a zone, shifted by `days`. */
export function dayIn(zone: string, days = 0, now = new Date()): string {
  const [y, m, d] = todayIn(zone, now).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
