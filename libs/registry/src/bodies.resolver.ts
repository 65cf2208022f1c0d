import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, AuthUser, CurrentUser, GraphQLRequestContext, Public } from '@coord/core';
import { BodiesService, reminderPolicyOf } from './bodies.service';
import { composition } from './composition';
import { CoordinationBody } from './coordination-body.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { RegistryAccessService } from './registry-access';
import { TermsOfReferenceStatus } from './registry.enums';
import {
  CoordinationBodiesArgs,
  CoordinationBodyInput,
  CoordinationBodyUpdateInput,
  ReminderPolicyInput,
} from './bodies.inputs';
import { RegistryLoaders } from './registry.loaders';
import { CompositionReport, CoordinationBodyConnection, ReminderPolicy } from './registry.types';
import { TermsOfReference } from './terms-of-reference.entity';

/**
 * Coordination bodies. Reading is public (anonymous too) but filtered: a private body is null / left out for
 * whoever may not read it. Writing goes through BodiesService, which asks PolicyService.
 */
@Resolver(() => CoordinationBody)
export class BodiesResolver {
  constructor(
    @Inject(BodiesService) private readonly bodies: BodiesService,
    @Inject(RegistryLoaders) private readonly loaders: RegistryLoaders,
    @Inject(RegistryAccessService) private readonly access: RegistryAccessService,
  ) {}

  @Public()
  @Query(() => CoordinationBody, { nullable: true })
  async coordinationBody(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    const body = await this.bodies.find(id);
    return (await this.access.canRead(body, user, ctx)) ? body : null;
  }

  @Public()
  @Query(() => CoordinationBodyConnection)
  coordinationBodies(@Args() args: CoordinationBodiesArgs, @CurrentUser() user: AuthUser | null) {
    return this.bodies.list(user, args);
  }

  @Mutation(() => CoordinationBody)
  createCoordinationBody(
    @Args('input') input: CoordinationBodyInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.bodies.create(actorOf(user, ctx), input);
  }

  @Mutation(() => CoordinationBody)
  updateCoordinationBody(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: CoordinationBodyUpdateInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.bodies.update(actorOf(user, ctx), id, input);
  }

  @Mutation(() => ReminderPolicy)
  setReminderPolicy(
    @Args('bodyId', { type: () => ID }) bodyId: string,
    @Args('input') input: ReminderPolicyInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.bodies.setReminderPolicy(actorOf(user, ctx), bodyId, input);
  }

  @ResolveField(() => CoordinationBody, { nullable: true })
  async parent(
    @Parent() body: CoordinationBody,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    const parent = await this.loaders.body(ctx, body.parentId);
    return (await this.access.canRead(parent, user, ctx)) ? parent : null;
  }

  @ResolveField(() => [CoordinationBody])
  async children(
    @Parent() body: CoordinationBody,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.access.readable(await this.loaders.children(ctx, body.id), user, ctx);
  }

  /*
   * The fields below follow the body's own reading rule (RegistryAccessService.canRead) wherever the body is reached:
   * a guest of one meeting of a private body gets the body through Meeting.body, with its name, kind and time zone
   * (to read the meeting), but not its profile, terms of reference or composition.
   */

  @ResolveField(() => String, { nullable: true })
  async description(
    @Parent() body: CoordinationBody,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return (await this.access.canRead(body, user, ctx)) ? body.description : null;
  }

  @ResolveField(() => Organization, { nullable: true })
  async leadOrganization(
    @Parent() body: CoordinationBody,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    if (!(await this.access.canRead(body, user, ctx))) return null;
    return this.loaders.organization(ctx, body.leadOrganizationId);
  }

  @ResolveField(() => Organization, { nullable: true })
  async secretariatOrganization(
    @Parent() body: CoordinationBody,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    if (!(await this.access.canRead(body, user, ctx))) return null;
    return this.loaders.organization(ctx, body.secretariatOrganizationId);
  }

  @ResolveField(() => TermsOfReference, { nullable: true })
  async currentTermsOfReference(
    @Parent() body: CoordinationBody,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    if (!(await this.access.canRead(body, user, ctx))) return null;
    return this.loaders.currentTermsOfReference(ctx, body.id);
  }

  /** Newest first. Readers of a public body who are not members see adopted and superseded versions, not drafts. */
  @ResolveField(() => [TermsOfReference])
  async termsOfReferenceHistory(
    @Parent() body: CoordinationBody,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    if (!(await this.access.canRead(body, user, ctx))) return [];
    const history = await this.loaders.termsOfReferenceHistory(ctx, body.id);
    if (await this.access.canReadPrivately(body, user, ctx)) return history;
    return history.filter((t) => t.status !== TermsOfReferenceStatus.DRAFT);
  }

  /**
   * Empty for a viewer who may not read the body: a body can be reached through other features (a meeting's
   * guest invitee sees the meeting's body) without its member list being theirs to see.
   */
  @ResolveField(() => [Membership])
  async memberships(
    @Parent() body: CoordinationBody,
    @Args('activeOnly', { type: () => Boolean, defaultValue: true, nullable: true }) activeOnly: boolean | null,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    if (!(await this.access.canRead(body, user, ctx))) return [];
    return this.loaders.membershipsOfBody(ctx, body.id, activeOnly ?? true);
  }

  @ResolveField(() => ReminderPolicy)
  reminderPolicy(@Parent() body: CoordinationBody): ReminderPolicy {
    return reminderPolicyOf(body);
  }

  /** Empty (no seats counted) for a viewer who may not read the body: the contract's type is non-null. */
  @ResolveField(() => CompositionReport)
  async composition(
    @Parent() body: CoordinationBody,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    if (!(await this.access.canRead(body, user, ctx))) return composition([], []);
    return this.loaders.composition(ctx, body.id);
  }
}
