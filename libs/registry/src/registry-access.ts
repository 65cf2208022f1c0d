import { Inject, Injectable } from '@nestjs/common';
import { AuthUser, GraphQLRequestContext, isAdmin, MANAGING_ROLES, todayIn } from '@coord/core';
import { DataSource } from 'typeorm';
import { CoordinationBody } from './coordination-body.entity';

/**
 * Who may see which bodies and whose contact data, answered in bulk for lists and nested fields (the
 * per-body PolicyService checks cost a query per body, fine for one mutation, not for a list of 50).
 * The rules are PolicyService's: admins see everything; public bodies are visible to anyone; a body is read whole
 * by its own active members and by the CHAIR/CO_CHAIR/SECRETARIAT of it or of an ancestor (not by plain members of
 * an ancestor); contact data of a person is visible to the person, admins and the CHAIR/CO_CHAIR/SECRETARIAT of a
 * body (or an ancestor of a body) the person is an active member of.
 * Whoever registered a person also sees and edits their contact data until the person is seated somewhere
 * (`contactsVisibleSql`: the same set may edit the person).
 */
@Injectable()
export class RegistryAccessService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * SQL condition "the user may read body <alias>" for a query builder; binds :accessPersonId and :accessToday.
   * Returns undefined for admins (no condition).
   */
  static readableCondition(
    alias: string,
    user: AuthUser | null,
  ): { sql: string; params: Record<string, unknown> } | undefined {
    if (isAdmin(user)) return undefined;
    if (!user?.personId) return { sql: `${alias}.is_public`, params: {} };
    return {
      sql: `(${alias}.is_public OR ${alias}.id IN (${RegistryAccessService.wholeReadSql(':accessPersonId', ':accessToday')}))`,
      params: { accessPersonId: user.personId, accessToday: todayIn('UTC') },
    };
  }

  /**
   * Ids of the bodies whose private records a person reads (PolicyService's readsWhole, in SQL): those they are an
   * active member of, and every body beneath one they manage (CHAIR, CO_CHAIR, SECRETARIAT). One recursive query.
   */
  static wholeReadSql(personParam: string, todayParam: string): string {
    const roles = MANAGING_ROLES.map((r) => `'${r}'`).join(',');
    return `${RegistryAccessService.memberSubtreeSql(personParam, todayParam, roles)}
      UNION SELECT wm.body_id FROM memberships wm
      WHERE wm.person_id = ${personParam} AND wm.starts_on <= ${todayParam}
        AND (wm.ends_on IS NULL OR wm.ends_on >= ${todayParam})`;
  }

  /** Ids of the bodies a person is an active member of (with one of `roles`), and every body beneath them. */
  static memberSubtreeSql(personParam: string, todayParam: string, roles?: string): string {
    return `WITH RECURSIVE readable(id) AS (
        SELECT ms.body_id FROM memberships ms
        WHERE ms.person_id = ${personParam} AND ms.starts_on <= ${todayParam}
          AND (ms.ends_on IS NULL OR ms.ends_on >= ${todayParam})${roles ? ` AND ms.role IN (${roles})` : ''}
        UNION SELECT c.id FROM coordination_bodies c JOIN readable r ON c.parent_id = r.id
      ) SELECT id FROM readable`;
  }

  /**
   * SQL: the people among `personIdsParam` (uuid[]) whose contact data the signed-in user (person `viewerParam`,
   * user `userParam`) may see and whom they may edit, on day `todayParam`, besides themself and admins: those
   * seated on a body the viewer manages (or beneath one), and those the user registered who sit on no body yet.
   */
  static contactsVisibleSql(viewerParam: string, userParam: string, todayParam: string, personIdsParam: string) {
    const roles = MANAGING_ROLES.map((r) => `'${r}'`).join(',');
    const active = (m: string) =>
      `${m}.starts_on <= ${todayParam} AND (${m}.ends_on IS NULL OR ${m}.ends_on >= ${todayParam})`;
    return `SELECT m.person_id FROM memberships m
             WHERE m.person_id = ANY(${personIdsParam}) AND ${active('m')}
               AND m.body_id IN (${RegistryAccessService.memberSubtreeSql(viewerParam, todayParam, roles)})
            UNION
            SELECT p.id FROM people p
             WHERE p.id = ANY(${personIdsParam}) AND p.registered_by_user_id = ${userParam}
               AND NOT EXISTS (SELECT 1 FROM memberships s WHERE s.person_id = p.id AND ${active('s')})`;
  }

  /** The bodies the user reads whole through memberships (memoised per request). */
  private memberBodies(user: AuthUser, ctx: GraphQLRequestContext): Promise<Set<string>> {
    return ctx.memo.once(`registry.readable:${user.id}`, async () => {
      if (!user.personId) return new Set<string>();
      const rows: Array<{ id: string }> = await this.dataSource.query(RegistryAccessService.wholeReadSql('$1', '$2'), [
        user.personId,
        todayIn('UTC'),
      ]);
      return new Set(rows.map((r) => r.id));
    });
  }

  /** Reads the body as an admin, member or manager, not only because it is public: sees drafts. */
  async canReadPrivately(body: CoordinationBody, user: AuthUser | null, ctx: GraphQLRequestContext) {
    if (isAdmin(user)) return true;
    if (!user) return false;
    return (await this.memberBodies(user, ctx)).has(body.id);
  }

  async canRead(body: CoordinationBody | null | undefined, user: AuthUser | null, ctx: GraphQLRequestContext) {
    if (!body) return false;
    if (body.isPublic || isAdmin(user)) return true;
    if (!user) return false;
    return (await this.memberBodies(user, ctx)).has(body.id);
  }

  /** Keeps the bodies the user may read, in order. */
  async readable<T extends CoordinationBody | null>(bodies: T[], user: AuthUser | null, ctx: GraphQLRequestContext) {
    const keep = await Promise.all(bodies.map((b) => this.canRead(b, user, ctx)));
    return bodies.filter((_, i) => keep[i]) as Array<NonNullable<T>>;
  }

  /** May the user see this person's email? Batched over every person of the request. */
  async canSeeContacts(personId: string, user: AuthUser | null, ctx: GraphQLRequestContext): Promise<boolean> {
    if (!user) return false;
    if (isAdmin(user) || user.personId === personId) return true;
    if (!user.personId) return false;
    const viewer = user.personId;
    return ctx.loaders
      .get<string, boolean>(`registry.person.contactsVisibleTo:${viewer}`, async (ids) => {
        const rows: Array<{ person_id: string }> = await this.dataSource.query(
          RegistryAccessService.contactsVisibleSql('$1', '$4', '$2', '$3::uuid[]'),
          [viewer, todayIn('UTC'), [...ids], user.id],
        );
        const visible = new Set(rows.map((r) => r.person_id));
        return ids.map((id) => visible.has(id));
      })
      .load(personId);
  }
}
