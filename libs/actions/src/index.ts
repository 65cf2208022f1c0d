export * from './framework-target.entity';
export * from './framework-targets.service';
export * from './action.enums';
export * from './action-item.entity';
export * from './action-update.entity';
export * from './actions-read.service';
export * from './action-reminders';
export * from './action-reminder-messages';
export * from './actions.rules';
export * from './reminder-times';
export * from './csv';
export * from './actions.module';
export * from './assessments/completion-level';

import { ActionItem, ActionItemFrameworkTarget } from './action-item.entity';
import { ActionUpdate } from './action-update.entity';
import { FrameworkTarget } from './framework-target.entity';
import { CommitmentAssessment } from './assessments/assessment.entity';
import { ActionItemCoOwner } from './co-owners/co-owner.entity';
import { ActionItemFollower } from './following/follower.entity';
import { PeriodicReport, ReportingCycle } from './reporting-cycles/reporting-cycle.entity';
/** Tables owned by the actions feature. */
export const ACTIONS_ENTITIES = [
  FrameworkTarget,
  ActionItem,
  ActionItemFrameworkTarget,
  ActionUpdate,
  ActionItemCoOwner,
  CommitmentAssessment,
  ActionItemFollower,
  ReportingCycle,
  PeriodicReport,
];
