import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar, TranslatableType, translated } from '@coord/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DecisionRule, MeetingFrequency, StakeholderSector, TermsOfReferenceStatus } from './registry.enums';

@ObjectType('SectorSeat', { description: 'A seat that the terms of reference reserve for a stakeholder sector.' })
export class SectorSeat {
  @Field(() => StakeholderSector)
  sector: StakeholderSector;
  @Field(() => Int)
  minSeats: number;
}

/**
 * A version of a body's terms of reference. Drafts are edited; adopting one makes it current and the
 * previously adopted version SUPERSEDED. At most one ADOPTED version per body (partial unique index);
 * adopted and superseded versions are immutable (trigger).
 */
@ObjectType('TermsOfReference')
@Entity({ name: 'terms_of_reference' })
export class TermsOfReference {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  version: number;

  @Field(() => TermsOfReferenceStatus)
  @Column({ type: 'text' })
  status: TermsOfReferenceStatus;

  @Field(() => String, { middleware: [translated(TranslatableType.TERMS_OF_REFERENCE)] })
  @Column({ type: 'text' })
  mandate: string;

  @Field(() => [String], { middleware: [translated(TranslatableType.TERMS_OF_REFERENCE, 'lines')] })
  @Column({ type: 'text', array: true })
  objectives: string[];

  @Field(() => [String], { middleware: [translated(TranslatableType.TERMS_OF_REFERENCE, 'lines')] })
  @Column({ type: 'text', array: true })
  functions: string[];

  @Field(() => String, { description: 'Language the record was written in (BCP 47).' })
  @Column({ name: 'original_locale', type: 'text', default: 'en' })
  originalLocale: string;

  @Field(() => Float, { description: 'Quorum as a fraction of voting members, 0 < q <= 1 (e.g. 0.5 means half).' })
  @Column({
    name: 'quorum_fraction',
    type: 'numeric',
    precision: 5,
    scale: 4,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  quorumFraction: number;

  @Field(() => DecisionRule)
  @Column({ name: 'decision_rule', type: 'text' })
  decisionRule: DecisionRule;

  @Field(() => MeetingFrequency)
  @Column({ name: 'meeting_frequency', type: 'text' })
  meetingFrequency: MeetingFrequency;

  @Field(() => [SectorSeat])
  @Column({ name: 'required_seats', type: 'jsonb' })
  requiredSeats: SectorSeat[];

  @Column({ name: 'reports_to_body_id', type: 'uuid', nullable: true })
  reportsToBodyId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  resources: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ name: 'review_due_on', type: 'date', nullable: true })
  reviewDueOn: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ name: 'adopted_on', type: 'date', nullable: true })
  adoptedOn: string | null;

  /** The meeting that adopted this version (resolved by the meetings feature). */
  @Column({ name: 'adopted_at_meeting_id', type: 'uuid', nullable: true })
  adoptedAtMeetingId: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
