import { DomainError } from '@coord/core';
import { isIanaTimeZone } from '@coord/core';
import { checkSchedule } from '../meetings.rules';
import { zoneOffsetMinutes as offsetMinutes } from '@coord/core';
import { vtimezone } from '../calendar/vtimezone';

const now = new Date('2026-06-01T12:00:00Z');
const at = (iso: string) => new Date(iso);

function problem(fn: () => void): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}

describe('meeting schedule rules', () => {
  it('knows IANA zones and refuses others', () => {
    expect(isIanaTimeZone('Africa/Nairobi')).toBe(true);
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isIanaTimeZone('+03:00')).toBe(false);
    expect(isIanaTimeZone('')).toBe(false);
  });

  it('accepts a meeting that ends after it starts in a known zone', () => {
    expect(() =>
      checkSchedule(
        {
          startsAt: at('2026-06-02T09:00:00Z'),
          endsAt: at('2026-06-02T11:00:00Z'),
          timezone: 'Africa/Nairobi',
          onlineUrl: 'https://meet.example.org/x',
        },
        { now, checkPast: true },
      ),
    ).not.toThrow();
  });

  it('refuses an end before the start, an unknown zone, a start more than 90 days back, a meeting over 7 days and a non-http link', () => {
    const base = {
      startsAt: at('2026-06-02T09:00:00Z'),
      endsAt: at('2026-06-02T11:00:00Z'),
      timezone: 'Africa/Nairobi',
    };
    const cases: Array<[object, string, RegExp]> = [
      [{ endsAt: at('2026-06-02T08:00:00Z') }, 'endsAt', /must end after it starts/],
      [{ timezone: 'Africa/Atlantis' }, 'timezone', /Unknown time zone "Africa\/Atlantis"/],
      [
        { startsAt: at('2026-02-01T11:00:00Z'), endsAt: at('2026-02-01T12:00:00Z') },
        'startsAt',
        /more than 90 days in the past/,
      ],
      [{ endsAt: at('2026-06-09T09:00:01Z') }, 'endsAt', /at most 7 days/],
      [{ onlineUrl: 'javascript:alert(1)' }, 'onlineUrl', /http:\/\/ or https:\/\//],
    ];
    for (const [change, field, message] of cases) {
      const error = problem(() => checkSchedule({ ...base, ...change }, { now, checkPast: true }));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.details.field).toBe(field);
      expect(error.message).toMatch(message);
    }
  });

  it('allows a start up to a day back (recording a meeting just held)', () => {
    expect(() =>
      checkSchedule(
        { startsAt: at('2026-05-31T13:00:00Z'), endsAt: at('2026-05-31T15:00:00Z'), timezone: 'UTC' },
        { now, checkPast: true },
      ),
    ).not.toThrow();
  });
});

describe('VTIMEZONE', () => {
  it('knows offsets with and without daylight saving time', () => {
    expect(offsetMinutes('Africa/Nairobi', at('2026-01-15T00:00:00Z'))).toBe(180);
    expect(offsetMinutes('Europe/Zurich', at('2026-01-15T00:00:00Z'))).toBe(60);
    expect(offsetMinutes('Europe/Zurich', at('2026-07-15T00:00:00Z'))).toBe(120);
    expect(offsetMinutes('America/New_York', at('2026-07-15T00:00:00Z'))).toBe(-240);
  });

  it('lists the daylight-saving changes of the years covered', () => {
    const text = vtimezone('Europe/Zurich', at('2026-03-01T00:00:00Z'), at('2026-12-01T00:00:00Z'))!;
    expect(text).toContain('TZID:Europe/Zurich');
    // 2026-03-29 01:00 UTC: 02:00 local standard time becomes 03:00 summer time.
    expect(text).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/);
    expect(text).toMatch(/BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/);
  });
});
