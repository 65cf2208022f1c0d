import { atLocalTime, badInput, msg } from '@coord/core';
import { Frequency, Options, RRule } from 'rrule';

/**
 * Recurrence of a meeting series, pure (no Nest, no TypeORM). The rule is an RFC 5545 RRULE read by `rrule`
 * in "floating" time: it yields calendar days, and each day's occurrence starts at the series' local start time
 * in the series' zone. So a 10:00 meeting in Europe/Berlin stays at 10:00 when the clocks change (its UTC instant
 * moves by an hour), which a rule expanded in UTC would not do. A local time that does not exist on a day (the
 * hour skipped in spring) moves forward by the gap, as calendar programs do.
 */
export interface RecurrenceSpec {
  recurrenceRule: string;
  /** First day the rule may fall on, YYYY-MM-DD. */
  startsOn: string;
  /** HH:MM. */
  localStartTime: string;
  durationMinutes: number;
  timezone: string;
  /** Last day an occurrence may fall on, YYYY-MM-DD (inclusive). */
  until?: string | null;
}

export interface Occurrence {
  /** The day the rule put it on, YYYY-MM-DD (local to the series' zone). */
  day: string;
  startsAt: Date;
  endsAt: Date;
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Rule parts that would set the time of day or the rule's own start, which the series owns. */
const REFUSED_PARTS = ['DTSTART', 'TZID', 'BYHOUR', 'BYMINUTE', 'BYSECOND'];
/** Enough for a weekly series over years without letting a DAILY rule create thousands of meetings at once. */
export const MAX_OCCURRENCES_PER_RUN = 400;

/** The ToR's meeting frequency as a rule (offered as the default when a series is scheduled without one). */
export function defaultRecurrenceRule(frequency: string | null | undefined): string | null {
  switch (frequency) {
    case 'WEEKLY':
      return 'FREQ=WEEKLY';
    case 'MONTHLY':
      return 'FREQ=MONTHLY';
    case 'QUARTERLY':
      return 'FREQ=MONTHLY;INTERVAL=3';
    case 'BIANNUAL':
      return 'FREQ=MONTHLY;INTERVAL=6';
    case 'ANNUAL':
      return 'FREQ=YEARLY';
    default:
      return null;
  }
}

/** The rule's options, or a BAD_USER_INPUT naming recurrenceRule with what to write instead. */
export function parseRule(rule: string): Partial<Options> {
  const text = rule.trim().replace(/^RRULE:/i, '');
  const refused = REFUSED_PARTS.filter((part) => new RegExp(`\\b${part}\\b`, 'i').test(text));
  if (refused.length) {
    throw badInput(
      msg('error.meetings.series.recurrenceruleNotContainSeries', { refused: refused.join(', ') }),
      'recurrenceRule',
    );
  }
  if (/[\r\n]/.test(text)) throw badInput(msg('error.meetings.series.recurrenceruleOneLineE'), 'recurrenceRule');
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text);
  } catch (error) {
    throw badInput(
      msg('error.meetings.series.recurrenceruleNotRfc5545', {
        problem: error instanceof Error ? error.message : String(error),
      }),
      'recurrenceRule',
    );
  }
  if (options.freq === undefined || options.freq === null) {
    throw badInput(msg('error.meetings.series.recurrenceruleNeedsFreqE'), 'recurrenceRule');
  }
  if (![Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY].includes(options.freq)) {
    throw badInput(msg('error.meetings.series.recurrenceruleFreqDailyWeekly'), 'recurrenceRule');
  }
  return options;
}

export function checkLocalStartTime(value: string): void {
  if (!TIME_RE.test(value)) {
    throw badInput(msg('error.meetings.series.localstarttimeTimeWrittenHh', { value }), 'localStartTime');
  }
}

const floating = (day: string, hour = 0, minute = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hour, minute));
};
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return dayOf(new Date(floating(day).getTime() + days * 24 * 3600 * 1000));
}

export function addMonths(day: string, months: number): string {
  const date = floating(day);
  date.setUTCMonth(date.getUTCMonth() + months);
  return dayOf(date);
}

/** The instant at which `HH:MM` on `day` happens in `timezone`. */
export function localToInstant(day: string, time: string, timezone: string): Date {
  const [hh, mm] = time.split(':').map(Number);
  return atLocalTime(day, timezone, hh, mm);
}

/** Occurrences on days `from`..`to` (inclusive, YYYY-MM-DD), within the series' startsOn and until. */
export function occurrencesBetween(spec: RecurrenceSpec, from: string, to: string): Occurrence[] {
  const options = parseRule(spec.recurrenceRule);
  const [hh, mm] = spec.localStartTime.split(':').map(Number);
  const last = spec.until && spec.until < to ? spec.until : to;
  const first = from > spec.startsOn ? from : spec.startsOn;
  if (last < first) return [];
  const rule = new RRule({ ...options, dtstart: floating(spec.startsOn, hh, mm), tzid: undefined });
  const days = rule
    .between(floating(first), floating(last, 23, 59), true, (_date, i) => i < MAX_OCCURRENCES_PER_RUN)
    .map(dayOf);
  return days.map((day) => {
    const startsAt = localToInstant(day, spec.localStartTime, spec.timezone);
    return { day, startsAt, endsAt: new Date(startsAt.getTime() + spec.durationMinutes * 60_000) };
  });
}
