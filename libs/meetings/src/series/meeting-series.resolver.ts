import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AuthUser,
  byKeys,
  Connection,
  CurrentUser,
  decodeCursor,
  encodeCursor,
  GraphQLRequestContext,
  groupByKeys,
  LocalDateScalar,
  MAX_PAGE_SIZE,
  notFound,
  Public,
} from '@coord/core';
import { CoordinationBody, isUuid, RegistryAccess, RegistryReadService } from '@coord/registry';
import { DataSource, In } from 'typeorm';
import { Meeting } from '../meeting.entity';
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
    @Inject(RegistryAccess) private readonly access: RegistryAccess,
    @Inject(DataSource) private readonly dataSource: DataSource,
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

  /** One page per series, batched over every series of the request: keyset on (starts_at, id). */
  @ResolveField(() => MeetingConnection)
  meetings(
    @Parent() series: MeetingSeries,
    @Args() args: SeriesMeetingsArgs,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Connection<Meeting>> {
    const first = Math.min(Math.max(args.first ?? 20, 0), MAX_PAGE_SIZE);
    const after = args.after ? decodeCursor(args.after) : null;
    const from = args.from ?? null;
    const key = JSON.stringify([first, args.after ?? null, from?.toISOString() ?? null]);
    return ctx.loaders
      .get<string, Connection<Meeting>>(`meetings:series.meetings:${key}`, async (seriesIds) => {
        const where = `m.series_id = ANY($1::uuid[]) AND ($2::timestamptz IS NULL OR m.ends_at >= $2)`;
        const keyset = after ? ` AND (m.starts_at, m.id) > ($4::timestamptz, $5::uuid)` : '';
        const [ranked, counts] = await Promise.all([
          this.dataSource.query(
            `SELECT id FROM (SELECT m.id, row_number() OVER (PARTITION BY m.series_id ORDER BY m.starts_at, m.id) AS rn
               FROM meetings m WHERE ${where}${keyset}) x WHERE rn <= $3`,
            [[...seriesIds], from, first + 1, ...(after ?? [])],
          ) as Promise<Array<{ id: string }>>,
          this.dataSource.query(
            `SELECT m.series_id, count(*)::int AS n FROM meetings m WHERE ${where} GROUP BY m.series_id`,
            [[...seriesIds], from],
          ) as Promise<Array<{ series_id: string; n: number }>>,
        ]);
        const rows = ranked.length
          ? await this.dataSource.manager.find(Meeting, {
              where: { id: In(ranked.map((r) => r.id)) },
              order: { startsAt: 'ASC', id: 'ASC' },
            })
          : [];
        const totals = new Map(counts.map((c) => [c.series_id, Number(c.n)]));
        return groupByKeys(seriesIds, rows, (m) => m.seriesId!).map((meetings, i) => {
          const edges = meetings
            .slice(0, first)
            .map((node) => ({ node, cursor: encodeCursor([node.startsAt.toISOString(), node.id]) }));
          return {
            edges,
            totalCount: totals.get(seriesIds[i]) ?? 0,
            pageInfo: {
              hasNextPage: meetings.length > first,
              endCursor: edges.length ? edges[edges.length - 1].cursor : null,
            },
          };
        });
      })
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
    @Inject(RegistryAccess) private readonly access: RegistryAccess,
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
    @Inject(RegistryAccess) private readonly access: RegistryAccess,
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
