export * from './meetings.enums';
export * from './meeting.entity';
export * from './participant.entity';
export * from './minutes.entity';
export * from './decision.entity';
export * from './calendar/calendar-feed-token.entity';
export * from './meetings.types';
export * from './meetings-read.service';
export * from './meetings-access';
export * from './meeting-reminders';
export * from './meeting-reminder-messages';
export * from './quorum';
export * from './meetings.module';
export * from './matters-arising';
export * from './calendar/itip';
export * from './series/meeting-series.entity';
export * from './series/meeting-series.service';
export * from './series/recurrence';
export * from './outreach/outreach.types';

import { AgendaItem, Meeting } from './meeting.entity';
import { Participant } from './participant.entity';
import { Minutes } from './minutes.entity';
import { Decision } from './decision.entity';
import { CalendarFeedToken } from './calendar/calendar-feed-token.entity';
import { MeetingSeries } from './series/meeting-series.entity';
import { OutreachReachCount } from './outreach/outreach.types';
/** Tables owned by the meetings feature. */
export const MEETINGS_ENTITIES = [
  Meeting,
  AgendaItem,
  Participant,
  Minutes,
  Decision,
  CalendarFeedToken,
  MeetingSeries,
  OutreachReachCount,
];
