import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthUser, byKeys, CurrentUser, GraphQLRequestContext, Notification } from '@coord/core';
import { ActionItem } from './action-item.entity';
import { ActionsReadService } from './actions-read.service';

/**
 * `Notification.actionItem`, actions' contribution to core's Notification type: the action item if the caller may
 * still see it (ActionsReadService.visibleByIds), null otherwise (deleted, or access lost since). One batched query
 * per request.
 */
@Resolver(() => Notification)
export class NotificationActionItemResolver {
  constructor(@Inject(ActionsReadService) private readonly actionItems: ActionsReadService) {}

  @ResolveField(() => ActionItem, { nullable: true })
  async actionItem(
    @Parent() notification: Notification,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<ActionItem | null> {
    if (!notification.actionItemId) return null;
    return ctx.loaders
      .get<string, ActionItem | null>('notification:actionItem.visibleById', async (ids) =>
        byKeys(ids, await this.actionItems.visibleByIds(user, ids), (a) => a.id),
      )
      .load(notification.actionItemId);
  }
}
