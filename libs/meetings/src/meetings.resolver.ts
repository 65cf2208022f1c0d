import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Actor,
  AuthUser,
  Clock,
  Connection,
  CurrentUser,
  decodeCursor,
  encodeCursor,
  GraphQLRequestContext,
  groupByKeys,
  MAX_PAGE_SIZE,
  notFound,
  PageArgs,
  paginate,
  Public,
  requirePeriod,
} from '@coord/core';
import {
  CoordinationBody,
  isUuid,
  Organization,
  Person,
  RegistryAccess,
  RegistryReadService,
  TermsOfReference,
} from '@coord/registry';
import { DataSource, In } from 'typeorm';
import { MeetingAccess, MeetingAccessService } from './meeting-access';
import { AgendaItem, Meeting } from './meeting.entity';
import { AgendaItemInput, AttendanceInput, BodyMeetingsArgs, MeetingInput, MeetingUpdateInput } from './meeting.inputs';
import { MeetingLoaders } from './meetings.loaders';
import { MeetingsReadService } from './meetings-read.service';
import { MeetingsService } from './meetings.service';
import { MeetingStatus, Rsvp } from './meetings.enums';
import { MeetingConnection, QuorumStatus } from './meetings.types';
import { Participant } from './participant.entity';
import { Minutes } from './minutes.entity';
import { Decision } from './decision.entity';
import { computeQuorum, isQuorumAtRisk, quorumRiskWindowMs } from './quorum';

const EMPTY: Connection<Meeting> = { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };

/** Shared by the resolvers below: loaders of the request and the user's access to a meeting. */
abstract class MeetingResolverBase {
  constructor(
    protected readonly read: MeetingsReadService,
    protected readonly registry: RegistryReadService,
    protected readonly accessService: MeetingAccessService,
  ) {}

  protected loaders(ctx: GraphQLRequestContext) {
    return new MeetingLoaders(ctx, this.read, this.registry);
  }

  protected access(ctx: GraphQLRequestContext, user: AuthUser | null, meeting: Meeting): Promise<MeetingAccess> {
    const personId = user?.personId;
    return this.accessService.access(
      user,
      meeting,
      async () =>
        !!personId && (await this.loaders(ctx).participants().load(meeting.id)).some((p) => p.personId === personId),
      ctx.memo,
    );
  }

  protected actor(ctx: GraphQLRequestContext, user: AuthUser | null): Actor {
    return { user, requestId: ctx.req?.id ?? null, memo: ctx.memo };
  }
}

