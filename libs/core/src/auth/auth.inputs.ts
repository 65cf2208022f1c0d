import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PlatformRole } from './auth-user';
import { User } from './user.entity';

export const PASSWORD_MIN = 10;

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
  @MinLength(PASSWORD_MIN, { message: `password must be at least ${PASSWORD_MIN} characters long` })
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
  @MinLength(PASSWORD_MIN, { message: `newPassword must be at least ${PASSWORD_MIN} characters long` })
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
