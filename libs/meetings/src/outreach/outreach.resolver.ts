import { Inject } from '@nestjs/common';
import { Args, ArgsType, Context, Field, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, byKeys, CurrentUser, GraphQLRequestContext, LocalDateScalar, Public } from '@coord/core';
import type { AuthUser } from '@coord/core';
import { CoordinationBody, RegistryReadService } from '@coord/registry';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { Meeting } from '../meeting.entity';
import { ReachCountInput, ReachDimension, ReachRow } from './outreach.types';
import { OutreachService } from './outreach.service';

const dateRule = (name: string) =>
  Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${name} must be a calendar day written YYYY-MM-DD` });

@ArgsType()
export class OutreachReachArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'bodyId must be a UUID' })
  bodyId: string;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  includeSubBodies?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @dateRule('from')
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @dateRule('to')
  to?: string | null;

  @Field(() => [ReachDimension])
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(ReachDimension, { each: true })
  groupBy: ReachDimension[];
}

@ArgsType()
export class RecordReachArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'meetingId must be a UUID' })
  meetingId: string;

  @Field(() => [ReachCountInput])
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReachCountInput)
  entries: ReachCountInput[];
}

/** Outreach reach: recording a held OUTREACH meeting's aggregates, `Meeting.reach` and the `outreachReach` report. */
@Resolver(() => Meeting)
export class OutreachResolver {
  constructor(@Inject(OutreachService) private readonly outreach: OutreachService) {}

  @Mutation(() => Meeting, { description: 'Replaces the reach counts of a held OUTREACH meeting.' })
  recordOutreachReach(
    @Args() args: RecordReachArgs,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.outreach.record(actorOf(user, ctx), args.meetingId, args.entries);
  }

  @Public()
  @Query(() => [ReachRow], {
    description:
      'People reached by held OUTREACH meetings, summed by the dimensions asked for; small and complementary cells are suppressed for readers who do not manage the body.',
  })
  outreachReach(
    @Args() args: OutreachReachArgs,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.outreach.reach(user, args, ctx.memo);
  }

  @ResolveField(() => [ReachRow], { description: 'People reached by an OUTREACH meeting, as aggregates; never names.' })
  reach(@Parent() meeting: Meeting, @CurrentUser() user: AuthUser | null, @Context() ctx: GraphQLRequestContext) {
    return ctx.loaders
      .get<Meeting, ReachRow[]>('outreach:reach.byMeeting', (meetings) =>
        this.outreach.ofMeetings(user, [...meetings], ctx.memo),
      )
      .load(meeting);
  }
}

@Resolver(() => ReachRow)
export class ReachRowResolver {
  constructor(@Inject(RegistryReadService) private readonly registry: RegistryReadService) {}

  @ResolveField(() => CoordinationBody, { nullable: true })
  body(@Parent() row: ReachRow, @Context() ctx: GraphQLRequestContext) {
    if (!row.bodyId) return null;
    return ctx.loaders
      .get<string, CoordinationBody | null>('outreach:body.byId', async (ids) =>
        byKeys(ids, await this.registry.bodiesByIds(ids), (b) => b.id),
      )
      .load(row.bodyId);
  }
}
