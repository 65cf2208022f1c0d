import { Inject, Injectable } from '@nestjs/common';
import { byKeys, GraphQLRequestContext, groupByKeys } from '@coord/core';
import { CoordinationBody, Organization, Person, RegistryReadService } from '@coord/registry';
import { DataSource, In } from 'typeorm';
import { ActionItem } from './action-item.entity';
import { ActionUpdate } from './action-update.entity';
import { FRAMEWORK_CODE_ORDER, FrameworkTarget } from './framework-target.entity';
import { visibleItemsSql } from './actions-access';

/** DataLoaders for the nested fields of action items: one SQL query per field per request. */
@Injectable()
export class ActionItemsLoaders {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
  ) {}

  body(ctx: GraphQLRequestContext) {
    return ctx.loaders.get<string, CoordinationBody | null>('actions:body.byId', async (ids) =>
      byKeys(ids, await this.registry.bodiesByIds(ids), (b) => b.id),
    );
  }

  person(ctx: GraphQLRequestContext) {
    return ctx.loaders.get<string, Person | null>('actions:person.byId', async (ids) =>
      byKeys(ids, await this.registry.peopleByIds(ids), (p) => p.id),
    );
  }

  organization(ctx: GraphQLRequestContext) {
    return ctx.loaders.get<string, Organization | null>('actions:organization.byId', async (ids) =>
      byKeys(ids, await this.registry.organizationsByIds(ids), (o) => o.id),
    );
  }

  frameworkTargets(ctx: GraphQLRequestContext) {
    return ctx.loaders.get<string, FrameworkTarget[]>('actions:frameworkTargets.byItem', async (ids) => {
      const rows: Array<{ action_item_id: string; code: string; framework: string; title: string }> =
        await this.dataSource.query(
          `SELECT t.action_item_id, ft.code, ft.framework, ft.title
             FROM action_item_framework_targets t JOIN framework_targets ft ON ft.code = t.code
            WHERE t.action_item_id = ANY($1::uuid[]) ORDER BY ft.framework, ${FRAMEWORK_CODE_ORDER('ft.code')}`,
          [[...ids]],
        );
      return groupByKeys(ids, rows, (r) => r.action_item_id).map((list) =>
        list.map((r) => ({ code: r.code, framework: r.framework, title: r.title })),
      );
    });
  }

  updates(ctx: GraphQLRequestContext) {
    return ctx.loaders.get<string, ActionUpdate[]>('actions:updates.byItem', async (ids) =>
      groupByKeys(
        ids,
        await this.dataSource
          .getRepository(ActionUpdate)
          .find({ where: { actionItemId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } }),
        (u) => u.actionItemId,
      ),
    );
  }

  /**
   * Gives this request's loaders rows of `item` a mutation has read or written already (its body, owners, framework
   * targets in field order, its progress trail), so that the response's fields do not read them again.
   */
  prime(
    ctx: GraphQLRequestContext,
    item: ActionItem,
    rows: {
      body?: CoordinationBody;
      ownerPerson?: Person | null;
      ownerOrganization?: Organization | null;
      frameworkTargets?: FrameworkTarget[];
      updates?: ActionUpdate[];
    },
  ): void {
    if (rows.body) this.body(ctx).prime(item.bodyId, rows.body);
    if (rows.ownerPerson) this.person(ctx).prime(rows.ownerPerson.id, rows.ownerPerson);
    if (rows.ownerOrganization) this.organization(ctx).prime(rows.ownerOrganization.id, rows.ownerOrganization);
    if (rows.frameworkTargets) this.frameworkTargets(ctx).prime(item.id, rows.frameworkTargets);
    if (rows.updates) this.updates(ctx).prime(item.id, rows.updates);
  }

  /** Items raised at meetings (`column` meeting_id) or from decisions (decision_id), as the caller may see them. */
  itemsBy(ctx: GraphQLRequestContext, column: 'meeting_id' | 'decision_id') {
    return ctx.loaders.get<string, ActionItem[]>(`actions:items.by.${column}`, async (ids) => {
      const visible = visibleItemsSql(ctx.req.user ?? null);
      const rows = await this.dataSource
        .createQueryBuilder(ActionItem, 'a')
        .innerJoin(CoordinationBody, 'b', 'b.id = a.body_id')
        .where(`a.${column} IN (:...linkIds)`, { linkIds: [...ids] })
        .andWhere(visible.sql, visible.params)
        .orderBy('a.due_sort', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .getMany();
      return groupByKeys(ids, rows, (a) => (column === 'meeting_id' ? a.meetingId! : a.decisionId!));
    });
  }
}
