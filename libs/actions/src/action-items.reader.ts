import { Inject, Injectable } from '@nestjs/common';
import {
  AuthUser,
  BodyAction,
  Connection,
  isAdmin,
  notFound,
  PageArgs,
  paginate,
  PolicyService,
  RequestMemo,
} from '@coord/core';
import { CoordinationBody, isUuid, RegistryReadService, todayIn } from '@coord/registry';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ACTION_SORT_SQL, ActionItem, actionSortValue } from './action-item.entity';
import { ActionStatus } from './action.enums';
import { ActionItemFilter } from './action-items.inputs';
import { NOT_OVERDUE_SQL, OVERDUE_SQL, visibleItemsSql } from './action-visibility';
import { FrameworkTargetsService } from './framework-targets.service';
import { isClosed } from './workflow';
import { ActionItemCoOwner } from './co-owners/co-owner.entity';

/**
 * Reads of action items with their access rules: lists (filtered and keyset-paged in SQL, visibility
 * included), single items (NOT_FOUND when not visible) and the questions "may manage" / "may report".
 */
@Injectable()
export class ActionItemsReader {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(FrameworkTargetsService) private readonly targets: FrameworkTargetsService,
  ) {}

  /** Items visible to `user` matching `filter`, as a query (alias a, body b) ready to page or stream. */
  async query(
    user: AuthUser | null,
    filter: ActionItemFilter = {},
    memo?: RequestMemo,
    em: EntityManager = this.dataSource.manager,
  ): Promise<SelectQueryBuilder<ActionItem>> {
    const qb = em.createQueryBuilder(ActionItem, 'a').innerJoin(CoordinationBody, 'b', 'b.id = a.body_id');
    const visible = visibleItemsSql(user);
    qb.where(visible.sql, visible.params);
    if (filter.bodyId) {
      // Asking about a body one may not read is NOT_FOUND, as everywhere else.
      await this.policy.require(user, BodyAction.READ, filter.bodyId, memo);
      if (filter.includeSubBodies) {
        qb.andWhere(`a.body_id IN (${RegistryReadService.subtreeSql(':filterBodyId')})`, {
          filterBodyId: filter.bodyId,
        });
      } else {
        qb.andWhere('a.body_id = :filterBodyId', { filterBodyId: filter.bodyId });
      }
    }
    if (filter.ownerOrganizationId)
      qb.andWhere('a.owner_organization_id = :ownerOrg', { ownerOrg: filter.ownerOrganizationId });
    if (filter.ownerPersonId) qb.andWhere('a.owner_person_id = :ownerPerson', { ownerPerson: filter.ownerPersonId });
    if (filter.status?.length) qb.andWhere('a.status IN (:...statuses)', { statuses: filter.status });
    if (filter.overdue === true) qb.andWhere(OVERDUE_SQL);
    if (filter.overdue === false) qb.andWhere(NOT_OVERDUE_SQL);
    if (filter.dueBefore) qb.andWhere('a.due_on < :dueBefore', { dueBefore: filter.dueBefore });
    if (filter.isCommitment !== undefined && filter.isCommitment !== null) {
      qb.andWhere('a.is_commitment = :isCommitment', { isCommitment: filter.isCommitment });
    }
    if (filter.frameworkCode) {
      await this.targets.requireCodes([filter.frameworkCode]);
      qb.andWhere(
        'EXISTS (SELECT 1 FROM action_item_framework_targets ft WHERE ft.action_item_id = a.id AND ft.code = :fwCode)',
        { fwCode: filter.frameworkCode },
      );
    }
    return qb;
  }

  async list(
    user: AuthUser | null,
    filter: ActionItemFilter | null | undefined,
    page: PageArgs,
    memo?: RequestMemo,
  ): Promise<Connection<ActionItem>> {
    const qb = await this.query(user, filter ?? {}, memo);
    return paginate(qb, page, {
      sortExpression: ACTION_SORT_SQL,
      sortValue: actionSortValue,
      rowsAreDistinct: true, // items joined with their body only
    });
  }

  /**
   * Items owned by the signed-in person, by their organization, or by an organization they are focal point of,
   * owner or co-owner.
   */
  async mine(user: AuthUser, statuses: ActionStatus[] | null | undefined, page: PageArgs, memo?: RequestMemo) {
    if (!user.personId) return { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
    const qb = await this.query(user, { status: statuses ?? undefined }, memo);
    qb.andWhere(
      // ANY(ARRAY(subquery)) rather than IN (subquery) inside the OR: PostgreSQL then combines the owner indexes
      // (BitmapOr) instead of scanning every item (bench/README.md, myActionItems).
      `(a.owner_person_id = :me
        OR a.owner_organization_id = ANY(ARRAY(
             SELECT p.organization_id FROM people p WHERE p.id = :me AND p.organization_id IS NOT NULL
             UNION
             SELECT mm.organization_id FROM memberships mm WHERE mm.person_id = :me AND mm.role = 'FOCAL_POINT'
               AND mm.starts_on <= :myToday AND (mm.ends_on IS NULL OR mm.ends_on >= :myToday)))
        -- joint commitments: items co-owned by an organization the person is focal point for
        OR a.id = ANY(ARRAY(
             SELECT co.action_item_id FROM action_item_co_owners co JOIN memberships mm
                 ON mm.organization_id = co.organization_id AND mm.person_id = :me AND mm.role = 'FOCAL_POINT'
                AND mm.starts_on <= :myToday AND (mm.ends_on IS NULL OR mm.ends_on >= :myToday))))`,
      { me: user.personId, myToday: todayIn('UTC') },
    );
    return paginate(qb, page, {
      sortExpression: ACTION_SORT_SQL,
      sortValue: actionSortValue,
      rowsAreDistinct: true, // items joined with their body only
    });
  }

  /**
   * The items among `ids` that `user` may see, in one query: for other features' DataLoaders (e.g. a
   * notification's `actionItem`). Items the user may not see are simply absent.
   */
  async visibleByIds(user: AuthUser | null, ids: readonly string[]): Promise<ActionItem[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    const visible = visibleItemsSql(user);
    return this.dataSource
      .createQueryBuilder(ActionItem, 'a')
      .innerJoin(CoordinationBody, 'b', 'b.id = a.body_id')
      .where('a.id IN (:...visibleIds)', { visibleIds: valid })
      .andWhere(visible.sql, visible.params)
      .getMany();
  }

  /** The item if `user` may see it; NOT_FOUND otherwise (a private item's existence does not leak). */
  async requireVisible(
    user: AuthUser | null,
    id: string,
    memo?: RequestMemo,
    em: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<ActionItem> {
    const item = isUuid(id)
      ? await em.findOne(ActionItem, {
          where: { id },
          ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!item || !(await this.canSee(user, item, memo))) throw notFound('Action item', id);
    return item;
  }

  async canSee(user: AuthUser | null, item: ActionItem, memo?: RequestMemo): Promise<boolean> {
    if (isAdmin(user)) return true;
    if (item.isCommitment) {
      const [body] = await this.registry.bodiesByIds([item.bodyId]);
      if (body?.isPublic) return true;
    }
    if (!user?.personId) return false;
    if (await this.isOwner(user, item, memo)) return true;
    if (await this.isCoOwnerFocalPoint(user, item, memo)) return true;
    const { own, inherited } = await this.policy.rolesOn(user, item.bodyId, memo);
    return own.length + inherited.length > 0;
  }

  canManage(user: AuthUser | null, item: Pick<ActionItem, 'bodyId'>, memo?: RequestMemo): Promise<boolean> {
    return this.policy.can(user, BodyAction.MANAGE, item.bodyId, memo);
  }

  /** The owner person, or a FOCAL_POINT representing the owner organization on the item's body or an ancestor. */
  async isOwner(user: AuthUser | null, item: ActionItem, memo?: RequestMemo): Promise<boolean> {
    if (!user?.personId) return false;
    if (item.ownerPersonId === user.personId) return true;
    if (!item.ownerOrganizationId) return false;
    const seats = (await this.focalPointSeats(user.personId, memo)).filter(
      (m) => m.organizationId === item.ownerOrganizationId,
    );
    if (!seats.length) return false;
    const facts = await this.registry.bodyFacts(item.bodyId);
    const chain = new Set([item.bodyId, ...(facts?.ancestorIds ?? [])]);
    return seats.some((m) => chain.has(m.bodyId));
  }

  async canReport(user: AuthUser | null, item: ActionItem, memo?: RequestMemo): Promise<boolean> {
    return (
      (await this.isOwner(user, item, memo)) ||
      (await this.isCoOwnerFocalPoint(user, item, memo)) ||
      (await this.canManage(user, item, memo))
    );
  }

  /**
   * Joint commitments (issue 17), a clause apart from the owner rule above: a FOCAL_POINT representing one of the
   * item's co-owner organizations, seated on the item's body or an ancestor, speaks for it as the owner
   * organization's focal points do.
   */
  async isCoOwnerFocalPoint(user: AuthUser | null, item: ActionItem, memo?: RequestMemo): Promise<boolean> {
    if (!user?.personId) return false;
    const seats = await this.focalPointSeats(user.personId, memo);
    if (!seats.length) return false;
    const coOwners = new Set(await this.coOwnerIds(item.id, memo));
    const mine = seats.filter((m) => coOwners.has(m.organizationId));
    if (!mine.length) return false;
    const facts = await this.registry.bodyFacts(item.bodyId);
    const chain = new Set([item.bodyId, ...(facts?.ancestorIds ?? [])]);
    return mine.some((m) => chain.has(m.bodyId));
  }

  /** Owner person, owner organization's or co-owners' focal point: those who may not assess it (second key). */
  async speaksForItem(user: AuthUser | null, item: ActionItem, memo?: RequestMemo): Promise<boolean> {
    return (await this.isOwner(user, item, memo)) || (await this.isCoOwnerFocalPoint(user, item, memo));
  }

  private coOwnerIds(actionItemId: string, memo?: RequestMemo): Promise<string[]> {
    const compute = async () =>
      (
        await this.dataSource.manager.find(ActionItemCoOwner, {
          where: { actionItemId },
          select: { organizationId: true },
        })
      ).map((r) => r.organizationId);
    return memo ? memo.once(`actions:coOwners:${actionItemId}`, compute) : compute();
  }

  /** The person's FOCAL_POINT seats today: which organization they represent on which body. */
  focalPointSeats(personId: string, memo?: RequestMemo): Promise<Array<{ bodyId: string; organizationId: string }>> {
    const compute = async () =>
      (await this.registry.activeMembershipsOfPerson(personId))
        .filter((m) => m.role === 'FOCAL_POINT')
        .map((m) => ({ bodyId: m.bodyId, organizationId: m.organizationId }));
    return memo ? memo.once(`actions:focal:${personId}`, compute) : compute();
  }
}

/** Overdue as the contract defines it: not DONE or CANCELLED, due before today in the body's zone. */
export function isOverdue(item: Pick<ActionItem, 'status' | 'dueOn'>, timezone: string, now = new Date()): boolean {
  return !isClosed(item.status) && item.dueOn !== null && item.dueOn < todayIn(timezone, now);
}
