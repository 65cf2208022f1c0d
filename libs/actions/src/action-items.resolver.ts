import { Inject } from '@nestjs/common';
import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { actorOf, ConnectionType, CurrentUser, GraphQLRequestContext, Public } from '@coord/core';
import type { AuthUser } from '@coord/core';
import { CoordinationBody, Organization, Person } from '@coord/registry';
import { Decision, Meeting, MeetingsAccessService, MeetingsReadService, Minutes } from '@coord/meetings';
import { byKeys } from '@coord/core';
import { ActionItem } from './action-item.entity';
import { ActionUpdate } from './action-update.entity';
import {
  ActionItemInput,
  ActionItemsArgs,
  ActionItemUpdateInput,
  ActionProgressInput,
  MyActionItemsArgs,
} from './action-items.inputs';
import { ActionItemsLoaders } from './action-items.loaders';
import { ActionsReadService, daysOverdue, isOverdue } from './actions-read.service';
import { ActionItemsService } from './action-items.service';
import { FrameworkTarget } from './framework-target.entity';

export const ActionItemConnection = ConnectionType(ActionItem, 'ActionItem');

/** Whether the resolved field's selection names `field` (directly or in a fragment; @skip/@include aside). */
function selects(info: GraphQLResolveInfo, field: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) =>
      s.kind === Kind.FIELD
        ? s.name.value === field
        : s.kind === Kind.INLINE_FRAGMENT
          ? visit(s.selectionSet)
          : visit(info.fragments[s.name.value]?.selectionSet),
    );
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

/** Action items and commitments: queries, mutations and nested fields. */
@Resolver(() => ActionItem)
export class ActionItemsResolver {
  constructor(
    @Inject(ActionItemsService) private readonly items: ActionItemsService,
    @Inject(ActionsReadService) private readonly reader: ActionsReadService,
    @Inject(ActionItemsLoaders) private readonly loaders: ActionItemsLoaders,
    @Inject(MeetingsReadService) private readonly meetings: MeetingsReadService,
    @Inject(MeetingsAccessService) private readonly meetingAccess: MeetingsAccessService,
  ) {}

  @Public()
  @Query(() => ActionItem, {
    nullable: true,
    description: 'NOT_FOUND when the item does not exist or the caller may not see it.',
  })
  actionItem(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.reader.requireVisible(user, id, ctx.memo);
  }

  @Public()
  @Query(() => ActionItemConnection, { description: 'Items visible to the caller (anonymous: public commitments).' })
  actionItems(
    @Args() args: ActionItemsArgs,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.reader.list(user, args.filter, args, ctx.memo);
  }

  @Query(() => ActionItemConnection, {
    description:
      'Items the signed-in person answers for: owned by them, or by an organization they are a focal point of on the item’s body, an ancestor or a descendant.',
  })
  myActionItems(@Args() args: MyActionItemsArgs, @CurrentUser() user: AuthUser, @Context() ctx: GraphQLRequestContext) {
    return this.reader.mine(user, args.status, args, ctx.memo);
  }

  @Mutation(() => ActionItem)
  async createActionItem(
    @Args('input') input: ActionItemInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    const created = await this.items.create(actorOf(user, ctx), input);
    // The rows the checks read answer the response's fields (no read after the write).
    this.loaders.prime(ctx, created.item, created);
    return created.item;
  }

  @Mutation(() => ActionItem)
  updateActionItem(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ActionItemUpdateInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.items.update(actorOf(user, ctx), id, input);
  }

  @Mutation(() => ActionItem)
  async reportProgress(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ActionProgressInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    // The trail the response asks for comes with the statement that adds the update (no read after it).
    const { item, trail } = await this.items.reportProgress(actorOf(user, ctx), id, input, selects(info, 'updates'));
    if (trail) this.loaders.prime(ctx, item, { updates: trail });
    return item;
  }

  @Mutation(() => ActionItem, {
    description:
      "Managers: correct the text of a progress note (e.g. to take out a person's name); audited, the trail is otherwise append-only.",
  })
  correctProgressNote(
    @Args('updateId', { type: () => ID }) updateId: string,
    @Args('note') note: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.items.correctProgressNote(actorOf(user, ctx), updateId, note);
  }

  @ResolveField(() => CoordinationBody)
  body(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.body(ctx).load(item.bodyId);
  }

