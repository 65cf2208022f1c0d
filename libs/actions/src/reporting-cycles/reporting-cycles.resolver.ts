import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  actorOf,
  BodyAction,
  byKeys,
  CurrentUser,
  GraphQLRequestContext,
  groupByKeys,
  PolicyService,
  Public,
} from '@coord/core';
import type { AuthUser } from '@coord/core';
import { CoordinationBody, Person } from '@coord/registry';
import { DataSource, In } from 'typeorm';
import { ActionItemsLoaders } from '../action-items.loaders';
import { isOutstanding, PeriodicReport, ReportingCycle } from './reporting-cycle.entity';
import { PeriodicReportInput, ReportingCycleInput } from './reporting-cycles.inputs';
import { ReportingCyclesService } from './reporting-cycles.service';

function reportsOfCycles(dataSource: DataSource, ctx: GraphQLRequestContext) {
  return ctx.loaders.get<string, PeriodicReport[]>('reporting:reports.byCycle', async (ids) =>
    groupByKeys(
      ids,
      await dataSource
        .getRepository(PeriodicReport)
        .createQueryBuilder('r')
        .innerJoin(CoordinationBody, 'b', 'b.id = r.body_id')
        .where('r.cycle_id IN (:...ids)', { ids: [...ids] })
        .orderBy('b.name', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .getMany(),
      (r) => r.cycleId,
    ),
  );
}

function cyclesById(dataSource: DataSource, ctx: GraphQLRequestContext) {
  return ctx.loaders.get<string, ReportingCycle | null>('reporting:cycle.byId', async (ids) =>
    byKeys(ids, await dataSource.getRepository(ReportingCycle).findBy({ id: In([...ids]) }), (c) => c.id),
  );
}

/** Reporting cycles: open, draft, submit, review; the cycle and its reports as the caller may read them. */
@Resolver(() => ReportingCycle)
export class ReportingCyclesResolver {
  constructor(
    @Inject(ReportingCyclesService) private readonly cycles: ReportingCyclesService,
    @Inject(ActionItemsLoaders) private readonly loaders: ActionItemsLoaders,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Query(() => ReportingCycle, {
    nullable: true,
    description: 'Null when it does not exist or its body is not readable.',
  })
  reportingCycle(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.cycles.cycle(user, id, ctx.memo);
  }

  @Mutation(() => ReportingCycle, {
    description:
      'Managers of the body: opens the cycle, creating a NOT_STARTED report for each reporting body and its due/overdue reminders.',
  })
  openReportingCycle(
    @Args('input') input: ReportingCycleInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.cycles.open(actorOf(user, ctx), input);
  }

  @Mutation(() => PeriodicReport, { description: 'Managers of the reporting body (and its FOCAL_POINT members).' })
  saveReport(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: PeriodicReportInput,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.cycles.save(actorOf(user, ctx), id, input);
  }

  @Mutation(() => PeriodicReport)
  submitReport(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.cycles.submit(actorOf(user, ctx), id);
  }

  @Mutation(() => PeriodicReport, {
    description: "Managers of the cycle's body: accept, or return with a note for another submission.",
  })
  reviewReport(
    @Args('id', { type: () => ID }) id: string,
    @Args('accept', { type: () => Boolean }) accept: boolean,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.cycles.review(actorOf(user, ctx), id, accept, note);
  }

  @ResolveField(() => CoordinationBody)
  body(@Parent() cycle: ReportingCycle, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.body(ctx).load(cycle.bodyId);
  }

  @ResolveField(() => [PeriodicReport], { description: "One per reporting body, by the body's name." })
  reports(@Parent() cycle: ReportingCycle, @Context() ctx: GraphQLRequestContext) {
    return reportsOfCycles(this.dataSource, ctx).load(cycle.id);
  }

  @ResolveField(() => Int, { description: 'Reports not yet SUBMITTED or ACCEPTED.' })
  async missing(@Parent() cycle: ReportingCycle, @Context() ctx: GraphQLRequestContext) {
    return (await reportsOfCycles(this.dataSource, ctx).load(cycle.id)).filter((r) => isOutstanding(r.status)).length;
  }
}

@Resolver(() => PeriodicReport)
export class PeriodicReportFieldsResolver {
  constructor(
    @Inject(ActionItemsLoaders) private readonly loaders: ActionItemsLoaders,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @ResolveField(() => ReportingCycle)
  cycle(@Parent() report: PeriodicReport, @Context() ctx: GraphQLRequestContext) {
    return cyclesById(this.dataSource, ctx).load(report.cycleId);
  }

  @ResolveField(() => CoordinationBody)
  body(@Parent() report: PeriodicReport, @Context() ctx: GraphQLRequestContext) {
    return this.loaders.body(ctx).load(report.bodyId);
  }

  @ResolveField(() => Person, {
    nullable: true,
    description: 'Null for anonymous readers (no personal data in public).',
  })
  submittedBy(
    @Parent() report: PeriodicReport,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    if (!user || !report.submittedByPersonId) return null;
    return this.loaders.person(ctx).load(report.submittedByPersonId);
  }
}

/** `CoordinationBody.reportingCycles` and `periodicReports` (the registry owns the type, this feature the fields). */
@Resolver(() => CoordinationBody)
export class BodyReportingResolver {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @ResolveField(() => [ReportingCycle], { description: 'Newest first.' })
  reportingCycles(@Parent() body: CoordinationBody, @Context() ctx: GraphQLRequestContext) {
    return ctx.loaders
      .get<string, ReportingCycle[]>('reporting:cycles.byBody', async (ids) =>
        groupByKeys(
          ids,
          await this.dataSource
            .getRepository(ReportingCycle)
            .find({ where: { bodyId: In([...ids]) }, order: { createdAt: 'DESC', id: 'DESC' } }),
          (c) => c.bodyId,
        ),
      )
      .load(body.id);
  }

  @ResolveField(() => [PeriodicReport], {
    description: 'Reports this body owes or has given, newest first (of cycles whose body the caller may read).',
  })
  async periodicReports(
    @Parent() body: CoordinationBody,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    const reports = await ctx.loaders
      .get<string, PeriodicReport[]>('reporting:reports.byBody', async (ids) =>
        groupByKeys(
          ids,
          await this.dataSource
            .getRepository(PeriodicReport)
            .createQueryBuilder('r')
            .innerJoin(ReportingCycle, 'c', 'c.id = r.cycle_id')
            .where('r.body_id IN (:...ids)', { ids: [...ids] })
            .orderBy('c.created_at', 'DESC')
            .addOrderBy('r.id', 'DESC')
            .getMany(),
          (r) => r.bodyId,
        ),
      )
      .load(body.id);
    const cycles = await cyclesById(this.dataSource, ctx).loadMany(reports.map((r) => r.cycleId));
    // Few distinct cycle bodies (the parents); the policy memoizes each for the request.
    const readable = new Map<string, boolean>();
    for (const cycle of cycles) {
      if (cycle && !(cycle instanceof Error) && !readable.has(cycle.bodyId)) {
        readable.set(cycle.bodyId, await this.policy.can(user, BodyAction.READ, cycle.bodyId, ctx.memo));
      }
    }
    return reports.filter((r, i) => {
      const cycle = cycles[i];
      return cycle && !(cycle instanceof Error) && readable.get(cycle.bodyId);
    });
  }
}
