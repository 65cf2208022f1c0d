import { Inject, Injectable } from '@nestjs/common';
import { byKeys, GraphQLRequestContext, groupByKeys, todayIn } from '@coord/core';
import { DataSource, In } from 'typeorm';
import { ActiveSeat, Composition, composition } from './composition';
import { CoordinationBody } from './coordination-body.entity';
import { coveredAlternateSql } from './alternates';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { Person } from './person.entity';
import { StakeholderSector, TermsOfReferenceStatus } from './registry.enums';
import { ACTIVE_MEMBERSHIP_SQL } from './registry-read.service';
import { TermsOfReference } from './terms-of-reference.entity';

/**
 * DataLoaders for the registry's nested fields: every call made while resolving one request with the same
 * loader name goes to one SQL query. Meetings and actions may use these too (e.g. `organization`, `person`).
 * Visibility is not decided here (see RegistryAccessService): loaders return rows, resolvers filter.
 */
@Injectable()
export class RegistryLoaders {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  organization(ctx: GraphQLRequestContext, id: string | null | undefined): Promise<Organization | null> {
    if (!id) return Promise.resolve(null);
    return ctx.loaders
      .get<string, Organization | null>('registry.organization.byId', async (ids) =>
        byKeys(ids, await this.dataSource.manager.findBy(Organization, { id: In([...ids]) }), (r) => r.id),
      )
      .load(id);
  }

  person(ctx: GraphQLRequestContext, id: string | null | undefined): Promise<Person | null> {
    if (!id) return Promise.resolve(null);
    return ctx.loaders
      .get<string, Person | null>('registry.person.byId', async (ids) =>
        byKeys(ids, await this.dataSource.manager.findBy(Person, { id: In([...ids]) }), (r) => r.id),
      )
      .load(id);
  }

  body(ctx: GraphQLRequestContext, id: string | null | undefined): Promise<CoordinationBody | null> {
    if (!id) return Promise.resolve(null);
    return ctx.loaders
      .get<string, CoordinationBody | null>('registry.body.byId', async (ids) =>
        byKeys(ids, await this.dataSource.manager.findBy(CoordinationBody, { id: In([...ids]) }), (r) => r.id),
      )
      .load(id);
  }

  children(ctx: GraphQLRequestContext, bodyId: string): Promise<CoordinationBody[]> {
    return ctx.loaders
      .get<string, CoordinationBody[]>('registry.body.children', async (ids) => {
        const rows = await this.dataSource.manager.find(CoordinationBody, {
          where: { parentId: In([...ids]) },
          order: { name: 'ASC', id: 'ASC' },
        });
        return groupByKeys(ids, rows, (r) => r.parentId!);
      })
      .load(bodyId);
  }

  currentTermsOfReference(ctx: GraphQLRequestContext, bodyId: string): Promise<TermsOfReference | null> {
    return ctx.loaders
      .get<string, TermsOfReference | null>('registry.tor.currentByBody', async (ids) => {
        const rows = await this.dataSource.manager.findBy(TermsOfReference, {
          bodyId: In([...ids]),
          status: TermsOfReferenceStatus.ADOPTED,
        });
        return byKeys(ids, rows, (r) => r.bodyId);
      })
      .load(bodyId);
  }

  termsOfReferenceHistory(ctx: GraphQLRequestContext, bodyId: string): Promise<TermsOfReference[]> {
    return ctx.loaders
      .get<string, TermsOfReference[]>('registry.tor.historyByBody', async (ids) => {
        const rows = await this.dataSource.manager.find(TermsOfReference, {
          where: { bodyId: In([...ids]) },
          order: { version: 'DESC' },
        });
        return groupByKeys(ids, rows, (r) => r.bodyId);
      })
      .load(bodyId);
  }

  /** Memberships of a body, newest start first; only those active today (UTC) when `activeOnly`. */
  membershipsOfBody(ctx: GraphQLRequestContext, bodyId: string, activeOnly: boolean): Promise<Membership[]> {
    return ctx.loaders
      .get<string, Membership[]>(`registry.memberships.byBody:${activeOnly}`, async (ids) =>
        groupByKeys(ids, await this.memberships('m.body_id', ids, activeOnly), (r) => r.bodyId),
      )
      .load(bodyId);
  }

  membershipsOfPerson(ctx: GraphQLRequestContext, personId: string, activeOnly: boolean): Promise<Membership[]> {
    return ctx.loaders
      .get<string, Membership[]>(`registry.memberships.byPerson:${activeOnly}`, async (ids) =>
        groupByKeys(ids, await this.memberships('m.person_id', ids, activeOnly), (r) => r.personId),
      )
      .load(personId);
  }

  private memberships(column: string, ids: readonly string[], activeOnly: boolean): Promise<Membership[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Membership, 'm')
      .where(`${column} IN (:...ids)`, { ids })
      .orderBy('m.starts_on', 'DESC')
      .addOrderBy('m.id', 'ASC');
    if (activeOnly) qb.andWhere(ACTIVE_MEMBERSHIP_SQL, { onDate: todayIn('UTC') });
    return qb.getMany();
  }

  /** Composition reports of many bodies: two queries (active seats with sectors, adopted ToR) for all of them. */
  composition(ctx: GraphQLRequestContext, bodyId: string): Promise<Composition> {
    return ctx.loaders
      .get<string, Composition>('registry.body.composition', async (ids) => {
        const [seats, tors] = await Promise.all([
          this.dataSource.query(
            `SELECT m.body_id, o.sector, m.voting_rights FROM memberships m
             JOIN organizations o ON o.id = m.organization_id
             WHERE m.body_id = ANY($1::uuid[]) AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $2)
               AND NOT ${coveredAlternateSql('m', '$2')}`,
            [[...ids], todayIn('UTC')],
          ) as Promise<Array<{ body_id: string; sector: StakeholderSector; voting_rights: boolean }>>,
          Promise.all(ids.map((id) => this.currentTermsOfReference(ctx, id))),
        ]);
        const byBody = groupByKeys(ids, seats, (r) => r.body_id);
        return ids.map((_, i) =>
          composition(
            byBody[i].map((r): ActiveSeat => ({ sector: r.sector, votingRights: r.voting_rights })),
            tors[i]?.requiredSeats ?? [],
          ),
        );
      })
      .load(bodyId);
  }
}
