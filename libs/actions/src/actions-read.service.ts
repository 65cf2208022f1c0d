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
  readsWhole,
  RequestMemo,
  todayIn,
} from '@coord/core';
import { CoordinationBody, isUuid, RegistryReadService } from '@coord/registry';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ACTION_SORT_SQL, ActionItem, actionSortValue } from './action-item.entity';
import { ActionStatus } from './action.enums';
import { ActionItemFilter } from './action-items.inputs';
import { NOT_OVERDUE_SQL, OVERDUE_SQL, viewerParams, visibleItemsSql } from './actions-access';
import { answersForItemSql, REPRESENTED_SQL } from './reporting-rule';
import { FrameworkTargetsService } from './framework-targets.service';
import { isClosed } from './actions.rules';

/** The owner organization's (or owner person's organization's) sector, or a co-owner's: as the OWNER_SECTOR report. */
const OWNER_SECTOR_SQL = `EXISTS (SELECT 1 FROM organizations so WHERE so.sector = :ownerSector AND (
  so.id = coalesce(a.owner_organization_id, (SELECT sp.organization_id FROM people sp WHERE sp.id = a.owner_person_id))
  OR so.id IN (SELECT sco.organization_id FROM action_item_co_owners sco WHERE sco.action_item_id = a.id)))`;

/**
 * Reads of action items with their access rules: lists (filtered and keyset-paged in SQL, visibility
 * included), single items (NOT_FOUND when not visible) and the questions "may manage" / "may report".
 */
