import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar, TranslatableType, translated } from '@coord/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ActionStatus, Priority } from './action.enums';
import { CompletionLevel } from './assessments/completion-level';

/**
 * An action item or, with `isCommitment`, a public pledge by an organization. Relations (body, owners,
 * meeting, decision, framework targets, updates) are resolved through DataLoaders; `isOverdue` is computed
 * in the body's time zone by the resolver.
 */
@ObjectType('ActionItem')
@Entity({ name: 'action_items' })
export class ActionItem {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId: string | null;

  @Field(() => String, { middleware: [translated(TranslatableType.ACTION_ITEM)] })
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true, middleware: [translated(TranslatableType.ACTION_ITEM)] })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { description: 'Language the record was written in (BCP 47).' })
  @Column({ name: 'original_locale', type: 'text', default: 'en' })
  originalLocale: string;

  @Field(() => Boolean, {
    description: 'True for a public pledge made by an organization (a commitment), false for an internal task.',
  })
  @Column({ name: 'is_commitment', type: 'boolean' })
  isCommitment: boolean;

  @Column({ name: 'owner_person_id', type: 'uuid', nullable: true })
  ownerPersonId: string | null;

  @Column({ name: 'owner_organization_id', type: 'uuid', nullable: true })
  ownerOrganizationId: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Field(() => Priority)
  @Column({ type: 'text' })
  priority: Priority;

  @Field(() => ActionStatus)
  @Column({ type: 'text' })
  status: ActionStatus;

  @Field(() => Int)
  @Column({ name: 'progress_percent', type: 'int' })
  progressPercent: number;

  @Field(() => CompletionLevel, { nullable: true, description: "The latest assessment's level; null until assessed." })
  @Column({ name: 'completion_level', type: 'text', nullable: true, insert: false, update: false })
  completionLevel: CompletionLevel | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

/** The sort key of every action-item list (migration: due_sort): the due date, undated items last. */
export const ACTION_SORT_SQL = 'a.due_sort';
export const actionSortValue = (a: ActionItem) => a.dueOn ?? 'infinity';

/** A tag of an item with a framework target (the catalogue code). */
@Entity({ name: 'action_item_framework_targets' })
export class ActionItemFrameworkTarget {
  @Column({ name: 'action_item_id', type: 'uuid', primary: true })
  actionItemId: string;

  @Column({ type: 'text', primary: true })
  code: string;
}
