import { Field, ID, InputType } from '@nestjs/graphql';
import { LocalDateScalar } from '@coord/core';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { MemberRole } from './registry.enums';

/** GraphQL inputs of memberships (rules as in registry.inputs.ts). */

@InputType()
export class MembershipInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  bodyId: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  personId: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  organizationId: string;

  @Field(() => MemberRole)
  @IsEnum(MemberRole)
  role: MemberRole;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  votingRights?: boolean | null;

  @Field(() => LocalDateScalar)
  @IsString()
  startsOn: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  endsOn?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Required when role is ALTERNATE: an active membership of the same body and organization.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  alternateForMembershipId?: string | null;
}
