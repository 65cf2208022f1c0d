/** Data-to-view rules of the public pages, kept apart from the components so that tests can pin them. */

export interface CommitmentLike {
  status: string;
  isOverdue: boolean;
  dueOn?: string | null;
  progressPercent: number;
}

/** Overdue first, then open work by due date (undated last), then done and cancelled. */
export function sortForFollowUp<T extends CommitmentLike>(items: readonly T[]): T[] {
  const rank = (i: T) => (i.isOverdue ? 0 : i.status === 'DONE' || i.status === 'CANCELLED' ? 2 : 1);
  return [...items].sort(
    (a, b) => rank(a) - rank(b) || (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31'),
  );
}

export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

export function statusTone(item: Pick<CommitmentLike, 'status' | 'isOverdue'>): Tone {
  if (item.isOverdue) return 'bad';
  if (item.status === 'DONE') return 'ok';
  if (item.status === 'BLOCKED') return 'warn';
  return 'neutral';
}

export interface ProgressRowLike {
  key: string;
  label: string;
  total: number;
  done: number;
  overdue: number;
  averageProgressPercent: number;
}

const SHORT = 32;

export interface ChartRow {
  key: string;
  label: string;
  /** The label cut to fit beside a bar (the table and the CSV have it whole). */
  short: string;
  done: number;
  open: number;
  overdue: number;
  total: number;
  average: number;
}

/**
 * Rows for a stacked bar chart and its table: done, open-not-overdue and overdue add up to the total; the
 * largest groups first, at most `limit` of them (the table shows them all).
 */
export function chartRows(rows: readonly ProgressRowLike[], limit = Infinity): ChartRow[] {
  return [...rows]
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label))
    .slice(0, limit)
    .map((r) => ({
      key: r.key,
      label: r.label,
      short: r.label.length > SHORT ? `${r.label.slice(0, SHORT - 1).trimEnd()}…` : r.label,
      done: r.done,
      overdue: r.overdue,
      open: Math.max(0, r.total - r.done - r.overdue),
      total: r.total,
      average: Math.round(r.averageProgressPercent),
    }));
}

export function totals(rows: readonly ProgressRowLike[]) {
  return rows.reduce(
    (sum, r) => ({ total: sum.total + r.total, done: sum.done + r.done, overdue: sum.overdue + r.overdue }),
    { total: 0, done: 0, overdue: 0 },
  );
}
