import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, AdminOnly, AuthUser, CurrentUser, GraphQLRequestContext, User } from '@coord/core';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { PeopleService } from './people.service';
import { Person } from './person.entity';
import { RegistryAccessService } from './registry-access';
import { PeopleArgs, PersonInput, PersonUpdateInput } from './registry.inputs';
import { RegistryLoaders } from './registry.loaders';
import { PersonConnection } from './registry.types';

/**
 * People. Signed-in users read names, titles and organizations; `email` resolves only for the person, admins
 * and the managers of a body the person sits on. Anonymous readers reach people only as members of public bodies,
 * with names and organizations but no titles. `people` lists to a signed-in user only whom they may meet anyway
 * (see PeopleService.list).
 */
@Resolver(() => Person)
export class PeopleResolver {
  constructor(
    @Inject(PeopleService) private readonly service: PeopleService,
    @Inject(RegistryLoaders) private readonly loaders: RegistryLoaders,
    @Inject(RegistryAccessService) private readonly access: RegistryAccessService,
  ) {}

  @Query(() => Person, { nullable: true })
  person(@Args('id', { type: () => ID }) id: string) {
    return this.service.find(id);
  }

  @Query(() => PersonConnection)
  people(@Args() args: PeopleArgs, @CurrentUser() user: AuthUser, @Context() ctx: GraphQLRequestContext) {
    return this.service.list(args, user, ctx.memo);
  }

  @Mutation(() => Person)
  createPerson(
    @Args('input') input: PersonInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.service.create(actorOf(user, ctx), input);
  }

  @Mutation(() => Person)
  updatePerson(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: PersonUpdateInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.service.update(actorOf(user, ctx), id, input);
  }

  @AdminOnly()
  @Mutation(() => Person, {
    description: "Replace a person's personal data with a placeholder, keeping the history of what they did.",
  })
  erasePerson(
    @Args('id', { type: () => ID }) id: string,
    @Args('redactNames', {
      type: () => Boolean,
      nullable: true,
      defaultValue: true,
      description: "Also replace the person's full name and email in minutes, decisions, agendas, notes and titles.",
    })
    redactNames: boolean | null,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.service.erase(actorOf(user, ctx), id, redactNames ?? true);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Visible to the person, platform admins and the secretariat of a body the person belongs to; null to others.',
  })
  async email(@Parent() person: Person, @CurrentUser() user: AuthUser | null, @Context() ctx: GraphQLRequestContext) {
    if (!person.email) return null;
    return (await this.access.canSeeContacts(person.id, user, ctx)) ? person.email : null;
  }

  /** Minimisation: anonymous readers (of public bodies' members) get names and organizations, not job titles. */
  @ResolveField(() => String, { nullable: true })
  title(@Parent() person: Person, @CurrentUser() user: AuthUser | null) {
    return user ? person.title : null;
  }

  @ResolveField(() => Organization, { nullable: true })
  organization(@Parent() person: Person, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.organization(ctx, person.organizationId);
  }

  /** Only memberships of bodies the viewer may read. */
  @ResolveField(() => [Membership])
  async memberships(
    @Parent() person: Person,
    @Args('activeOnly', { type: () => Boolean, defaultValue: true, nullable: true }) activeOnly: boolean | null,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    const rows = await this.loaders.membershipsOfPerson(ctx, person.id, activeOnly ?? true);
    const bodies = await Promise.all(rows.map((m) => this.loaders.body(ctx, m.bodyId)));
    const visible = await Promise.all(bodies.map((b) => this.access.canRead(b, user, ctx)));
    return rows.filter((_, i) => visible[i]);
  }
}

/** `User.person`: the person a sign-in belongs to. */
@Resolver(() => User)
export class UserPersonResolver {
  constructor(@Inject(RegistryLoaders) private readonly loaders: RegistryLoaders) {}

  @ResolveField(() => Person, { nullable: true })
  person(@Parent() user: User, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.person(ctx, user.personId);
  }
}
