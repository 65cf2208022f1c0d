import { englishText, ErrorText, isIanaTimeZone, msg, parseDurationMs } from '@coord/core';
import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * Pure validation rules of the registry (no Nest, no TypeORM): ISO 3166 codes, IANA time zones, durations.
 * Used by the input classes (class-validator decorators below) and by the services.
 */

// ISO 3166-1 alpha-2 officially assigned codes, plus XK (Kosovo, user-assigned but in general use).
const COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY ' +
    'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
    'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR ' +
    'IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
    'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF ' +
    'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
  ).split(' '),
);

export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && COUNTRY_CODES.has(value);
}

const SUBDIVISION_RE = /^([A-Z]{2})-([A-Z0-9]{1,3})$/;

/**
 * Checks an ISO 3166-2 code against its country. Returns a message when it is wrong, undefined when it is fine.
 * Kenya's 47 counties are checked exactly (KE-01 .. KE-47); other countries by shape only.
 */
export function subdivisionProblemText(subdivision: string, country: string | null | undefined): ErrorText | undefined {
  const m = SUBDIVISION_RE.exec(subdivision);
  if (!m) return msg('error.registry.subdivisionNotIso', { subdivision });
  if (!country) return msg('error.registry.subdivisionNeedsCountry');
  if (m[1] !== country) return msg('error.registry.subdivisionOtherCountry', { subdivision, country });
  if (country === 'KE') {
    const n = Number(m[2]);
    if (!/^\d{2}$/.test(m[2]) || n < 1 || n > 47) {
      return msg('error.registry.subdivisionNotKenyanCounty', { subdivision });
    }
  }
  return undefined;
}
/** subdivisionProblemText in English. */
export const subdivisionProblem = (subdivision: string, country: string | null | undefined) =>
  englishText(subdivisionProblemText(subdivision, country));

/** An IANA time zone name (core's rule, shared with meetings). */
export function isTimeZone(value: unknown): value is string {
  return isIanaTimeZone(value);
}

/** A reminder lead time: a valid ISO duration longer than zero and at most a year. */
export function durationProblemText(value: string, field: string): ErrorText | undefined {
  const ms = parseDurationMs(value);
  if (ms === undefined) return msg('error.registry.durationNotIso', { field, value });
  if (ms <= 0) return msg('error.registry.durationNotPositive', { field, value });
  if (ms > 366 * 86400_000) return msg('error.registry.durationOverAYear', { field, value });
  return undefined;
}
/** durationProblemText in English. */
export const durationProblem = (value: string, field: string) => englishText(durationProblemText(value, field));

function rule(name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate: (value: unknown) => test(value) },
    });
}

export const IsCountryCode = (options?: ValidationOptions) =>
  rule(
    'isCountryCode',
    isCountryCode,
    '$property must be an ISO 3166-1 alpha-2 country code in capitals, e.g. KE; got "$value"',
    options,
  );

export const IsTimeZone = (options?: ValidationOptions) =>
  rule(
    'isTimeZone',
    isTimeZone,
    '$property must be an IANA time zone such as Africa/Nairobi or UTC; got "$value"',
    options,
  );
