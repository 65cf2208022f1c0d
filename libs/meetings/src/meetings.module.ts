import { Global, Module } from '@nestjs/common';
import { CalendarFeedsResolver } from './calendar/calendar-feeds.resolver';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { MeetingAccessService } from './meeting-access';
import { MeetingReminderHandlers, MeetingReminderPlanner } from './meeting-reminders';
import { MeetingsReadService } from './meetings-read.service';
import {
  AgendaItemResolver,
  BodyMeetingsResolver,
  DecisionResolver,
  MeetingsResolver,
  ParticipantResolver,
  TermsOfReferenceMeetingResolver,
} from './meetings.resolver';
import { MeetingsService } from './meetings.service';

/**
 * Meetings of coordination bodies: scheduling and invitations, agenda, RSVPs, attendance and quorum, minutes,
 * decisions, their reminders (outbox intents and delivery-time handlers) and calendar feeds.
 * Global, exporting MeetingsReadService for the features above it (actions, reminders).
 */
import {
  AgendaItemTranslationsResolver,
  DecisionTranslationsResolver,
  MeetingTranslations,
  MeetingTranslationsResolver,
} from './meeting-translations';
@Global()
@Module({
  controllers: [CalendarController],
  providers: [
    MeetingTranslations,
    MeetingTranslationsResolver,
    AgendaItemTranslationsResolver,
    DecisionTranslationsResolver,
    MeetingsReadService,
    MeetingAccessService,
    MeetingReminderPlanner,
    MeetingReminderHandlers,
    MeetingsService,
    CalendarService,
    MeetingsResolver,
    ParticipantResolver,
    AgendaItemResolver,
    DecisionResolver,
    BodyMeetingsResolver,
    TermsOfReferenceMeetingResolver,
    CalendarFeedsResolver,
  ],
  exports: [MeetingsReadService, MeetingAccessService],
})
export class MeetingsModule {}
