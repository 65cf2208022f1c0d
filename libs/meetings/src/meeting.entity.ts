import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TranslatableType, translated } from '@coord/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MeetingKind, MeetingStatus } from './meetings.enums';

/**
 * A meeting of a coordination body. Times are stored in UTC; `timezone` (IANA) is the zone the meeting is
 * held in, used for calendar feeds and messages. `sequence` counts changes (iCalendar SEQUENCE).
 * Nested fields (body, agenda, participants, quorum, minutes, decisions) are resolved through DataLoaders.
 */
@ObjectType('Meeting')
@Entity({ name: 'meetings' })
export class Meeting {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @Field(() => String, { middleware: [translated(TranslatableType.MEETING)] })
  @Column({ type: 'text' })
  title: string;

  @Field(() => MeetingKind)
  @Column({ type: 'text' })
  kind: MeetingKind;

  @Field(() => MeetingStatus)
  @Column({ type: 'text' })
  status: MeetingStatus;

  @Field(() => Date)
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Field(() => Date)
  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Field(() => String, { description: 'IANA time zone the meeting is held in, e.g. Africa/Nairobi.' })
  @Column({ type: 'text' })
  timezone: string;

  @Field(() => String, { nullable: true, middleware: [translated(TranslatableType.MEETING)] })
  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Field(() => String, { description: 'Language the record was written in (BCP 47).' })
  @Column({ name: 'original_locale', type: 'text', default: 'en' })
  originalLocale: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'online_url', type: 'text', nullable: true })
  onlineUrl: string | null;

  @Field(() => String, { nullable: true, description: 'Why the meeting was cancelled.' })
  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  /** Bumped on every change visible in a calendar (iCalendar SEQUENCE). */
  @Column({ type: 'int', default: 0 })
  sequence: number;

  @Column({ name: 'attendance_recorded_at', type: 'timestamptz', nullable: true })
  attendanceRecordedAt: Date | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** The recurring series this meeting is an occurrence of (series/), and the day its rule put it on. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId: string | null;

  @Column({ name: 'series_day', type: 'date', nullable: true })
  seriesDay: string | null;
}

/** One item of a meeting's ordered agenda. */
@ObjectType('AgendaItem')
@Entity({ name: 'agenda_items' })
export class AgendaItem {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Field(() => Int, { description: 'Order on the agenda, from 1.' })
  @Column({ type: 'int' })
  position: number;

  @Field(() => String, { middleware: [translated(TranslatableType.AGENDA_ITEM)] })
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true, middleware: [translated(TranslatableType.AGENDA_ITEM)] })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'presenter_person_id', type: 'uuid', nullable: true })
  presenterPersonId: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'duration_minutes', type: 'int', nullable: true })
  durationMinutes: number | null;
}
