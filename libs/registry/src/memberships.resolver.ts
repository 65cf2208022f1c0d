import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, AuthUser, CurrentUser, GraphQLRequestContext, LocalDateScalar, todayIn } from '@coord/core';
import { CoordinationBody } from './coordination-body.entity';
import { Membership } from './membership.entity';
import { MembershipsService } from './memberships.service';
import { Organization } from './organization.entity';
import { Person } from './person.entity';
import { MembershipInput } from './memberships.inputs';
import { RegistryLoaders } from './registry.loaders';

/** Memberships: added and ended by the body's managers; read with the body (or the person's readable bodies). */
@Resolver(() => Membership)
export class MembershipsResolver {
  constructor(
    @Inject(MembershipsService) private readonly memberships: MembershipsService,
    @Inject(RegistryLoaders) private readonly loaders: RegistryLoaders,
  ) {}

  @Mutation(() => Membership)
  addMember(
    @Args('input') input: MembershipInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.memberships.add(actorOf(user, ctx), input);
  }

  @Mutation(() => Membership)
  endMembership(
    @Args('id', { type: () => ID }) id: string,
    @Args('endsOn', { type: () => LocalDateScalar }) endsOn: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.memberships.end(actorOf(user, ctx), id, endsOn);
  }

  @ResolveField(() => CoordinationBody)
  body(@Parent() m: Membership, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.body(ctx, m.bodyId);
  }

  @ResolveField(() => Person)
  person(@Parent() m: Membership, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.person(ctx, m.personId);
  }

  @ResolveField(() => Organization, { description: 'The organization the member represents on this body.' })
  organization(@Parent() m: Membership, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.organization(ctx, m.organizationId);
  }

  /** Active today (UTC), the same rule the policy and the composition report use. */
  @ResolveField(() => Boolean)
  active(@Parent() m: Membership): boolean {
    const today = todayIn('UTC');
    return m.startsOn <= today && (m.endsOn === null || m.endsOn >= today);
  }
}
