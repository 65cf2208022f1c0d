import {
  atLocalTime,
  instantsAtWallTime,
  isAmbiguousLocalTime,
  isIanaTimeZone,
  localDay,
  todayIn,
  wallClock,
  zoneOffsetMinutes,
  zoneOffsetMs,
} from '../zones';

const iso = (at: Date | number) => new Date(at).toISOString();
const wall = (text: string) => Date.parse(`${text}Z`);

describe('time zones', () => {
  it('knows Africa/Nairobi: always three hours east of UTC, so its day starts at 21:00 UTC the day before', () => {
    expect(zoneOffsetMs('Africa/Nairobi', new Date('2026-01-15T00:00:00Z'))).toBe(3 * 3600_000);
    expect(zoneOffsetMinutes('Africa/Nairobi', new Date('2026-07-15T00:00:00Z'))).toBe(180);
    expect(iso(atLocalTime('2026-03-10', 'Africa/Nairobi'))).toBe('2026-03-10T06:00:00.000Z');
    expect(iso(atLocalTime('2026-03-10', 'Africa/Nairobi', 14, 30))).toBe('2026-03-10T11:30:00.000Z');
    expect(localDay(new Date('2026-03-09T20:59:59Z'), 'Africa/Nairobi')).toBe('2026-03-09');
    expect(localDay(new Date('2026-03-09T21:00:00Z'), 'Africa/Nairobi')).toBe('2026-03-10');
    expect(todayIn('Africa/Nairobi', new Date('2026-12-31T22:00:00Z'))).toBe('2027-01-01');
    expect(wallClock('Africa/Nairobi', new Date('2026-12-31T22:04:05Z'))).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      hour: 1,
      minute: 4,
      second: 5,
    });
    // Local mean time before 1908, an offset in seconds.
    expect(zoneOffsetMs('Africa/Nairobi', new Date('1900-01-01T00:00:00Z'))).toBe((2 * 3600 + 27 * 60 + 16) * 1000);
  });

  it('moves a time skipped by Berlin’s spring change forward by the gap', () => {
    // 2026-03-29 01:00 UTC: 02:00 CET becomes 03:00 CEST; 02:00-03:00 local does not exist.
    expect(zoneOffsetMinutes('Europe/Berlin', new Date('2026-03-29T00:59:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(instantsAtWallTime('Europe/Berlin', wall('2026-03-29T02:30:00'))).toEqual([]);
    expect(iso(atLocalTime('2026-03-29', 'Europe/Berlin', 2, 30))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(atLocalTime('2026-03-29', 'Europe/Berlin', 1, 30))).toBe('2026-03-29T00:30:00.000Z');
    expect(iso(atLocalTime('2026-03-29', 'Europe/Berlin', 3, 0))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(atLocalTime('2026-03-28', 'Europe/Berlin'))).toBe('2026-03-28T08:00:00.000Z');
    expect(iso(atLocalTime('2026-03-29', 'Europe/Berlin'))).toBe('2026-03-29T07:00:00.000Z');
  });

  it('takes the first of the two instants of Berlin’s repeated autumn hour, and knows the hour is ambiguous', () => {
    // 2026-10-25 01:00 UTC: 03:00 CEST becomes 02:00 CET; 02:00-03:00 local happens twice.
    expect(instantsAtWallTime('Europe/Berlin', wall('2026-10-25T02:30:00')).map(iso)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
    ]);
    expect(iso(atLocalTime('2026-10-25', 'Europe/Berlin', 2, 30))).toBe('2026-10-25T00:30:00.000Z');
    // The hours either side of the repeated one are unambiguous.
    expect(iso(atLocalTime('2026-10-25', 'Europe/Berlin', 1, 0))).toBe('2026-10-24T23:00:00.000Z');
    expect(iso(atLocalTime('2026-10-25', 'Europe/Berlin', 3, 0))).toBe('2026-10-25T02:00:00.000Z');
    expect(isAmbiguousLocalTime('Europe/Berlin', new Date('2026-10-25T00:30:00Z'))).toBe(true);
    expect(isAmbiguousLocalTime('Europe/Berlin', new Date('2026-10-25T01:30:00Z'))).toBe(true);
    expect(isAmbiguousLocalTime('Europe/Berlin', new Date('2026-10-25T02:00:00Z'))).toBe(false);
    expect(isAmbiguousLocalTime('Europe/Berlin', new Date('2026-10-24T23:59:00Z'))).toBe(false);
  });

  it('knows New York on both changes, west of UTC', () => {
    // 2026-03-08 07:00 UTC: 02:00 EST becomes 03:00 EDT. 2026-11-01 06:00 UTC: 02:00 EDT becomes 01:00 EST.
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-07-15T00:00:00Z'))).toBe(-240);
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-01-15T00:00:00Z'))).toBe(-300);
    expect(iso(atLocalTime('2026-03-08', 'America/New_York', 2, 30))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(atLocalTime('2026-03-08', 'America/New_York', 3, 0))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(atLocalTime('2026-03-08', 'America/New_York', 4, 0))).toBe('2026-03-08T08:00:00.000Z');
    expect(iso(atLocalTime('2026-11-01', 'America/New_York', 1, 30))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(atLocalTime('2026-11-01', 'America/New_York'))).toBe('2026-11-01T14:00:00.000Z');
    expect(isAmbiguousLocalTime('America/New_York', new Date('2026-11-01T06:30:00Z'))).toBe(true);
    expect(localDay(new Date('2026-11-01T03:59:00Z'), 'America/New_York')).toBe('2026-10-31');
    expect(localDay(new Date('2026-11-01T04:00:00Z'), 'America/New_York')).toBe('2026-11-01');
  });

  it('refuses an unknown zone: not valid, and no offset computed from it', () => {
    expect(isIanaTimeZone('Africa/Nairobi')).toBe(true);
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isIanaTimeZone('+03:00')).toBe(false);
    expect(isIanaTimeZone('EAT')).toBe(false);
    expect(isIanaTimeZone(42)).toBe(false);
    expect(() => zoneOffsetMs('Mars/Olympus_Mons', new Date())).toThrow(/Unknown time zone "Mars\/Olympus_Mons"/);
    expect(() => atLocalTime('2026-03-10', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => todayIn('Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('writes days past year 9999 the way the reminders plan them', () => {
    expect(iso(atLocalTime('10000-01-01', 'Africa/Nairobi'))).toBe('+010000-01-01T06:00:00.000Z');
    expect(localDay(new Date('9999-12-31T21:00:00Z'), 'Africa/Nairobi')).toBe('10000-01-01');
  });
});
