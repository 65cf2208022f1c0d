import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@coord/core';
import { Meeting } from './meeting.entity';

@ObjectType('QuorumStatus')
export class QuorumStatus {
  @Field(() => Int)
  votingMembers: number;

  @Field(() => Int)
  required: number;

  @Field(() => Int, { description: 'Present voting members once attendance is recorded; accepted RSVPs before.' })
  counted: number;

  @Field(() => Boolean)
  met: boolean;
}

export const MeetingConnection = ConnectionType(Meeting, 'Meeting');

@ObjectType('CalendarFeed', {
  description: 'A personal calendar feed: subscribe to `url` in Outlook or Google Calendar. Revoke it if it leaks.',
})
export class CalendarFeed {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'The secret URL; only returned when the feed is created.' })
  url: string | null;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}
