import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar } from '@coord/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MeetingKind } from '../meetings.enums';

/** What every occurrence of a series starts its agenda with (AgendaItemInput's fields). */
export interface SeriesAgendaItem {
  title: string;
  description?: string | null;
  presenterPersonId?: string | null;
  durationMinutes?: number | null;
}

/**
 * A recurring meeting series: an RFC 5545 rule in the series' local time, a local start time and a zone. Its
 * occurrences are ordinary meetings (`meetings.series_id`), created up to `generatedUntil` (12 months ahead, moved
 * on by the extension job); `endedFrom` is the day endMeetingSeries cancelled from.
 */
@ObjectType('MeetingSeries')
@Entity({ name: 'meeting_series' })
export class MeetingSeries {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: MeetingKind;

  @Field(() => String, {
    description: "RFC 5545 recurrence rule, e.g. FREQ=MONTHLY;BYDAY=2TU (local time of the series' time zone).",
  })
  @Column({ name: 'recurrence_rule', type: 'text' })
  recurrenceRule: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Field(() => String, { description: 'Local start time of each occurrence, HH:MM.' })
  @Column({ name: 'local_start_time', type: 'text' })
  localStartTime: string;

  @Field(() => Int)
  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes: number;

  @Field(() => String)
  @Column({ type: 'text' })
  timezone: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'online_url', type: 'text', nullable: true })
  onlineUrl: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  until: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` })
  agenda: SeriesAgendaItem[];

  /** Occurrences exist for every rule day up to this one (inclusive). */
  @Column({ name: 'generated_until', type: 'date' })
  generatedUntil: string;

  @Column({ name: 'ended_from', type: 'date', nullable: true })
  endedFrom: string | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
