import { Global, Module } from '@nestjs/common';
import { CalendarFeedsResolver } from './calendar/calendar-feeds.resolver';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { ItipService } from './calendar/itip';
import { MeetingAlternates } from './alternates/meeting-alternates';
import { ParticipantStandingInResolver } from './alternates/standing-in.resolver';
import { MattersArisingRegistry } from './matters-arising';
import { MeetingsAccessService } from './meetings-access';
import { MeetingReminderHandlers } from './meeting-reminder-messages';
import { MeetingReminderPlanner } from './meeting-reminders';
import { MeetingsReadService } from './meetings-read.service';
import { NotificationMeetingResolver } from './notification-meeting.resolver';
import {
  AgendaItemResolver,
  BodyMeetingsResolver,
  MeetingsResolver,
  ParticipantResolver,
  TermsOfReferenceMeetingResolver,
} from './meetings.resolver';
import { DecisionResolver, MinutesResolver } from './minutes.resolver';
import { MeetingsService } from './meetings.service';
import { MeetingAgendaService } from './meeting-agenda.service';
import { MeetingAttendanceService } from './meeting-attendance.service';
import { MeetingDecisionsService } from './meeting-decisions.service';
import { MeetingLocks } from './meeting-locks';
import { MeetingMinutesService } from './meeting-minutes.service';
import {
  BodyMeetingSeriesResolver,
  MeetingSeriesFieldResolver,
  MeetingSeriesResolver,
} from './series/meeting-series.resolver';
import { MeetingSeriesService } from './series/meeting-series.service';
import { OutreachService } from './outreach/outreach.service';
import { OutreachResolver, ReachRowResolver } from './outreach/outreach.resolver';

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
    MeetingsAccessService,
    MeetingReminderPlanner,
    MeetingReminderHandlers,
    MeetingLocks,
    MeetingAgendaService,
    MeetingAttendanceService,
    MeetingMinutesService,
    MeetingDecisionsService,
    MeetingsService,
    CalendarService,
    ItipService,
    MeetingsResolver,
    ParticipantResolver,
    AgendaItemResolver,
    DecisionResolver,
    MinutesResolver,
    BodyMeetingsResolver,
    TermsOfReferenceMeetingResolver,
    CalendarFeedsResolver,
    MattersArisingRegistry,
    MeetingAlternates,
    ParticipantStandingInResolver,
    MeetingSeriesService,
    MeetingSeriesResolver,
    MeetingSeriesFieldResolver,
    BodyMeetingSeriesResolver,
    OutreachService,
    OutreachResolver,
    ReachRowResolver,
    NotificationMeetingResolver,
  ],
  exports: [MeetingsReadService, MeetingsAccessService, MeetingSeriesService, MattersArisingRegistry, ItipService],
})
export class MeetingsModule {}
