import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, CurrentUser, GraphQLRequestContext, PageArgs } from '@coord/core';
import type { AuthUser } from '@coord/core';
import { ActionItem } from '../action-item.entity';
import { ActionItemConnection } from '../action-items.resolver';
import { FollowersService } from './followers.service';

/** Following commitments: follow, unfollow, the follower's list and `followedByMe`. */
@Resolver(() => ActionItem)
export class FollowingResolver {
  constructor(@Inject(FollowersService) private readonly followers: FollowersService) {}

  @Mutation(() => ActionItem, {
    description:
      'Anyone who may read a commitment follows it: progress, assessments and due-date changes reach them as notifications.',
  })
  followActionItem(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.followers.follow(actorOf(user, ctx), id, true);
  }

  @Mutation(() => ActionItem)
  unfollowActionItem(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.followers.follow(actorOf(user, ctx), id, false);
  }

  @Query(() => ActionItemConnection, { description: 'Commitments the signed-in user follows.' })
  followedActionItems(@Args() page: PageArgs, @CurrentUser() user: AuthUser, @Context() ctx: GraphQLRequestContext) {
    return this.followers.followed(user, page, ctx.memo);
  }

  @ResolveField(() => Boolean)
  async followedByMe(
    @Parent() item: ActionItem,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<boolean> {
    const personId = user?.personId;
    if (!personId) return false;
    return ctx.loaders
      .get<string, boolean>('actions:followedByMe', async (ids) => {
        const followed = await this.followers.followedAmong(personId, ids);
        return ids.map((id) => followed.has(id));
      })
      .load(item.id);
  }
}
