import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { LocalDateScalar, PageArgs } from '@coord/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
import { AgendaItemInput } from '../meeting.inputs';
import { MeetingKind } from '../meetings.enums';

@InputType('MeetingSeriesInput')
export class MeetingSeriesInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'bodyId must be the id of a coordination body' })
  bodyId: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty({ message: 'a meeting series needs a title' })
  @MaxLength(300)
  title: string;

  @Field(() => MeetingKind, { nullable: true, defaultValue: MeetingKind.ORDINARY })
  @IsOptional()
  @IsEnum(MeetingKind)
  kind?: MeetingKind;

  @Field(() => String, {
    description:
      "RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=2TU. Empty: the rule of the body's adopted terms of reference's meetingFrequency.",
  })
  @IsString()
  @MaxLength(500)
  recurrenceRule: string;

  @Field(() => LocalDateScalar, { description: "First day the rule may fall on (in the series' time zone)." })
  @IsString()
  startsOn: string;

  @Field(() => String)
  @IsString()
  @MaxLength(5)
  localStartTime: string;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'durationMinutes must be at least 1' })
  @Max(1440, { message: 'durationMinutes must be at most 1440 (a day)' })
  durationMinutes: number;

  @Field(() => String)
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

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  until?: string | null;

  @Field(() => [AgendaItemInput], {
    nullable: true,
    defaultValue: [],
    description: 'Agenda that every occurrence starts with.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInput)
  agenda?: AgendaItemInput[];
}

@ArgsType()
export class SeriesMeetingsArgs extends PageArgs {
  @Field(() => Date, { nullable: true, description: 'Occurrences ending at or after this time.' })
  @IsOptional()
  @IsDate()
  from?: Date;
}
