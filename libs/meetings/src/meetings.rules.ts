import { badInput, formatTimeSpan, isIanaTimeZone, msg } from '@coord/core';

/**
 * Pure checks of a meeting's schedule, with messages a person can act on. `now` is passed in for tests.
 */
/** Meetings held up to this many days ago can be entered afterwards (attendance, minutes, decisions). */
export const MAX_PAST_DAYS = 90;
export const MAX_PAST_MS = MAX_PAST_DAYS * 24 * 3600 * 1000;
/** A meeting (a retreat or a conference included) lasts at most a week. */
export const MAX_DURATION_DAYS = 7;
/** Items of one meeting's agenda. */
export const MAX_AGENDA_ITEMS = 100;

export interface ScheduleFields {
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  onlineUrl?: string | null;
}

export function checkSchedule(fields: ScheduleFields, opts: { now: Date; checkPast: boolean }): void {
  if (!isIanaTimeZone(fields.timezone)) {
    throw badInput(msg('error.meetings.unknownTimeZoneUse', { timezone: fields.timezone }), 'timezone');
  }
  if (fields.endsAt.getTime() <= fields.startsAt.getTime()) {
    throw badInput(
      msg('error.meetings.meetingEndAfterStarts', {
        startsAt: fields.startsAt.toISOString(),
        endsAt: fields.endsAt.toISOString(),
      }),
      'endsAt',
    );
  }
  if (fields.endsAt.getTime() - fields.startsAt.getTime() > MAX_DURATION_DAYS * 86400_000) {
    throw badInput(
      msg('error.meetings.meetingLastMostDays', {
        MAX_DURATION_DAYS,
        startsAt: fields.startsAt.toISOString(),
        endsAt: fields.endsAt.toISOString(),
      }),
      'endsAt',
    );
  }
  if (opts.checkPast && fields.startsAt.getTime() < opts.now.getTime() - MAX_PAST_MS) {
    throw badInput(
      msg('error.meetings.meetingCannotStartMore', { MAX_PAST_DAYS, startsAt: fields.startsAt.toISOString() }),
      'startsAt',
    );
  }
  if (fields.onlineUrl != null && !isHttpUrl(fields.onlineUrl)) {
    throw badInput(msg('error.meetings.series.onlineurlHttpHttpsLink'), 'onlineUrl');
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname && !/\s/.test(value);
  } catch {
    return false;
  }
}

/**
 * "Tue, 1 Dec 2026, 09:00–11:00 (Africa/Nairobi)" in English. Mails and reminders use core's formatTimeSpan (or
 * the timeSpan message value) in the reader's language instead; kept for English-only texts.
 */
export function describeTime(startsAt: Date, endsAt: Date, timezone: string): string {
  return formatTimeSpan('en', startsAt, endsAt, timezone);
}
