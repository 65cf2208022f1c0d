import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, AuthUser, CurrentUser, GraphQLRequestContext, LocalDateScalar } from '@coord/core';
import { CoordinationBody } from './coordination-body.entity';
import { RegistryAccessService } from './registry-access';
import { TermsOfReferenceInput } from './bodies.inputs';
import { RegistryLoaders } from './registry.loaders';
import { TermsOfReference } from './terms-of-reference.entity';
import { TermsOfReferenceService } from './terms-of-reference.service';

/** Terms of reference: drafted and adopted by the body's managers; read wherever the body is readable. */
@Resolver(() => TermsOfReference)
export class TermsOfReferenceResolver {
  constructor(
    @Inject(TermsOfReferenceService) private readonly terms: TermsOfReferenceService,
    @Inject(RegistryLoaders) private readonly loaders: RegistryLoaders,
    @Inject(RegistryAccessService) private readonly access: RegistryAccessService,
  ) {}

  @Mutation(() => TermsOfReference)
  draftTermsOfReference(
    @Args('bodyId', { type: () => ID }) bodyId: string,
    @Args('input') input: TermsOfReferenceInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.terms.draft(actorOf(user, ctx), bodyId, input);
  }

  @Mutation(() => TermsOfReference, {
    description: 'Adopt a draft: it becomes current and the version before it SUPERSEDED.',
  })
  adoptTermsOfReference(
    @Args('id', { type: () => ID }) id: string,
    @Args('adoptedOn', { type: () => LocalDateScalar }) adoptedOn: string,
    @Args('meetingId', { type: () => ID, nullable: true }) meetingId: string | null,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.terms.adopt(actorOf(user, ctx), id, adoptedOn, meetingId);
  }

  @ResolveField(() => CoordinationBody)
  body(@Parent() tor: TermsOfReference, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.body(ctx, tor.bodyId);
  }

  @ResolveField(() => CoordinationBody, { nullable: true })
  async reportsTo(
    @Parent() tor: TermsOfReference,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    const body = await this.loaders.body(ctx, tor.reportsToBodyId);
    return (await this.access.canRead(body, user, ctx)) ? body : null;
  }
}
