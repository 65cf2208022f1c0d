import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthUser, CurrentUser, GraphQLRequestContext, notFound } from '@coord/core';
import { RegistryReadService } from '@coord/registry';
import { MeetingsAccessService } from './meetings-access';
import { AgendaItem, Meeting } from './meeting.entity';
import { MeetingResolverBase } from './meeting-resolver.base';
import { MeetingsReadService } from './meetings-read.service';
import { MeetingsService } from './meetings.service';
import { Decision } from './decision.entity';
import { Minutes } from './minutes.entity';

/** Minutes of a meeting (record, circulate, adopt) and the meeting they were adopted at; the service authorizes. */
@Resolver(() => Minutes)
export class MinutesResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingsAccessService) accessService: MeetingsAccessService,
    @Inject(MeetingsService) private readonly meetings: MeetingsService,
  ) {
    super(read, registry, accessService);
  }

  @ResolveField(() => Meeting, {
    nullable: true,
    description:
      'The meeting at which the minutes were adopted (usually the next one); null when adopted outside a meeting.',
  })
  async adoptedAtMeeting(
    @Parent() minutes: Minutes,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    if (!minutes.adoptedAtMeetingId) return null;
    const meeting = await this.loaders(ctx).meeting().load(minutes.adoptedAtMeetingId);
    return meeting && (await this.access(ctx, user, meeting)).read ? meeting : null;
  }

  @Mutation(() => Minutes)
  recordMinutes(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('text', { type: () => String }) text: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.recordMinutes(this.actor(ctx, user), meetingId, text);
  }

  @Mutation(() => Minutes)
  circulateMinutes(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.circulateMinutes(this.actor(ctx, user), meetingId);
  }

  @Mutation(() => Minutes)
  adoptMinutes(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('atMeetingId', { type: () => ID, nullable: true }) atMeetingId: string | null,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.adoptMinutes(this.actor(ctx, user), meetingId, atMeetingId);
  }
}

/** Decisions recorded at a meeting (record, update, withdraw) and what they belong to; the service authorizes. */
@Resolver(() => Decision)
export class DecisionResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingsAccessService) accessService: MeetingsAccessService,
    @Inject(MeetingsService) private readonly meetings: MeetingsService,
  ) {
    super(read, registry, accessService);
  }

  @ResolveField(() => Meeting)
  async meeting(@Parent() decision: Decision, @Context() ctx: GraphQLRequestContext) {
    const meeting = await this.loaders(ctx).meeting().load(decision.meetingId);
    if (!meeting) throw notFound('Meeting', decision.meetingId);
    return meeting;
  }

  @ResolveField(() => AgendaItem, { nullable: true })
  agendaItem(@Parent() decision: Decision, @Context() ctx: GraphQLRequestContext) {
    return decision.agendaItemId ? this.loaders(ctx).agendaItem().load(decision.agendaItemId) : null;
  }

  @Mutation(() => Decision)
  recordDecision(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('text', { type: () => String }) text: string,
    @Args('agendaItemId', { type: () => ID, nullable: true }) agendaItemId: string | null,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.recordDecision(this.actor(ctx, user), meetingId, text, agendaItemId);
  }

  @Mutation(() => Decision, { description: 'Managers, until the minutes are adopted.' })
  updateDecision(
    @Args('id', { type: () => ID }) id: string,
    @Args('text', { type: () => String }) text: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.updateDecision(this.actor(ctx, user), id, text);
  }

  @Mutation(() => Decision)
  withdrawDecision(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.withdrawDecision(this.actor(ctx, user), id, reason);
  }
}
