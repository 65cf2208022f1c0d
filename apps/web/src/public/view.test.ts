import { describe, expect, it } from 'vitest';
import { chartRows, sortForFollowUp, statusTone, totals } from './view';

const item = (id: string, status: string, isOverdue: boolean, dueOn: string | null) => ({
  id,
  status,
  isOverdue,
  dueOn,
  progressPercent: 0,
});

describe('sortForFollowUp', () => {
  it('puts overdue items first, then open ones by due date (undated last), then done and cancelled', () => {
    const sorted = sortForFollowUp([
      item('done', 'DONE', false, '2026-01-01'),
      item('later', 'OPEN', false, '2027-05-01'),
      item('undated', 'IN_PROGRESS', false, null),
      item('overdue-b', 'OPEN', true, '2026-03-01'),
      item('soon', 'BLOCKED', false, '2026-12-20'),
      item('overdue-a', 'IN_PROGRESS', true, '2026-02-01'),
      item('cancelled', 'CANCELLED', false, null),
    ]);
    expect(sorted.map((i) => i.id)).toEqual([
      'overdue-a',
      'overdue-b',
      'soon',
      'later',
      'undated',
      'done',
      'cancelled',
    ]);
  });
});

describe('statusTone', () => {
  it('marks overdue as bad whatever the status, done as ok, blocked as a warning', () => {
    expect(statusTone({ status: 'IN_PROGRESS', isOverdue: true })).toBe('bad');
    expect(statusTone({ status: 'DONE', isOverdue: false })).toBe('ok');
    expect(statusTone({ status: 'BLOCKED', isOverdue: false })).toBe('warn');
    expect(statusTone({ status: 'OPEN', isOverdue: false })).toBe('neutral');
  });
});

describe('chartRows', () => {
  const rows = [
    { key: 'a', label: 'Small', total: 2, done: 1, overdue: 0, averageProgressPercent: 55.5 },
    {
      key: 'b',
      label: 'A very long objective title that does not fit beside a bar',
      total: 7,
      done: 2,
      overdue: 3,
      averageProgressPercent: 40,
    },
    { key: 'c', label: 'Medium', total: 4, done: 0, overdue: 4, averageProgressPercent: 10 },
  ];

  it('splits each total into done, open and overdue, largest groups first', () => {
    expect(chartRows(rows).map((r) => [r.key, r.done, r.open, r.overdue, r.total, r.average])).toEqual([
      ['b', 2, 2, 3, 7, 40],
      ['c', 0, 0, 4, 4, 10],
      ['a', 1, 1, 0, 2, 56],
    ]);
  });

  it('keeps at most the limit and shortens long labels for the axis only', () => {
    const [first] = chartRows(rows, 1);
    expect(chartRows(rows, 1)).toHaveLength(1);
    expect(first.label).toBe(rows[1].label);
    expect(first.short.length).toBeLessThanOrEqual(32);
    expect(first.short.endsWith('…')).toBe(true);
  });

  it('adds up the totals', () => {
    expect(totals(rows)).toEqual({ total: 13, done: 3, overdue: 7 });
  });
});
