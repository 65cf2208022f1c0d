import { englishText, ErrorText, msg } from '@coord/core';
import { ActionStatus } from './action.enums';

/**
 * The status workflow of action items, as pure rules (no Nest, no TypeORM):
 *   OPEN -> IN_PROGRESS -> DONE, with BLOCKED and CANCELLED on the way.
 * DONE and CANCELLED are closed: the only way out is an explicit reopen to OPEN or IN_PROGRESS, which the
 * caller asks for by naming that status (a bare progress report never reopens an item).
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  [ActionStatus.OPEN]: [ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED, ActionStatus.DONE, ActionStatus.CANCELLED],
  [ActionStatus.IN_PROGRESS]: [ActionStatus.BLOCKED, ActionStatus.DONE, ActionStatus.CANCELLED],
  [ActionStatus.BLOCKED]: [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED],
  [ActionStatus.DONE]: [ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
  [ActionStatus.CANCELLED]: [ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
};

export const CLOSED_STATUSES: readonly ActionStatus[] = [ActionStatus.DONE, ActionStatus.CANCELLED];

export const isClosed = (status: ActionStatus) => CLOSED_STATUSES.includes(status);

export function canTransition(from: ActionStatus, to: ActionStatus): boolean {
  return from === to || ALLOWED_TRANSITIONS[from].includes(to);
}

export interface ProgressState {
  status: ActionStatus;
  progressPercent: number;
  completedAt: Date | null;
}

export interface ProgressChange {
  status?: ActionStatus | null;
  progressPercent?: number | null;
}

/** Why a change was refused, and which input it concerns. */
export interface WorkflowRefusal {
  refused: true;
  reason: 'TRANSITION' | 'PERCENT_RANGE' | 'CLOSED' | 'DONE_NOT_COMPLETE';
  field: 'status' | 'progressPercent';
  /** The English text of `text`. */
  message: string;
  text: ErrorText;
}

export interface WorkflowResult {
  refused: false;
  next: ProgressState;
  reopened: boolean;
  completed: boolean;
  closed: boolean;
}

/**
 * Applies a progress report to an item's state. Rules:
 * - progress is an integer 0..100;
 * - status changes follow ALLOWED_TRANSITIONS;
 * - DONE sets progress to 100 and completedAt (a DONE report with a lower percent is refused);
 * - a closed item (DONE, CANCELLED) takes no percent change unless the same report reopens it;
 * - reopening clears completedAt.
 */
export function applyProgress(
  current: ProgressState,
  change: ProgressChange,
  now: Date,
): WorkflowResult | WorkflowRefusal {
  const percent = change.progressPercent ?? undefined;
  if (percent !== undefined && (!Number.isInteger(percent) || percent < 0 || percent > 100)) {
    return refuse('PERCENT_RANGE', 'progressPercent', msg('error.actions.percentRange', { percent }));
  }
  const target = change.status ?? current.status;
  if (!canTransition(current.status, target)) {
    const allowed = ALLOWED_TRANSITIONS[current.status];
    return refuse(
      'TRANSITION',
      'status',
      msg('error.actions.transition', { status: current.status, target, allowed: allowed.join(', ') }),
    );
  }
  const reopened = isClosed(current.status) && !isClosed(target);
  if (
    isClosed(current.status) &&
    target === current.status &&
    percent !== undefined &&
    percent !== current.progressPercent
  ) {
    return refuse('CLOSED', 'progressPercent', msg('error.actions.closedItemProgress', { status: current.status }));
  }
  if (target === ActionStatus.DONE) {
    if (percent !== undefined && percent !== 100) {
      return refuse('DONE_NOT_COMPLETE', 'progressPercent', msg('error.actions.doneNotComplete', { percent }));
    }
    const completed = current.status !== ActionStatus.DONE;
    return {
      refused: false,
      next: { status: target, progressPercent: 100, completedAt: completed ? now : current.completedAt },
      reopened: false,
      completed,
      closed: completed,
    };
  }
  return {
    refused: false,
    next: {
      status: target,
      progressPercent: percent ?? current.progressPercent,
      completedAt: null,
    },
    reopened,
    completed: false,
    closed: target === ActionStatus.CANCELLED && current.status !== ActionStatus.CANCELLED,
  };
}

function refuse(reason: WorkflowRefusal['reason'], field: WorkflowRefusal['field'], text: ErrorText): WorkflowRefusal {
  return { refused: true, reason, field, message: englishText(text)!, text };
}
