import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PlatformRole } from './auth-user';
import { EmailDelivery, User } from './user.entity';

/** Length and content rules: accounts/password-policy.ts, checked in the service (they need the email). */

@ArgsType()
export class LoginArgs {
  @Field()
  @IsString()
  @MaxLength(320)
  email: string;

  @Field()
  @IsString()
  @MaxLength(200)
  password: string;
}

@ArgsType()
export class RefreshTokenArgs {
  @Field()
  @IsString()
  @IsNotEmpty({ message: 'refreshToken must not be empty' })
  @MaxLength(300)
  refreshToken: string;
}

@ArgsType()
export class CreateUserArgs {
  @Field()
  @IsEmail({}, { message: 'email must be an email address such as name@example.org' })
  @MaxLength(320)
  email: string;

  @Field()
  @IsString()
  @MaxLength(200)
  password: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId?: string;

  @Field(() => PlatformRole, { defaultValue: PlatformRole.USER, nullable: true })
  @IsEnum(PlatformRole)
  platformRole: PlatformRole = PlatformRole.USER;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @Field()
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

@ObjectType()
export class AuthPayload {
  @Field()
  accessToken: string;
  @Field()
  refreshToken: string;
  @Field()
  expiresAt: Date;
  @Field(() => User)
  user: User;
}

@ArgsType()
export class TokenPasswordArgs {
  @Field()
  @IsString()
  @IsNotEmpty({ message: 'token must not be empty: copy the whole link from the mail' })
  @MaxLength(200)
  token: string;
}

@ArgsType()
export class AcceptInvitationArgs extends TokenPasswordArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  password: string;
}

@ArgsType()
export class ResetPasswordArgs extends TokenPasswordArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

@ArgsType()
export class RequestPasswordResetArgs {
  @Field()
  @IsString()
  @MaxLength(320)
  email: string;
}

@ArgsType()
export class SetUserActiveArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;

  @Field()
  @IsBoolean()
  active: boolean;
}

@InputType()
export class PreferencesInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  locale?: string | null;

  @Field(() => EmailDelivery, { nullable: true })
  @IsOptional()
  @IsEnum(EmailDelivery, { message: 'emailDelivery must be one of IMMEDIATE, DAILY_DIGEST, WEEKLY_DIGEST, NONE' })
  emailDelivery?: EmailDelivery | null;
}

@ArgsType()
export class UpdateMyPreferencesArgs {
  @Field(() => PreferencesInput)
  @ValidateNested()
  @Type(() => PreferencesInput)
  input: PreferencesInput;
}
