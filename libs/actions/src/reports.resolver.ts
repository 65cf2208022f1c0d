import { Inject } from '@nestjs/common';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, GraphQLRequestContext, Public } from '@coord/core';
import type { AuthUser } from '@coord/core';
import { CommitmentProgressArgs, ParticipationArgs } from './action-items.inputs';
import { ActionReportsService } from './reports.service';
import { ParticipationRow, ProgressRow } from './reports.types';

/** Commitment progress and participation reports; public bodies' figures are open to anyone. */
@Resolver()
export class ActionReportsResolver {
  constructor(@Inject(ActionReportsService) private readonly reports: ActionReportsService) {}

  @Public()
  @Query(() => [ProgressRow], {
    description: 'Progress of the commitments the caller may see, grouped by one dimension.',
  })
  commitmentProgress(
    @Args() args: CommitmentProgressArgs,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.reports.commitmentProgress(user, args, ctx.memo);
  }

  @Public()
  @Query(() => [ParticipationRow], {
    description: 'Per organization: held meetings of the body it was invited to and attended, from..to (inclusive).',
  })
  participation(
    @Args() args: ParticipationArgs,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.reports.participation(user, args, ctx.memo);
  }
}
