import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum NotificationKind {
  MEETING_INVITATION = 'MEETING_INVITATION',
  MEETING_REMINDER = 'MEETING_REMINDER',
  MEETING_CHANGED = 'MEETING_CHANGED',
  MEETING_CANCELLED = 'MEETING_CANCELLED',
  ACTION_ASSIGNED = 'ACTION_ASSIGNED',
  ACTION_DUE_REMINDER = 'ACTION_DUE_REMINDER',
  ACTION_OVERDUE = 'ACTION_OVERDUE',
  ACTION_ESCALATED = 'ACTION_ESCALATED',
  MINUTES_CIRCULATED = 'MINUTES_CIRCULATED',
  MINUTES_FOLLOW_UP = 'MINUTES_FOLLOW_UP',
  DIGEST = 'DIGEST',
  /** A ToR's review date is 30 days ahead, or today (registry's term-reminders.ts). */
  TOR_REVIEW_DUE = 'TOR_REVIEW_DUE',
  /** A membership ends in 30 days (registry's term-reminders.ts). */
  MEMBERSHIP_ENDING = 'MEMBERSHIP_ENDING',
  /** Issue 17: followed commitments and reporting cycles. */
  ACTION_FOLLOWED_UPDATE = 'ACTION_FOLLOWED_UPDATE',
  REPORT_DUE = 'REPORT_DUE',
  REPORT_OVERDUE = 'REPORT_OVERDUE',
  REPORTS_MISSING = 'REPORTS_MISSING',
}
registerEnumType(NotificationKind, { name: 'NotificationKind' });

/**
 * An in-app notification to one person (the copy of a reminder that is always delivered, mail or not). Declared in
 * core so that every feature can add the field for its own subject (`@Resolver(() => Notification)` with a
 * `@ResolveField`, which Nest merges into this one GraphQL type): meetings adds `meeting`
 * (libs/meetings/src/notification-meeting.resolver.ts), actions adds `actionItem`
 * (libs/actions/src/notification-action-item.resolver.ts). The reminders feature writes and lists notifications
 * and knows no feature.
 */
@ObjectType('Notification')
@Entity({ name: 'notifications' })
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Field(() => NotificationKind)
  @Column({ type: 'text' })
  kind: NotificationKind;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Field(() => String)
  @Column({ type: 'text' })
  body: string;

  /** Path under PUBLIC_URL the notification links to. */
  @Column({ name: 'link_path', type: 'text' })
  linkPath: string;

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ name: 'action_item_id', type: 'uuid', nullable: true })
  actionItemId: string | null;

  @Column({ name: 'intent_id', type: 'uuid', nullable: true })
  intentId: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
