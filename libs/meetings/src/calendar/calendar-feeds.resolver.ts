import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { actorOf, AuthUser, CurrentUser, GraphQLRequestContext } from '@coord/core';
import { CalendarFeed } from '../meetings.types';
import { CalendarService } from './calendar.service';

/** The signed-in user's personal calendar feeds (secret subscription URLs). */
@Resolver(() => CalendarFeed)
export class CalendarFeedsResolver {
  constructor(@Inject(CalendarService) private readonly calendar: CalendarService) {}

  @Query(() => [CalendarFeed], {
    description: "The signed-in user's calendar feeds (URLs are only shown at creation).",
  })
  myCalendarFeeds(@CurrentUser() user: AuthUser) {
    return this.calendar.myFeeds(user);
  }

  @Mutation(() => CalendarFeed, {
    description: 'A secret URL with all your meetings, to subscribe to in Outlook or Google Calendar.',
  })
  createCalendarFeedToken(@CurrentUser() user: AuthUser, @Context() ctx: GraphQLRequestContext) {
    return this.calendar.createFeed(actorOf(user, ctx));
  }

  @Mutation(() => CalendarFeed, { description: 'Revokes a calendar feed: its URL answers 404 from now on.' })
  revokeCalendarFeedToken(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.calendar.revokeFeed(actorOf(user, ctx), id);
  }
}
