/**
 * Who answers for an action item: the one rule behind "may report progress" (besides the body's managers),
 * `myActionItems`, `viewerCanReportProgress`, the owners' reminders and digest lines, and owners' reading of
 * items they could not otherwise read. An item is answered for by
 * - its owner person;
 * - every active FOCAL_POINT of its owner organization seated on the item's body, on an ancestor of it or on a
 *   descendant of it (its "reporting line": the Mombasa focal point seated on the county unit answers for the
 *   County Government of Mombasa's items on the national mechanism, and the reverse).
 * A plain MEMBER of the organization does not answer for its items: the organization speaks through its focal
 * points.
 * Joint commitments (issue 17): the item's co-owner organizations (action_item_co_owners) count as owner
 * organizations here, so their focal points in the reporting line answer for it too (read, report, reminders,
 * myActionItems).
 */

/** SQL: ids of the bodies in the reporting line of the body `bodyIdSql`: itself, its ancestors, its descendants. */
export const REPORTING_LINE_SQL = (bodyIdSql: string) =>
  `WITH RECURSIVE line_up(id, parent_id) AS (
     SELECT id, parent_id FROM coordination_bodies WHERE id = ${bodyIdSql}
     UNION SELECT cb.id, cb.parent_id FROM coordination_bodies cb JOIN line_up ON cb.id = line_up.parent_id
   ), line_down(id) AS (
     SELECT id FROM coordination_bodies WHERE id = ${bodyIdSql}
     UNION SELECT cb.id FROM coordination_bodies cb JOIN line_down ON cb.parent_id = line_down.id
   ) SELECT id FROM line_up UNION SELECT id FROM line_down`;

/**
 * SQL: the (organization, body) pairs that person `personSql` answers for on day `daySql` as a focal point:
 * each FOCAL_POINT seat's organization with every body in the seat's reporting line. Computed once per query.
 */
export const REPRESENTED_SQL = (personSql: string, daySql: string) =>
  `WITH RECURSIVE seat(org, body_id) AS (
     SELECT fm.organization_id, fm.body_id FROM memberships fm
      WHERE fm.person_id = ${personSql} AND fm.role = 'FOCAL_POINT'
        AND fm.starts_on <= ${daySql} AND (fm.ends_on IS NULL OR fm.ends_on >= ${daySql})
   ), seat_up(org, id, parent_id) AS (
     SELECT s.org, cb.id, cb.parent_id FROM seat s JOIN coordination_bodies cb ON cb.id = s.body_id
     UNION SELECT u.org, cb.id, cb.parent_id FROM coordination_bodies cb JOIN seat_up u ON cb.id = u.parent_id
   ), seat_down(org, id) AS (
     SELECT org, body_id FROM seat
     UNION SELECT d.org, cb.id FROM coordination_bodies cb JOIN seat_down d ON cb.parent_id = d.id
   ) SELECT org, id FROM seat_up UNION SELECT org, id FROM seat_down`;

/**
 * SQL predicate: the person (`personSql`, default the viewer parameter) answers for the item (alias `a`) on
 * `daySql`. The parameters are the caller's (`viewerParams` in actions-access).
 */
export function answersForItemSql(a = 'a', personSql = ':viewerPersonId', daySql = ':viewerToday'): string {
  // The pair set is uncorrelated: PostgreSQL computes it once and probes it per row (hashed subplan).
  return `(${a}.owner_person_id = ${personSql}
    OR (${a}.owner_organization_id, ${a}.body_id) IN (${REPRESENTED_SQL(personSql, daySql)})
    OR EXISTS (SELECT 1 FROM action_item_co_owners co WHERE co.action_item_id = ${a}.id
                  AND (co.organization_id, ${a}.body_id) IN (${REPRESENTED_SQL(personSql, daySql)})))`;
}

/**
 * SQL: the FOCAL_POINTs answering for the item `itemIdSql` whose owner organization is `orgSql` and body
 * `bodyIdSql` on `daySql` (its co-owners' included), as rows of `m` (memberships): for reminder recipients, the
 * inverse of `answersForItemSql`.
 */
export const FOCAL_POINTS_OF_ITEM_SQL = (orgSql: string, bodyIdSql: string, daySql: string, itemIdSql: string) =>
  // The owner and co-owner organizations first, then their memberships by organization (indexed): an `OR` of the
  // two in the join condition made PostgreSQL test every FOCAL_POINT seat of the platform against each item, with
  // the reporting line recomputed per seat (0.7-1.5 s per batch of 50 reminders on the scale-1 data set).
  `SELECT m.person_id
     FROM (SELECT ${orgSql} AS org
           UNION SELECT co.organization_id FROM action_item_co_owners co WHERE co.action_item_id = ${itemIdSql}) o
     JOIN memberships m ON m.organization_id = o.org
    WHERE m.role = 'FOCAL_POINT'
      AND m.starts_on <= ${daySql} AND (m.ends_on IS NULL OR m.ends_on >= ${daySql})
      AND m.body_id IN (${REPORTING_LINE_SQL(bodyIdSql)})`;
