import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { LocalDateScalar, PageArgs } from '@coord/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { StakeholderSector } from '@coord/registry';
import { ActionStatus, Priority, ProgressGrouping } from './action.enums';

const uuid = (name: string, opts: { each?: boolean } = {}) =>
  IsUUID('all', { message: `${name} must be a UUID`, ...opts });
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const dateRule = (name: string) => Matches(DATE_RE, { message: `${name} must be a calendar day written YYYY-MM-DD` });

@InputType()
export class ActionItemInput {
  @Field(() => ID)
  @uuid('bodyId')
  bodyId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('meetingId')
  meetingId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('decisionId')
  decisionId?: string | null;

  @Field(() => String)
  @IsString()
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  isCommitment?: boolean | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('ownerPersonId')
  ownerPersonId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('ownerOrganizationId')
  ownerOrganizationId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @dateRule('dueOn')
  dueOn?: string | null;

  @Field(() => Priority, { nullable: true, defaultValue: Priority.MEDIUM })
  @IsOptional()
  @IsEnum(Priority)
  priority?: Priority | null;

  @Field(() => [String], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  frameworkCodes?: string[] | null;

  @Field(() => [ID], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @uuid('coOwnerOrganizationIds', { each: true })
  coOwnerOrganizationIds?: string[] | null;
}

@InputType()
export class ActionItemUpdateInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('ownerPersonId')
  ownerPersonId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('ownerOrganizationId')
  ownerOrganizationId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @dateRule('dueOn')
  dueOn?: string | null;

  @Field(() => Priority, { nullable: true })
  @IsOptional()
  @IsEnum(Priority)
  priority?: Priority | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  frameworkCodes?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @uuid('coOwnerOrganizationIds', { each: true })
  coOwnerOrganizationIds?: string[] | null;
}

@InputType()
export class ActionProgressInput {
  @Field(() => String)
  @IsString()
  @Length(1, 5000, { message: 'note must be 1 to 5000 characters' })
  note: string;

  /** Range checked by the workflow (applyProgress), which names the rule in its message. */
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'progressPercent must be a whole number from 0 to 100' })
  progressPercent?: number | null;

  @Field(() => ActionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ActionStatus)
  status?: ActionStatus | null;

  /** Shape checked by requireEvidenceUrls (evidence.ts), which names the offending entry. */
  @Field(() => [String], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  evidenceUrls?: string[] | null;
}

@InputType()
export class ActionItemFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('bodyId')
  bodyId?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  includeSubBodies?: boolean | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('ownerOrganizationId')
  ownerOrganizationId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('ownerPersonId')
  ownerPersonId?: string | null;

  @Field(() => StakeholderSector, {
    nullable: true,
    description:
      'Items whose owner organization (or owner person’s organization) or a co-owner organization is of this sector.',
  })
  @IsOptional()
  @IsEnum(StakeholderSector, { message: 'ownerSector must be a stakeholder sector' })
  ownerSector?: StakeholderSector | null;

  @Field(() => [ActionStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(ActionStatus, { each: true })
  status?: ActionStatus[] | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @dateRule('dueBefore')
  dueBefore?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  frameworkCode?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  isCommitment?: boolean | null;
}

@ArgsType()
export class ActionItemsArgs extends PageArgs {
  @Field(() => ActionItemFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActionItemFilter)
  filter?: ActionItemFilter | null;
}

@ArgsType()
export class MyActionItemsArgs extends PageArgs {
  @Field(() => [ActionStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(ActionStatus, { each: true })
  status?: ActionStatus[] | null;
}

@ArgsType()
export class CommitmentProgressArgs {
  @Field(() => ProgressGrouping)
  @IsEnum(ProgressGrouping)
  groupBy: ProgressGrouping;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('bodyId')
  bodyId?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  includeSubBodies?: boolean | null;
}

@ArgsType()
export class ParticipationArgs {
  @Field(() => ID)
  @uuid('bodyId')
  bodyId: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @dateRule('from')
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @dateRule('to')
  to?: string | null;
}