@Injectable()
export class ActionsReadService {
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
    let visible = visibleItemsSql(user);
    if (filter.bodyId) {
      // Asking about a body one may not read is NOT_FOUND, as everywhere else.
      await this.policy.require(user, BodyAction.READ, filter.bodyId, memo);
      // A viewer who reads every body the filter covers whole (its managers for a hierarchy; its members, too, for
      // the body alone) sees every item there: the per-row rule is skipped, so that a secretariat's count of its
      // hierarchy's overdue items is the plain count (issue 21, nationalOverdue). Same answers as the rule
      // (actions-access.int-spec.ts compares them).
      const seesAll = filter.includeSubBodies
        ? await this.policy.can(user, BodyAction.MANAGE, filter.bodyId, memo)
        : await this.policy.readsWhole(user, filter.bodyId, memo);
      if (seesAll) visible = { sql: 'TRUE', params: {} };
    }
    qb.where(visible.sql, visible.params);
    if (filter.bodyId) {
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
    if (filter.ownerSector) qb.andWhere(OWNER_SECTOR_SQL, { ownerSector: filter.ownerSector });
    if (filter.status?.length) {
      // "Every open status" is said as the open items' partial indexes say it, so PostgreSQL may use them for an
      // index-only count (a body page's open items: 3.6 ms -> 0.2 ms on the scale-1 data set).
      const wanted = new Set(filter.status);
      const allOpen = Object.values(ActionStatus).every((s) => wanted.has(s) !== isClosed(s));
      if (allOpen) qb.andWhere(`a.status NOT IN ('DONE','CANCELLED')`);
      else qb.andWhere('a.status IN (:...statuses)', { statuses: filter.status });
    }
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
   * The items the signed-in person answers for (reporting-rule.ts): owned by them, or by an organization they are
   * a focal point of in the item's reporting line
   * (owner or co-owner organization). Exactly the items they may report on as owner; a plain member of
   * an owner organization does not see its items here (the organization reports through its focal points).
   */
  async mine(user: AuthUser, statuses: ActionStatus[] | null | undefined, page: PageArgs, memo?: RequestMemo) {
    if (!user.personId) return { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
    const qb = await this.query(user, { status: statuses ?? undefined }, memo);
    qb.andWhere(
      // The ANY(ARRAY(subquery)) prefilter lets PostgreSQL combine the owner indexes (BitmapOr) instead of scanning
      // every item (bench/README.md, myActionItems); the rule itself then keeps the right bodies.
      `(a.owner_person_id = :viewerPersonId
        OR a.owner_organization_id = ANY(ARRAY(SELECT org FROM (${REPRESENTED_SQL(':viewerPersonId', ':viewerToday')}) r))
        OR a.id = ANY(ARRAY(SELECT co.action_item_id FROM action_item_co_owners co
                             WHERE co.organization_id IN (SELECT org FROM (${REPRESENTED_SQL(':viewerPersonId', ':viewerToday')}) r2))))
       AND ${answersForItemSql('a')}`,
      viewerParams(user.personId, new Date()),
    );
    return paginate(qb, page, {
      sortExpression: ACTION_SORT_SQL,
      sortValue: actionSortValue,
      rowsAreDistinct: true, // items joined with their body only
    });
  }

  /**
   * Per item among `ids`: may `user` edit it (manage its body) and report progress on it (answers for it, or
   * manages it). One query for any number of items: the `viewerCanEdit` / `viewerCanReportProgress` loaders.
   */
  async rightsByIds(
    user: AuthUser | null,
    ids: readonly string[],
  ): Promise<Map<string, { canEdit: boolean; canReport: boolean }>> {
    const rights = new Map<string, { canEdit: boolean; canReport: boolean }>();
    const valid = ids.filter(isUuid);
    if (!valid.length) return rights;
    if (isAdmin(user) || !user?.personId) {
      for (const id of valid) rights.set(id, { canEdit: isAdmin(user), canReport: isAdmin(user) });
      return rights;
    }
    const rows: Array<{ id: string; can_edit: boolean; can_report: boolean }> = await this.dataSource
      .createQueryBuilder(ActionItem, 'a')
      .select('a.id', 'id')
      .addSelect(
        `a.body_id IN (WITH RECURSIVE managed(id) AS (
           SELECT mm.body_id FROM memberships mm
            WHERE mm.person_id = :viewerPersonId AND mm.role IN ('CHAIR', 'CO_CHAIR', 'SECRETARIAT')
              AND mm.starts_on <= :viewerToday AND (mm.ends_on IS NULL OR mm.ends_on >= :viewerToday)
           UNION SELECT cb.id FROM coordination_bodies cb JOIN managed ON cb.parent_id = managed.id
         ) SELECT id FROM managed)`,
        'can_edit',
      )
      .addSelect(answersForItemSql('a'), 'can_report')
      .where('a.id IN (:...rightsIds)', { rightsIds: valid })
      .setParameters(viewerParams(user.personId, new Date()))
      .getRawMany();
    // SQL's NULL (an owner column that is NULL) is "no".
    for (const r of rows) {
      rights.set(r.id, { canEdit: r.can_edit === true, canReport: r.can_edit === true || r.can_report === true });
    }
    return rights;
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
    return (await this.requireVisibleVersion(user, id, memo, em, lock)).item;
  }

  /**
   * requireVisible, with the row version read (PostgreSQL's `xmin`: it changes with every update of the row), for a
   * change written only if the row is still as it was read (ActionItemsService.reportProgress). Whether the viewer
   * answers for the item, which canSee asks first, is read in the same statement.
   */
  async requireVisibleVersion(
    user: AuthUser | null,
    id: string,
    memo?: RequestMemo,
    em: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<{ item: ActionItem; version: string }> {
    if (!isUuid(id)) throw notFound('Action item', id);
    const qb = em
      .createQueryBuilder(ActionItem, 'a')
      .addSelect('CAST(a.xmin AS text)', 'row_version')
      .where('a.id = :id', { id });
    const personId = !isAdmin(user) ? user?.personId : null;
    if (personId) qb.addSelect(answersForItemSql('a'), 'answers_for').setParameters(viewerParams(personId, new Date()));
    if (lock) qb.setLock('pessimistic_write');
    const {
      entities: [item],
      raw: [row],
    } = await qb.getRawAndEntities<{ row_version: string; answers_for: boolean | null }>();
    if (!item) throw notFound('Action item', id);
    // SQL's NULL (an owner column that is NULL) is "no".
    const answersFor = personId ? row.answers_for === true : undefined;
    if (personId && memo) void memo.once(this.answersForKey(personId, item.id), async () => answersFor!);
    if (!(await this.canSee(user, item, memo, answersFor))) throw notFound('Action item', id);
    return { item, version: row.row_version };
  }

  /** `answersFor`: isOwner's answer when the caller has it already (read with the item). */
  async canSee(user: AuthUser | null, item: ActionItem, memo?: RequestMemo, answersFor?: boolean): Promise<boolean> {
    if (isAdmin(user)) return true;
    if (item.isCommitment) {
      const [body] = await this.registry.bodiesByIds([item.bodyId]);
      if (body?.isPublic) return true;
    }
    if (!user?.personId) return false;
    if (answersFor ?? (await this.isOwner(user, item, memo))) return true;
    const { own, inherited } = await this.policy.rolesOn(user, item.bodyId, memo);
    return readsWhole(own, inherited);
  }

  canManage(user: AuthUser | null, item: Pick<ActionItem, 'bodyId'>, memo?: RequestMemo): Promise<boolean> {
    return this.policy.can(user, BodyAction.MANAGE, item.bodyId, memo);
  }

  /**
   * Whether the user answers for the item (reporting-rule.ts: owner person, or a focal point of its owner or a
   * co-owner organization in its reporting line): one query, the same SQL as the lists use.
   */
  async isOwner(user: AuthUser | null, item: ActionItem, memo?: RequestMemo): Promise<boolean> {
    if (!user?.personId) return false;
    if (item.ownerPersonId === user.personId) return true;
    const personId = user.personId;
    const compute = async () =>
      (await this.dataSource
        .createQueryBuilder(ActionItem, 'a')
        .where('a.id = :answersItemId', { answersItemId: item.id })
        .andWhere(answersForItemSql('a'), viewerParams(personId, new Date()))
        .getCount()) > 0;
    return memo ? memo.once(this.answersForKey(personId, item.id), compute) : compute();
  }

  private answersForKey(personId: string, itemId: string) {
    return `actions:answersFor:${personId}:${itemId}`;
  }

  async canReport(user: AuthUser | null, item: ActionItem, memo?: RequestMemo): Promise<boolean> {
    return (await this.isOwner(user, item, memo)) || (await this.canManage(user, item, memo));
  }

  /** Those who answer for the item (owner, owners' and co-owners' focal points) may not assess it (second key). */
  speaksForItem(user: AuthUser | null, item: ActionItem, memo?: RequestMemo): Promise<boolean> {
    return this.isOwner(user, item, memo);
  }
}

/** Overdue as the contract defines it: not DONE or CANCELLED, due before today in the body's zone. */
export function isOverdue(item: Pick<ActionItem, 'status' | 'dueOn'>, timezone: string, now = new Date()): boolean {
  return !isClosed(item.status) && item.dueOn !== null && item.dueOn < todayIn(timezone, now);
}

/** Whole days past `dueOn` in the body's zone when overdue; null otherwise. */
export function daysOverdue(
  item: Pick<ActionItem, 'status' | 'dueOn'>,
  timezone: string,
  now = new Date(),
): number | null {
  if (!isOverdue(item, timezone, now)) return null;
  const today = Date.parse(`${todayIn(timezone, now)}T00:00:00Z`);
  return Math.round((today - Date.parse(`${item.dueOn}T00:00:00Z`)) / 86400_000);
}
