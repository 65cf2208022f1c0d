import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, AdminOnly, AuthUser, CurrentUser, GraphQLRequestContext } from '@coord/core';
import { Organization } from './organization.entity';
import { OrganizationsService } from './organizations.service';
import { OrganizationInput, OrganizationsArgs, OrganizationUpdateInput } from './registry.inputs';
import { RegistryLoaders } from './registry.loaders';
import { OrganizationConnection } from './registry.types';

/** Organizations: any signed-in user reads; admins write. Anonymous readers reach them only through public bodies. */
@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(
    @Inject(OrganizationsService) private readonly service: OrganizationsService,
    @Inject(RegistryLoaders) private readonly loaders: RegistryLoaders,
  ) {}

  @Query(() => Organization, { nullable: true })
  organization(@Args('id', { type: () => ID }) id: string) {
    return this.service.find(id);
  }

  @Query(() => OrganizationConnection)
  organizations(@Args() args: OrganizationsArgs) {
    return this.service.list(args);
  }

  @AdminOnly()
  @Mutation(() => Organization)
  createOrganization(
    @Args('input') input: OrganizationInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.service.create(actorOf(user, ctx), input);
  }

  @AdminOnly()
  @Mutation(() => Organization)
  updateOrganization(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: OrganizationUpdateInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.service.update(actorOf(user, ctx), id, input);
  }

  @ResolveField(() => Organization, { nullable: true })
  parent(@Parent() org: Organization, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.organization(ctx, org.parentId);
  }
}
