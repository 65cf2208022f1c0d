import { defaultRecurrenceRule, occurrencesBetween, parseRule } from '../series/recurrence';

const wall = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(at);

describe('recurrence of a meeting series', () => {
  it('keeps a monthly BYDAY=2TU meeting at 10:00 in Europe/Berlin across both DST changes (its UTC hour moves)', () => {
    const occurrences = occurrencesBetween(
      {
        recurrenceRule: 'FREQ=MONTHLY;BYDAY=2TU',
        startsOn: '2026-01-01',
        localStartTime: '10:00',
        durationMinutes: 120,
        timezone: 'Europe/Berlin',
      },
      '2026-01-01',
      '2026-12-31',
    );
    expect(occurrences.map((o) => o.day)).toEqual([
      '2026-01-13',
      '2026-02-10',
      '2026-03-10',
      '2026-04-14',
      '2026-05-12',
      '2026-06-09',
      '2026-07-14',
      '2026-08-11',
      '2026-09-08',
      '2026-10-13',
      '2026-11-10',
      '2026-12-08',
    ]);
    for (const o of occurrences) {
      expect(wall(o.startsAt, 'Europe/Berlin')).toBe('10:00');
      expect(wall(o.endsAt, 'Europe/Berlin')).toBe('12:00');
    }
    // Winter CET (UTC+1) and summer CEST (UTC+2): the same local time is a different UTC instant.
    expect(occurrences[2].startsAt.toISOString()).toBe('2026-03-10T09:00:00.000Z');
    expect(occurrences[3].startsAt.toISOString()).toBe('2026-04-14T08:00:00.000Z');
    expect(occurrences[10].startsAt.toISOString()).toBe('2026-11-10T09:00:00.000Z');
  });

  it('keeps a monthly BYDAY=2TU meeting at 09:30 in Africa/Nairobi (no DST: always 06:30 UTC)', () => {
    const occurrences = occurrencesBetween(
      {
        recurrenceRule: 'FREQ=MONTHLY;BYDAY=2TU',
        startsOn: '2026-02-15',
        localStartTime: '09:30',
        durationMinutes: 90,
        timezone: 'Africa/Nairobi',
      },
      '2026-01-01',
      '2026-12-31',
    );
    expect(occurrences[0].day).toBe('2026-03-10');
    expect(occurrences).toHaveLength(10);
    for (const o of occurrences) {
      expect(wall(o.startsAt, 'Africa/Nairobi')).toBe('09:30');
      expect(o.startsAt.toISOString().slice(11, 16)).toBe('06:30');
    }
  });

  it('stops at until and moves a local time skipped by the spring change forward by the gap', () => {
    const occurrences = occurrencesBetween(
      {
        recurrenceRule: 'FREQ=WEEKLY;BYDAY=SU',
        startsOn: '2026-03-22',
        localStartTime: '02:30',
        durationMinutes: 60,
        timezone: 'Europe/Berlin',
        until: '2026-04-05',
      },
      '2026-03-01',
      '2026-12-31',
    );
    expect(occurrences.map((o) => o.day)).toEqual(['2026-03-22', '2026-03-29', '2026-04-05']);
    expect(wall(occurrences[1].startsAt, 'Europe/Berlin')).toBe('03:30');
    expect(wall(occurrences[2].startsAt, 'Europe/Berlin')).toBe('02:30');
  });

  it('refuses rules that are not RFC 5545 or that set the time or start themselves, naming recurrenceRule', () => {
    for (const rule of ['MONTHLY', 'FREQ=HOURLY', 'FREQ=DAILY;BYHOUR=9', 'DTSTART:20260101T000000Z\nFREQ=DAILY']) {
      expect(() => parseRule(rule)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'recurrenceRule' } }),
      );
    }
  });

  it("offers the ToR's meeting frequency as a rule", () => {
    expect(defaultRecurrenceRule('QUARTERLY')).toBe('FREQ=MONTHLY;INTERVAL=3');
    expect(defaultRecurrenceRule('AD_HOC')).toBeNull();
  });
});
