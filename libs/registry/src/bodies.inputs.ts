import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { DurationScalar, LocalDateScalar, PageArgs } from '@coord/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BodyKind,
  BodyStatus,
  DecisionRule,
  GovernanceLevel,
  MeetingFrequency,
  StakeholderSector,
} from './registry.enums';
import { IsCountryCode, IsTimeZone } from './registry.rules';
import { notBlank } from './registry.inputs';

/** GraphQL inputs of coordination bodies and their terms of reference (rules as in registry.inputs.ts). */

@InputType()
export class CoordinationBodyInput {
  @Field(() => String)
  @IsString()
  @notBlank('name')
  @MaxLength(300)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  acronym?: string | null;

  @Field(() => BodyKind)
  @IsEnum(BodyKind)
  kind: BodyKind;

  @Field(() => GovernanceLevel)
  @IsEnum(GovernanceLevel)
  level: GovernanceLevel;

  @Field(() => BodyStatus, { nullable: true, defaultValue: BodyStatus.ACTIVE })
  @IsOptional()
  @IsEnum(BodyStatus)
  status?: BodyStatus | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCountryCode()
  countryCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  subdivisionCode?: string | null;

  @Field(() => String, { nullable: true, defaultValue: 'UTC' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  isPublic?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  parentId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  leadOrganizationId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  secretariatOrganizationId?: string | null;
}

@InputType()
export class CoordinationBodyUpdateInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @notBlank('name')
  @MaxLength(300)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  acronym?: string | null;

  @Field(() => BodyKind, { nullable: true })
  @IsOptional()
  @IsEnum(BodyKind)
  kind?: BodyKind | null;

  @Field(() => GovernanceLevel, { nullable: true })
  @IsOptional()
  @IsEnum(GovernanceLevel)
  level?: GovernanceLevel | null;

  @Field(() => BodyStatus, { nullable: true })
  @IsOptional()
  @IsEnum(BodyStatus)
  status?: BodyStatus | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCountryCode()
  countryCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  subdivisionCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsTimeZone()
  timezone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  isPublic?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  parentId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  leadOrganizationId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  secretariatOrganizationId?: string | null;
}

@InputType()
export class CoordinationBodyFilter {
  @Field(() => GovernanceLevel, { nullable: true })
  @IsOptional()
  @IsEnum(GovernanceLevel)
  level?: GovernanceLevel | null;

  @Field(() => BodyKind, { nullable: true })
  @IsOptional()
  @IsEnum(BodyKind)
  kind?: BodyKind | null;

  @Field(() => BodyStatus, { nullable: true })
  @IsOptional()
  @IsEnum(BodyStatus)
  status?: BodyStatus | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCountryCode()
  countryCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  subdivisionCode?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;
}

@InputType()
export class SectorSeatInput {
  @Field(() => StakeholderSector)
  @IsEnum(StakeholderSector)
  sector: StakeholderSector;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'minSeats must be at least 1' })
  @Max(1000)
  minSeats: number;
}

@InputType()
export class TermsOfReferenceInput {
  @Field(() => String)
  @IsString()
  @notBlank('mandate')
  @MaxLength(20000)
  mandate: string;

  @Field(() => [String])
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  objectives: string[];

  @Field(() => [String])
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  functions: string[];

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.0001, { message: 'quorumFraction must be greater than 0 and at most 1 (e.g. 0.5 for half)' })
  @Max(1, { message: 'quorumFraction must be greater than 0 and at most 1 (e.g. 0.5 for half)' })
  quorumFraction: number;

  @Field(() => DecisionRule)
  @IsEnum(DecisionRule)
  decisionRule: DecisionRule;

  @Field(() => MeetingFrequency)
  @IsEnum(MeetingFrequency)
  meetingFrequency: MeetingFrequency;

  @Field(() => [SectorSeatInput], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SectorSeatInput)
  requiredSeats?: SectorSeatInput[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reportsToBodyId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  resources?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  reviewDueOn?: string | null;
}

@InputType()
export class ReminderPolicyInput {
  @Field(() => [DurationScalar], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10, { message: 'meetingReminders may hold at most 10 lead times' })
  @IsString({ each: true })
  meetingReminders?: string[] | null;

  @Field(() => [DurationScalar], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10, { message: 'actionDueReminders may hold at most 10 lead times' })
  @IsString({ each: true })
  actionDueReminders?: string[] | null;

  @Field(() => DurationScalar, { nullable: true })
  @IsOptional()
  @IsString()
  overdueEscalationAfter?: string | null;

  @Field(() => DurationScalar, { nullable: true })
  @IsOptional()
  @IsString()
  minutesFollowUpAfter?: string | null;
}

// ------------------------------------------------------------------ list arguments

@ArgsType()
export class CoordinationBodiesArgs extends PageArgs {
  @Field(() => CoordinationBodyFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CoordinationBodyFilter)
  filter?: CoordinationBodyFilter | null;
}
