/**
 * An IANA time zone name the runtime knows (Africa/Nairobi, Asia/Kolkata, America/Argentina/Buenos_Aires, UTC).
 * Checked by asking Intl to use it, not against Intl.supportedValuesOf('timeZone'): that list holds ICU's
 * canonical names (Asia/Calcutta, America/Buenos_Aires) and would refuse the current IANA ones. Offsets such as
 * "+03:00" and abbreviations such as "EAT" (which Intl maps to a zone) are refused: bodies and meetings need an
 * Area/Location name, or UTC.
 */
export function isIanaTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !zone || zone.length > 64) return false;
  if (zone === 'UTC') return true;
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