  @ResolveField(() => Boolean, { description: "Not DONE or CANCELLED and dueOn before today in the body's time zone." })
  async isOverdue(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    const body = await this.loaders.body(ctx).load(item.bodyId);
    return isOverdue(item, body?.timezone ?? 'UTC');
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: "Days past dueOn in the body's time zone; null when not overdue.",
  })
  async daysOverdue(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    const body = await this.loaders.body(ctx).load(item.bodyId);
    return daysOverdue(item, body?.timezone ?? 'UTC');
  }

  @ResolveField(() => Boolean, { description: 'The viewer may edit the item (manages its body).' })
  async viewerCanEdit(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    return (await this.rights(ctx).load(item.id)).canEdit;
  }

  @ResolveField(() => Boolean, {
    description:
      'The viewer may report progress: owner, a focal point answering for the owner organization, or a manager.',
  })
  async viewerCanReportProgress(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    return (await this.rights(ctx).load(item.id)).canReport;
  }

  private rights(ctx: GraphQLRequestContext) {
    return ctx.loaders.get<string, { canEdit: boolean; canReport: boolean }>('actions:viewerRights', async (ids) => {
      const rights = await this.reader.rightsByIds(ctx.req.user ?? null, ids);
      return ids.map((id) => rights.get(id) ?? { canEdit: false, canReport: false });
    });
  }

  @ResolveField(() => Person, { nullable: true })
  ownerPerson(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    return item.ownerPersonId ? this.loaders.person(ctx).load(item.ownerPersonId) : null;
  }

  @ResolveField(() => Organization, { nullable: true })
  ownerOrganization(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    return item.ownerOrganizationId ? this.loaders.organization(ctx).load(item.ownerOrganizationId) : null;
  }

  @ResolveField(() => [FrameworkTarget])
  frameworkTargets(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.frameworkTargets(ctx).load(item.id);
  }

  @ResolveField(() => [ActionUpdate], { description: 'The progress trail, oldest first; never edited or deleted.' })
  updates(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.updates(ctx).load(item.id);
  }

  @ResolveField(() => Meeting, { nullable: true })
  async meeting(
    @Parent() item: ActionItem,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Meeting | null> {
    return (await this.readableMeeting(item, user, ctx))?.meeting ?? null;
  }

  @ResolveField(() => Decision, { nullable: true })
  async decision(
    @Parent() item: ActionItem,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Decision | null> {
    // A decision is read with its meeting (always set when decisionId is: MeetingLinks takes it from the decision),
    // under the meetings feature's rule for decisions (the public sees them with the adopted minutes).
    if (!item.decisionId) return null;
    const readable = await this.readableMeeting(item, user, ctx);
    if (!readable) return null;
    const minutes = await ctx.loaders
      .get<string, Minutes | null>('actions:meeting.minutes', async (ids) =>
        byKeys(ids, await this.meetings.minutesOfMeetings(ids), (m) => m.meetingId),
      )
      .load(readable.meeting.id);
    if (!this.meetingAccess.canSeeDecisions(readable.access, minutes?.status)) return null;
    return ctx.loaders
      .get<string, Decision | null>('actions:decision.byId', async (ids) =>
        byKeys(ids, await this.meetings.decisionsByIds(ids), (d) => d.id),
      )
      .load(item.decisionId);
  }

  /**
   * The item's meeting if the caller may read it under the meetings feature's rules. Seeing an item is not
   * enough: its owner (person or focal point) need not be a member of a private body nor invited to its meeting.
   */
  private async readableMeeting(item: ActionItem, user: AuthUser | null, ctx: GraphQLRequestContext) {
    if (!item.meetingId) return null;
    const meeting = await ctx.loaders
      .get<string, Meeting | null>('actions:meeting.byId', async (ids) =>
        byKeys(ids, await this.meetings.meetingsByIds(ids), (m) => m.id),
      )
      .load(item.meetingId);
    if (!meeting) return null;
    const isParticipant = async () => {
      const personIds = await ctx.loaders
        .get<string, string[]>('actions:meeting.participantPersonIds', async (ids) => {
          const rows = await this.meetings.participantsOfMeetings(ids);
          return ids.map((id) => rows.filter((p) => p.meetingId === id).map((p) => p.personId));
        })
        .load(meeting.id);
      return !!user?.personId && personIds.includes(user.personId);
    };
    const access = await this.meetingAccess.access(user, meeting, isParticipant, ctx.memo);
    return access.read ? { meeting, access } : null;
  }
}

@Resolver(() => ActionUpdate)
export class ActionUpdatesResolver {
  constructor(@Inject(ActionItemsLoaders) private readonly loaders: ActionItemsLoaders) {}

  @ResolveField(() => Person, { nullable: true })
  author(@Parent() update: ActionUpdate, @Context() ctx: GraphQLRequestContext) {
    return update.authorPersonId ? this.loaders.person(ctx).load(update.authorPersonId) : null;
  }
}

/** `CoordinationBody.actionItems`: the body's items (the registry owns the type, this feature the field). */
@Resolver(() => CoordinationBody)
export class BodyActionItemsResolver {
  constructor(@Inject(ActionsReadService) private readonly reader: ActionsReadService) {}

  @ResolveField(() => ActionItemConnection)
  actionItems(
    @Parent() body: CoordinationBody,
    @Args() args: ActionItemsArgs,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.reader.list(user, { ...(args.filter ?? {}), bodyId: body.id }, args, ctx.memo);
  }
}

/** `Meeting.actionItems` and `Decision.actionItems`: items raised there, as the caller may see them. */
@Resolver(() => Meeting)
export class MeetingActionItemsResolver {
  constructor(@Inject(ActionItemsLoaders) private readonly loaders: ActionItemsLoaders) {}

  @ResolveField(() => [ActionItem])
  actionItems(@Parent() meeting: Meeting, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.itemsBy(ctx, 'meeting_id').load(meeting.id);
  }
}

@Resolver(() => Decision)
export class DecisionActionItemsResolver {
  constructor(@Inject(ActionItemsLoaders) private readonly loaders: ActionItemsLoaders) {}

  @ResolveField(() => [ActionItem])
  actionItems(@Parent() decision: Decision, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.itemsBy(ctx, 'decision_id').load(decision.id);
  }
}
