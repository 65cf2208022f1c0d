import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PlatformRole } from './auth-user';

registerEnumType(PlatformRole, { name: 'PlatformRole' });

/** A sign-in. Rights come from platformRole and from the memberships of the linked person. */
@ObjectType('User')
@Entity({ name: 'users' })
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique (uq_users_email). */
  @Field()
  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Field(() => PlatformRole)
  @Column({ name: 'platform_role', type: 'text' })
  platformRole: PlatformRole;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  /** Set when the sign-in is removed (e.g. the person was erased): tokens stop working. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
