import { atLocalTime, parseDurationMs } from '@coord/core';

/**
 * When action reminders go out, as pure functions of the due date, the body's time zone and policy.
 * Times of day are civil times in the body's IANA zone, converted by core's time-zone module.
 */

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d + days));
  // Not toISOString().slice: past year 9999 it writes '+010000-01-01', and the day after 9999-12-31 is asked for.
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(day.getUTCFullYear(), 4)}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

export interface ActionReminderPolicy {
  timezone: string;
  actionDueReminders: string[];
  overdueEscalationAfter: string;
}

export interface PlannedReminder {
  /** ACTION_DUE_REMINDER, ACTION_OVERDUE or ACTION_ESCALATED. */
  kind: 'ACTION_DUE_REMINDER' | 'ACTION_OVERDUE' | 'ACTION_ESCALATED';
  /** Distinguishes reminders of one kind (the lead time of a due reminder). */
  slot: string;
  dueAt: Date;
}

/**
 * The time-based reminders of an item due on `dueOn`:
 * - one ACTION_DUE_REMINDER per lead time, at 09:00 in the body's zone on the due day minus the lead time;
 *   those already in the past are left out (a reminder for a date already passed would only be noise);
 * - ACTION_OVERDUE at 09:00 on the day after the due date (the first morning it is overdue);
 * - ACTION_ESCALATED once it has been overdue for the escalation time, counted from the overdue notice, and
 *   never earlier than that time from `now` (an item created already overdue escalates after the owner has
 *   had the escalation time to react).
 */
export function planTimedReminders(dueOn: string, policy: ActionReminderPolicy, now: Date): PlannedReminder[] {
  const dueMorning = atLocalTime(dueOn, policy.timezone).getTime();
  const planned: PlannedReminder[] = [];
  for (const lead of [...new Set(policy.actionDueReminders)]) {
    const ms = parseDurationMs(lead);
    if (ms === undefined) continue;
    const at = dueMorning - ms;
    if (at > now.getTime()) planned.push({ kind: 'ACTION_DUE_REMINDER', slot: lead, dueAt: new Date(at) });
  }
  const overdueAt = atLocalTime(addDays(dueOn, 1), policy.timezone);
  planned.push({ kind: 'ACTION_OVERDUE', slot: 'overdue', dueAt: overdueAt });
  const escalationMs = parseDurationMs(policy.overdueEscalationAfter) ?? 3 * 86400_000;
  planned.push({
    kind: 'ACTION_ESCALATED',
    slot: 'escalated',
    dueAt: new Date(Math.max(overdueAt.getTime(), now.getTime()) + escalationMs),
  });
  return planned;
}
