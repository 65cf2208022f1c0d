import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  atLocalTime,
  Clock,
  DueReminder,
  OutboxService,
  ReminderHandlerRegistry,
  ReminderIntentInput,
  ReminderMessage,
  content,
  day as dayValue,
  localizedText,
  MessageValue,
  todayIn,
} from '@coord/core';
import { CoordinationBody, RegistryReadService } from '@coord/registry';
import { EntityManager, In } from 'typeorm';
import { addDays } from '../reminder-times';
import { isOutstanding, PeriodicReport, ReportingCycle } from './reporting-cycle.entity';

export enum ReportingReminderKind {
  DUE = 'REPORT_DUE',
  OVERDUE = 'REPORT_OVERDUE',
  MISSING = 'REPORTS_MISSING',
}
export const REPORT_SUBJECT = 'PeriodicReport';
export const CYCLE_SUBJECT = 'ReportingCycle';
/** Due reminders 7 days and 1 day before the due date, at 09:00 in the reporting body's zone. */
const DUE_LEADS = [
  { slot: 'P7D', days: 7 },
  { slot: 'P1D', days: 1 },
];
/** Who is reminded of a body's report: those who write it. */
const REPORTER_ROLES = ['SECRETARIAT', 'FOCAL_POINT'];

export const reportingKey = {
  due: (reportId: string, slot: string) => `periodicReport:${reportId}:due:${slot}`,
  overdue: (reportId: string) => `periodicReport:${reportId}:overdue`,
  missing: (cycleId: string) => `reportingCycle:${cycleId}:missing`,
};

/**
 * Reminders of reporting cycles, through the outbox: REPORT_DUE (7 days and 1 day before the due date) and
 * REPORT_OVERDUE (the morning after) to the reporting body's secretariat and focal points, and REPORTS_MISSING
 * (the morning after) to the cycle body's secretariat (its chair when it has none) listing the reports still
 * missing. Submitting a report drops its pending reminders; at delivery each one is checked again (a report
 * submitted meanwhile is not chased, the missing list is the one of that morning).
 */
