import { Field, ObjectType } from '@nestjs/graphql';
import type { Person } from '@coord/registry';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AttendanceStatus, Rsvp } from './meetings.enums';

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

  /** The person's record, when the participants were read with it (MeetingsReadService.participantsWithPeople). */
  personRecord?: Person;
}
