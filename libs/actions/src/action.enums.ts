import { registerEnumType } from '@nestjs/graphql';

export enum ActionStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  BLOCKED = 'BLOCKED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

export enum Priority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

export enum ProgressGrouping {
  FRAMEWORK_TARGET = 'FRAMEWORK_TARGET',
  OWNER_SECTOR = 'OWNER_SECTOR',
  GOVERNANCE_LEVEL = 'GOVERNANCE_LEVEL',
  BODY = 'BODY',
}

/** Notification kinds this feature schedules (NotificationKind values). */
export enum ActionReminderKind {
  ASSIGNED = 'ACTION_ASSIGNED',
  DUE = 'ACTION_DUE_REMINDER',
  OVERDUE = 'ACTION_OVERDUE',
  ESCALATED = 'ACTION_ESCALATED',
}

registerEnumType(ActionStatus, { name: 'ActionStatus' });
registerEnumType(Priority, { name: 'Priority' });
registerEnumType(ProgressGrouping, { name: 'ProgressGrouping' });
