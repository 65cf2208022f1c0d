import { Field, ID, InputType } from '@nestjs/graphql';
import { LocalDateScalar } from '@coord/core';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { TrafficLight } from './reporting-cycle.entity';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const dateRule = (name: string) => Matches(DATE_RE, { message: `${name} must be a calendar day written YYYY-MM-DD` });

@InputType()
export class ReportingCycleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'bodyId must be a UUID' })
  bodyId: string;

  @Field(() => String)
  @IsString()
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title: string;

  @Field(() => LocalDateScalar)
  @dateRule('periodFrom')
  periodFrom: string;

  @Field(() => LocalDateScalar)
  @dateRule('periodTo')
  periodTo: string;

  @Field(() => LocalDateScalar)
  @dateRule('dueOn')
  dueOn: string;

  @Field(() => [ID], { nullable: true, description: 'Default: every active body directly beneath bodyId.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'reportingBodyIds must be UUIDs' })
  reportingBodyIds?: string[] | null;
}

@InputType()
export class PeriodicReportInput {
  @Field(() => TrafficLight, { nullable: true })
  @IsOptional()
  @IsEnum(TrafficLight)
  rating?: TrafficLight | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20000, { message: 'narrative must be at most 20000 characters' })
  narrative?: string | null;
}