/** Meeting queries and mutations; the service authorizes each use case. */
@Resolver(() => Meeting)
export class MeetingsResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingAccessService) accessService: MeetingAccessService,
    @Inject(MeetingsService) private readonly meetings: MeetingsService,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    super(read, registry, accessService);
  }

  @Public()
  @Query(() => Meeting, {
    nullable: true,
    description:
      "A meeting readable by the caller (public bodies' meetings by anyone, others by readers and invitees); null otherwise.",
  })
  async meeting(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Meeting | null> {
    // null for unknown and unreadable meetings alike (as coordinationBody does): private ones do not leak.
    const meeting = isUuid(id) ? await this.loaders(ctx).meeting().load(id) : null;
    return meeting && (await this.access(ctx, user, meeting)).read ? meeting : null;
  }

  @Query(() => MeetingConnection, { description: "The signed-in person's upcoming meetings across all their bodies." })
  async myUpcomingMeetings(@Args() page: PageArgs, @CurrentUser() user: AuthUser | null): Promise<Connection<Meeting>> {
    if (!user?.personId) return EMPTY;
    const qb = this.dataSource
      .createQueryBuilder(Meeting, 'm')
      .innerJoin(Participant, 'p', 'p.meeting_id = m.id AND p.person_id = :personId', { personId: user.personId })
      .where('m.status = :status', { status: MeetingStatus.SCHEDULED })
      .andWhere('m.ends_at >= :now', { now: this.clock.now() });
    return paginate(qb, page, { sortExpression: 'm.starts_at', sortValue: (m) => m.startsAt });
  }

  @Mutation(() => Meeting)
  scheduleMeeting(
    @Args('input') input: MeetingInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.schedule(this.actor(ctx, user), input);
  }

  @Mutation(() => Meeting)
  updateMeeting(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: MeetingUpdateInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.update(this.actor(ctx, user), id, input);
  }

  @Mutation(() => Meeting)
  cancelMeeting(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.cancel(this.actor(ctx, user), id, reason);
  }

  @Mutation(() => Meeting)
  setAgenda(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('items', { type: () => [AgendaItemInput] }) items: AgendaItemInput[],
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.setAgenda(this.actor(ctx, user), meetingId, items);
  }

  @Mutation(() => Participant)
  respondToInvitation(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('rsvp', { type: () => Rsvp }) rsvp: Rsvp,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.respond(this.actor(ctx, user), meetingId, rsvp);
  }

  @Mutation(() => Meeting, {
    description:
      'Managers: invite more people to a scheduled meeting (members or guests); they get the invitation and reminders.',
  })
  addInvitees(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('personIds', { type: () => [ID] }) personIds: string[],
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.addInvitees(this.actor(ctx, user), meetingId, personIds);
  }

  @Mutation(() => Participant, { description: "Managers: record an invitee's answer given by phone or in person." })
  setRsvp(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('rsvp', { type: () => Rsvp }) rsvp: Rsvp,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.setRsvp(this.actor(ctx, user), meetingId, personId, rsvp);
  }

  @Mutation(() => Meeting)
  recordAttendance(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('entries', { type: () => [AttendanceInput] }) entries: AttendanceInput[],
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.meetings.recordAttendance(this.actor(ctx, user), meetingId, entries);
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

  // ---- nested fields: each through a DataLoader; the parent meeting was authorized where it was loaded.

  @ResolveField(() => CoordinationBody)
  async body(@Parent() meeting: Meeting, @Context() ctx: GraphQLRequestContext) {
    const body = await this.loaders(ctx).body().load(meeting.bodyId);
    if (!body) throw notFound('Coordination body', meeting.bodyId);
    return body;
  }

  @ResolveField(() => [AgendaItem])
  agenda(@Parent() meeting: Meeting, @Context() ctx: GraphQLRequestContext) {
    return this.loaders(ctx).agenda().load(meeting.id);
  }

  @ResolveField(() => [Participant], {
    description: "Invitees and their answers: for the body's members, managers and the invitees; empty for others.",
  })
  async participants(
    @Parent() meeting: Meeting,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    const access = await this.access(ctx, user, meeting);
    return access.seeParticipants ? this.loaders(ctx).participants().load(meeting.id) : [];
  }

  // The join link lets anyone into the call: for invitees, the body's members and managers only, even when the
  // meeting itself is public. (Same type as the entity's field: the schema does not change.)
  @ResolveField('onlineUrl', () => String, { nullable: true })
  async onlineUrl(
    @Parent() meeting: Meeting,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<string | null> {
    if (!meeting.onlineUrl) return null;
    const access = await this.access(ctx, user, meeting);
    return access.seeParticipants ? meeting.onlineUrl : null;
  }

  private async quorumInput(meeting: Meeting, ctx: GraphQLRequestContext) {
    const loaders = this.loaders(ctx);
    const [facts, participants] = await Promise.all([
      loaders.quorumFacts().load(meeting.id),
      loaders.participants().load(meeting.id),
    ]);
    return {
      quorumFraction: facts?.quorumFraction ?? null,
      votingMembers: facts?.votingMembers ?? 0,
      participants,
      attendanceRecorded: !!meeting.attendanceRecordedAt,
    };
  }

  @ResolveField(() => QuorumStatus)
  async quorum(@Parent() meeting: Meeting, @Context() ctx: GraphQLRequestContext): Promise<QuorumStatus> {
    return computeQuorum(await this.quorumInput(meeting, ctx));
  }

  @ResolveField(() => Boolean, {
    description:
      "A scheduled meeting within the body's longest reminder lead time whose accepted voting RSVPs are below quorum (the secretariat is alerted).",
  })
  async quorumAtRisk(@Parent() meeting: Meeting, @Context() ctx: GraphQLRequestContext): Promise<boolean> {
    const body = await this.loaders(ctx).body().load(meeting.bodyId);
    return isQuorumAtRisk({
      ...(await this.quorumInput(meeting, ctx)),
      status: meeting.status,
      startsAt: meeting.startsAt,
      now: this.clock.now(),
      riskWindowMs: quorumRiskWindowMs(body?.meetingReminders),
    });
  }

  @ResolveField(() => Minutes, {
    nullable: true,
    description: 'Adopted minutes for every reader; circulated ones for invitees and managers; drafts for managers.',
  })
  async minutes(
    @Parent() meeting: Meeting,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    const minutes = await this.loaders(ctx).minutes().load(meeting.id);
    if (!minutes) return null;
    const access = await this.access(ctx, user, meeting);
    return this.accessService.canSeeMinutes(access, minutes.status) ? minutes : null;
  }

  @ResolveField(() => [Decision], {
    description:
      "Decisions (withdrawn ones included, marked): for managers, the body's members and invitees at once; for other readers with the adopted minutes.",
  })
  async decisions(
    @Parent() meeting: Meeting,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    const loaders = this.loaders(ctx);
    const access = await this.access(ctx, user, meeting);
    const minutes = access.manage || access.seeParticipants ? null : await loaders.minutes().load(meeting.id);
    if (!this.accessService.canSeeDecisions(access, minutes?.status)) return [];
    return loaders.decisions().load(meeting.id);
  }
}

@Resolver(() => Minutes)
export class MinutesResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingAccessService) accessService: MeetingAccessService,
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
}

