import { Actor, actorOf, AuthUser, GraphQLRequestContext } from '@coord/core';
import { RegistryReadService } from '@coord/registry';
import { MeetingAccess, MeetingsAccessService } from './meetings-access';
import { Meeting } from './meeting.entity';
import { MeetingLoaders } from './meetings.loaders';
import { MeetingsReadService } from './meetings-read.service';

/** Shared by the resolvers below: loaders of the request and the user's access to a meeting. */
export abstract class MeetingResolverBase {
  constructor(
    protected readonly read: MeetingsReadService,
    protected readonly registry: RegistryReadService,
    protected readonly accessService: MeetingsAccessService,
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
    return actorOf(user, ctx);
  }
}
