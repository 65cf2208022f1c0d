import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { byKeys, GraphQLRequestContext } from '@coord/core';
import { Person, RegistryReadService } from '@coord/registry';
import { Participant } from '../participant.entity';

/** Participant.standingInFor: through the same person loader as Participant.person (one query per request). */
@Resolver(() => Participant)
export class ParticipantStandingInResolver {
  constructor(@Inject(RegistryReadService) private readonly registry: RegistryReadService) {}

  @ResolveField(() => Person, {
    nullable: true,
    description: 'Set when this participant holds the seat of a principal who sent regrets or was absent.',
  })
  standingInFor(@Parent() participant: Participant, @Context() ctx: GraphQLRequestContext) {
    if (!participant.standingInForPersonId) return null;
    return ctx.loaders
      .get<string, Person | null>('meetings:person.byId', async (ids) =>
        byKeys(ids, await this.registry.peopleByIds(ids), (p) => p.id),
      )
      .load(participant.standingInForPersonId);
  }
}
