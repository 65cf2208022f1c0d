import { composition } from '../composition';
import { StakeholderSector as S } from '../registry.enums';
import { durationProblem, isCountryCode, isTimeZone, subdivisionProblem } from '../registry.rules';

describe('registry rules', () => {
  it('accepts ISO 3166-1 alpha-2 codes and refuses others', () => {
    expect(isCountryCode('KE')).toBe(true);
    expect(isCountryCode('UG')).toBe(true);
    for (const bad of ['ke', 'KEN', 'XX', 'EU', 'UK', '', null]) expect(isCountryCode(bad)).toBe(false);
  });

  it('checks a subdivision against its country, and Kenyan counties exactly', () => {
    expect(subdivisionProblem('KE-28', 'KE')).toBeUndefined();
    expect(subdivisionProblem('KE-47', 'KE')).toBeUndefined();
    expect(subdivisionProblem('UG-102', 'UG')).toBeUndefined();
    expect(subdivisionProblem('KE-48', 'KE')).toMatch(/not a Kenyan county/);
    expect(subdivisionProblem('KE-28', 'UG')).toMatch(/must start with UG-/);
    expect(subdivisionProblem('KE-28', null)).toMatch(/needs countryCode/);
    expect(subdivisionProblem('KE28', 'KE')).toMatch(/ISO 3166-2/);
  });

  it('accepts IANA zones and UTC only', () => {
    expect(isTimeZone('Africa/Nairobi')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    // Current IANA names that ICU's own list spells differently (Asia/Calcutta, Europe/Kiev).
    for (const zone of ['Asia/Kolkata', 'Europe/Kyiv', 'America/Argentina/Buenos_Aires'])
      expect(isTimeZone(zone)).toBe(true);
    for (const bad of ['EAT', 'Africa/Mombasa', '+03:00', '', 3]) expect(isTimeZone(bad)).toBe(false);
  });

  it('refuses zero and overlong reminder lead times', () => {
    expect(durationProblem('P7D', 'x')).toBeUndefined();
    expect(durationProblem('PT0S', 'x')).toMatch(/longer than zero/);
    expect(durationProblem('P400D', 'x')).toMatch(/at most a year/);
    expect(durationProblem('7 days', 'x')).toMatch(/ISO 8601/);
  });

  it('computes composition: sectors in enum order, shortfalls, shares rounded', () => {
    const report = composition(
      [
        { sector: S.CIVIL_SOCIETY, votingRights: true },
        { sector: S.NATIONAL_GOVERNMENT, votingRights: true },
        { sector: S.CIVIL_SOCIETY, votingRights: false },
      ],
      [
        { sector: S.CIVIL_SOCIETY, minSeats: 2 },
        { sector: S.PRIVATE_SECTOR, minSeats: 2 },
      ],
    );
    expect(report).toEqual({
      activeMembers: 3,
      votingMembers: 2,
      bySector: [
        { sector: S.NATIONAL_GOVERNMENT, members: 1 },
        { sector: S.CIVIL_SOCIETY, members: 2 },
      ],
      unfilledSeats: [{ sector: S.PRIVATE_SECTOR, minSeats: 2 }],
      governmentShare: 0.3333,
      nonGovernmentShare: 0.6667,
    });
  });
});
