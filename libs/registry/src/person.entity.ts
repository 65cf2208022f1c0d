import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A person who sits on bodies, owns actions or attends meetings. Personal data is minimised: no field for
 * migratory status, nationality or ethnicity; `email` and `phone` are only resolved for those who need them
 * (see the Person resolver). `erasedAt` marks a person whose personal data was replaced by a placeholder.
 */
@ObjectType('Person')
@Entity({ name: 'people' })
export class Person {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String)
  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  /** Exposed through a guarded resolver field, never directly. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  /** Who registered the person: they may edit them until the person is seated somewhere (RegistryAccessService). */
  @Column({ name: 'registered_by_user_id', type: 'uuid', nullable: true })
  registeredByUserId: string | null;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
