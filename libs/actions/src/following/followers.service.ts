import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  Actor,
  AuthUser,
  Clock,
  Connection,
  DueReminder,
  forbidden,
  MutationService,
  OutboxService,
  PageArgs,
  paginate,
  ReminderHandlerRegistry,
  ReminderMessage,
  RequestMemo,
  msg,
  content,
  day,
  localizedText,
  MessageRef,
  MessageValue,
  todayIn,
} from '@coord/core';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { ACTION_SORT_SQL, ActionItem, actionSortValue } from '../action-item.entity';
import { ActionsReadService } from '../actions-read.service';
import { visibleItemsSql } from '../actions-access';
import { ACTION_SUBJECT } from '../action-reminders';
import { ActionItemFollower } from './follower.entity';

export const FOLLOWED_UPDATE_KIND = 'ACTION_FOLLOWED_UPDATE';

/** What happened to a followed item; the message is written from it at delivery. */
export type FollowedEvent =
  | { event: 'PROGRESS'; note: string; progressPercent: number; status: string; evidenceUrls?: string[] }
  | { event: 'ASSESSED'; level: string }
  | { event: 'DUE_DATE'; from: string | null; to: string | null };

/**
 * SQL: the item (alias a, body b) is visible to the person in column `personColumn` (the same rule as
 * visibleItemsSql, for each follower at once). Platform admins who follow private items of bodies they do not sit on
 * are not told (the rule here is the person's, not the sign-in's).
 */
function visibleToPersonSql(personColumn: string, today: string): { sql: string; params: Record<string, unknown> } {
  const { sql } = visibleItemsSql({ id: '', personId: '00000000-0000-0000-0000-000000000000' } as AuthUser);
  return { sql: sql.replace(/:viewerPersonId/g, personColumn), params: { viewerToday: today } };
}

/**
 * Following commitments: anyone who may read an item follows it; progress reports, status changes, assessments
 * and due-date changes reach followers as ACTION_FOLLOWED_UPDATE notifications through the outbox (written in the
 * transaction of the change), to the followers who still may read the item when it is delivered, never to the
 * person who made the change. Nobody but the follower learns who follows.
 */
