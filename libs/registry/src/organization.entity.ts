import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { GovernanceLevel, StakeholderSector } from './registry.enums';

/** A ministry, agency, county government, civil-society or international organization. `parent` via resolver. */
@ObjectType('Organization')
@Entity({ name: 'organizations' })
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  acronym: string | null;

  @Field(() => StakeholderSector)
  @Column({ type: 'text' })
  sector: StakeholderSector;

  @Field(() => GovernanceLevel)
  @Column({ type: 'text' })
  level: GovernanceLevel;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, e.g. KE' })
  @Column({ name: 'country_code', type: 'text', nullable: true })
  countryCode: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-2, e.g. KE-28 (Mombasa)' })
  @Column({ name: 'subdivision_code', type: 'text', nullable: true })
  subdivisionCode: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
