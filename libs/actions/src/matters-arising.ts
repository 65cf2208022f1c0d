import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthUser, CurrentUser, GraphQLRequestContext, groupByKeys } from '@coord/core';
import { MatterArising, MattersArisingRegistry, MattersArisingSource, Meeting } from '@coord/meetings';
import { CoordinationBody } from '@coord/registry';
import { DataSource, EntityManager, In } from 'typeorm';
import { ActionItem } from './action-item.entity';
import { visibleItemsSql } from './actions-access';

/**
 * Matters arising: the open items (not DONE or CANCELLED) of a meeting's body raised before the meeting starts,
 * carried from meeting to meeting until closed. A parent body's meeting may also bring up its sub-bodies'
 * (at any depth) overdue items — overdue on the meeting's day in its zone — through the field's argument
 * `includeSubBodyOverdue` (default false; the invitation lists the body's own items only).
 * The field shows what the caller may see of the items (visibleItemsSql); both reads are batched per request.
 */
const OPEN = `a.status NOT IN ('DONE', 'CANCELLED') AND a.created_at < mt.starts_at`;
const SUB_BODY_OVERDUE = `(a.due_on < (mt.starts_at AT TIME ZONE mt.timezone)::date
  AND mt.body_id IN (WITH RECURSIVE up(id) AS (
        SELECT ub.parent_id FROM coordination_bodies ub WHERE ub.id = a.body_id
        UNION SELECT pb.parent_id FROM coordination_bodies pb JOIN up ON pb.id = up.id
      ) SELECT id FROM up WHERE id IS NOT NULL))`;

@Injectable()
export class MattersArisingReadService implements MattersArisingSource, OnModuleInit {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MattersArisingRegistry) private readonly registry: MattersArisingRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** For invitations: every open earlier item of the meetings' bodies with its owner's name, in one query. */
  async forMeetings(meetingIds: readonly string[], em: EntityManager): Promise<MatterArising[]> {
    const rows: Array<{ meeting_id: string; title: string; owner: string | null; due_on: string | null }> =
      await em.query(
        `SELECT mt.id AS meeting_id, a.title, coalesce(p.full_name, o.name) AS owner,
                to_char(a.due_on, 'YYYY-MM-DD') AS due_on
           FROM meetings mt
           JOIN action_items a ON a.body_id = mt.body_id
           LEFT JOIN people p ON p.id = a.owner_person_id
           LEFT JOIN organizations o ON o.id = a.owner_organization_id
          WHERE mt.id = ANY($1::uuid[]) AND ${OPEN}
          ORDER BY mt.id, a.due_sort, a.id`,
        [[...meetingIds]],
      );
    return rows.map((r) => ({ meetingId: r.meeting_id, title: r.title, owner: r.owner, dueOn: r.due_on }));
  }

  /** For the field: the ids per meeting the user may see, then the items, in two queries whatever the meetings. */
  async visibleForMeetings(
    user: AuthUser | null,
    meetingIds: readonly string[],
    includeSubBodyOverdue: boolean,
  ): Promise<ActionItem[][]> {
    const visible = visibleItemsSql(user);
    const pairs: Array<{ meeting_id: string; item_id: string }> = await this.dataSource
      .createQueryBuilder(ActionItem, 'a')
      .innerJoin(CoordinationBody, 'b', 'b.id = a.body_id')
      .innerJoin(
        Meeting,
        'mt',
        includeSubBodyOverdue ? `(mt.body_id = a.body_id OR ${SUB_BODY_OVERDUE})` : 'mt.body_id = a.body_id',
      )
      .select('mt.id', 'meeting_id')
      .addSelect('a.id', 'item_id')
      .where('mt.id IN (:...meetingIds)', { meetingIds: [...meetingIds] })
      .andWhere(OPEN)
      .andWhere(visible.sql, visible.params)
      .orderBy('a.due_sort', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getRawMany();
    const ids = [...new Set(pairs.map((p) => p.item_id))];
    const items = new Map(
      (ids.length ? await this.dataSource.manager.findBy(ActionItem, { id: In(ids) }) : []).map((a) => [a.id, a]),
    );
    return groupByKeys(meetingIds, pairs, (p) => p.meeting_id).map((list) => list.map((p) => items.get(p.item_id)!));
  }
}

/** `Meeting.mattersArising` (the meetings feature owns the type, this feature the items). */
@Resolver(() => Meeting)
export class MeetingMattersArisingResolver {
  constructor(@Inject(MattersArisingReadService) private readonly reader: MattersArisingReadService) {}

  @ResolveField(() => [ActionItem], {
    description:
      'Open action items of the body raised before this meeting (not DONE or CANCELLED): carried forward until closed.',
  })
  mattersArising(
    @Parent() meeting: Meeting,
    @Args('includeSubBodyOverdue', {
      type: () => Boolean,
      nullable: true,
      defaultValue: false,
      description: "Also the sub-bodies' items overdue on the meeting's day (a parent body's review of its units).",
    })
    includeSubBodyOverdue: boolean | null,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<ActionItem[]> {
    const sub = !!includeSubBodyOverdue;
    return ctx.loaders
      .get<string, ActionItem[]>(`actions:mattersArising:${sub}`, (ids) =>
        this.reader.visibleForMeetings(user, ids, sub),
      )
      .load(meeting.id);
  }
}
