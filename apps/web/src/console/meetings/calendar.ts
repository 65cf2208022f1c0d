/**
 * The month grid of the meetings calendar, pure: days are calendar dates (YYYY-MM-DD) computed in UTC arithmetic,
 * so that no browser time zone or clock change moves a day; a meeting sits on the day it starts in its own zone.
 */
export interface CalendarDay {
  date: string;
  inMonth: boolean;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** The same day of another month, clamped to that month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const d = utc(date);
  const day = d.getUTCDate();
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return iso(first);
}

/** First day of the month of a date. */
export const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

/** Weeks (Monday first, as ISO 8601 has it) covering the month of `date`, with the days of the months around it. */
export function monthGrid(date: string): CalendarDay[][] {
  const first = monthStart(date);
  const weekday = (utc(first).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  let day = addDays(first, -weekday);
  const weeks: CalendarDay[][] = [];
  do {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      week.push({ date: day, inMonth: day.slice(0, 7) === first.slice(0, 7) });
      day = addDays(day, 1);
    }
    weeks.push(week);
  } while (day.slice(0, 7) === first.slice(0, 7));
  return weeks;
}

/** The calendar day an instant falls on in a time zone, YYYY-MM-DD. */
export function dayIn(instant: string, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

/** The day a key moves the focus to in the grid, or null for a key the grid does not handle. */
export function keyTarget(date: string, key: string, rtl = false): string | null {
  // Right to left (Arabic): the grid is mirrored, so is the meaning of the left and right arrows.
  if (rtl && (key === 'ArrowLeft' || key === 'ArrowRight')) key = key === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft';
  const weekday = (utc(date).getUTCDay() + 6) % 7;
  switch (key) {
    case 'ArrowLeft':
      return addDays(date, -1);
    case 'ArrowRight':
      return addDays(date, 1);
    case 'ArrowUp':
      return addDays(date, -7);
    case 'ArrowDown':
      return addDays(date, 7);
    case 'Home':
      return addDays(date, -weekday);
    case 'End':
      return addDays(date, 6 - weekday);
    case 'PageUp':
      return addMonths(date, -1);
    case 'PageDown':
      return addMonths(date, 1);
    default:
      return null;
  }
}
