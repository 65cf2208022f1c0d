import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { badInput, DurationScalar, LocalDateScalar, PageArgs } from '@coord/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
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
  MemberRole,
  StakeholderSector,
} from './registry.enums';
import { IsCountryCode, IsTimeZone } from './registry.rules';

/**
 * GraphQL inputs of the registry, with their class-validator rules. Rules that span fields or need the
 * database (subdivision within country, end after start, ids that exist) are checked in the services.
 * Ids are plain strings here: an id that is malformed or unknown gets NOT_FOUND naming the entity.
 */

const NOT_BLANK = /\S/;
const notBlank = (field: string) => Matches(NOT_BLANK, { message: `${field} must not be blank` });

@InputType()
export class OrganizationInput {
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

  @Field(() => StakeholderSector)
  @IsEnum(StakeholderSector)
  sector: StakeholderSector;

  @Field(() => GovernanceLevel)
  @IsEnum(GovernanceLevel)
  level: GovernanceLevel;

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
}

@InputType()
export class PersonInput {
  @Field(() => String)
  @IsString()
  @notBlank('fullName')
  @MaxLength(200)
  fullName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  organizationId?: string | null;
}

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

/**
 * Partial updates (the contract's *UpdateInput): a field left out keeps its value, `null` clears a field that
 * may be empty, and `null` for one that may not (a name, a kind) is refused naming the field.
 */
export function applyUpdate<T extends object>(
  current: T,
  input: Partial<Record<keyof T, unknown>>,
  required: ReadonlyArray<keyof T & string>,
): T {
  const merged = { ...current } as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (value === null && required.includes(key as keyof T & string)) {
      throw badInput(`${key} cannot be removed: give a new value or leave the field out to keep it`, `input.${key}`);
    }
    merged[key] = value;
  }
  return merged as T;
}

@InputType()
export class OrganizationUpdateInput {
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

  @Field(() => StakeholderSector, { nullable: true })
  @IsOptional()
  @IsEnum(StakeholderSector)
  sector?: StakeholderSector | null;

  @Field(() => GovernanceLevel, { nullable: true })
  @IsOptional()
  @IsEnum(GovernanceLevel)
  level?: GovernanceLevel | null;

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
}

@InputType()
export class PersonUpdateInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @notBlank('fullName')
  @MaxLength(200)
  fullName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  organizationId?: string | null;
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
export class OrganizationsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;

  @Field(() => StakeholderSector, { nullable: true })
  @IsOptional()
  @IsEnum(StakeholderSector)
  sector?: StakeholderSector | null;
}

@ArgsType()
export class PeopleArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  organizationId?: string | null;
}

@ArgsType()
export class CoordinationBodiesArgs extends PageArgs {
  @Field(() => CoordinationBodyFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CoordinationBodyFilter)
  filter?: CoordinationBodyFilter | null;
}

/** The search term of name/acronym searches: trimmed, at least one character. */
export function searchTerm(value: string | null | undefined): string | undefined {
  const term = value?.trim();
  return term ? term : undefined;
}