@Injectable()
export class FollowersService implements OnModuleInit {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(ActionsReadService) private readonly reader: ActionsReadService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(ReminderHandlerRegistry) private readonly handlers: ReminderHandlerRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.handlers.register({
      kinds: [FOLLOWED_UPDATE_KIND],
      messagesFor: async (intent, em) => (await this.messagesForMany([intent], em)).get(intent.id) ?? [],
      messagesForMany: (intents, em) => this.messagesForMany(intents, em),
    });
  }

  async follow(actor: Actor<AuthUser>, id: string, follow: boolean): Promise<ActionItem> {
    const item = await this.reader.requireVisible(actor.user, id, actor.memo);
    const personId = actor.user.personId;
    if (!personId) throw forbidden(msg('error.actions.following.signLinkedPersonFollow'));
    return this.mutations.run(actor, async (em) => {
      const changed = follow
        ? (
            await em
              .createQueryBuilder()
              .insert()
              .into(ActionItemFollower)
              .values({ actionItemId: item.id, personId })
              .orIgnore()
              .execute()
          ).raw.length > 0
        : !!(await em.delete(ActionItemFollower, { actionItemId: item.id, personId })).affected;
      if (changed) {
        await this.mutations.audit(em, actor, {
          action: follow ? 'actionItem.follow' : 'actionItem.unfollow',
          entityType: 'ActionItem',
          entityId: item.id,
          changes: { followedByMe: [!follow, follow] },
        });
      }
      return item;
    });
  }

  /** The items the signed-in person follows and may still read, in the usual order (due date, then id). */
  async followed(user: AuthUser, page: PageArgs, memo?: RequestMemo): Promise<Connection<ActionItem>> {
    if (!user.personId) return { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
    const qb = await this.reader.query(user, {}, memo);
    qb.innerJoin(ActionItemFollower, 'fol', 'fol.action_item_id = a.id AND fol.person_id = :followerId', {
      followerId: user.personId,
    });
    return paginate(qb, page, { sortExpression: ACTION_SORT_SQL, sortValue: actionSortValue, rowsAreDistinct: true });
  }

  /** For each of `ids`: does `personId` follow it. One query. */
  async followedAmong(personId: string, ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.dataSource
      .getRepository(ActionItemFollower)
      .find({ where: { personId, actionItemId: In([...ids]) }, select: { actionItemId: true } });
    return new Set(rows.map((r) => r.actionItemId));
  }

  /**
   * Tells the item's followers about `change`, through the outbox in the caller's transaction: one intent per
   * change (its own key, so that two reports both arrive), only when someone follows the item (checked by the
   * statement that writes it).
   */
  async notify(em: EntityManager, item: ActionItem, change: FollowedEvent, actorPersonId: string | null) {
    await this.outbox.scheduleMany(
      em,
      [
        {
          kind: FOLLOWED_UPDATE_KIND,
          subjectType: ACTION_SUBJECT,
          subjectId: item.id,
          dueAt: this.clock.now(),
          dedupeKey: `actionItem:${item.id}:followed:${randomUUID()}`,
          payload: { ...change, actorPersonId },
        },
      ],
      { onlyWhere: 'EXISTS (SELECT 1 FROM action_item_followers f WHERE f.action_item_id = x.subject_id)' },
    );
  }

  /** Messages of a delivery batch: two queries (items with their bodies, followers who may read them). */
  async messagesForMany(intents: DueReminder[], em: EntityManager): Promise<Map<string, ReminderMessage[]>> {
    const result = new Map<string, ReminderMessage[]>();
    const itemIds = [...new Set(intents.map((i) => i.subjectId))];
    if (!itemIds.length) return result;
    const items = new Map(
      (await em.find(ActionItem, { where: { id: In(itemIds) } })).map((item) => [item.id, item] as const),
    );
    const visible = visibleToPersonSql('f.person_id', todayIn('UTC', this.clock.now()));
    const [sql, params] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT f.action_item_id, f.person_id, b.id AS body_id, b.name AS body_name
         FROM action_item_followers f
         JOIN action_items a ON a.id = f.action_item_id
         JOIN coordination_bodies b ON b.id = a.body_id
        WHERE f.action_item_id = ANY(:itemIds) AND ${visible.sql}
        ORDER BY f.action_item_id, f.person_id`,
      { ...visible.params, itemIds },
      {},
    );
    const rows: Array<{ action_item_id: string; person_id: string; body_id: string; body_name: string }> =
      await em.query(sql, params);
    const followers = new Map<string, { body: { id: string; name: string }; people: string[] }>();
    for (const r of rows) {
      const entry = followers.get(r.action_item_id) ?? { body: { id: r.body_id, name: r.body_name }, people: [] };
      entry.people.push(r.person_id);
      followers.set(r.action_item_id, entry);
    }
    for (const intent of intents) {
      const item = items.get(intent.subjectId);
      const who = followers.get(intent.subjectId);
      if (!item || !who) continue;
      const text = followedUpdateText(item, who.body, intent.payload as FollowedEvent);
      result.set(
        intent.id,
        who.people
          .filter((personId) => personId !== intent.payload.actorPersonId)
          .map((personId) => ({
            personId,
            kind: FOLLOWED_UPDATE_KIND,
            ...text,
            linkPath: `/action-items/${item.id}`,
            actionItemId: item.id,
            meetingId: item.meetingId,
          })),
      );
    }
    return result;
  }
}

/**
 * The words of a followed-item notification as catalog messages: rendered in each follower's language at delivery
 * (the item's title and the body's name in that language when translated, dates spelt out in it).
 */
export function followedUpdateText(
  item: Pick<ActionItem, 'id' | 'title' | 'isCommitment'>,
  body: { id: string; name: string },
  change: FollowedEvent,
): Pick<ReminderMessage, 'title' | 'body' | 'text'> {
  const values: Record<string, MessageValue> = {
    title: content('ACTION_ITEM', item.id, 'title', item.title),
    body: content('COORDINATION_BODY', body.id, 'name', body.name),
    commitment: item.isCommitment ? 'true' : 'false',
  };
  switch (change.event) {
    case 'PROGRESS': {
      const progress = { ...values, status: change.status, percent: change.progressPercent, note: change.note };
      const evidence: MessageRef[] = change.evidenceUrls?.length
        ? [{ key: 'followed.evidence', values: { urls: change.evidenceUrls.join(' ') } }]
        : [];
      return localizedText({ key: 'followed.progress.title', values }, [
        { key: 'followed.progress.body', values: progress },
        ...evidence,
      ]);
    }
    case 'ASSESSED': {
      const assessed = { ...values, level: change.level };
      return localizedText({ key: 'followed.assessed.title', values: assessed }, [
        { key: 'followed.assessed.body', values: assessed },
      ]);
    }
    case 'DUE_DATE': {
      const dates = {
        ...values,
        to: change.to ? day(change.to) : 'none',
        from: change.from ? day(change.from) : 'none',
      };
      return localizedText({ key: 'followed.dueDate.title', values }, [
        { key: 'followed.dueDate.body', values: dates },
      ]);
    }
  }
}
