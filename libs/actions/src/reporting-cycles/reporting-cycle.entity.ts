import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LocalDateScalar } from '@coord/core';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ProgressRow } from '../reports.types';

export enum ReportStatus {
  NOT_STARTED = 'NOT_STARTED',
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
}

export enum TrafficLight {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
}

registerEnumType(ReportStatus, { name: 'ReportStatus' });
registerEnumType(TrafficLight, { name: 'TrafficLight' });

/** Reports that still count as missing (the chase list). */
export const OUTSTANDING = [ReportStatus.NOT_STARTED, ReportStatus.DRAFT, ReportStatus.RETURNED];
export const isOutstanding = (status: ReportStatus) => OUTSTANDING.includes(status);

@ObjectType('ReportingCycle', {
  description:
    'A round of periodic reports that a body asks of the bodies beneath it (e.g. county units to the national mechanism).',
})
@Entity({ name: 'reporting_cycles' })
export class ReportingCycle {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Field(() => LocalDateScalar)
  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Field(() => LocalDateScalar)
  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  @Field(() => LocalDateScalar)
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}

@ObjectType('PeriodicReport')
@Entity({ name: 'periodic_reports' })
export class PeriodicReport {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cycle_id', type: 'uuid' })
  cycleId: string;

  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @Field(() => ReportStatus)
  @Column({ type: 'text', default: ReportStatus.NOT_STARTED })
  status: ReportStatus;

  @Field(() => TrafficLight, { nullable: true })
  @Column({ type: 'text', nullable: true })
  rating: TrafficLight | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  narrative: string | null;

  @Field(() => [ProgressRow], {
    description: "The body's commitments over the period, computed when the report is submitted and kept as submitted.",
  })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  progress: ProgressRow[];

  @Field(() => Date, { nullable: true })
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submitted_by_person_id', type: 'uuid', nullable: true })
  submittedByPersonId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
