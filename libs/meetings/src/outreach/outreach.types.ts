import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Column, Entity } from 'typeorm';

export enum SexCategory {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  OTHER = 'OTHER',
  UNDISCLOSED = 'UNDISCLOSED',
}
export enum AgeBand {
  UNDER_18 = 'UNDER_18',
  AGE_18_35 = 'AGE_18_35',
  AGE_36_59 = 'AGE_36_59',
  AGE_60_PLUS = 'AGE_60_PLUS',
  UNKNOWN = 'UNKNOWN',
}
export enum ReachDimension {
  SEX = 'SEX',
  AGE_BAND = 'AGE_BAND',
  LOCALITY = 'LOCALITY',
  BODY = 'BODY',
}
registerEnumType(SexCategory, { name: 'SexCategory' });
registerEnumType(AgeBand, { name: 'AgeBand' });
registerEnumType(ReachDimension, { name: 'ReachDimension' });

/** One aggregate count of an outreach meeting (table outreach_reach). */
@Entity({ name: 'outreach_reach' })
export class OutreachReachCount {
  @Column({ name: 'meeting_id', type: 'uuid', primary: true })
  meetingId: string;
  @Column({ type: 'text', primary: true })
  sex: SexCategory;
  @Column({ name: 'age_band', type: 'text', primary: true })
  ageBand: AgeBand;
  @Column({ type: 'text' })
  locality: string;
  @Column({ name: 'locality_key', type: 'text', primary: true, insert: false, update: false })
  localityKey: string;
  @Column({ type: 'int' })
  count: number;
}

@InputType()
export class ReachCountInput {
  @Field(() => SexCategory)
  @IsEnum(SexCategory)
  sex: SexCategory;

  @Field(() => AgeBand)
  @IsEnum(AgeBand)
  ageBand: AgeBand;

  @Field(() => String, { description: 'Ward, sub-county or town: free text, trimmed, compared case-insensitively.' })
  @IsString()
  @MaxLength(200, { message: 'locality must be at most 200 characters' })
  locality: string;

  @Field(() => Int)
  @IsInt({ message: 'count must be a whole number' })
  @Min(0, { message: 'count must not be negative' })
  @Max(1000000, { message: 'count must be at most 1000000' })
  count: number;
}

@ObjectType('ReachRow')
export class ReachRow {
  @Field(() => SexCategory, { nullable: true })
  sex: SexCategory | null;
  @Field(() => AgeBand, { nullable: true })
  ageBand: AgeBand | null;
  @Field(() => String, { nullable: true })
  locality: string | null;
  /** Resolved by the field resolver from bodyId. */
  bodyId: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Null where the count is below 5 and the reader does not manage the body (small-cell suppression).',
  })
  count: number | null;
  @Field(() => Boolean)
  suppressed: boolean;
}
