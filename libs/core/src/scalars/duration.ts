/**
 * ISO-8601 durations as used by reminder policies ("P7D", "PT12H", "PT5S", "P1DT2H").
 * Years and months are refused: their length depends on the calendar, a reminder lead time must not.
 */
const DURATION_RE = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDurationMs(value: string): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const m = DURATION_RE.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const [, w, d, h, min, s] = m;
  if ([w, d, h, min, s].every((part) => part === undefined)) return undefined;
  const ms =
    (Number(w ?? 0) * 7 * 86400 +
      Number(d ?? 0) * 86400 +
      Number(h ?? 0) * 3600 +
      Number(min ?? 0) * 60 +
      Number(s ?? 0)) *
    1000;
  return Number.isFinite(ms) ? ms : undefined;
}

export function isDuration(value: string): boolean {
  return parseDurationMs(value) !== undefined;
}
