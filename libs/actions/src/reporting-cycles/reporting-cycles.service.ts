import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  AuthUser,
  badInput,
  BodyAction,
  conflict,
  diffChanges,
  forbidden,
  isAdmin,
  MutationService,
  notFound,
  PolicyService,
  RequestMemo,
  msg,
} from '@coord/core';
import { isUuid, RegistryReadService } from '@coord/registry';
import { DataSource, EntityManager } from 'typeorm';
import { ProgressRow } from '../reports.types';
import { COMPLETION_LEVELS } from '../assessments/completion-level';
import { OVERDUE_SQL } from '../actions-access';
import { PeriodicReport, ReportingCycle, ReportStatus } from './reporting-cycle.entity';
import { PeriodicReportInput, ReportingCycleInput } from './reporting-cycles.inputs';
import { ReportingRemindersService } from './reporting-reminders';

const REPORT_FIELDS = ['status', 'rating', 'narrative', 'submittedAt', 'submittedByPersonId', 'reviewNote'];

/**
 * Reporting cycles: a body's managers open a cycle for the bodies beneath it; each reporting body's managers and
 * FOCAL_POINT members draft and submit its report (the body's commitment progress is computed then and frozen);
 * the cycle body's managers accept it or return it with a note, and a returned report is submitted again.
 * Every change is one transaction with its audit event and reminder intents.
 */
