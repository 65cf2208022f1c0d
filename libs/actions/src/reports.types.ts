import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Organization } from '@coord/registry';
import { CompletionLevel } from './assessments/completion-level';

@ObjectType('CompletionCount')
export class CompletionCount {
  @Field(() => CompletionLevel)
  level: CompletionLevel;
  @Field(() => Int)
  commitments: number;
}

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
  @Field(() => [CompletionCount], {
    description: 'Commitments per assessed completion level (levels with none are left out).',
  })
  byCompletionLevel: CompletionCount[];
}

@ObjectType('ParticipationRow')
export class ParticipationRow {
  @Field(() => Organization)
  organization: Organization;
  @Field(() => Int)
  meetingsInvited: number;
  @Field(() => Int)
  meetingsAttended: number;
  @Field(() => Int, { description: 'Held meetings it was excused from (nobody present, someone EXCUSED).' })
  meetingsExcused: number;
  @Field(() => Float)
  attendanceRate: number;
}
