import { registerEnumType } from '@nestjs/graphql';

export enum MeetingKind {
  ORDINARY = 'ORDINARY',
  EXTRAORDINARY = 'EXTRAORDINARY',
  CONSULTATION = 'CONSULTATION',
  OUTREACH = 'OUTREACH',
  WORKSHOP = 'WORKSHOP',
}

export enum MeetingStatus {
  SCHEDULED = 'SCHEDULED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
  POSTPONED = 'POSTPONED',
}

export enum Rsvp {
  INVITED = 'INVITED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  TENTATIVE = 'TENTATIVE',
}

export enum AttendanceStatus {
  PRESENT = 'PRESENT',
  ABSENT = 'ABSENT',
  EXCUSED = 'EXCUSED',
}

export enum MinutesStatus {
  DRAFT = 'DRAFT',
  CIRCULATED = 'CIRCULATED',
  ADOPTED = 'ADOPTED',
}

registerEnumType(MeetingKind, { name: 'MeetingKind' });
registerEnumType(MeetingStatus, { name: 'MeetingStatus' });
registerEnumType(Rsvp, { name: 'Rsvp' });
registerEnumType(AttendanceStatus, { name: 'AttendanceStatus' });
registerEnumType(MinutesStatus, { name: 'MinutesStatus' });
