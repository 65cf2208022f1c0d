import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import {
  AdminOnly,
  AuthUser,
  ConnectionType,
  CurrentUser,
  DomainError,
  ErrorCode,
  msg,
  Notification,
  PageArgs,
} from '@coord/core';
import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { NotificationsService } from './notifications.service';
import { ReminderQueueInspector } from './reminder-queue.service';

export const NotificationConnection = ConnectionType(Notification, 'Notification', (cls) => {
  Field(() => Int, { description: "How many of the person's notifications are unread (whatever the filter)." })(
    cls.prototype,
    'unreadCount',
  );
});

@ArgsType()
class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false, nullable: true })
  @IsOptional()
  @IsBoolean()
  unreadOnly = false;
}

@ArgsType()
class MarkNotificationsReadArgs {
  @Field(() => [ID])
  @ArrayMaxSize(500, { message: 'ids must not list more than 500 notifications' })
  @IsUUID('all', { each: true, message: 'ids must be notification ids (UUIDs)' })
  ids: string[];
}

@ArgsType()
class FailedReminderJobsArgs {
  @Field(() => Int, { defaultValue: 50, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500, { message: 'first must not be greater than 500' })
  first = 50;
}

/** A reminder job that failed its last attempt (kept in Redis for admins). */
@ObjectType()
export class FailedReminderJob {
  @Field(() => ID)
  id: string;
  @Field()
  name: string;
  @Field()
  failedReason: string;
  @Field(() => Int)
  attemptsMade: number;
  @Field(() => Date, { nullable: true })
  failedAt: Date | null;
  @Field(() => String, { description: 'JSON of the job data (intent id and version)' })
  data: string;
}

/** The signed-in person's notifications, and the failed reminder jobs for admins. */
@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(
    @Inject(NotificationsService) private readonly service: NotificationsService,
    @Inject(ReminderQueueInspector) private readonly queue: ReminderQueueInspector,
  ) {}

  @Query(() => NotificationConnection, { description: "The signed-in person's own notifications, newest first." })
  notifications(@CurrentUser() user: AuthUser, @Args() args: NotificationsArgs) {
    return this.service.list(user, args);
  }

  @Mutation(() => Int, { description: 'Marks the given notifications of the signed-in person read; returns how many.' })
  markNotificationsRead(@CurrentUser() user: AuthUser, @Args() args: MarkNotificationsReadArgs) {
    return this.service.markRead(user, args.ids);
  }

  @AdminOnly()
  @Query(() => [FailedReminderJob], { description: 'Reminder jobs that failed their last attempt, newest first.' })
  async failedReminderJobs(@Args() args: FailedReminderJobsArgs): Promise<FailedReminderJob[]> {
    try {
      const jobs = await this.queue.failedJobs(args.first);
      return jobs.map((job) => ({ ...job, data: JSON.stringify(job.data) }));
    } catch {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, msg('error.reminders.remindersQueueRedisCannot'));
    }
  }
}
