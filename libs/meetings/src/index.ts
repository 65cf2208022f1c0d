export * from './meetings.enums';
export * from './meeting.entity';
export * from './participant.entity';
export * from './meetings.types';
export * from './meetings-read.service';
export * from './meeting-access';
export * from './meeting-reminders';
export * from './quorum';
export * from './meetings.module';
export * from './outreach/outreach.types';

import { AgendaItem, Meeting } from './meeting.entity';
import { CalendarFeedToken, Decision, Minutes, Participant } from './participant.entity';
import { OutreachReachCount } from './outreach/outreach.types';
/** Tables owned by the meetings feature. */
export const MEETINGS_ENTITIES = [
  Meeting,
  AgendaItem,
  Participant,
  Minutes,
  Decision,
  CalendarFeedToken,
  OutreachReachCount,
];
export * from './demo/meetings-demo';