@Resolver(() => Participant)
export class ParticipantResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingAccessService) accessService: MeetingAccessService,
  ) {
    super(read, registry, accessService);
  }

  @ResolveField(() => Person)
  async person(@Parent() participant: Participant, @Context() ctx: GraphQLRequestContext) {
    const person = await this.loaders(ctx).person().load(participant.personId);
    if (!person) throw notFound('Person', participant.personId);
    return person;
  }

  @ResolveField(() => Organization, { nullable: true, description: 'The organization the participant represents.' })
  organization(@Parent() participant: Participant, @Context() ctx: GraphQLRequestContext) {
    return participant.organizationId ? this.loaders(ctx).organization().load(participant.organizationId) : null;
  }
}

@Resolver(() => AgendaItem)
export class AgendaItemResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingAccessService) accessService: MeetingAccessService,
  ) {
    super(read, registry, accessService);
  }

  @ResolveField(() => Person, { nullable: true })
  presenter(@Parent() item: AgendaItem, @Context() ctx: GraphQLRequestContext) {
    return item.presenterPersonId ? this.loaders(ctx).person().load(item.presenterPersonId) : null;
  }
}

@Resolver(() => Decision)
export class DecisionResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingAccessService) accessService: MeetingAccessService,
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
}

/** The meetings feature's fields on the registry's types. */
@Resolver(() => CoordinationBody)
export class BodyMeetingsResolver {
  constructor(
    @Inject(RegistryAccess) private readonly access: RegistryAccess,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  /**
   * One page per body, batched over every body of the request (a list of 50 bodies costs the same three
   * queries as one): keyset paging on (starts_at, id) with the cursors `paginate` writes.
   */
  @ResolveField(() => MeetingConnection, {
    description: 'Meetings of the body, soonest first; from/to bound the period.',
  })
  async meetings(
    @Parent() body: CoordinationBody,
    @Args() args: BodyMeetingsArgs,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Connection<Meeting>> {
    if (!(await this.access.canRead(body, user, ctx))) return EMPTY;
    const first = Math.min(Math.max(args.first ?? 20, 0), MAX_PAGE_SIZE);
    const after = args.after ? decodeCursor(args.after) : null;
    const from = args.from ?? null;
    const to = args.to ?? null;
    requirePeriod(from, to);
    const key = JSON.stringify([first, args.after ?? null, from?.toISOString() ?? null, to?.toISOString() ?? null]);
    return ctx.loaders
      .get<string, Connection<Meeting>>(`meetings:body.meetings:${key}`, async (bodyIds) => {
        const period = `m.body_id = ANY($1::uuid[]) AND ($2::timestamptz IS NULL OR m.ends_at >= $2)
          AND ($3::timestamptz IS NULL OR m.starts_at < $3)`;
        const params: unknown[] = [[...bodyIds], from, to];
        const keyset = after ? ` AND (m.starts_at, m.id) > ($5::timestamptz, $6::uuid)` : '';
        const [ranked, counts] = await Promise.all([
          this.dataSource.query(
            `SELECT id FROM (SELECT m.id, row_number() OVER (PARTITION BY m.body_id ORDER BY m.starts_at, m.id) AS rn
               FROM meetings m WHERE ${period}${keyset}) x WHERE rn <= $4`,
            [...params, first + 1, ...(after ?? [])],
          ) as Promise<Array<{ id: string }>>,
          this.dataSource.query(
            `SELECT m.body_id, count(*)::int AS n FROM meetings m WHERE ${period} GROUP BY m.body_id`,
            params,
          ) as Promise<Array<{ body_id: string; n: number }>>,
        ]);
        const rows = ranked.length
          ? await this.dataSource.manager.find(Meeting, {
              where: { id: In(ranked.map((r) => r.id)) },
              order: { startsAt: 'ASC', id: 'ASC' },
            })
          : [];
        const totals = new Map(counts.map((c) => [c.body_id, Number(c.n)]));
        return groupByKeys(bodyIds, rows, (m) => m.bodyId).map((meetings, i) => {
          const edges = meetings
            .slice(0, first)
            .map((node) => ({ node, cursor: encodeCursor([node.startsAt.toISOString(), node.id]) }));
          return {
            edges,
            totalCount: totals.get(bodyIds[i]) ?? 0,
            pageInfo: {
              hasNextPage: meetings.length > first,
              endCursor: edges.length ? edges[edges.length - 1].cursor : null,
            },
          };
        });
      })
      .load(body.id);
  }
}

@Resolver(() => TermsOfReference)
export class TermsOfReferenceMeetingResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingAccessService) accessService: MeetingAccessService,
  ) {
    super(read, registry, accessService);
  }

  @ResolveField(() => Meeting, { nullable: true, description: 'The meeting at which this version was adopted.' })
  async adoptedAtMeeting(
    @Parent() tor: TermsOfReference,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    if (!tor.adoptedAtMeetingId) return null;
    const meeting = await this.loaders(ctx).meeting().load(tor.adoptedAtMeetingId);
    return meeting && (await this.access(ctx, user, meeting)).read ? meeting : null;
  }
}
