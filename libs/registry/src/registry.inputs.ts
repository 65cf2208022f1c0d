import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { badInput, msg, PageArgs } from '@coord/core';
import { IsEmail, IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { GovernanceLevel, StakeholderSector } from './registry.enums';
import { IsCountryCode } from './registry.rules';

/**
 * GraphQL inputs of the registry, with their class-validator rules: organizations and people here, with the
 * helpers every registry input uses; bodies and terms of reference in bodies.inputs.ts, memberships in
 * memberships.inputs.ts. Rules that span fields or need the
 * database (subdivision within country, end after start, ids that exist) are checked in the services.
 * Ids are plain strings here: an id that is malformed or unknown gets NOT_FOUND naming the entity.
 */

const NOT_BLANK = /\S/;
export const notBlank = (field: string) => Matches(NOT_BLANK, { message: `${field} must not be blank` });

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
      throw badInput(msg('error.registry.cannotRemovedGiveNew', { key }), `input.${key}`);
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

/** The search term of name/acronym searches: trimmed, at least one character. */
export function searchTerm(value: string | null | undefined): string | undefined {
  const term = value?.trim();
  return term ? term : undefined;
}
