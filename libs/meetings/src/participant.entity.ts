import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TranslatableType, translated } from '@coord/core';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AttendanceStatus, MinutesStatus, Rsvp } from './meetings.enums';

/**
 * An invitee of a meeting: a member of the body (representing the organization of their membership) or a
 * guest (representing their own organization). `voting` snapshots the member's voting rights when invited,
 * so that quorum does not change when a membership changes after the meeting.
 */
@ObjectType('Participant')
@Entity({ name: 'meeting_participants' })
export class Participant {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Field(() => Boolean, { description: 'Invited as a member of the body (false: a guest).' })
  @Column({ name: 'is_member', type: 'boolean' })
  isMember: boolean;

  @Field(() => Boolean, { description: 'Had voting rights on the body when invited: counts towards quorum.' })
  @Column({ type: 'boolean' })
  voting: boolean;

  @Field(() => Rsvp)
  @Column({ type: 'text' })
  rsvp: Rsvp;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Field(() => AttendanceStatus, { nullable: true })
  @Column({ type: 'text', nullable: true })
  attendance: AttendanceStatus | null;

  /** An alternate holding the seat of this principal (alternates/meeting-alternates.ts); Participant.standingInFor. */
  @Column({ name: 'standing_in_for_person_id', type: 'uuid', nullable: true })
  standingInForPersonId: string | null;
}

/** The minutes of a meeting: DRAFT, then CIRCULATED, then ADOPTED (immutable; enforced by a trigger). */
@ObjectType('Minutes')
@Entity({ name: 'minutes' })
export class Minutes {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Field(() => MinutesStatus)
  @Column({ type: 'text' })
  status: MinutesStatus;

  @Field(() => String)
  @Column({ type: 'text' })
  text: string;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'circulated_at', type: 'timestamptz', nullable: true })
  circulatedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'adopted_at', type: 'timestamptz', nullable: true })
  adoptedAt: Date | null;

  /** Resolved as `adoptedAtMeeting` (readable meetings only). */
  @Column({ name: 'adopted_at_meeting_id', type: 'uuid', nullable: true })
  adoptedAtMeetingId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A decision recorded against a meeting and optionally one of its agenda items (same meeting: FK). */
@ObjectType('Decision')
@Entity({ name: 'decisions' })
export class Decision {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @Field(() => String, { middleware: [translated(TranslatableType.DECISION)] })
  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'Set when the decision was withdrawn before the minutes were adopted; withdrawn decisions stay on record.',
  })
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;
}

/** A personal calendar feed's secret: only its SHA-256 is stored; revoking it makes the URL answer 404. */
@Entity({ name: 'calendar_feed_tokens' })
export class CalendarFeedToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