@Injectable()
export class ReportingRemindersService implements OnModuleInit {
  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(ReminderHandlerRegistry) private readonly handlers: ReminderHandlerRegistry,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.handlers.register({
      kinds: Object.values(ReportingReminderKind),
      messagesFor: async (intent, em) => (await this.messagesForMany([intent], em)).get(intent.id) ?? [],
      messagesForMany: (intents, em) => this.messagesForMany(intents, em),
    });
  }

  async cycleOpened(em: EntityManager, cycle: ReportingCycle, reports: PeriodicReport[], now = this.clock.now()) {
    const bodies = new Map(
      (await this.registry.bodiesByIds([cycle.bodyId, ...reports.map((r) => r.bodyId)], em)).map((b) => [b.id, b]),
    );
    const intents: ReminderIntentInput[] = [];
    for (const report of reports) {
      const zone = bodies.get(report.bodyId)?.timezone ?? 'UTC';
      const payload = { cycleId: cycle.id, dueOn: cycle.dueOn };
      for (const lead of DUE_LEADS) {
        const at = atLocalTime(addDays(cycle.dueOn, -lead.days), zone);
        if (at > now) {
          intents.push({
            kind: ReportingReminderKind.DUE,
            subjectType: REPORT_SUBJECT,
            subjectId: report.id,
            dueAt: at,
            dedupeKey: reportingKey.due(report.id, lead.slot),
            payload: { ...payload, lead: lead.slot },
          });
        }
      }
      intents.push({
        kind: ReportingReminderKind.OVERDUE,
        subjectType: REPORT_SUBJECT,
        subjectId: report.id,
        dueAt: maxDate(atLocalTime(addDays(cycle.dueOn, 1), zone), now),
        dedupeKey: reportingKey.overdue(report.id),
        payload,
      });
    }
    intents.push({
      kind: ReportingReminderKind.MISSING,
      subjectType: CYCLE_SUBJECT,
      subjectId: cycle.id,
      dueAt: maxDate(atLocalTime(addDays(cycle.dueOn, 1), bodies.get(cycle.bodyId)?.timezone ?? 'UTC'), now),
      dedupeKey: reportingKey.missing(cycle.id),
      payload: { dueOn: cycle.dueOn },
    });
    await this.outbox.scheduleMany(em, intents);
  }

  /** A submitted report is chased no more. */
  reportSubmitted(em: EntityManager, report: PeriodicReport) {
    return this.outbox.cancel(em, REPORT_SUBJECT, report.id, {
      kinds: [ReportingReminderKind.DUE, ReportingReminderKind.OVERDUE],
    });
  }

  /** Messages of a delivery batch, in at most five queries whatever its size. */
  async messagesForMany(
    intents: DueReminder[],
    em: EntityManager,
    now = this.clock.now(),
  ): Promise<Map<string, ReminderMessage[]>> {
    const result = new Map<string, ReminderMessage[]>();
    const reportIds = intents.filter((i) => i.subjectType === REPORT_SUBJECT).map((i) => i.subjectId);
    const reports = new Map(
      (reportIds.length ? await em.find(PeriodicReport, { where: { id: In(reportIds) } }) : []).map((r) => [r.id, r]),
    );
    const cycleIds = [
      ...new Set([
        ...[...reports.values()].map((r) => r.cycleId),
        ...intents.filter((i) => i.subjectType === CYCLE_SUBJECT).map((i) => i.subjectId),
      ]),
    ];
    if (!cycleIds.length) return result;
    const cycles = new Map((await em.find(ReportingCycle, { where: { id: In(cycleIds) } })).map((c) => [c.id, c]));
    const missingCycleIds = intents.filter((i) => i.kind === ReportingReminderKind.MISSING).map((i) => i.subjectId);
    const cycleReports = missingCycleIds.length
      ? await em.find(PeriodicReport, { where: { cycleId: In(missingCycleIds) } })
      : [];
    const bodyIds = new Set<string>([...cycles.values()].map((c) => c.bodyId));
    for (const r of [...reports.values(), ...cycleReports]) bodyIds.add(r.bodyId);
    const bodies = new Map(
      (await em.find(CoordinationBody, { where: { id: In([...bodyIds]) } })).map((b) => [b.id, b] as const),
    );

    type Planned = { intent: DueReminder; cycle: ReportingCycle; report?: PeriodicReport; to: string; day: string };
    const planned: Planned[] = [];
    for (const intent of intents) {
      if (intent.kind === ReportingReminderKind.MISSING) {
        const cycle = cycles.get(intent.subjectId);
        const body = cycle && bodies.get(cycle.bodyId);
        if (cycle && body) planned.push({ intent, cycle, to: body.id, day: todayIn(body.timezone, now) });
        continue;
      }
      const report = reports.get(intent.subjectId);
      const cycle = report && cycles.get(report.cycleId);
      const body = report && bodies.get(report.bodyId);
      if (!report || !cycle || !body || !isOutstanding(report.status)) continue;
      if (intent.payload.dueOn !== cycle.dueOn) continue;
      planned.push({ intent, cycle, report, to: body.id, day: todayIn(body.timezone, now) });
    }
    const seated = await this.registry.activeMembershipsOnDays(
      planned.map((p) => ({ bodyId: p.to, day: p.day })),
      em,
    );
    const roles = new Map<string, Array<{ personId: string; role: string }>>();
    for (const m of seated) {
      const key = `${m.bodyId}|${m.day}`;
      const list = roles.get(key) ?? [];
      list.push({ personId: m.personId, role: m.role });
      roles.set(key, list);
    }

    for (const { intent, cycle, report, to, day } of planned) {
      const seats = roles.get(`${to}|${day}`) ?? [];
      const cycleBody = bodies.get(cycle.bodyId)!;
      const linkPath = `/reporting-cycles/${cycle.id}`;
      let recipients: string[];
      let text: Pick<ReminderMessage, 'title' | 'body' | 'text'>;
      // Catalog messages, rendered in each recipient's language at delivery (names translated, days spelt out).
      const values: Record<string, MessageValue> = {
        title: cycle.title,
        to: content('COORDINATION_BODY', cycleBody.id, 'name', cycleBody.name),
        dueOn: dayValue(cycle.dueOn),
      };
      if (intent.kind === ReportingReminderKind.MISSING) {
        const all = cycleReports.filter((r) => r.cycleId === cycle.id);
        const missing = all.filter((r) => isOutstanding(r.status));
        if (!missing.length) continue;
        const secretariat = seats.filter((s) => s.role === 'SECRETARIAT');
        recipients = (secretariat.length ? secretariat : seats.filter((s) => s.role === 'CHAIR')).map(
          (s) => s.personId,
        );
        const names = missing.map((r) => bodies.get(r.bodyId)?.name ?? r.bodyId).sort((a, b) => a.localeCompare(b));
        text = localizedText({ key: 'reporting.missing.title', values }, [
          {
            key: 'reporting.missing.body',
            values: { ...values, missing: missing.length, total: all.length, names: names.join(', ') },
          },
        ]);
      } else {
        const body = bodies.get(report!.bodyId)!;
        recipients = seats.filter((s) => REPORTER_ROLES.includes(s.role)).map((s) => s.personId);
        const reportValues: Record<string, MessageValue> = {
          ...values,
          body: content('COORDINATION_BODY', body.id, 'name', body.name),
          periodFrom: dayValue(cycle.periodFrom),
          periodTo: dayValue(cycle.periodTo),
          status: report!.status,
        };
        text =
          intent.kind === ReportingReminderKind.DUE
            ? localizedText({ key: 'reporting.due.title', values }, [
                { key: 'reporting.due.body', values: reportValues },
              ])
            : localizedText({ key: 'reporting.overdue.title', values }, [
                { key: 'reporting.overdue.body', values: reportValues },
              ]);
      }
      result.set(
        intent.id,
        [...new Set(recipients)].map((personId) => ({ personId, kind: intent.kind, ...text, linkPath })),
      );
    }
    return result;
  }
}

function maxDate(a: Date, b: Date): Date {
  return a > b ? a : b;
}
