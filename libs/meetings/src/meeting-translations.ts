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
import { AgendaItem, Meeting } from './meeting.entity';
import { Decision } from './decision.entity';

/**
 * Meetings, their agenda items and decisions are translatable by the managers of the meeting's body (core's
 * rule). Agenda items and decisions are written in their meeting's language.
 */
@Injectable()
export class MeetingTranslations implements OnModuleInit {
  constructor(@Inject(TranslatableTypes) private readonly types: TranslatableTypes) {}

  onModuleInit(): void {
    this.types.register({
      type: TranslatableType.MEETING,
      label: 'Meeting',
      auditEntityType: 'Meeting',
      fields: { title: 'text', location: 'text' },
      locate: (em, id) => locate(em, `SELECT id, body_id, original_locale FROM meetings WHERE id = $1 FOR UPDATE`, id),
    });
    this.types.register({
      type: TranslatableType.AGENDA_ITEM,
      label: 'Agenda item',
      auditEntityType: 'AgendaItem',
      fields: { title: 'text', description: 'text' },
      locate: (em, id) =>
        locate(
          em,
          `SELECT a.id, m.body_id, m.original_locale FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
            WHERE a.id = $1 FOR UPDATE OF a`,
          id,
        ),
    });
    this.types.register({
      type: TranslatableType.DECISION,
      label: 'Decision',
      auditEntityType: 'Decision',
      fields: { text: 'text' },
      locate: (em, id) =>
        locate(
          em,
          `SELECT d.id, m.body_id, m.original_locale FROM decisions d JOIN meetings m ON m.id = d.meeting_id
            WHERE d.id = $1 FOR UPDATE OF d`,
          id,
        ),
    });
  }
}

@Resolver(() => Meeting)
export class MeetingTranslationsResolver {
  @ResolveField(() => [ContentTranslation])
  translations(@Parent() meeting: Meeting, @Context() ctx: GraphQLRequestContext) {
    return translationsOf(ctx, TranslatableType.MEETING, meeting.id);
  }
}

@Resolver(() => AgendaItem)
export class AgendaItemTranslationsResolver {
  @ResolveField(() => [ContentTranslation])
  translations(@Parent() item: AgendaItem, @Context() ctx: GraphQLRequestContext) {
    return translationsOf(ctx, TranslatableType.AGENDA_ITEM, item.id);
  }
}

@Resolver(() => Decision)
export class DecisionTranslationsResolver {
  @ResolveField(() => [ContentTranslation])
  translations(@Parent() decision: Decision, @Context() ctx: GraphQLRequestContext) {
    return translationsOf(ctx, TranslatableType.DECISION, decision.id);
  }
}
