import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ContentTranslation,
  GraphQLRequestContext,
  TranslatableType,
  TranslatableTypes,
  translationsOf,
} from '@coord/core';
import { locate } from '@coord/registry';
import { ActionItem } from './action-item.entity';

/** Action items and commitments are translatable by the managers of their body (as updateActionItem). */
@Injectable()
export class ActionTranslations implements OnModuleInit {
  constructor(@Inject(TranslatableTypes) private readonly types: TranslatableTypes) {}

  onModuleInit(): void {
    this.types.register({
      type: TranslatableType.ACTION_ITEM,
      label: 'Action item',
      auditEntityType: 'ActionItem',
      fields: { title: 'text', description: 'text' },
      locate: (em, id) =>
        locate(em, `SELECT id, body_id, original_locale FROM action_items WHERE id = $1 FOR UPDATE`, id),
    });
  }
}

@Resolver(() => ActionItem)
export class ActionItemTranslationsResolver {
  @ResolveField(() => [ContentTranslation])
  translations(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    return translationsOf(ctx, TranslatableType.ACTION_ITEM, item.id);
  }
}
