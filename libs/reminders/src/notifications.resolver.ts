import { Inject } from '@nestjs/common';
import { Args, ArgsType, Context, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import {
  AdminOnly,
  actorOf,
  AuthUser,
  ConnectionType,
  CurrentUser,
  DomainError,
  ErrorCode,
  GraphQLRequestContext,
  msg,
  Notification,
  PageArgs,
} from '@coord/core';
import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { FailedJobsService } from './failed-jobs.service';
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

@ArgsType()
class RetryFailedReminderJobArgs {
  @Field(() => ID)
  @IsString()
  @Length(1, 200, { message: 'id must be the id of a failed reminder job' })
  id: string;
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
    @Inject(FailedJobsService) private readonly failedJobs: FailedJobsService,
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

  @AdminOnly()
  @Mutation(() => FailedReminderJob, {
    description:
      'Admin: puts a failed reminder job back in the queue with its attempts counted afresh (audited); NOT_FOUND when no failed job has that id.',
  })
  async retryFailedReminderJob(
    @Args() args: RetryFailedReminderJobArgs,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<FailedReminderJob> {
    const job = await this.failedJobs.retry(actorOf(user, ctx), args.id);
    return { ...job, data: JSON.stringify(job.data) };
  }
}
