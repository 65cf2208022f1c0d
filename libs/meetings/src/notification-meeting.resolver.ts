import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthUser, byKeys, CurrentUser, GraphQLRequestContext, Notification } from '@coord/core';
import { Meeting } from './meeting.entity';
import { MeetingsAccessService } from './meetings-access';
import { MeetingsReadService } from './meetings-read.service';

/**
 * `Notification.meeting`, meetings' contribution to core's Notification type: the meeting if the caller may still
 * read it (MeetingsAccessService), null otherwise (deleted, or access lost since). One batched query per request.
 */
@Resolver(() => Notification)
export class NotificationMeetingResolver {
  constructor(
    @Inject(MeetingsReadService) private readonly meetings: MeetingsReadService,
    @Inject(MeetingsAccessService) private readonly meetingAccess: MeetingsAccessService,
  ) {}

  @ResolveField(() => Meeting, { nullable: true })
  async meeting(
    @Parent() notification: Notification,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Meeting | null> {
    if (!notification.meetingId) return null;
    const meeting = await ctx.loaders
      .get<string, Meeting | null>('notification:meeting.byId', async (ids) =>
        byKeys(ids, await this.meetings.meetingsByIds(ids), (m) => m.id),
      )
      .load(notification.meetingId);
    if (!meeting) return null;
    const personId = user?.personId;
    const isParticipant = async () => {
      if (!personId) return false;
      const participants = await ctx.loaders
        .get<string, string[]>('notification:meeting.participantPersonIds', async (ids) => {
          const rows = await this.meetings.participantsOfMeetings(ids);
          return ids.map((id) => rows.filter((p) => p.meetingId === id).map((p) => p.personId));
        })
        .load(meeting.id);
      return participants.includes(personId);
    };
    const access = await this.meetingAccess.access(user, meeting, isParticipant, ctx.memo);
    return access.read ? meeting : null;
  }
}