@Injectable()
export class ReportingCyclesService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(ReportingRemindersService) private readonly reminders: ReportingRemindersService,
  ) {}

  async open(actor: Actor<AuthUser>, input: ReportingCycleInput): Promise<ReportingCycle> {
    await this.policy.require(actor.user, BodyAction.MANAGE, input.bodyId, actor.memo);
    const title = input.title.trim();
    if (!title) throw badInput(msg('error.actions.reportingCycles.titleNotBlankName'), 'input.title');
    if (input.periodFrom > input.periodTo) {
      throw badInput(
        msg('error.actions.reportingCycles.inputPeriodtoNotBefore', {
          periodTo: input.periodTo,
          periodFrom: input.periodFrom,
        }),
        'input.periodTo',
      );
    }
    if (input.dueOn < input.periodFrom) {
      throw badInput(
        msg('error.actions.reportingCycles.inputDueonNotBefore', { dueOn: input.dueOn, periodFrom: input.periodFrom }),
        'input.dueOn',
      );
    }
    return this.mutations.run(actor, async (em) => {
      const body = await this.registry.requireBody(input.bodyId, em);
      const reporting = await this.reportingBodies(em, body.id, input.reportingBodyIds ?? null);
      const cycle = await em.getRepository(ReportingCycle).save(
        em.getRepository(ReportingCycle).create({
          bodyId: body.id,
          title,
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          dueOn: input.dueOn,
          createdByUserId: actor.user.id,
        }),
      );
      const reports = await em
        .getRepository(PeriodicReport)
        .save(reporting.map((bodyId) => em.getRepository(PeriodicReport).create({ cycleId: cycle.id, bodyId })));
      await this.mutations.audit(em, actor, {
        action: 'reportingCycle.open',
        entityType: 'ReportingCycle',
        entityId: cycle.id,
        changes: {
          ...diffChanges(null, cycle, ['bodyId', 'title', 'periodFrom', 'periodTo', 'dueOn']),
          reportingBodyIds: [null, reporting],
        },
      });
      await this.reminders.cycleOpened(em, cycle, reports);
      return cycle;
    });
  }

  /** The reporting bodies: those given (each strictly beneath the cycle's body), or the active direct children. */
  private async reportingBodies(em: EntityManager, bodyId: string, given: string[] | null): Promise<string[]> {
    const field = 'input.reportingBodyIds';
    if (given) {
      const wanted = [...new Set(given)];
      const beneath = new Set((await this.registry.descendantIds(bodyId, em)).filter((id) => id !== bodyId));
      const stray = wanted.findIndex((id) => !beneath.has(id));
      if (stray >= 0) {
        throw badInput(
          msg('error.actions.reportingCycles.notBodyBeneathCycle', { field, stray }),
          `${field}[${stray}]`,
        );
      }
      if (!wanted.length) throw badInput(msg('error.actions.reportingCycles.emptyNameLeastOne', { field }), field);
      return wanted;
    }
    const rows: Array<{ id: string }> = await em.query(
      `SELECT id FROM coordination_bodies WHERE parent_id = $1 AND status = 'ACTIVE' ORDER BY name, id`,
      [bodyId],
    );
    if (!rows.length) {
      throw badInput(msg('error.actions.reportingCycles.bodyHasNoActive'), field);
    }
    return rows.map((r) => r.id);
  }

  async save(actor: Actor<AuthUser>, id: string, input: PeriodicReportInput): Promise<PeriodicReport> {
    const seen = await this.requireReporter(actor, id);
    return this.mutations.run(actor, async (em) => {
      const report = await this.lock(em, seen.id);
      this.requireOpen(report);
      const before = { ...report };
      if (input.rating !== undefined) report.rating = input.rating;
      if (input.narrative !== undefined) report.narrative = input.narrative?.trim() || null;
      report.status = ReportStatus.DRAFT;
      const saved = await em.getRepository(PeriodicReport).save(report);
      await this.record(em, actor, 'periodicReport.save', before, saved);
      return saved;
    });
  }

  async submit(actor: Actor<AuthUser>, id: string): Promise<PeriodicReport> {
    const seen = await this.requireReporter(actor, id);
    return this.mutations.run(actor, async (em) => {
      const report = await this.lock(em, seen.id);
      this.requireOpen(report);
      if (!report.rating) {
        throw badInput(msg('error.actions.reportingCycles.giveReportRatingTrack'), 'rating');
      }
      const cycle = await em.findOneByOrFail(ReportingCycle, { id: report.cycleId });
      const before = { ...report };
      report.progress = await this.progressOf(em, report.bodyId, cycle.periodTo);
      report.status = ReportStatus.SUBMITTED;
      report.submittedAt = new Date();
      report.submittedByPersonId = actor.user.personId;
      const saved = await em.getRepository(PeriodicReport).save(report);
      await this.record(em, actor, 'periodicReport.submit', before, saved);
      await this.reminders.reportSubmitted(em, saved);
      return saved;
    });
  }

  async review(
    actor: Actor<AuthUser>,
    id: string,
    accept: boolean,
    note: string | null | undefined,
  ): Promise<PeriodicReport> {
    const seen = await this.requireVisible(actor.user, id, actor.memo);
    const cycle = await this.dataSource.manager.findOneByOrFail(ReportingCycle, { id: seen.cycleId });
    if (!(await this.policy.can(actor.user, BodyAction.MANAGE, cycle.bodyId, actor.memo))) {
      throw forbidden(msg('error.actions.reportingCycles.chairCoChairSecretariat'));
    }
    const text = note?.trim() || null;
    if (!accept && !text) throw badInput(msg('error.actions.reportingCycles.noteSayWhatChange'), 'note');
    if (text && text.length > 5000) throw badInput(msg('error.actions.noteMost5000Characters'), 'note');
    return this.mutations.run(actor, async (em) => {
      const report = await this.lock(em, seen.id);
      if (report.status !== ReportStatus.SUBMITTED) {
        throw conflict(msg('error.actions.reportingCycles.submittedReportReviewedOne', { status: report.status }), {
          field: 'id',
        });
      }
      const before = { ...report };
      report.status = accept ? ReportStatus.ACCEPTED : ReportStatus.RETURNED;
      report.reviewNote = text;
      const saved = await em.getRepository(PeriodicReport).save(report);
      await this.record(em, actor, accept ? 'periodicReport.accept' : 'periodicReport.return', before, saved);
      return saved;
    });
  }

  /**
   * Who may read a report: whoever reads the cycle's body or the reporting body (public bodies: anyone). NOT_FOUND
   * otherwise, as for every private record.
   */
  async requireVisible(user: AuthUser | null, id: string, memo?: RequestMemo): Promise<PeriodicReport> {
    const report = isUuid(id) ? await this.dataSource.manager.findOneBy(PeriodicReport, { id }) : null;
    if (report) {
      const cycle = await this.dataSource.manager.findOneByOrFail(ReportingCycle, { id: report.cycleId });
      if (
        (await this.policy.can(user, BodyAction.READ, cycle.bodyId, memo)) ||
        (await this.policy.can(user, BodyAction.READ, report.bodyId, memo))
      ) {
        return report;
      }
    }
    throw notFound('Periodic report', id);
  }

  async cycle(user: AuthUser | null, id: string, memo?: RequestMemo): Promise<ReportingCycle | null> {
    const cycle = isUuid(id) ? await this.dataSource.manager.findOneBy(ReportingCycle, { id }) : null;
    if (!cycle || !(await this.policy.can(user, BodyAction.READ, cycle.bodyId, memo))) return null;
    return cycle;
  }

  /** Managers of the reporting body (or above it) and its FOCAL_POINT members draft and submit its report. */
  private async requireReporter(actor: Actor<AuthUser>, id: string): Promise<PeriodicReport> {
    const report = await this.requireVisible(actor.user, id, actor.memo);
    if (await this.policy.can(actor.user, BodyAction.MANAGE, report.bodyId, actor.memo)) return report;
    if (!isAdmin(actor.user) && actor.user.personId) {
      const { own } = await this.policy.rolesOn(actor.user, report.bodyId, actor.memo);
      if (own.includes('FOCAL_POINT')) return report;
    }
    throw forbidden(msg('error.actions.reportingCycles.chairCoChairSecretariat2'));
  }

  private requireOpen(report: PeriodicReport) {
    if (report.status === ReportStatus.SUBMITTED || report.status === ReportStatus.ACCEPTED) {
      throw conflict(msg('error.actions.reportingCycles.reportChangeAgainIf', { status: report.status }), {
        field: 'id',
      });
    }
  }

  private lock(em: EntityManager, id: string) {
    return em.findOneOrFail(PeriodicReport, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async record(
    em: EntityManager,
    actor: Actor<AuthUser>,
    action: string,
    before: PeriodicReport,
    after: PeriodicReport,
  ) {
    await this.mutations.audit(em, actor, {
      action,
      entityType: 'PeriodicReport',
      entityId: after.id,
      changes: diffChanges(before, after, REPORT_FIELDS),
    });
  }

  progressOf(em: EntityManager, bodyId: string, periodTo: string): Promise<ProgressRow[]> {
    return reportProgress(em, bodyId, periodTo);
  }
}

/**
 * The reporting body's commitments (its own and its sub-bodies') that existed by the end of the period, in their
 * state at submission: one row for the whole body (key: its id), then one per framework target. Kept in the
 * report as computed, so later changes to the items do not rewrite what was submitted.
 */
export async function reportProgress(em: EntityManager, bodyId: string, periodTo: string): Promise<ProgressRow[]> {
  const levels = COMPLETION_LEVELS.map((l) => `'${l}', count(*) FILTER (WHERE a.completion_level = '${l}')`).join(', ');
  const figures = `count(*)::int AS total, count(*) FILTER (WHERE a.status = 'DONE')::int AS done,
    count(*) FILTER (WHERE ${OVERDUE_SQL})::int AS overdue,
    coalesce(round(avg(a.progress_percent), 2), 0)::float8 AS average, json_build_object(${levels}) AS levels`;
  const scope = `a.is_commitment AND a.body_id IN (${RegistryReadService.subtreeSql('$1')})
    AND a.created_at < ($2::date + 1)::timestamp AT TIME ZONE b.timezone`;
  type Row = {
    key: string;
    label: string;
    total: number;
    done: number;
    overdue: number;
    average: number;
    levels: Record<string, number>;
  };
  // The whole body first (each commitment once), then each framework target (a commitment under each of its tags).
  const rows: Row[] = await em.query(
    `(SELECT $1::uuid::text AS key, (SELECT name FROM coordination_bodies WHERE id = $1) AS label, ${figures}
        FROM action_items a JOIN coordination_bodies b ON b.id = a.body_id WHERE ${scope})
     UNION ALL
     (SELECT t.code, min(ft.title), ${figures}
        FROM action_items a JOIN coordination_bodies b ON b.id = a.body_id
        JOIN action_item_framework_targets t ON t.action_item_id = a.id
        JOIN framework_targets ft ON ft.code = t.code
       WHERE ${scope}
       GROUP BY t.code ORDER BY t.code)`,
    [bodyId, periodTo],
  );
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    total: r.total,
    done: r.done,
    overdue: r.overdue,
    averageProgressPercent: Number(r.average ?? 0),
    byCompletionLevel: COMPLETION_LEVELS.filter((l) => Number(r.levels?.[l] ?? 0) > 0).map((level) => ({
      level,
      commitments: Number(r.levels[level]),
    })),
  }));
}
