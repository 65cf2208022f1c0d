import { atLocalTime, zoneOffsetMs } from '@coord/core';
import { addDays, planTimedReminders } from '../reminder-times';

describe('reminder times in the body time zone', () => {
  it('finds 09:00 local in zones east and west of UTC', () => {
    expect(atLocalTime('2026-03-10', 'Africa/Nairobi').toISOString()).toBe('2026-03-10T06:00:00.000Z');
    expect(atLocalTime('2026-03-10', 'UTC').toISOString()).toBe('2026-03-10T09:00:00.000Z');
    expect(atLocalTime('2026-03-10', 'Pacific/Kiritimati').toISOString()).toBe('2026-03-09T19:00:00.000Z');
    expect(atLocalTime('2026-03-10', 'Pacific/Pago_Pago').toISOString()).toBe('2026-03-10T20:00:00.000Z');
    expect(atLocalTime('2026-03-10', 'Asia/Kathmandu').toISOString()).toBe('2026-03-10T03:15:00.000Z');
  });

  it('follows daylight saving time on either side of the change', () => {
    // Europe/Berlin: CET (+1) until 2026-03-29 02:00, CEST (+2) after.
    expect(atLocalTime('2026-03-28', 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(atLocalTime('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(atLocalTime('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T14:00:00.000Z');
    expect(zoneOffsetMs('Africa/Nairobi', new Date())).toBe(3 * 3600_000);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -7)).toBe('2026-02-22');
  });

  it('plans the reminders of an item due on the last day of year 9999 (a common "no real deadline" date)', () => {
    expect(addDays('9999-12-31', 1)).toBe('10000-01-01');
    const policy = { timezone: 'Africa/Nairobi', actionDueReminders: ['P1D'], overdueEscalationAfter: 'P3D' };
    const planned = planTimedReminders('9999-12-31', policy, new Date('2026-01-01T00:00:00Z'));
    expect(planned.map((p) => [p.kind, p.dueAt.toISOString()])).toEqual([
      ['ACTION_DUE_REMINDER', '9999-12-30T06:00:00.000Z'],
      ['ACTION_OVERDUE', '+010000-01-01T06:00:00.000Z'],
      ['ACTION_ESCALATED', '+010000-01-04T06:00:00.000Z'],
    ]);
  });

  it('plans due reminders at the lead times, the overdue notice and the escalation', () => {
    const policy = { timezone: 'Africa/Nairobi', actionDueReminders: ['P7D', 'P1D'], overdueEscalationAfter: 'P3D' };
    const plan = planTimedReminders('2026-03-20', policy, new Date('2026-03-01T00:00:00Z'));
    expect(plan.map((p) => [p.kind, p.slot, p.dueAt.toISOString()])).toEqual([
      ['ACTION_DUE_REMINDER', 'P7D', '2026-03-13T06:00:00.000Z'],
      ['ACTION_DUE_REMINDER', 'P1D', '2026-03-19T06:00:00.000Z'],
      ['ACTION_OVERDUE', 'overdue', '2026-03-21T06:00:00.000Z'],
      ['ACTION_ESCALATED', 'escalated', '2026-03-24T06:00:00.000Z'],
    ]);
  });

  it('leaves out due reminders already past and escalates an already overdue item after the escalation time', () => {
    const policy = { timezone: 'UTC', actionDueReminders: ['P7D', 'P1D'], overdueEscalationAfter: 'PT2S' };
    const now = new Date('2026-03-19T12:00:00Z');
    const plan = planTimedReminders('2026-03-18', policy, now);
    expect(plan.map((p) => p.kind)).toEqual(['ACTION_OVERDUE', 'ACTION_ESCALATED']);
    expect(plan[0].dueAt.toISOString()).toBe('2026-03-19T09:00:00.000Z');
    expect(plan[1].dueAt.toISOString()).toBe('2026-03-19T12:00:02.000Z');
  });
});
