import { Inject, Injectable } from '@nestjs/common';
import { BodyRole, MembershipReader, notFound, todayIn } from '@coord/core';
import { DataSource, EntityManager, In } from 'typeorm';
import { CoordinationBody } from './coordination-body.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { Person } from './person.entity';

/** SQL condition for a membership active on :onDate (alias m). */
export const ACTIVE_MEMBERSHIP_SQL = `m.starts_on <= :onDate AND (m.ends_on IS NULL OR m.ends_on >= :onDate)`;

/**
 * What other features may read from the registry: bodies, their hierarchy, people, organizations and active
 * memberships. Batch-friendly (ids in, rows out) so that callers can back DataLoaders with it. Every method
 * takes an optional EntityManager to read inside the caller's transaction.
 */
@Injectable()
export class RegistryReadService implements MembershipReader {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private em(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  bodiesByIds(ids: readonly string[], em?: EntityManager): Promise<CoordinationBody[]> {
    return ids.length ? this.em(em).findBy(CoordinationBody, { id: In([...ids]) }) : Promise.resolve([]);
  }

  async requireBody(id: string, em?: EntityManager): Promise<CoordinationBody> {
    const body = isUuid(id) ? await this.em(em).findOne(CoordinationBody, { where: { id } }) : null;
    if (!body) throw notFound('Coordination body', id);
    return body;
  }

  peopleByIds(ids: readonly string[], em?: EntityManager): Promise<Person[]> {
    return ids.length ? this.em(em).findBy(Person, { id: In([...ids]) }) : Promise.resolve([]);
  }

  organizationsByIds(ids: readonly string[], em?: EntityManager): Promise<Organization[]> {
    return ids.length ? this.em(em).findBy(Organization, { id: In([...ids]) }) : Promise.resolve([]);
  }

  /** The body and every body beneath it, at any depth: one recursive query. */
  async descendantIds(bodyId: string, em?: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.em(em).query(
      `WITH RECURSIVE tree(id) AS (
         SELECT id FROM coordination_bodies WHERE id = $1
         UNION SELECT b.id FROM coordination_bodies b JOIN tree t ON b.parent_id = t.id
       ) SELECT id FROM tree`,
      [bodyId],
    );
    return rows.map((r) => r.id);
  }

  /** SQL fragment selecting the ids of a body's subtree; bind the root as `$n`. For use inside one query. */
  static subtreeSql(param: string): string {
    return `WITH RECURSIVE tree(id) AS (SELECT id FROM coordination_bodies WHERE id = ${param}
      UNION SELECT b.id FROM coordination_bodies b JOIN tree t ON b.parent_id = t.id) SELECT id FROM tree`;
  }

  /** Active memberships of several bodies on a date (default: today in each body's zone is close enough: UTC). */
  activeMemberships(bodyIds: readonly string[], onDate = todayIn('UTC'), em?: EntityManager): Promise<Membership[]> {
    if (!bodyIds.length) return Promise.resolve([]);
    return this.em(em)
      .createQueryBuilder(Membership, 'm')
      .where('m.body_id IN (:...bodyIds)', { bodyIds })
      .andWhere(ACTIVE_MEMBERSHIP_SQL, { onDate })
      .getMany();
  }

  /**
   * Who holds which role on each (body, day): memberships active on that day, for several bodies and days in one
   * query (a reminder batch, each meeting on its own local day).
   */
  async activeMembershipsOnDays(
    wanted: ReadonlyArray<{ bodyId: string; day: string }>,
    em?: EntityManager,
  ): Promise<Array<{ bodyId: string; day: string; personId: string; role: string }>> {
    if (!wanted.length) return [];
    const rows: Array<{ body_id: string; day: string; person_id: string; role: string }> = await this.em(em).query(
      `SELECT x.body_id, to_char(x.day, 'YYYY-MM-DD') AS day, m.person_id, m.role
         FROM (SELECT DISTINCT * FROM unnest($1::uuid[], $2::date[]) AS u(body_id, day)) AS x
         JOIN memberships m ON m.body_id = x.body_id
          AND m.starts_on <= x.day AND (m.ends_on IS NULL OR m.ends_on >= x.day)
        ORDER BY x.body_id, x.day, m.person_id`,
      [wanted.map((w) => w.bodyId), wanted.map((w) => w.day)],
    );
    return rows.map((r) => ({ bodyId: r.body_id, day: r.day, personId: r.person_id, role: r.role }));
  }

  /**
   * The alternates active on `day` of the principals `principalPersonIds` seated on the body that day (alternates.ts),
   * with the principal they cover: one query.
   */
  async activeAlternatesOf(
    bodyId: string,
    principalPersonIds: readonly string[],
    day: string,
    em?: EntityManager,
  ): Promise<Array<{ principalPersonId: string; membership: Membership }>> {
    if (!principalPersonIds.length) return [];
    const rows = await this.em(em)
      .createQueryBuilder(Membership, 'm')
      .innerJoin(Membership, 'p', 'p.id = m.alternate_for_membership_id')
      .addSelect('p.person_id', 'principal_person_id')
      .where('m.body_id = :bodyId AND p.person_id IN (:...principalPersonIds)', {
        bodyId,
        principalPersonIds: [...principalPersonIds],
      })
      .andWhere(ACTIVE_MEMBERSHIP_SQL, { onDate: day })
      .andWhere('p.starts_on <= :onDate AND (p.ends_on IS NULL OR p.ends_on >= :onDate)')
      .orderBy('m.starts_on', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getRawAndEntities();
    const principalOf = new Map<string, string>(rows.raw.map((r) => [r.m_id, r.principal_person_id]));
    return rows.entities.map((membership) => ({ principalPersonId: principalOf.get(membership.id)!, membership }));
  }

  /** Active memberships of one person (any body). */
  activeMembershipsOfPerson(personId: string, onDate = todayIn('UTC'), em?: EntityManager): Promise<Membership[]> {
    return this.em(em)
      .createQueryBuilder(Membership, 'm')
      .where('m.person_id = :personId', { personId })
      .andWhere(ACTIVE_MEMBERSHIP_SQL, { onDate })
      .getMany();
  }

  // MembershipReader, used by core's PolicyService.
  async activeRolesOf(personId: string): Promise<Array<{ bodyId: string; role: BodyRole }>> {
    const rows = await this.activeMembershipsOfPerson(personId);
    return rows.map((m) => ({ bodyId: m.bodyId, role: m.role as BodyRole }));
  }

  async bodyFacts(bodyId: string): Promise<{ isPublic: boolean; ancestorIds: string[] } | undefined> {
    if (!isUuid(bodyId)) return undefined;
    const rows: Array<{ id: string; is_public: boolean; depth: number }> = await this.dataSource.query(
      `WITH RECURSIVE up(id, parent_id, is_public, depth) AS (
         SELECT id, parent_id, is_public, 0 FROM coordination_bodies WHERE id = $1
         UNION ALL
         SELECT b.id, b.parent_id, b.is_public, up.depth + 1 FROM coordination_bodies b JOIN up ON b.id = up.parent_id
         WHERE up.depth < 100
       ) SELECT id, is_public, depth FROM up ORDER BY depth`,
      [bodyId],
    );
    if (!rows.length) return undefined;
    return { isPublic: rows[0].is_public, ancestorIds: rows.slice(1).map((r) => r.id) };
  }

  bodyFactsMany(bodyIds: readonly string[]): Promise<Array<{ isPublic: boolean; ancestorIds: string[] } | undefined>> {
    return this.bodyFactsAndRoles(bodyIds, null).then((r) => r.facts);
  }

  // MembershipReader: the bodies' facts and the person's active roles (as activeRolesOf) in one statement.
  bodyFactsManyWithRoles(bodyIds: readonly string[], personId: string) {
    return this.bodyFactsAndRoles(bodyIds, personId);
  }

  private async bodyFactsAndRoles(
    bodyIds: readonly string[],
    personId: string | null,
  ): Promise<{
    facts: Array<{ isPublic: boolean; ancestorIds: string[] } | undefined>;
    roles: Array<{ bodyId: string; role: BodyRole }>;
  }> {
    const ids = [...new Set(bodyIds.filter(isUuid))];
    const rows: Array<{ root: string | null; id: string; is_public: boolean; role: BodyRole | null }> =
      ids.length || personId
        ? await this.dataSource.query(
            `WITH RECURSIVE up(root, id, parent_id, is_public, depth) AS (
               SELECT id, id, parent_id, is_public, 0 FROM coordination_bodies WHERE id = ANY($1::uuid[])
               UNION ALL
               SELECT up.root, b.id, b.parent_id, b.is_public, up.depth + 1
               FROM coordination_bodies b JOIN up ON b.id = up.parent_id
               WHERE up.depth < 100
             )
             SELECT root, id, is_public, NULL::text AS role, depth FROM up
             UNION ALL
             SELECT NULL, m.body_id, NULL, m.role, NULL FROM memberships m
              WHERE $2::uuid IS NOT NULL AND m.person_id = $2::uuid
                AND m.starts_on <= $3::date AND (m.ends_on IS NULL OR m.ends_on >= $3::date)
             ORDER BY root NULLS LAST, depth`,
            [ids, personId, todayIn('UTC')],
          )
        : [];
    const chains = new Map<string, typeof rows>();
    const roles: Array<{ bodyId: string; role: BodyRole }> = [];
    for (const row of rows) {
      if (row.root === null) roles.push({ bodyId: row.id, role: row.role as BodyRole });
      else chains.set(row.root, [...(chains.get(row.root) ?? []), row]);
    }
    const facts = bodyIds.map((id) => {
      const chain = chains.get(id);
      return chain ? { isPublic: chain[0].is_public, ancestorIds: chain.slice(1).map((r) => r.id) } : undefined;
    });
    return { facts, roles };
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}
