import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PlatformRole } from './auth-user';

registerEnumType(PlatformRole, { name: 'PlatformRole' });

/** The languages the platform speaks (interface, mails, reminders); ck_users_locale lists the same. */
export const SUPPORTED_LOCALES = ['en', 'sw', 'fr', 'es', 'ar', 'pt'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/** How a person wants e-mail about their notifications; in-app notifications always arrive. */
export enum EmailDelivery {
  IMMEDIATE = 'IMMEDIATE',
  DAILY_DIGEST = 'DAILY_DIGEST',
  WEEKLY_DIGEST = 'WEEKLY_DIGEST',
  NONE = 'NONE',
}
registerEnumType(EmailDelivery, {
  name: 'EmailDelivery',
  description: 'How a person wants e-mail about their notifications; in-app notifications always arrive.',
});

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

  @Field(() => String, {
    description: 'BCP 47 language of the interface, mails and reminders for this user, e.g. en, sw, fr, es, ar, pt.',
  })
  @Column({ type: 'text', default: 'en' })
  locale: SupportedLocale;

  @Field(() => EmailDelivery)
  @Column({ name: 'email_delivery', type: 'text', default: EmailDelivery.IMMEDIATE })
  emailDelivery: EmailDelivery;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  /** Set when the sign-in is removed (e.g. the person was erased): tokens stop working. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
