import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { badInput, byKeys, GraphQLRequestContext, groupByKeys } from '@coord/core';
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
    if (id) throw badInput('alternateForMembershipId is only for role ALTERNATE: leave it out for other roles', field);
    return null;
  }
  if (!id) {
    throw badInput(
      "An ALTERNATE covers a principal's seat: give alternateForMembershipId, the principal's membership on this body",
      field,
    );
  }
  const principal = isUuid(id) ? await em.findOne(Membership, { where: { id } }) : null;
  if (!principal || principal.bodyId !== input.bodyId) {
    throw badInput(`No membership ${id} on this body to be the alternate of`, field);
  }
  if (principal.organizationId !== input.organizationId) {
    throw badInput(
      "An alternate represents the same organization as the principal: use the principal's organizationId",
      field,
    );
  }
  if (principal.role === MemberRole.ALTERNATE)
    throw badInput('An alternate covers a principal, not another alternate', field);
  if (principal.personId === input.personId) throw badInput('A person cannot be their own alternate', field);
  if (principal.startsOn > input.startsOn || (principal.endsOn !== null && principal.endsOn < input.startsOn)) {
    throw badInput(
      `The principal's membership is not active on ${input.startsOn} (${principal.startsOn} to ${principal.endsOn ?? 'no end'})`,
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
