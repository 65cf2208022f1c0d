import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  Actor,
  badInput,
  Clock,
  forbidden,
  isCalendarDate,
  isIanaTimeZone,
  localDay,
  msg,
  MutationService,
  notFound,
  PeriodicTaskRegistry,
  SYSTEM_ACTOR,
} from '@coord/core';
import { CoordinationBody, isUuid, RegistryReadService } from '@coord/registry';
import { DataSource, EntityManager, In, MoreThanOrEqual } from 'typeorm';
import { MeetingsAccessService } from '../meetings-access';
import { isHttpUrl } from '../meetings.rules';
import { Meeting } from '../meeting.entity';
import { MeetingKind, MeetingStatus } from '../meetings.enums';
import { MeetingsService } from '../meetings.service';
import { MeetingSeries } from './meeting-series.entity';
import { MeetingSeriesInput } from './meeting-series.inputs';
import {
  addDays,
  addMonths,
  checkLocalStartTime,
  defaultRecurrenceRule,
  occurrencesBetween,
  parseRule,
} from './recurrence';
import { seriesEndedReason } from './series-texts';

/** Occurrences exist this far ahead; the extension job moves the horizon on as time passes. */
export const SERIES_HORIZON_MONTHS = 12;
/** How often the extension job runs: a day late changes nothing a year ahead. */
export const SERIES_EXTEND_EVERY_MS = 6 * 3600 * 1000;
export const SERIES_EXTEND_TASK = 'meeting-series.extend';

/**
 * Recurring meeting series: scheduling one creates its occurrences for the next 12 months, each an ordinary
 * meeting scheduled through MeetingsService (invitations, reminders, quorum, the "Matters arising" item); a periodic
 * task (a BullMQ job scheduler, run by the worker) creates the next ones as time passes. Occurrences are
 * independent once created: updateMeeting on one changes nothing else. endMeetingSeries cancels the scheduled
 * occurrences from a day on (each with its cancellation notice, through cancelMeeting's path) and keeps held ones.
 * Each use case is one transaction with its audit events.
 */
