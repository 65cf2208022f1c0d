import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, DurationScalar } from '@coord/core';
import { CoordinationBody } from './coordination-body.entity';
import { Organization } from './organization.entity';
import { Person } from './person.entity';
import { StakeholderSector } from './registry.enums';
import { SectorSeat } from './terms-of-reference.entity';

/** GraphQL object types of the registry that are not tables: reports, the reminder policy, connections. */

@ObjectType('ReminderPolicy', {
  description: 'Lead times before an event at which reminders go out, and when overdue work escalates.',
})
export class ReminderPolicy {
  @Field(() => [DurationScalar])
  meetingReminders: string[];
  @Field(() => [DurationScalar])
  actionDueReminders: string[];
  @Field(() => DurationScalar)
  overdueEscalationAfter: string;
  @Field(() => DurationScalar)
  minutesFollowUpAfter: string;
}

@ObjectType('SectorCount')
export class SectorCount {
  @Field(() => StakeholderSector)
  sector: StakeholderSector;
  @Field(() => Int)
  members: number;
}

@ObjectType('CompositionReport', {
  description: "How the body's membership compares with the seats its terms of reference require.",
})
export class CompositionReport {
  @Field(() => Int)
  activeMembers: number;
  @Field(() => Int)
  votingMembers: number;
  @Field(() => [SectorCount])
  bySector: SectorCount[];
  @Field(() => [SectorSeat], {
    description:
      'Required seats that are not filled: empty when the composition meets the ToR. minSeats is the number of seats still missing for the sector.',
  })
  unfilledSeats: SectorSeat[];
  @Field(() => Float)
  governmentShare: number;
  @Field(() => Float)
  nonGovernmentShare: number;
}

export const OrganizationConnection = ConnectionType(Organization, 'Organization');
export const PersonConnection = ConnectionType(Person, 'Person');
export const CoordinationBodyConnection = ConnectionType(CoordinationBody, 'CoordinationBody');
