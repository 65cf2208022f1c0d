import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, CurrentUser, GraphQLRequestContext, groupByKeys } from '@coord/core';
import type { AuthUser } from '@coord/core';
import { Organization, Person, RegistryReadService } from '@coord/registry';
import { DataSource, In } from 'typeorm';
import { ActionItem } from '../action-item.entity';
import { ActionItemsLoaders } from '../action-items.loaders';
import { ActionItemCoOwner } from '../co-owners/co-owner.entity';
import { CommitmentAssessment } from './assessment.entity';
import { AssessmentsService } from './assessments.service';
import { CompletionLevel } from './completion-level';

/**
 * Accountability fields of action items (co-owners, assessments) and `assessCommitment`. Each nested field
 * reads through one DataLoader: a list costs one query per field, whatever its length.
 */
@Resolver(() => ActionItem)
export class AccountabilityResolver {
  constructor(
    @Inject(AssessmentsService) private readonly service: AssessmentsService,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
  ) {}

  @Mutation(() => ActionItem, {
    description:
      "The chair, co-chair or secretariat of the commitment's body or an ancestor; never its owner or an owner organization's focal point.",
  })
  assessCommitment(
    @Args('id', { type: () => ID }) id: string,
    @Args('level', { type: () => CompletionLevel }) level: CompletionLevel,
    @Args('note', { type: () => String }) note: string,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.service.assess(actorOf(user, ctx), id, level, note);
  }

  @ResolveField(() => [Organization], {
    description: 'Organizations that share the commitment; their FOCAL_POINT members may report progress.',
  })
  async coOwnerOrganizations(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    return ctx.loaders
      .get<string, Organization[]>('actions:coOwners.byItem', async (ids) => {
        const links = await this.dataSource
          .getRepository(ActionItemCoOwner)
          .find({ where: { actionItemId: In([...ids]) } });
        const orgs = new Map(
          (await this.registry.organizationsByIds([...new Set(links.map((l) => l.organizationId))])).map((o) => [
            o.id,
            o,
          ]),
        );
        return groupByKeys(ids, links, (l) => l.actionItemId).map((list) =>
          list
            .map((l) => orgs.get(l.organizationId))
            .filter((o): o is Organization => !!o)
            .sort((a, b) => a.name.localeCompare(b.name)),
        );
      })
      .load(item.id);
  }

  @ResolveField(() => [CommitmentAssessment], { description: 'The assessments, oldest first.' })
  assessments(@Parent() item: ActionItem, @Context() ctx: GraphQLRequestContext) {
    return assessmentsLoader(this.dataSource, ctx).load(item.id);
  }
}

export function assessmentsLoader(dataSource: DataSource, ctx: GraphQLRequestContext) {
  return ctx.loaders.get<string, CommitmentAssessment[]>('actions:assessments.byItem', async (ids) =>
    groupByKeys(
      ids,
      await dataSource
        .getRepository(CommitmentAssessment)
        .find({ where: { actionItemId: In([...ids]) }, order: { assessedAt: 'ASC', id: 'ASC' } }),
      (a) => a.actionItemId,
    ),
  );
}

@Resolver(() => CommitmentAssessment)
export class AssessmentFieldsResolver {
  constructor(@Inject(ActionItemsLoaders) private readonly loaders: ActionItemsLoaders) {}

  @ResolveField(() => Person, {
    nullable: true,
    description: 'Null for anonymous readers: public accountability shows the record, not personal data.',
  })
  assessor(
    @Parent() assessment: CommitmentAssessment,
    @CurrentUser() user: AuthUser | null,
    @Context() ctx: GraphQLRequestContext,
  ) {
    if (!user || !assessment.assessorPersonId) return null;
    return this.loaders.person(ctx).load(assessment.assessorPersonId);
  }
}
