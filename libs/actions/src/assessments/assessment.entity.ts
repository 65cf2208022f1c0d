import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CompletionLevel } from './completion-level';

/** One assessment of a commitment (append-only: a trigger refuses UPDATE and DELETE). */
@ObjectType('Assessment', {
  description:
    "An assessment of a commitment by someone other than its owner (the secretariat of its body or an ancestor's).",
})
@Entity({ name: 'commitment_assessments' })
export class CommitmentAssessment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @Field(() => CompletionLevel)
  @Column({ type: 'text' })
  level: CompletionLevel;

  @Field(() => String)
  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'assessor_person_id', type: 'uuid', nullable: true })
  assessorPersonId: string | null;

  @Column({ name: 'assessor_user_id', type: 'uuid', nullable: true })
  assessorUserId: string | null;

  @Field(() => Date)
  @Column({ name: 'assessed_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  assessedAt: Date;
}