@Injectable()
export class MeetingSeriesService implements OnModuleInit {
  private readonly logger = new Logger('MeetingSeries');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(MeetingsAccessService) private readonly accessService: MeetingsAccessService,
    @Inject(MeetingsService) private readonly meetings: MeetingsService,
    @Inject(PeriodicTaskRegistry) private readonly tasks: PeriodicTaskRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.tasks.register({ name: SERIES_EXTEND_TASK, everyMs: SERIES_EXTEND_EVERY_MS, run: () => this.extendAll() });
  }

  private async requireManage(actor: Actor, bodyId: string, entity: string, id: string) {
    const access = await this.accessService.access(actor.user, { id: `series:${id}`, bodyId }, async () => false);
    if (access.manage) return;
    if (!access.read) throw notFound(entity, id);
    throw forbidden(msg('error.meetings.series.chairCoChairSecretariat'));
  }

  async schedule(actor: Actor, input: MeetingSeriesInput, now = this.clock.now()): Promise<MeetingSeries> {
    const title = input.title.trim();
    if (!title) throw badInput(msg('error.meetings.series.meetingSeriesNeedsTitle'), 'title');
    if (!isIanaTimeZone(input.timezone)) {
      throw badInput(msg('error.meetings.series.unknownTimeZoneUse', { timezone: input.timezone }), 'timezone');
    }
    checkLocalStartTime(input.localStartTime);
    if (!isCalendarDate(input.startsOn))
      throw badInput(msg('error.meetings.series.startsonCalendarDayYyyy'), 'startsOn');
    if (input.until != null && input.until < input.startsOn) {
      throw badInput(
        msg('error.meetings.series.untilNotBeforeStartson', { until: input.until, startsOn: input.startsOn }),
        'until',
      );
    }
    const onlineUrl = blankToNull(input.onlineUrl);
    if (onlineUrl && !isHttpUrl(onlineUrl)) {
      throw badInput(msg('error.meetings.series.onlineurlHttpHttpsLink'), 'onlineUrl');
    }
    const givenRule = input.recurrenceRule.trim();
    if (givenRule) parseRule(givenRule);
    await this.requireManage(actor, input.bodyId, 'Coordination body', input.bodyId);
    return this.mutations.run(actor, async (em) => {
      const body = await this.registry.requireBody(input.bodyId, em);
      const recurrenceRule = givenRule || (await this.defaultRule(em, body.id));
      const series = await em.save(
        em.create(MeetingSeries, {
          bodyId: body.id,
          title,
          kind: input.kind ?? MeetingKind.ORDINARY,
          recurrenceRule,
          startsOn: input.startsOn,
          localStartTime: input.localStartTime,
          durationMinutes: input.durationMinutes,
          timezone: input.timezone,
          location: blankToNull(input.location),
          onlineUrl,
          until: input.until ?? null,
          agenda: (input.agenda ?? []).map((item) => ({
            title: item.title,
            description: item.description ?? null,
            presenterPersonId: item.presenterPersonId ?? null,
            durationMinutes: item.durationMinutes ?? null,
          })),
          generatedUntil: addDays(input.startsOn, -1),
          endedFrom: null,
          createdByUserId: actor.user?.id ?? null,
        }),
      );
      const created = await this.extendIn(em, actor, series, body, now);
      if (!created.length) {
        throw badInput(
          input.until
            ? msg('error.meetings.series.noOccurrenceUntil', {
                rule: recurrenceRule,
                startsOn: input.startsOn,
                months: SERIES_HORIZON_MONTHS,
                until: input.until,
              })
            : msg('error.meetings.series.noOccurrence', {
                rule: recurrenceRule,
                startsOn: input.startsOn,
                months: SERIES_HORIZON_MONTHS,
              }),
          'recurrenceRule',
        );
      }
      await this.mutations.audit(em, actor, {
        action: 'meetingSeries.schedule',
        entityType: 'MeetingSeries',
        entityId: series.id,
        changes: {
          bodyId: [null, body.id],
          title: [null, title],
          recurrenceRule: [null, recurrenceRule],
          startsOn: [null, series.startsOn],
          localStartTime: [null, series.localStartTime],
          timezone: [null, series.timezone],
          until: [null, series.until],
          occurrences: [null, created.map((m) => m.id)],
        },
      });
      return series;
    });
  }

  /** The rule for the body's adopted ToR's meetingFrequency (the default when the caller gives none). */
  private async defaultRule(em: EntityManager, bodyId: string): Promise<string> {
    const [tor]: Array<{ meeting_frequency: string | null }> = await em.query(
      `SELECT meeting_frequency FROM terms_of_reference WHERE body_id = $1 AND status = 'ADOPTED'`,
      [bodyId],
    );
    const rule = defaultRecurrenceRule(tor?.meeting_frequency);
    if (!rule) {
      throw badInput(
        tor
          ? msg('error.meetings.series.termsReferenceSetMeetings', {
              frequency: String(tor.meeting_frequency).toLowerCase(),
            })
          : msg('error.meetings.series.bodyHasNoAdopted'),
        'recurrenceRule',
      );
    }
    return rule;
  }

  /**
   * Creates the occurrences after `generatedUntil` up to the horizon (12 months from today in the series' zone,
   * or `until`), skipping those that would already have started, and moves `generatedUntil` on. The unique
   * (series_id, series_day) index makes a repeated run harmless.
   */
  private async extendIn(
    em: EntityManager,
    actor: Actor,
    series: MeetingSeries,
    body: CoordinationBody,
    now: Date,
  ): Promise<Meeting[]> {
    const today = localDay(now, series.timezone);
    let horizon = addMonths(today, SERIES_HORIZON_MONTHS);
    if (series.until && series.until < horizon) horizon = series.until;
    const from = addDays(series.generatedUntil, 1);
    if (horizon < from) return [];
    const occurrences = occurrencesBetween(series, from, horizon).filter((o) => o.startsAt > now);
    const created: Meeting[] = [];
    for (const occurrence of occurrences) {
      created.push(
        await this.meetings.scheduleIn(
          em,
          actor,
          body,
          {
            bodyId: body.id,
            title: series.title,
            kind: series.kind,
            startsAt: occurrence.startsAt,
            endsAt: occurrence.endsAt,
            timezone: series.timezone,
            location: series.location,
            onlineUrl: series.onlineUrl,
            agenda: series.agenda,
            inviteMembers: true,
            extraInviteePersonIds: [],
          },
          now,
          { id: series.id, day: occurrence.day },
        ),
      );
    }
    series.generatedUntil = horizon;
    await em.update(MeetingSeries, { id: series.id }, { generatedUntil: horizon });
    return created;
  }

  /**
   * The extension job: each open series whose horizon is behind, in its own transaction (a failing one does not
   * hold up the others), locked with SKIP LOCKED so that two workers never extend the same series at once.
   * Returns how many occurrences were created.
   */
  async extendAll(now = this.clock.now()): Promise<number> {
    const due: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM meeting_series
        WHERE ended_from IS NULL AND (until IS NULL OR generated_until < until)
          AND generated_until < ((($1::timestamptz AT TIME ZONE timezone)::date) + interval '${SERIES_HORIZON_MONTHS} months')::date
        ORDER BY id`,
      [now],
    );
    let created = 0;
    for (const { id } of due) {
      try {
        created += await this.mutations.run(SYSTEM_ACTOR, async (em) => {
          const series = await em.findOne(MeetingSeries, {
            where: { id },
            lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
          });
          if (!series || series.endedFrom) return 0;
          const body = await this.registry.requireBody(series.bodyId, em);
          const meetings = await this.extendIn(em, SYSTEM_ACTOR, series, body, now);
          if (meetings.length) {
            await this.mutations.audit(em, SYSTEM_ACTOR, {
              action: 'meetingSeries.extend',
              entityType: 'MeetingSeries',
              entityId: series.id,
              changes: {
                occurrences: [null, meetings.map((m) => m.id)],
                generatedUntil: [null, series.generatedUntil],
              },
            });
          }
          return meetings.length;
        });
      } catch (error) {
        this.logger.warn(`series ${id} not extended: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return created;
  }

  /** Cancels the scheduled occurrences on or after `from` (held ones are kept) and stops the series there. */
  async end(actor: Actor, id: string, from: string, now = this.clock.now()): Promise<MeetingSeries> {
    if (!isCalendarDate(from)) throw badInput(msg('error.meetings.series.fromCalendarDayYyyy'), 'from');
    return this.mutations.run(actor, async (em) => {
      const series = isUuid(id)
        ? await em.findOne(MeetingSeries, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!series) throw notFound('Meeting series', id);
      await this.requireManage(actor, series.bodyId, 'Meeting series', id);
      const later = await em.find(Meeting, {
        where: { seriesId: series.id, seriesDay: MoreThanOrEqual(from), status: MeetingStatus.SCHEDULED },
        order: { startsAt: 'ASC', id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const reason = seriesEndedReason(series.title, from);
      for (const meeting of later) await this.meetings.cancelIn(em, actor, meeting, reason, now);
      const before = { until: series.until, endedFrom: series.endedFrom };
      // Ending from the first day (or before) leaves an empty series: until is the day before it starts.
      const lastDay = from > series.startsOn ? addDays(from, -1) : addDays(series.startsOn, -1);
      series.until = series.until && series.until < lastDay ? series.until : lastDay;
      series.endedFrom = series.endedFrom && series.endedFrom < from ? series.endedFrom : from;
      await em.update(MeetingSeries, { id: series.id }, { until: series.until, endedFrom: series.endedFrom });
      await this.mutations.audit(em, actor, {
        action: 'meetingSeries.end',
        entityType: 'MeetingSeries',
        entityId: series.id,
        changes: {
          until: [before.until, series.until],
          endedFrom: [before.endedFrom, series.endedFrom],
          cancelled: [null, later.map((m) => m.id)],
        },
      });
      return series;
    });
  }

  seriesByIds(ids: readonly string[]): Promise<MeetingSeries[]> {
    return ids.length ? this.dataSource.manager.findBy(MeetingSeries, { id: In([...ids]) }) : Promise.resolve([]);
  }

  seriesOfBodies(bodyIds: readonly string[]): Promise<MeetingSeries[]> {
    return bodyIds.length
      ? this.dataSource.manager.find(MeetingSeries, {
          where: { bodyId: In([...bodyIds]) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : Promise.resolve([]);
  }
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
