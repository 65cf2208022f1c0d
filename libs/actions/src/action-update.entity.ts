import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ActionStatus } from './action.enums';

/** One entry of an item's progress trail. Append-only (a trigger refuses UPDATE and DELETE). */
@ObjectType('ActionUpdate')
@Entity({ name: 'action_updates' })
export class ActionUpdate {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @Column({ name: 'author_person_id', type: 'uuid', nullable: true })
  authorPersonId: string | null;

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId: string | null;

  @Field(() => String)
  @Column({ type: 'text' })
  note: string;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'progress_percent', type: 'int', nullable: true })
  progressPercent: number | null;

  @Field(() => ActionStatus, { nullable: true })
  @Column({ type: 'text', nullable: true })
  status: ActionStatus | null;

  @Field(() => [String], { description: 'http(s) links to evidence (a published plan, a gazette notice, a report).' })
  @Column({ name: 'evidence_urls', type: 'text', array: true, default: () => "'{}'" })
  evidenceUrls: string[];

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
