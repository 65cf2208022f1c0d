import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { badInput, byKeys, GraphQLRequestContext, groupByKeys, msg } from '@coord/core';
import { DataSource, EntityManager, In } from 'typeorm';
import { Membership } from './membership.entity';
import { MemberRole } from './registry.enums';
import { MembershipInput } from './memberships.inputs';
import { isUuid } from './registry-read.service';

/**
 * Principal and alternate seats. An ALTERNATE membership covers the seat of a principal membership of the same
 * body and organization (also a composite foreign key), active when the alternate starts. An alternate is a seat
 * only while its principal's membership is not active: composition and quorum count the seat once.
 */

/** SQL over membership alias `m` and a date expression: the membership is an alternate whose principal sits. */
export const coveredAlternateSql = (m: string, day: string) =>
  `(${m}.alternate_for_membership_id IS NOT NULL AND EXISTS (SELECT 1 FROM memberships pm
     WHERE pm.id = ${m}.alternate_for_membership_id AND pm.starts_on <= ${day}
       AND (pm.ends_on IS NULL OR pm.ends_on >= ${day})))`;

/** The principal membership id an ALTERNATE input names, checked; null for other roles. */
export async function requirePrincipal(em: EntityManager, input: MembershipInput): Promise<string | null> {
  const field = 'input.alternateForMembershipId';
  const id = input.alternateForMembershipId ?? null;
  if (input.role !== MemberRole.ALTERNATE) {
    if (id) throw badInput(msg('error.registry.alternateformembershipidRoleAlternateLeave'), field);
    return null;
  }
  if (!id) {
    throw badInput(msg('error.registry.alternateCoversPrincipalS'), field);
  }
  const principal = isUuid(id) ? await em.findOne(Membership, { where: { id } }) : null;
  if (!principal || principal.bodyId !== input.bodyId) {
    throw badInput(msg('error.registry.noMembershipBodyAlternate', { id }), field);
  }
  if (principal.organizationId !== input.organizationId) {
    throw badInput(msg('error.registry.alternateRepresentsSameOrganization'), field);
  }
  if (principal.role === MemberRole.ALTERNATE) throw badInput(msg('error.registry.alternateCoversPrincipalNot'), field);
  if (principal.personId === input.personId) throw badInput(msg('error.registry.personCannotTheirOwn'), field);
  if (principal.startsOn > input.startsOn || (principal.endsOn !== null && principal.endsOn < input.startsOn)) {
    throw badInput(
      msg('error.registry.principalSMembershipNot', {
        startsOn: input.startsOn,
        from: principal.startsOn,
        to: principal.endsOn ?? 'none',
      }),
      field,
    );
  }
  return principal.id;
}

/** Membership.alternateFor and Membership.alternates: same body as the parent (already authorized), batched. */
@Resolver(() => Membership)
export class MembershipAlternatesResolver {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @ResolveField(() => Membership, {
    nullable: true,
    description: 'For an ALTERNATE: the membership whose seat it covers.',
  })
  alternateFor(@Parent() m: Membership, @Context() ctx: GraphQLRequestContext) {
    if (!m.alternateForMembershipId) return null;
    return ctx.loaders
      .get<string, Membership | null>('registry.membership.byId', async (ids) =>
        byKeys(ids, await this.dataSource.manager.findBy(Membership, { id: In([...ids]) }), (r) => r.id),
      )
      .load(m.alternateForMembershipId);
  }

  @ResolveField(() => [Membership])
  alternates(@Parent() m: Membership, @Context() ctx: GraphQLRequestContext) {
    return ctx.loaders
      .get<string, Membership[]>('registry.membership.alternates', async (ids) =>
        groupByKeys(
          ids,
          await this.dataSource.manager.find(Membership, {
            where: { alternateForMembershipId: In([...ids]) },
            order: { startsOn: 'DESC', id: 'ASC' },
          }),
          (r) => r.alternateForMembershipId!,
        ),
      )
      .load(m.id);
  }
}
