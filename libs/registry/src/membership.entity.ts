import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar } from '@coord/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MemberRole } from './registry.enums';

/**
 * A person's seat on a body, representing an organization, for a period. No two periods of the same person
 * on the same body overlap (exclusion constraint). Ending a membership sets `endsOn`; history is kept.
 */
@ObjectType('Membership')
@Entity({ name: 'memberships' })
export class Membership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => MemberRole)
  @Column({ type: 'text' })
  role: MemberRole;

  @Field(() => Boolean)
  @Column({ name: 'voting_rights', type: 'boolean' })
  votingRights: boolean;

  @Field(() => LocalDateScalar)
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** For an ALTERNATE: the membership (same body and organization) whose seat it covers (alternates.resolver.ts). */
  @Column({ name: 'alternate_for_membership_id', type: 'uuid', nullable: true })
  alternateForMembershipId: string | null;
}
