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
import { ActionItemsReader } from './action-items.reader';
import { ActionItemsService } from './action-items.service';
import { ActionRemindersService } from './action-reminders';
import { ActionExportsController } from './exports.controller';
import { FrameworkTargetsResolver } from './framework-targets.resolver';
import { FrameworkTargetsService } from './framework-targets.service';
import { MeetingLinks } from './meeting-links';
import { ActionReportsResolver } from './reports.resolver';
import { ActionReportsService } from './reports.service';

/** Action items and commitments, their progress, framework alignment, reminders, reports and CSV exports. */
import { ActionItemTranslationsResolver, ActionTranslations } from './action-translations';
@Module({
  imports: [MeetingsModule],
  controllers: [ActionExportsController],
  providers: [
    ActionTranslations,
    ActionItemTranslationsResolver,
    FrameworkTargetsService,
    FrameworkTargetsResolver,
    ActionItemsReader,
    ActionItemsService,
    ActionItemsLoaders,
    ActionRemindersService,
    MeetingLinks,
    ActionReportsService,
    ActionItemsResolver,
    ActionUpdatesResolver,
    BodyActionItemsResolver,
    MeetingActionItemsResolver,
    DecisionActionItemsResolver,
    ActionReportsResolver,
  ],
  exports: [FrameworkTargetsService, ActionItemsReader],
})
export class ActionsModule {}
