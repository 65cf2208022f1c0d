import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthUser, byKeys, CurrentUser, GraphQLRequestContext } from '@coord/core';
import { ActionItem, ActionItemsReader } from '@coord/actions';
import { Meeting, MeetingAccessService, MeetingsReadService } from '@coord/meetings';
import { Notification } from './notification.entity';

/**
 * What a notification is about, through the owning features' read rules: the meeting if the caller may still
 * read it (MeetingAccessService), the action item if still visible (ActionItemsReader.visibleByIds); null
 * otherwise (deleted, or access lost since). One batched query per type per request.
 */
@Resolver(() => Notification)
export class NotificationSubjectsResolver {
  constructor(
    @Inject(MeetingsReadService) private readonly meetings: MeetingsReadService,
    @Inject(MeetingAccessService) private readonly meetingAccess: MeetingAccessService,
    @Inject(ActionItemsReader) private readonly actionItems: ActionItemsReader,
  ) {}

  @ResolveField(() => Meeting, { nullable: true })
  async meeting(
    @Parent() notification: Notification,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Meeting | null> {
    if (!notification.meetingId) return null;
    const meeting = await ctx.loaders
      .get<string, Meeting | null>('reminders:meeting.byId', async (ids) =>
        byKeys(ids, await this.meetings.meetingsByIds(ids), (m) => m.id),
      )
      .load(notification.meetingId);
    if (!meeting) return null;
    const personId = user?.personId;
    const isParticipant = async () => {
      if (!personId) return false;
      const participants = await ctx.loaders
        .get<string, string[]>('reminders:meeting.participantPersonIds', async (ids) => {
          const rows = await this.meetings.participantsOfMeetings(ids);
          return ids.map((id) => rows.filter((p) => p.meetingId === id).map((p) => p.personId));
        })
        .load(meeting.id);
      return participants.includes(personId);
    };
    const access = await this.meetingAccess.access(user, meeting, isParticipant, ctx.memo);
    return access.read ? meeting : null;
  }

  @ResolveField(() => ActionItem, { nullable: true })
  async actionItem(
    @Parent() notification: Notification,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<ActionItem | null> {
    if (!notification.actionItemId) return null;
    return ctx.loaders
      .get<string, ActionItem | null>('reminders:actionItem.visibleById', async (ids) =>
        byKeys(ids, await this.actionItems.visibleByIds(user, ids), (a) => a.id),
      )
      .load(notification.actionItemId);
  }
}
