import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AuthUser,
  byKeys,
  Connection,
  CurrentUser,
  cursorAfter,
  GraphQLRequestContext,
  groupByKeys,
  LocalDateScalar,
  notFound,
  pageSize,
  Public,
} from '@coord/core';
import { CoordinationBody, isUuid, RegistryAccessService, RegistryReadService } from '@coord/registry';
import { Meeting } from '../meeting.entity';
import { MeetingsReadService } from '../meetings-read.service';
import { MeetingConnection } from '../meetings.types';
import { MeetingSeries } from './meeting-series.entity';
import { MeetingSeriesInput, SeriesMeetingsArgs } from './meeting-series.inputs';
import { MeetingSeriesService } from './meeting-series.service';

/**
 * Meeting series: read by whoever reads their body (as the body's meetings are), scheduled and ended by its
 * managers (the service authorizes). Nested fields are batched over the request: a list of series costs a
 * constant number of queries.
 */
@Resolver(() => MeetingSeries)
export class MeetingSeriesResolver {
  constructor(
    @Inject(MeetingSeriesService) private readonly series: MeetingSeriesService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(RegistryAccessService) private readonly access: RegistryAccessService,
    @Inject(MeetingsReadService) private readonly read: MeetingsReadService,
  ) {}

  private bodyLoader(ctx: GraphQLRequestContext) {
    return ctx.loaders.get<string, CoordinationBody | null>('meetings:body.byId', async (ids) =>
      byKeys(ids, await this.registry.bodiesByIds(ids), (b) => b.id),
    );
  }

  @Public()
  @Query(() => MeetingSeries, { nullable: true, description: 'A series readable by the caller; null otherwise.' })
  async meetingSeries(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<MeetingSeries | null> {
    const series = isUuid(id) ? await seriesLoader(ctx, this.series).load(id) : null;
    if (!series) return null;
    const body = await this.bodyLoader(ctx).load(series.bodyId);
    return (await this.access.canRead(body, user, ctx)) ? series : null;
  }

  @Mutation(() => MeetingSeries, {
    description:
      'Creates the series and its occurrences for the next 12 months (later ones as time passes), each a normal meeting with invitations and reminders.',
  })
  scheduleMeetingSeries(
    @Args('input') input: MeetingSeriesInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.series.schedule({ user, requestId: ctx.req?.id ?? null, memo: ctx.memo }, input);
  }

  @Mutation(() => MeetingSeries, {
    description: 'Cancels every occurrence of the series from this day on; held meetings are kept.',
  })
  endMeetingSeries(
    @Args('id', { type: () => ID }) id: string,
    @Args('from', { type: () => LocalDateScalar }) from: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.series.end({ user, requestId: ctx.req?.id ?? null, memo: ctx.memo }, id, from);
  }

  @ResolveField(() => CoordinationBody)
  async body(@Parent() series: MeetingSeries, @Context() ctx: GraphQLRequestContext) {
    const body = await this.bodyLoader(ctx).load(series.bodyId);
    if (!body) throw notFound('Coordination body', series.bodyId);
    return body;
  }

  /** One page per series, batched over every series of the request: keyset on (starts_at, id), core's cursors. */
  @ResolveField(() => MeetingConnection)
  meetings(
    @Parent() series: MeetingSeries,
    @Args() args: SeriesMeetingsArgs,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Connection<Meeting>> {
    const first = pageSize(args);
    const after = cursorAfter(args);
    const from = args.from ?? null;
    const key = JSON.stringify([first, args.after ?? null, from?.toISOString() ?? null]);
    return ctx.loaders
      .get<string, Connection<Meeting>>(`meetings:series.meetings:${key}`, (seriesIds) =>
        this.read.meetingPages('series', seriesIds, { first, after, from, to: null }),
      )
      .load(series.id);
  }
}

function seriesLoader(ctx: GraphQLRequestContext, service: MeetingSeriesService) {
  return ctx.loaders.get<string, MeetingSeries | null>('meetings:series.byId', async (ids) =>
    byKeys(ids, await service.seriesByIds(ids), (s) => s.id),
  );
}

/**
 * Meeting.series, for readers of the meeting's body only: a guest invited to one occurrence of a private body's
 * series does not get the series (and its other meetings) through it.
 */
@Resolver(() => Meeting)
export class MeetingSeriesFieldResolver {
  constructor(
    @Inject(MeetingSeriesService) private readonly seriesService: MeetingSeriesService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(RegistryAccessService) private readonly access: RegistryAccessService,
  ) {}

  @ResolveField('series', () => MeetingSeries, { nullable: true })
  async series(
    @Parent() meeting: Meeting,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<MeetingSeries | null> {
    if (!meeting.seriesId) return null;
    const body = await ctx.loaders
      .get<string, CoordinationBody | null>('meetings:body.byId', async (ids) =>
        byKeys(ids, await this.registry.bodiesByIds(ids), (b) => b.id),
      )
      .load(meeting.bodyId);
    if (!(await this.access.canRead(body, user, ctx))) return null;
    return seriesLoader(ctx, this.seriesService).load(meeting.seriesId);
  }
}

/** CoordinationBody.meetingSeries, for whoever reads the body. */
@Resolver(() => CoordinationBody)
export class BodyMeetingSeriesResolver {
  constructor(
    @Inject(MeetingSeriesService) private readonly series: MeetingSeriesService,
    @Inject(RegistryAccessService) private readonly access: RegistryAccessService,
  ) {}

  @ResolveField(() => [MeetingSeries])
  async meetingSeries(
    @Parent() body: CoordinationBody,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<MeetingSeries[]> {
    if (!(await this.access.canRead(body, user, ctx))) return [];
    return ctx.loaders
      .get<string, MeetingSeries[]>('meetings:series.byBody', async (ids) =>
        groupByKeys(ids, await this.series.seriesOfBodies(ids), (s) => s.bodyId),
      )
      .load(body.id);
  }
}
