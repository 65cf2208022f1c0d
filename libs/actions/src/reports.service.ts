import { Inject, Injectable } from '@nestjs/common';
import { AuthUser, BodyAction, PolicyService, RequestMemo, requirePeriod } from '@coord/core';
import { CoordinationBody, RegistryReadService } from '@coord/registry';
import { MeetingsReadService } from '@coord/meetings';
import { DataSource } from 'typeorm';
import { ActionItem } from './action-item.entity';
import { FRAMEWORK_CODE_ORDER } from './framework-target.entity';
import { ProgressGrouping } from './action.enums';
import { OVERDUE_SQL, seesAllCommitmentsSql, visibleItemsSql } from './actions-access';
import { CompletionCount, ParticipationRow, ProgressRow } from './reports.types';
import { COMPLETION_LEVELS } from './assessments/completion-level';

/** Group key and label of each grouping (SQL over a = item, b = body, oo = owner organization, po = owner person's organization). */
const GROUPINGS: Record<ProgressGrouping, { key: string; label: string; byTarget?: boolean }> = {
  [ProgressGrouping.FRAMEWORK_TARGET]: { key: 'ft.code', label: 'ft.title', byTarget: true },
  // A joint commitment counts once under each sector among its owner and co-owner organizations (sector.key).
  [ProgressGrouping.OWNER_SECTOR]: { key: 'sector.key', label: 'sector.key' },
  [ProgressGrouping.GOVERNANCE_LEVEL]: { key: 'b.level', label: 'b.level' },
  [ProgressGrouping.BODY]: { key: 'b.id::text', label: 'b.name' },
};

const SECTOR_PLACEHOLDER = '(SELECT NULL::text AS key)';
/** The owner organization's (or owner person's organization's) sector and the co-owners' sectors, once each. */
const OWNER_SECTORS_LATERAL = `LATERAL (SELECT coalesce(oo.sector, po.sector, 'NONE') AS key
  UNION SELECT co_org.sector FROM action_item_co_owners co
    JOIN organizations co_org ON co_org.id = co.organization_id WHERE co.action_item_id = a.id)`;
function withOwnerSectors([sql, params]: [string, unknown[]]): [string, unknown[]] {
  if (!sql.includes(SECTOR_PLACEHOLDER)) throw new Error('owner-sector join placeholder missing');
  return [sql.replace(SECTOR_PLACEHOLDER, OWNER_SECTORS_LATERAL), params];
}

/** The non-zero counts per completion level, in the scale's order. */
function completionCounts(levels: Record<string, number | string>): CompletionCount[] {
  return COMPLETION_LEVELS.filter((level) => Number(levels[level] ?? 0) > 0).map((level) => ({
    level,
    commitments: Number(levels[level]),
  }));
}

