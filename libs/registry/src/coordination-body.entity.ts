import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar, TranslatableType, translated } from '@coord/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BodyKind, BodyStatus, GovernanceLevel } from './registry.enums';

/**
 * A coordination body: an NCM, a technical working group, a county outreach unit... Bodies form a hierarchy
 * of any depth through `parentId` (cycles refused by a trigger). The reminder policy lives on the body.
 */
@ObjectType('CoordinationBody')
@Entity({ name: 'coordination_bodies' })
export class CoordinationBody {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { middleware: [translated(TranslatableType.COORDINATION_BODY)] })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  acronym: string | null;

  @Field(() => BodyKind)
  @Column({ type: 'text' })
  kind: BodyKind;

  @Field(() => GovernanceLevel)
  @Column({ type: 'text' })
  level: GovernanceLevel;

  @Field(() => BodyStatus)
  @Column({ type: 'text' })
  status: BodyStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: 'country_code', type: 'text', nullable: true })
  countryCode: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'subdivision_code', type: 'text', nullable: true })
  subdivisionCode: string | null;

  @Field(() => String, {
    description:
      'IANA time zone of the body, e.g. Africa/Nairobi: due dates, overdue checks and reminder times are in it.',
  })
  @Column({ type: 'text' })
  timezone: string;

  @Field(() => String, { nullable: true, middleware: [translated(TranslatableType.COORDINATION_BODY)] })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { description: 'Language the record was written in (BCP 47).' })
  @Column({ name: 'original_locale', type: 'text', default: 'en' })
  originalLocale: string;

  @Field(() => Boolean, {
    description:
      "Public bodies show their profile, members' names and organizations, adopted ToR, meetings and action items to anyone, signed in or not.",
  })
  @Column({ name: 'is_public', type: 'boolean' })
  isPublic: boolean;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ name: 'established_on', type: 'date', nullable: true })
  establishedOn: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ name: 'lead_organization_id', type: 'uuid', nullable: true })
  leadOrganizationId: string | null;

  @Column({ name: 'secretariat_organization_id', type: 'uuid', nullable: true })
  secretariatOrganizationId: string | null;

  /** Reminder policy: ISO-8601 durations (see ReminderPolicy). */
  @Column({ name: 'meeting_reminders', type: 'text', array: true })
  meetingReminders: string[];

  @Column({ name: 'action_due_reminders', type: 'text', array: true })
  actionDueReminders: string[];

  @Column({ name: 'overdue_escalation_after', type: 'text' })
  overdueEscalationAfter: string;

  @Column({ name: 'minutes_follow_up_after', type: 'text' })
  minutesFollowUpAfter: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
