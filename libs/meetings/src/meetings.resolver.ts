import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AuthUser,
  Clock,
  Connection,
  CurrentUser,
  cursorAfter,
  GraphQLRequestContext,
  notFound,
  PageArgs,
  pageSize,
  Public,
  requirePeriod,
} from '@coord/core';
import {
  CoordinationBody,
  isUuid,
  Organization,
  Person,
  RegistryAccessService,
  RegistryReadService,
  TermsOfReference,
} from '@coord/registry';
import { MeetingsAccessService } from './meetings-access';
import { AgendaItem, Meeting } from './meeting.entity';
import { AgendaItemInput, AttendanceInput, BodyMeetingsArgs, MeetingInput, MeetingUpdateInput } from './meeting.inputs';
import { MeetingResolverBase } from './meeting-resolver.base';
import { MeetingsReadService } from './meetings-read.service';
import { MeetingsService } from './meetings.service';
import { Rsvp } from './meetings.enums';
import { MeetingConnection, QuorumStatus } from './meetings.types';
import { Participant } from './participant.entity';
import { Minutes } from './minutes.entity';
import { Decision } from './decision.entity';
import { computeQuorum, isQuorumAtRisk, quorumRiskWindowMs } from './quorum';

const EMPTY: Connection<Meeting> = { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };

/** Meeting queries and mutations; the service authorizes each use case. */
@Resolver(() => Meeting)
export class MeetingsResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingsAccessService) accessService: MeetingsAccessService,
    @Inject(MeetingsService) private readonly meetings: MeetingsService,
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
    return this.read.upcomingMeetingsOf(user.personId, this.clock.now(), page);
  }

  @Mutation(() => Meeting)
  async scheduleMeeting(
    @Args('input') input: MeetingInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    const scheduled = await this.meetings.schedule(this.actor(ctx, user), input);
    // The rows just written (and the body and quorum facts read with them) answer the response's fields.
    this.loaders(ctx).prime(scheduled.meeting, scheduled);
    return scheduled.meeting;
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
    return (await this.accessService.canSeeMinutes(access, minutes.status)) ? minutes : null;
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

@Resolver(() => Participant)
export class ParticipantResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingsAccessService) accessService: MeetingsAccessService,
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
    @Inject(MeetingsAccessService) accessService: MeetingsAccessService,
  ) {
    super(read, registry, accessService);
  }

  @ResolveField(() => Person, { nullable: true })
  presenter(@Parent() item: AgendaItem, @Context() ctx: GraphQLRequestContext) {
    return item.presenterPersonId ? this.loaders(ctx).person().load(item.presenterPersonId) : null;
  }
}

/** The meetings feature's fields on the registry's types. */
@Resolver(() => CoordinationBody)
export class BodyMeetingsResolver {
  constructor(
    @Inject(RegistryAccessService) private readonly access: RegistryAccessService,
    @Inject(MeetingsReadService) private readonly read: MeetingsReadService,
  ) {}

  /**
   * One page per body, batched over every body of the request (a list of 50 bodies costs the same three
   * queries as one): keyset paging on (starts_at, id) with core's cursors.
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
    const first = pageSize(args);
    const after = cursorAfter(args);
    const from = args.from ?? null;
    const to = args.to ?? null;
    requirePeriod(from, to);
    const key = JSON.stringify([first, args.after ?? null, from?.toISOString() ?? null, to?.toISOString() ?? null]);
    return ctx.loaders
      .get<string, Connection<Meeting>>(`meetings:body.meetings:${key}`, (bodyIds) =>
        this.read.meetingPages('body', bodyIds, { first, after, from, to }),
      )
      .load(body.id);
  }
}

@Resolver(() => TermsOfReference)
export class TermsOfReferenceMeetingResolver extends MeetingResolverBase {
  constructor(
    @Inject(MeetingsReadService) read: MeetingsReadService,
    @Inject(RegistryReadService) registry: RegistryReadService,
    @Inject(MeetingsAccessService) accessService: MeetingsAccessService,
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
