import { tzOffset } from '@date-fns/tz';

/**
 * The one place that knows about time zones: validity of a zone name, the offset of a zone at an instant, the
 * wall clock of an instant in a zone, and the instant at which a zone's wall clock shows a given time. Offsets come
 * from @date-fns/tz (the runtime's time-zone data through Intl); everything else derives from `zoneOffsetMs`.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * An IANA time zone name the runtime knows (Africa/Nairobi, Asia/Kolkata, America/Argentina/Buenos_Aires, UTC).
 * Checked by asking Intl to use it, not against Intl.supportedValuesOf('timeZone'): that list holds ICU's
 * canonical names (Asia/Calcutta, America/Buenos_Aires) and would refuse the current IANA ones. Offsets such as
 * "+03:00" and abbreviations such as "EAT" (which Intl maps to a zone) are refused: bodies and meetings need an
 * Area/Location name, or UTC.
 */
export function isIanaTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !zone || zone.length > 64) return false;
  if (zone === 'UTC') return true;
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `zone` from UTC at instant `at`, in milliseconds (positive east of Greenwich). Throws on an unknown zone. */
export function zoneOffsetMs(zone: string, at: Date | number): number {
  const minutes = tzOffset(zone, new Date(at));
  if (Number.isNaN(minutes)) throw new RangeError(`Unknown time zone "${zone}"`);
  // Historical local mean times have offsets in seconds (Nairobi until 1908: +02:27:16), given as fractions of a minute.
  return Math.round(minutes * MINUTE);
}

/** Offset of `zone` from UTC at instant `at`, in whole minutes east of Greenwich (as iCalendar writes it). */
export function zoneOffsetMinutes(zone: string, at: Date | number): number {
  return Math.round(zoneOffsetMs(zone, at) / MINUTE);
}

export interface WallClock {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of instant `at` in `zone`. */
export function wallClock(zone: string, at: Date | number): WallClock {
  const local = new Date(new Date(at).getTime() + zoneOffsetMs(zone, at));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day (YYYY-MM-DD) of instant `at` in `zone`. */
export function localDay(at: Date | number, zone: string): string {
  const { year, month, day } = wallClock(zone, at);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Today's date (YYYY-MM-DD) in `zone`. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return localDay(now, zone);
}

/**
 * The instants at which the wall clock in `zone` shows `wall` (the wall time written as if it were UTC, in ms):
 * one as a rule, none in the gap when clocks go forward, two (earlier first) in the hour repeated when they go back.
 */
export function instantsAtWallTime(zone: string, wall: number): number[] {
  // Every offset in force within a day of the wall time: a zone changes its offset at most once in that span.
  const offsets = new Set([wall - DAY, wall, wall + DAY].map((t) => zoneOffsetMs(zone, t)));
  const found = new Set<number>();
  for (const offset of offsets) {
    const at = wall - offset;
    if (zoneOffsetMs(zone, at) === offset) found.add(at);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The instant at which the wall clock in `zone` shows `hour`:`minute` on calendar day `day` (YYYY-MM-DD). A time
 * repeated when clocks go back resolves to its first occurrence (as iCalendar clients read it); a time skipped when
 * they go forward resolves to the instant as far after the gap as the time is into it (02:30 becomes 03:30).
 */
export function atLocalTime(day: string, zone: string, hour = 9, minute = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  const [first] = instantsAtWallTime(zone, wall);
  if (first !== undefined) return new Date(first);
  // In a gap: read the wall time with the offset in force before the change.
  return new Date(wall - zoneOffsetMs(zone, wall - DAY));
}

/** Whether the wall time of instant `at` in `zone` also names another instant (the repeated hour of a fall-back night). */
export function isAmbiguousLocalTime(zone: string, at: Date | number): boolean {
  const t = new Date(at).getTime();
  return instantsAtWallTime(zone, t + zoneOffsetMs(zone, t)).length > 1;
}
