import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Organization } from '@coord/registry';

@ObjectType('ProgressRow', { description: 'Commitment progress, grouped by one dimension.' })
export class ProgressRow {
  @Field(() => String, { description: 'The group: a framework code, a sector, a level or a body id' })
  key: string;
  @Field(() => String)
  label: string;
  @Field(() => Int)
  total: number;
  @Field(() => Int)
  done: number;
  @Field(() => Int)
  overdue: number;
  @Field(() => Float)
  averageProgressPercent: number;
}

@ObjectType('ParticipationRow')
export class ParticipationRow {
  @Field(() => Organization)
  organization: Organization;
  @Field(() => Int)
  meetingsInvited: number;
  @Field(() => Int)
  meetingsAttended: number;
  @Field(() => Float)
  attendanceRate: number;
}
