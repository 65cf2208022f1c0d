import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MinutesStatus } from './meetings.enums';

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
