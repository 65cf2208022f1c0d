import { Kind } from 'graphql';
import { DurationScalar, isCalendarDate, LocalDateScalar, parseDurationMs } from '@coord/core';

describe('Date scalar', () => {
  const scalar = new LocalDateScalar();
  it('accepts real calendar days', () => {
    expect(scalar.parseValue('2026-02-28')).toBe('2026-02-28');
    expect(scalar.parseValue('2028-02-29')).toBe('2028-02-29');
  });
  it.each(['2026-02-30', '2026-13-01', '2026-1-5', '20260101', '2026-02-28T00:00:00Z', ''])('rejects %s', (value) => {
    expect(() => scalar.parseValue(value)).toThrow(/YYYY-MM-DD/);
  });
  it('rejects non-string literals', () => {
    expect(() => scalar.parseLiteral({ kind: Kind.INT, value: '20260101' })).toThrow(/YYYY-MM-DD/);
  });
  it('knows leap years', () => {
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
  });
});

describe('Duration scalar', () => {
  const scalar = new DurationScalar();
  it.each([
    ['P7D', 7 * 86400_000],
    ['PT12H', 12 * 3600_000],
    ['PT5S', 5000],
    ['PT2S', 2000],
    ['P1DT2H30M', 86400_000 + 2.5 * 3600_000],
    ['P2W', 14 * 86400_000],
  ])('parses %s', (value, ms) => {
    expect(parseDurationMs(value)).toBe(ms);
    expect(scalar.parseValue(value)).toBe(value);
  });
  it.each(['P', 'PT', '7D', 'P1M', 'P1Y', 'garbage', 'P-1D', 'PT1H ', ''])('rejects %s', (value) => {
    expect(() => scalar.parseValue(value)).toThrow(/ISO 8601/);
  });
});
