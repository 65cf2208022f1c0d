import { ActionStatus } from '../action.enums';
import { ALLOWED_TRANSITIONS, applyProgress, canTransition } from '../actions.rules';

const { OPEN, IN_PROGRESS, BLOCKED, DONE, CANCELLED } = ActionStatus;
const now = new Date('2026-03-01T10:00:00Z');
const state = (status: ActionStatus, progressPercent = 0) => ({
  status,
  progressPercent,
  completedAt: status === DONE ? new Date('2026-02-01T00:00:00Z') : null,
});

describe('action item workflow', () => {
  it.each([
    [OPEN, IN_PROGRESS],
    [OPEN, BLOCKED],
    [OPEN, DONE],
    [OPEN, CANCELLED],
    [IN_PROGRESS, BLOCKED],
    [IN_PROGRESS, DONE],
    [IN_PROGRESS, CANCELLED],
    [BLOCKED, IN_PROGRESS],
    [BLOCKED, OPEN],
    [BLOCKED, DONE],
    [DONE, OPEN],
    [DONE, IN_PROGRESS],
    [CANCELLED, OPEN],
    [CANCELLED, IN_PROGRESS],
  ])('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(applyProgress(state(from), { status: to }, now).refused).toBe(false);
  });

  it.each([
    [IN_PROGRESS, OPEN],
    [DONE, BLOCKED],
    [DONE, CANCELLED],
    [CANCELLED, DONE],
    [CANCELLED, BLOCKED],
  ])('refuses %s -> %s and says where the item can go', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    const result = applyProgress(state(from), { status: to }, now);
    expect(result).toMatchObject({ refused: true, reason: 'TRANSITION', field: 'status' });
    if (result.refused) expect(result.message).toContain(ALLOWED_TRANSITIONS[from].join(', '));
  });

  it('sets progress to 100 and completedAt when an item is done', () => {
    const result = applyProgress(state(IN_PROGRESS, 40), { status: DONE }, now);
    expect(result).toMatchObject({ refused: false, completed: true, closed: true });
    if (!result.refused) expect(result.next).toEqual({ status: DONE, progressPercent: 100, completedAt: now });
  });

  it('refuses DONE with less than 100 percent', () => {
    expect(applyProgress(state(IN_PROGRESS), { status: DONE, progressPercent: 80 }, now)).toMatchObject({
      refused: true,
      reason: 'DONE_NOT_COMPLETE',
    });
  });

  it('reopens explicitly and clears completedAt', () => {
    const result = applyProgress(state(DONE, 100), { status: IN_PROGRESS, progressPercent: 70 }, now);
    expect(result).toMatchObject({ refused: false, reopened: true });
    if (!result.refused) expect(result.next).toEqual({ status: IN_PROGRESS, progressPercent: 70, completedAt: null });
  });

  it('does not reopen a done item on a bare percent report', () => {
    expect(applyProgress(state(DONE, 100), { progressPercent: 50 }, now)).toMatchObject({
      refused: true,
      reason: 'CLOSED',
    });
    // A note alone on a closed item is fine: nothing changes.
    expect(applyProgress(state(DONE, 100), {}, now)).toMatchObject({ refused: false, reopened: false });
  });

  it.each([-1, 101, 12.5])('refuses progress %p outside 0..100', (percent) => {
    expect(applyProgress(state(OPEN), { progressPercent: percent }, now)).toMatchObject({
      refused: true,
      reason: 'PERCENT_RANGE',
      field: 'progressPercent',
    });
  });

  it('keeps the status when only the percent is reported', () => {
    const result = applyProgress(state(IN_PROGRESS, 10), { progressPercent: 60 }, now);
    if (result.refused) throw new Error(result.message);
    expect(result.next).toEqual({ status: IN_PROGRESS, progressPercent: 60, completedAt: null });
  });
});
