import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  AuthUser,
  badInput,
  BodyAction,
  conflict,
  diffChanges,
  msg,
  MutationService,
  notFound,
  PolicyService,
} from '@coord/core';
import { DataSource } from 'typeorm';
import { CoordinationBody } from './coordination-body.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { Person } from './person.entity';
import { BodyStatus, MemberRole } from './registry.enums';
import { requireRow } from './registry.errors';
import { MembershipInput } from './memberships.inputs';
import { isUuid } from './registry-read.service';
import { requirePrincipal } from './alternates';
import { TermReminders } from './term-reminders';

const FIELDS = [
  'bodyId',
  'personId',
  'organizationId',
  'role',
  'votingRights',
  'startsOn',
  'endsOn',
  'alternateForMembershipId',
];

/**
 * Memberships: a body's managers (CHAIR, CO_CHAIR, SECRETARIAT of it or an ancestor) and admins add and end
 * them. Periods of one person on one body never overlap (checked here with a clear message, and by the
 * exclusion constraint ex_memberships_no_overlap for requests that race). Ending keeps the row: history.
 */
@Injectable()
export class MembershipsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(TermReminders) private readonly termReminders: TermReminders,
  ) {}

  async add(actor: Actor<AuthUser>, input: MembershipInput): Promise<Membership> {
    const { user, memo } = actor;
    await this.policy.require(user, BodyAction.MANAGE, input.bodyId, memo);
    if (input.endsOn && input.endsOn < input.startsOn) {
      throw badInput(
        msg('error.registry.inputEndsonNotBefore', { endsOn: input.endsOn, startsOn: input.startsOn }),
        'input.endsOn',
      );
    }
    return this.mutations.run(actor, async (em) => {
      const body = await requireRow(em, CoordinationBody, 'Coordination body', input.bodyId);
      if (body.status === BodyStatus.DISSOLVED)
        throw conflict(msg('error.registry.dissolvedTakesNoNew', { name: body.name }));
      const person = await requireRow(em, Person, 'Person', input.personId);
      if (person.erasedAt) throw badInput(msg('error.registry.personWasErasedCannot2'), 'input.personId');
      const organization = await requireRow(em, Organization, 'Organization', input.organizationId);
      // A focal point speaks for their organization (reports progress on its commitments, gets its reminders):
      // only someone of that organization can be one.
      if (input.role === MemberRole.FOCAL_POINT && person.organizationId !== organization.id) {
        throw badInput(
          person.organizationId
            ? msg('error.registry.focalPointOfAnotherOrganization', {
                fullName: person.fullName,
                name: organization.name,
              })
            : msg('error.registry.focalPointWithoutOrganization', {
                fullName: person.fullName,
                name: organization.name,
              }),
          'input.role',
        );
      }
      const alternateFor = await requirePrincipal(em, input);
      const overlapping = await em
        .createQueryBuilder(Membership, 'm')
        .where('m.body_id = :bodyId AND m.person_id = :personId', input)
        .andWhere(`daterange(m.starts_on, m.ends_on, '[]') && daterange(:startsOn::date, :endsOn::date, '[]')`, {
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
        })
        .getOne();
      if (overlapping) {
        throw conflict(
          overlapping.endsOn
            ? msg('error.registry.alreadyMemberUntil', {
                fullName: person.fullName,
                name: body.name,
                startsOn: overlapping.startsOn,
                endsOn: overlapping.endsOn,
              })
            : msg('error.registry.alreadyMemberOpenEnded', {
                fullName: person.fullName,
                name: body.name,
                startsOn: overlapping.startsOn,
              }),
          { constraint: 'ex_memberships_no_overlap', membershipId: overlapping.id },
        );
      }
      const membership = await em.save(
        em.create(Membership, {
          bodyId: input.bodyId,
          personId: input.personId,
          organizationId: input.organizationId,
          role: input.role,
          votingRights: input.votingRights ?? true,
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
          alternateForMembershipId: alternateFor,
        }),
      );
      await this.mutations.audit(em, actor, {
        action: 'membership.add',
        entityType: 'Membership',
        entityId: membership.id,
        changes: diffChanges(null, membership, FIELDS),
      });
      await this.termReminders.membershipChanged(em, membership);
      return membership;
    });
  }

  async end(actor: Actor<AuthUser>, id: string, endsOn: string): Promise<Membership> {
    const { user, memo } = actor;
    const found = isUuid(id) ? await this.dataSource.manager.findOne(Membership, { where: { id } }) : null;
    if (!found || !(await this.policy.can(user, BodyAction.READ, found.bodyId, memo))) {
      throw notFound('Membership', id);
    }
    await this.policy.require(user, BodyAction.MANAGE, found.bodyId, memo);
    return this.mutations.run(actor, async (em) => {
      const before = await requireRow(em, Membership, 'Membership', id, true);
      if (endsOn < before.startsOn) {
        throw badInput(
          msg('error.registry.endsonNotBeforeMembership', { endsOn, startsOn: before.startsOn }),
          'endsOn',
        );
      }
      if (before.endsOn && before.endsOn < endsOn) {
        throw conflict(msg('error.registry.membershipAlreadyEndedCannot', { endsOn: before.endsOn }));
      }
      const after = await em.save(Membership, { ...before, endsOn });
      await this.mutations.audit(em, actor, {
        action: 'membership.end',
        entityType: 'Membership',
        entityId: id,
        changes: diffChanges(before, after, ['endsOn']),
      });
      await this.termReminders.membershipChanged(em, after);
      return after;
    });
  }
}
