import { AuthUser, isAdmin, todayIn } from '@coord/core';
import { RegistryAccessService } from '@coord/registry';
import { SelectQueryBuilder } from 'typeorm';
import { answersForItemSql } from './reporting-rule';

/**
 * SQL: ids of the bodies whose records the viewer reads whole (the registry's rule: active member of the body, or
 * manager of it or of an ancestor).
 */
const READABLE_BODIES_SQL = RegistryAccessService.wholeReadSql(':viewerPersonId', ':viewerToday');

// Memberships are dated in UTC days, as in the registry's policy reader.
export function viewerParams(personId: string, now: Date) {
  return { viewerPersonId: personId, viewerToday: todayIn('UTC', now) };
}

/**
 * Who sees which action items, as SQL, so that lists and reports filter before paging (never a page that is
 * post-filtered). Expects the item as alias `a` and its body joined as `b`. An item is visible to:
 * - platform admins;
 * - anyone, signed in or not, when it is a commitment of a public body;
 * - active members of its body and the managers of it or of an ancestor body (they read the body whole);
 * - whoever answers for it (reporting-rule.ts): its owner person, and the FOCAL_POINTs of its owner organization
 *   on its body, an ancestor or a descendant (a focal point seated on an unrelated body gets nothing here: its
 *   managers could otherwise seat a person of any organization and so reach its items on bodies they cannot
 *   read); the focal points of its co-owner organizations likewise (joint commitments).
 * Nobody else: private items do not exist for them.
 */
export function visibleItemsSql(
  user: AuthUser | null,
  now = new Date(),
): { sql: string; params: Record<string, unknown> } {
  if (isAdmin(user)) return { sql: 'TRUE', params: {} };
  const publicPart = '(b.is_public AND a.is_commitment)';
  if (!user?.personId) return { sql: publicPart, params: {} };
  // Membership first: in the big lists (a secretariat's hierarchy) it admits nearly every row, so the other
  // tests are skipped (PostgreSQL evaluates OR branches in the order written).
  const sql = `(a.body_id IN (${READABLE_BODIES_SQL})
    OR ${publicPart}
    OR ${answersForItemSql('a')})`;
  return { sql, params: viewerParams(user.personId, now) };
}

/**
 * SQL over body alias `b`: every commitment of the body is visible to `user` (admins; anyone for a public
 * body; its members and the managers of it or of an ancestor). Elsewhere only the commitments they own or represent are.
 */
export function seesAllCommitmentsSql(
  user: AuthUser | null,
  now = new Date(),
): { sql: string; params: Record<string, unknown> } {
  if (isAdmin(user)) return { sql: 'TRUE', params: {} };
  if (!user?.personId) return { sql: 'b.is_public', params: {} };
  return { sql: `(b.is_public OR b.id IN (${READABLE_BODIES_SQL}))`, params: viewerParams(user.personId, now) };
}

export function whereVisible<T extends object>(
  qb: SelectQueryBuilder<T>,
  user: AuthUser | null,
): SelectQueryBuilder<T> {
  const { sql, params } = visibleItemsSql(user);
  return qb.andWhere(sql, params);
}

/**
 * Today in UTC. A body's own "today" is always within a day of it (every zone is less than 24 hours from UTC),
 * so `due_on < UTC_TODAY - 1` is overdue everywhere and `due_on >= UTC_TODAY + 1` nowhere: both comparisons are
 * plain range conditions on due_on (index-friendly, evaluated before the per-row time-zone conversion, which is
 * only needed for items due within a day of today). bench/README.md, nationalOverdue.
 */
const UTC_TODAY = `(now() AT TIME ZONE 'UTC')::date`;
const BODY_TODAY = `(now() AT TIME ZONE b.timezone)::date`;

/** SQL: the item (alias a, body b) is overdue today in its body's time zone. */
export const OVERDUE_SQL = `(a.status NOT IN ('DONE','CANCELLED') AND a.due_on < ${UTC_TODAY} + 1
  AND (a.due_on < ${UTC_TODAY} - 1 OR a.due_on < ${BODY_TODAY}))`;

/** SQL: the item is not overdue (closed, undated, or due today or later in its body's zone). */
export const NOT_OVERDUE_SQL = `(a.status IN ('DONE','CANCELLED') OR a.due_on IS NULL OR a.due_on >= ${UTC_TODAY} + 1
  OR (a.due_on >= ${UTC_TODAY} - 1 AND a.due_on >= ${BODY_TODAY}))`;