/** Readable labels for enum-valued groups (sectors, levels). */
function humanise(value: string): string {
  if (value === 'NONE') return 'No owner organization';
  const words = value.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Reports over action items: commitment progress by a dimension (one SQL query, visibility included, the
 * national view across all county units in one call) and participation per organization (from meetings).
 */
@Injectable()
export class ActionReportsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(MeetingsReadService) private readonly meetings: MeetingsReadService,
  ) {}

  async commitmentProgress(
    user: AuthUser | null,
    args: { groupBy: ProgressGrouping; bodyId?: string | null; includeSubBodies?: boolean | null },
    memo?: RequestMemo,
  ): Promise<ProgressRow[]> {
    if (args.bodyId) await this.policy.require(user, BodyAction.READ, args.bodyId, memo);
    if (args.groupBy === ProgressGrouping.FRAMEWORK_TARGET) return this.progressByTarget(user, args);
    const grouping = GROUPINGS[args.groupBy];
    const visible = visibleItemsSql(user);
    const qb = this.dataSource
      .createQueryBuilder()
      .from(ActionItem, 'a')
      .innerJoin(CoordinationBody, 'b', 'b.id = a.body_id');
    if (args.groupBy === ProgressGrouping.OWNER_SECTOR) {
      qb.leftJoin('organizations', 'oo', 'oo.id = a.owner_organization_id')
        .leftJoin('people', 'op', 'op.id = a.owner_person_id')
        .leftJoin('organizations', 'po', 'po.id = op.organization_id')
        // TypeORM has no LATERAL join: a placeholder derived table, replaced in the SQL below.
        .innerJoin(SECTOR_PLACEHOLDER, 'sector', 'true');
    }
    qb.select(`${grouping.key}`, 'key')
      .addSelect(`min(${grouping.label})`, 'label')
      .addSelect('count(*)::int', 'total')
      .addSelect(`count(*) FILTER (WHERE a.status = 'DONE')::int`, 'done')
      .addSelect(`count(*) FILTER (WHERE ${OVERDUE_SQL})::int`, 'overdue')
      .addSelect('round(avg(a.progress_percent), 2)::float8', 'average')
      .addSelect(
        `json_build_object(${COMPLETION_LEVELS.map(
          (l) => `'${l}', count(*) FILTER (WHERE a.completion_level = '${l}')`,
        ).join(', ')})`,
        'levels',
      )
      .where('a.is_commitment')
      .andWhere(visible.sql, visible.params)
      .groupBy(grouping.key)
      // Bodies read best alphabetically; codes, sectors and levels by their key.
      .orderBy(
        args.groupBy === ProgressGrouping.BODY ? 'label' : grouping.byTarget ? FRAMEWORK_CODE_ORDER('ft.code') : 'key',
        'ASC',
      )
      .addOrderBy('key', 'ASC');
    if (grouping.byTarget) {
      // A commitment tagged with several targets counts under each; untagged ones are in no group.
      qb.innerJoin('action_item_framework_targets', 'aft', 'aft.action_item_id = a.id').innerJoin(
        'framework_targets',
        'ft',
        'ft.code = aft.code',
      );
    }
    if (args.bodyId) {
      if (args.includeSubBodies ?? true) {
        qb.andWhere(`a.body_id IN (${RegistryReadService.subtreeSql(':reportBodyId')})`, { reportBodyId: args.bodyId });
      } else {
        qb.andWhere('a.body_id = :reportBodyId', { reportBodyId: args.bodyId });
      }
    }
    const rows: Array<{
      key: string;
      label: string;
      total: number;
      done: number;
      overdue: number;
      average: number;
      levels: Record<string, number>;
    }> =
      args.groupBy === ProgressGrouping.OWNER_SECTOR
        ? await this.dataSource.query(...withOwnerSectors(qb.getQueryAndParameters()))
        : await qb.getRawMany();
    const enumLabels =
      args.groupBy === ProgressGrouping.OWNER_SECTOR || args.groupBy === ProgressGrouping.GOVERNANCE_LEVEL;
    return rows.map((r) => ({
      key: r.key,
      label: enumLabels ? humanise(r.label) : r.label,
      total: r.total,
      done: r.done,
      overdue: r.overdue,
      averageProgressPercent: Number(r.average ?? 0),
      byCompletionLevel: completionCounts(r.levels),
    }));
  }

  /**
   * By framework target, from the rollup (commitment_progress_rollup: per body and code, kept by triggers in the
   * transactions that change items and tags) for the bodies whose commitments the caller sees whole, plus a live
   * aggregation of the caller's own commitments on other bodies; overdue counts (they depend on today) come live
   * from the open commitments. Two queries whatever the size of the hierarchy; the same figures as aggregating
   * every item (tested against it).
   */
  private async progressByTarget(
    user: AuthUser | null,
    args: { bodyId?: string | null; includeSubBodies?: boolean | null },
  ): Promise<ProgressRow[]> {
    const seesAll = seesAllCommitmentsSql(user);
    const scope = this.dataSource
      .createQueryBuilder()
      .from(CoordinationBody, 'b')
      .select('b.id', 'id')
      .addSelect(`${seesAll.sql}`, 'whole')
      .setParameters(seesAll.params);
    if (args.bodyId && (args.includeSubBodies ?? true)) {
      scope.where(`b.id IN (${RegistryReadService.subtreeSql(':reportBodyId')})`, { reportBodyId: args.bodyId });
    } else if (args.bodyId) {
      scope.where('b.id = :reportBodyId', { reportBodyId: args.bodyId });
    }
    const bodies: Array<{ id: string; whole: boolean }> = await scope.getRawMany();
    const wholeIds = bodies.filter((b) => b.whole).map((b) => b.id);
    // Elsewhere a signed-in person may still own or represent some commitments; anonymous readers see none.
    const partialIds = user?.personId ? bodies.filter((b) => !b.whole).map((b) => b.id) : [];
    if (!wholeIds.length && !partialIds.length) return [];

    const visible = visibleItemsSql(user);
    // On bodies not seen whole, only owned or represented commitments are visible: start from the owner indexes.
    const ownPart = partialIds.length
      ? `(a.body_id = ANY(:partialIds) AND (a.owner_person_id = :viewerPersonId
          OR a.owner_organization_id = ANY(ARRAY(SELECT fm.organization_id FROM memberships fm
               WHERE fm.person_id = :viewerPersonId AND fm.role = 'FOCAL_POINT'))) AND ${visible.sql})`
      : 'FALSE';
    const sql = `WITH totals AS (
        SELECT r.code, r.commitments AS n, r.done AS d, r.progress_sum AS p
        FROM commitment_progress_rollup r WHERE r.body_id = ANY(:wholeIds)
        ${
          partialIds.length
            ? `UNION ALL
        SELECT t.code, 1, (a.status = 'DONE')::int, a.progress_percent
        FROM action_items a JOIN coordination_bodies b ON b.id = a.body_id
        JOIN action_item_framework_targets t ON t.action_item_id = a.id
        WHERE a.is_commitment AND ${ownPart}`
            : ''
        }
      ), overdue AS (
        -- framework_codes: the item's tags, copied onto it (index-only scan of ix_action_items_open_commitments)
        SELECT c.code, count(*) AS n
        FROM action_items a JOIN coordination_bodies b ON b.id = a.body_id
        CROSS JOIN LATERAL unnest(a.framework_codes) AS c(code)
        WHERE a.is_commitment AND ${OVERDUE_SQL} AND (a.body_id = ANY(:wholeIds) OR ${ownPart})
        GROUP BY c.code
      )
      SELECT ft.code AS key, ft.title AS label, sum(x.n)::int AS total, sum(x.d)::int AS done,
        coalesce(min(o.n), 0)::int AS overdue, round(sum(x.p)::numeric / sum(x.n), 2)::float8 AS average
      FROM totals x JOIN framework_targets ft ON ft.code = x.code LEFT JOIN overdue o ON o.code = x.code
      GROUP BY ft.code, ft.title HAVING sum(x.n) > 0
      ORDER BY ${FRAMEWORK_CODE_ORDER('ft.code')}`;
    const [query, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      sql,
      { ...visible.params, wholeIds, partialIds },
      {},
    );
    const rows: Array<{ key: string; label: string; total: number; done: number; overdue: number; average: number }> =
      await this.dataSource.query(query, parameters);
    const levels = await this.levelsByTarget(visible, wholeIds, partialIds, ownPart);
    return rows.map((r) => ({
      key: r.key,
      label: r.label,
      total: r.total,
      done: r.done,
      overdue: r.overdue,
      averageProgressPercent: Number(r.average ?? 0),
      byCompletionLevel: completionCounts(levels.get(r.key) ?? {}),
    }));
  }

  /**
   * Assessed commitments per framework code and level, over the same scope as progressByTarget: a live count
   * (the roll-up does not carry levels) over the few assessed items (partial index ix_action_items_completion).
   */
  private async levelsByTarget(
    visible: { sql: string; params: Record<string, unknown> },
    wholeIds: string[],
    partialIds: string[],
    ownPart: string,
  ): Promise<Map<string, Record<string, number>>> {
    const sql = `SELECT c.code, a.completion_level AS level, count(*)::int AS n
      FROM action_items a JOIN coordination_bodies b ON b.id = a.body_id
      CROSS JOIN LATERAL unnest(a.framework_codes) AS c(code)
      WHERE a.is_commitment AND a.completion_level IS NOT NULL AND (a.body_id = ANY(:wholeIds) OR ${ownPart})
      GROUP BY c.code, a.completion_level`;
    const [query, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      sql,
      { ...visible.params, wholeIds, partialIds },
      {},
    );
    const rows: Array<{ code: string; level: string; n: number }> = await this.dataSource.query(query, parameters);
    const byCode = new Map<string, Record<string, number>>();
    for (const r of rows) byCode.set(r.code, { ...(byCode.get(r.code) ?? {}), [r.level]: r.n });
    return byCode;
  }

  /**
   * Per organization: held meetings of the body it was invited to and attended, in [from, to] (days in the
   * meeting's zone). Readable by whoever may read the body.
   */
  async participation(
    user: AuthUser | null,
    args: { bodyId: string; from?: string | null; to?: string | null },
    memo?: RequestMemo,
  ): Promise<ParticipationRow[]> {
    await this.policy.require(user, BodyAction.READ, args.bodyId, memo);
    requirePeriod(args.from, args.to);
    const counts = await this.meetings.participationByOrganization([args.bodyId], { from: args.from, to: args.to });
    const orgs = new Map(
      (await this.registry.organizationsByIds(counts.map((c) => c.organizationId))).map((o) => [o.id, o]),
    );
    return counts
      .filter((c) => orgs.has(c.organizationId))
      .map((c) => ({
        organization: orgs.get(c.organizationId)!,
        meetingsInvited: c.meetingsInvited,
        meetingsAttended: c.meetingsAttended,
        meetingsExcused: c.meetingsExcused,
        attendanceRate: c.meetingsInvited ? Math.round((c.meetingsAttended / c.meetingsInvited) * 10000) / 10000 : 0,
      }))
      .sort((a, b) => a.organization.name.localeCompare(b.organization.name));
  }
}
