import { zoneOffsetMinutes } from '@coord/core';

/**
 * VTIMEZONE blocks for IANA zones, built from the offsets core's time-zone module reads, so that events can be
 * written in the meeting's own zone (DTSTART;TZID=Africa/Nairobi:...) and every client places them right.
 * Each offset change found in the years covered becomes one STANDARD/DAYLIGHT component starting at the
 * local time of the change (RFC 5545 allows non-recurring observances).
 */
const HOUR = 3600_000;

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
const formatOffset = (min: number) =>
  `${min < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(min) / 60))}${pad(Math.abs(min) % 60)}`;
/** The instant written as wall-clock time at a given offset, YYYYMMDDTHHMMSS. */
const formatAtOffset = (at: Date, offset: number) => {
  const d = new Date(at.getTime() + offset * 60000);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
};

/** Instants (to the minute) at which the zone's offset changes within [from, to). */
function transitions(zone: string, from: Date, to: Date): Date[] {
  const found: Date[] = [];
  let prevAt = from.getTime();
  let prev = zoneOffsetMinutes(zone, from);
  for (let t = prevAt + 6 * HOUR; t <= to.getTime(); t += 6 * HOUR) {
    const off = zoneOffsetMinutes(zone, new Date(t));
    if (off !== prev) {
      let lo = prevAt;
      let hi = t;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
        if (zoneOffsetMinutes(zone, new Date(mid)) === prev) lo = mid;
        else hi = mid;
      }
      found.push(new Date(hi));
      prev = off;
    }
    prevAt = t;
  }
  return found;
}

/** A VTIMEZONE covering [from, to) (whole years), or null for UTC. */
export function vtimezone(zone: string, from: Date, to: Date): string | null {
  if (zone === 'UTC' || zone === 'Etc/UTC') return null;
  const start = new Date(Date.UTC(from.getUTCFullYear() - 1, 0, 1));
  const end = new Date(Date.UTC(to.getUTCFullYear() + 1, 11, 31));
  const changes = transitions(zone, start, end);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const initial = zoneOffsetMinutes(zone, start);
  const component = (at: Date, before: number, after: number, dst: boolean) => {
    const kind = dst ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      // RFC 5545: the onset in the local time in force before it (TZOFFSETFROM).
      `DTSTART:${formatAtOffset(at, before)}`,
      `TZOFFSETFROM:${formatOffset(before)}`,
      `TZOFFSETTO:${formatOffset(after)}`,
      `END:${kind}`,
    );
  };
  // The offset in force from the start of the covered period.
  lines.push(
    'BEGIN:STANDARD',
    `DTSTART:${formatAtOffset(start, initial)}`,
    `TZOFFSETFROM:${formatOffset(initial)}`,
    `TZOFFSETTO:${formatOffset(initial)}`,
    'END:STANDARD',
  );
  let prev = initial;
  for (const at of changes) {
    const after = zoneOffsetMinutes(zone, at);
    component(at, prev, after, after > prev);
    prev = after;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n') + '\r\n';
}
