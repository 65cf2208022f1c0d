import { Module } from '@nestjs/common';
import { MeetingsModule } from '@coord/meetings';
import {
  ActionItemsResolver,
  ActionUpdatesResolver,
  BodyActionItemsResolver,
  DecisionActionItemsResolver,
  MeetingActionItemsResolver,
} from './action-items.resolver';
import { ActionItemsLoaders } from './action-items.loaders';
import { ActionsReadService } from './actions-read.service';
import { ActionItemsService } from './action-items.service';
import { ActionReminderHandlers } from './action-reminder-messages';
import { ActionRemindersService } from './action-reminders';
import { ActionExportsController } from './exports.controller';
import { FrameworkTargetsResolver } from './framework-targets.resolver';
import { FrameworkTargetsService } from './framework-targets.service';
import { MattersArisingReadService, MeetingMattersArisingResolver } from './matters-arising';
import { MeetingLinks } from './meeting-links';
import { NotificationActionItemResolver } from './notification-action-item.resolver';
import { ActionReportsResolver } from './reports.resolver';
import { ActionReportsService } from './reports.service';
import { AccountabilityResolver, AssessmentFieldsResolver } from './assessments/assessments.resolver';
import { AssessmentsService } from './assessments/assessments.service';
import { CoOwnersService } from './co-owners/co-owners';
import {
  SectorParticipationExportController,
  SectorParticipationResolver,
  SectorParticipationService,
} from './participation/sector-participation';
import { FollowersService } from './following/followers.service';
import { FollowingResolver } from './following/following.resolver';
import { ReportingRemindersService } from './reporting-cycles/reporting-reminders';
import { ReportingExportsController } from './reporting-cycles/reporting-exports.controller';
import { ReportingCyclesService } from './reporting-cycles/reporting-cycles.service';
import {
  BodyReportingResolver,
  PeriodicReportFieldsResolver,
  ReportingCyclesResolver,
} from './reporting-cycles/reporting-cycles.resolver';

/** Action items and commitments, their progress, framework alignment, reminders, reports and CSV exports. */
import { ActionItemTranslationsResolver, ActionTranslations } from './action-translations';
@Module({
  imports: [MeetingsModule],
  controllers: [ActionExportsController, ReportingExportsController, SectorParticipationExportController],
  providers: [
    ActionTranslations,
    ActionItemTranslationsResolver,
    FrameworkTargetsService,
    FrameworkTargetsResolver,
    ActionsReadService,
    ActionItemsService,
    ActionItemsLoaders,
    ActionRemindersService,
    ActionReminderHandlers,
    MeetingLinks,
    ActionReportsService,
    ActionItemsResolver,
    ActionUpdatesResolver,
    BodyActionItemsResolver,
    MeetingActionItemsResolver,
    DecisionActionItemsResolver,
    ActionReportsResolver,
    MattersArisingReadService,
    MeetingMattersArisingResolver,
    CoOwnersService,
    AssessmentsService,
    AccountabilityResolver,
    AssessmentFieldsResolver,
    FollowersService,
    FollowingResolver,
    ReportingRemindersService,
    ReportingCyclesService,
    ReportingCyclesResolver,
    PeriodicReportFieldsResolver,
    BodyReportingResolver,
    SectorParticipationService,
    SectorParticipationResolver,
    NotificationActionItemResolver,
  ],
  exports: [FrameworkTargetsService, ActionsReadService],
})
export class ActionsModule {}
