import { AuthUser, isAdmin } from '@coord/core';
import { todayIn } from '@coord/registry';
import { SelectQueryBuilder } from 'typeorm';

/**
 * Who sees which action items, as SQL, so that lists and reports filter before paging (never a page that is
 * post-filtered). Expects the item as alias `a` and its body joined as `b`. An item is visible to:
 * - platform admins;
 * - anyone, signed in or not, when it is a commitment of a public body;
 * - active members of its body or of an ancestor body (members read everything of their bodies);
 * - its owner person, and the FOCAL_POINTs representing its owner organization on its body or an ancestor (a
 *   focal point seated by another body's managers gets nothing here: they could otherwise seat anyone for any
 *   organization and so reach its items on bodies they cannot read).
 * Nobody else: private items do not exist for them.
 */
export function visibleItemsSql(
  user: AuthUser | null,
  now = new Date(),
): { sql: string; params: Record<string, unknown> } {
  if (isAdmin(user)) return { sql: 'TRUE', params: {} };
  const publicPart = '(b.is_public AND a.is_commitment)';
  if (!user?.personId) return { sql: publicPart, params: {} };
  const active = (m: string) =>
    `${m}.person_id = :viewerPersonId AND ${m}.starts_on <= :viewerToday AND (${m}.ends_on IS NULL OR ${m}.ends_on >= :viewerToday)`;
  const sql = `(${publicPart}
    OR a.owner_person_id = :viewerPersonId
    OR (a.owner_organization_id, a.body_id) IN (WITH RECURSIVE focal(org, id) AS (
         SELECT fm.organization_id, fm.body_id FROM memberships fm WHERE ${active('fm')} AND fm.role = 'FOCAL_POINT'
         UNION SELECT f.org, cb.id FROM coordination_bodies cb JOIN focal f ON cb.parent_id = f.id
       ) SELECT org, id FROM focal)
    OR a.body_id IN (WITH RECURSIVE readable(id) AS (
         SELECT vm.body_id FROM memberships vm WHERE ${active('vm')}
         UNION SELECT cb.id FROM coordination_bodies cb JOIN readable r ON cb.parent_id = r.id
       ) SELECT id FROM readable))`;
  // Memberships are dated in UTC days, as in the registry's policy reader.
  return { sql, params: { viewerPersonId: user.personId, viewerToday: todayIn('UTC', now) } };
}

export function whereVisible<T extends object>(
  qb: SelectQueryBuilder<T>,
  user: AuthUser | null,
): SelectQueryBuilder<T> {
  const { sql, params } = visibleItemsSql(user);
  return qb.andWhere(sql, params);
}

/** SQL: the item (alias a, body b) is overdue today in its body's time zone. */
export const OVERDUE_SQL = `(a.status NOT IN ('DONE','CANCELLED') AND a.due_on < (now() AT TIME ZONE b.timezone)::date)`;

/** SQL: the item is not overdue (closed, undated, or due today or later in its body's zone). */
export const NOT_OVERDUE_SQL = `(a.status IN ('DONE','CANCELLED') OR a.due_on IS NULL OR a.due_on >= (now() AT TIME ZONE b.timezone)::date)`;
