import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { PageArgs } from '@coord/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AttendanceStatus, MeetingKind } from './meetings.enums';

@InputType('AgendaItemInput')
export class AgendaItemInput {
  @Field(() => String)
  @IsString()
  @IsNotEmpty({ message: 'an agenda item needs a title' })
  @MaxLength(300)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'presenterPersonId must be the id of a person' })
  presenterPersonId?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'durationMinutes must be at least 1' })
  @Max(1440, { message: 'durationMinutes must be at most 1440 (a day)' })
  durationMinutes?: number | null;
}

@InputType('MeetingInput')
export class MeetingInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'bodyId must be the id of a coordination body' })
  bodyId: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty({ message: 'a meeting needs a title' })
  @MaxLength(300)
  title: string;

  @Field(() => MeetingKind, { nullable: true, defaultValue: MeetingKind.ORDINARY })
  @IsOptional()
  @IsEnum(MeetingKind)
  kind?: MeetingKind;

  @Field(() => Date)
  @IsDate()
  startsAt: Date;

  @Field(() => Date)
  @IsDate()
  endsAt: Date;

  @Field(() => String, { description: 'IANA time zone, e.g. Africa/Nairobi.' })
  @IsString()
  @MaxLength(64)
  timezone: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  onlineUrl?: string | null;

  @Field(() => [AgendaItemInput], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100, { message: 'agenda may hold at most 100 items' })
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInput)
  agenda?: AgendaItemInput[];

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'Invite every active member of the body (default) in addition to extraInviteePersonIds.',
  })
  @IsOptional()
  @IsBoolean()
  inviteMembers?: boolean;

  @Field(() => [ID], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'extraInviteePersonIds must be ids of people' })
  extraInviteePersonIds?: string[];
}

@InputType('MeetingUpdateInput')
export class MeetingUpdateInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(300)
  title?: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  startsAt?: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  endsAt?: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  onlineUrl?: string | null;
}

@InputType('AttendanceInput')
export class AttendanceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be the id of a person' })
  personId: string;

  @Field(() => AttendanceStatus)
  @IsEnum(AttendanceStatus)
  attendance: AttendanceStatus;
}

@ArgsType()
export class BodyMeetingsArgs extends PageArgs {
  @Field(() => Date, { nullable: true, description: 'Meetings ending at or after this time.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Meetings starting before this time.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}
