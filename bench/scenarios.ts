/**
 * The operations the benchmark drives, each as the GraphQL request a client sends and its raw-SQL baseline:
 * one hand-written statement through `pg` returning the same data (as JSON), without the API's
 * authorization, validation, DataLoaders or audit. Both are driven over HTTP at the same concurrency.
 */
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { BENCH_PASSWORD, BENCH_USERS, FIRST_COUNTY_BODY_ID, NATIONAL_BODY_ID } from './fixtures';
import {
  SCHEDULE_QUERY,
  meetingStart,
  CREATE_ITEM_QUERY,
  REPORT_QUERY,
  SCHEDULE_FAIR_SQL,
  CREATE_ITEM_FAIR_SQL,
  REPORT_FAIR_SQL,
  dueIn,
} from './mutation-baselines';

export interface BenchContext {
  tokens: { admin: string; secretariat: string; focalPoint: string };
  secretariatPersonId: string;
  /** The secretariat officer's user id (the fair baselines' audit actor). */
  secretariatUserId: string;
  focalPointPersonId: string;
  /** A working group under the national mechanism where the secretariat schedules meetings and creates items. */
  workingGroupId: string;
  /** Active members of that working group (owners of new items). */
  workingGroupMemberIds: string[];
  /** IN_PROGRESS items in the national hierarchy to report progress on. */
  inProgressItemIds: string[];
  /** An upcoming meeting of county unit 1 (the focal point's body) with an agenda of 6 items. */
  meetingId: string;
}

export interface Scenario {
  name: string;
  kind: 'read' | 'mutation';
  description: string;
  token: keyof BenchContext['tokens'];
  query: string;
  /** Variables of the i-th request (mutations vary them so that no two requests collide). */
  variables(ctx: BenchContext, i: number): Record<string, unknown>;
  /**
   * The baseline: one SQL statement and its parameters for the i-th request. For mutations it is the fair
   * baseline: the same writes as the API (row, tags, participants, agenda, audit event with its hash chain, reminder
   * intents) and the same right checked, as data-modifying CTEs of one statement (one round trip, one transaction).
   */
  baseline(ctx: BenchContext, i: number): { sql: string; params: unknown[] };
}

const SUBTREE = (param: string) => `WITH RECURSIVE tree(id) AS (SELECT id FROM coordination_bodies WHERE id = ${param}
  UNION SELECT b.id FROM coordination_bodies b JOIN tree t ON b.parent_id = t.id)`;

const BODY_PAGE_QUERY = `query BodyPage($id: ID!, $from: DateTime) {
  coordinationBody(id: $id) {
    id name acronym kind level status timezone description isPublic establishedOn
    parent { id name }
    leadOrganization { id name }
    secretariatOrganization { id name }
    currentTermsOfReference { id version mandate quorumFraction decisionRule meetingFrequency requiredSeats { sector minSeats } }
    memberships { id role votingRights startsOn person { id fullName title } organization { id name sector } }
    composition { activeMembers votingMembers bySector { sector members } unfilledSeats { sector minSeats } governmentShare nonGovernmentShare }
    meetings(from: $from, first: 5) { totalCount edges { node { id title startsAt status } } }
    actionItems(filter: { status: [OPEN, IN_PROGRESS, BLOCKED] }, first: 20) {
      totalCount edges { node { id title dueOn status isOverdue ownerOrganization { id name } } }
    }
  }
}`;

const BODY_PAGE_SQL = `SELECT json_build_object(
  'body', (SELECT row_to_json(x) FROM (SELECT b.id, b.name, b.acronym, b.kind, b.level, b.status, b.timezone,
      b.description, b.is_public, b.established_on, p.id AS parent_id, p.name AS parent_name,
      lo.id AS lead_id, lo.name AS lead_name, so.id AS secretariat_id, so.name AS secretariat_name
    FROM coordination_bodies b LEFT JOIN coordination_bodies p ON p.id = b.parent_id
    LEFT JOIN organizations lo ON lo.id = b.lead_organization_id
    LEFT JOIN organizations so ON so.id = b.secretariat_organization_id WHERE b.id = $1) x),
  'tor', (SELECT row_to_json(t) FROM (SELECT id, version, mandate, quorum_fraction, decision_rule, meeting_frequency,
      required_seats FROM terms_of_reference WHERE body_id = $1 AND status = 'ADOPTED') t),
  'members', (SELECT json_agg(json_build_object('id', m.id, 'role', m.role, 'votingRights', m.voting_rights,
      'startsOn', m.starts_on, 'person', json_build_object('id', p.id, 'fullName', p.full_name, 'title', p.title),
      'organization', json_build_object('id', o.id, 'name', o.name, 'sector', o.sector)) ORDER BY m.starts_on DESC)
    FROM memberships m JOIN people p ON p.id = m.person_id JOIN organizations o ON o.id = m.organization_id
    WHERE m.body_id = $1 AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on >= current_date)),
  'composition', (SELECT json_agg(s) FROM (SELECT o.sector, count(*) AS members,
      count(*) FILTER (WHERE m.voting_rights) AS voting
    FROM memberships m JOIN organizations o ON o.id = m.organization_id
    WHERE m.body_id = $1 AND m.starts_on <= current_date AND (m.ends_on IS NULL OR m.ends_on >= current_date)
    GROUP BY o.sector) s),
  'meetings', (SELECT json_agg(x) FROM (SELECT id, title, starts_at, status FROM meetings
    WHERE body_id = $1 AND starts_at >= now() ORDER BY starts_at, id LIMIT 5) x),
  'meetingsTotal', (SELECT count(*) FROM meetings WHERE body_id = $1 AND starts_at >= now()),
  'openItems', (SELECT json_agg(x) FROM (SELECT a.id, a.title, a.due_on, a.status,
      a.due_on < current_date AS overdue, o.id AS org_id, o.name AS org_name
    FROM action_items a LEFT JOIN organizations o ON o.id = a.owner_organization_id
    WHERE a.body_id = $1 AND a.status IN ('OPEN','IN_PROGRESS','BLOCKED') ORDER BY a.due_sort, a.id LIMIT 20) x),
  'openTotal', (SELECT count(*) FROM action_items WHERE body_id = $1 AND status IN ('OPEN','IN_PROGRESS','BLOCKED'))
) AS page`;

const OVERDUE_QUERY = `query NationalOverdue($id: ID!) {
  actionItems(filter: { bodyId: $id, includeSubBodies: true, overdue: true }, first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id title dueOn status isOverdue progressPercent body { id name }
      ownerPerson { id fullName } ownerOrganization { id name } } }
  }
}`;

/** Overdue today in the item's body's zone; the UTC bounds make it a range on due_on (as the API's OVERDUE_SQL). */
const IS_OVERDUE = `a.status NOT IN ('DONE','CANCELLED') AND a.due_on < (now() AT TIME ZONE 'UTC')::date + 1
  AND (a.due_on < (now() AT TIME ZONE 'UTC')::date - 1 OR a.due_on < (now() AT TIME ZONE b.timezone)::date)`;

const OVERDUE_SQL = `${SUBTREE('$1')}
  SELECT json_build_object(
    'total', (SELECT count(*) FROM action_items a JOIN coordination_bodies b ON b.id = a.body_id
      WHERE a.body_id IN (SELECT id FROM tree) AND ${IS_OVERDUE}),
    'items', (SELECT json_agg(x) FROM (
      SELECT a.id, a.title, a.due_on, a.status, a.progress_percent, b.id AS body_id, b.name AS body_name,
        p.id AS person_id, p.full_name, o.id AS org_id, o.name AS org_name
      FROM action_items a JOIN coordination_bodies b ON b.id = a.body_id
      LEFT JOIN people p ON p.id = a.owner_person_id LEFT JOIN organizations o ON o.id = a.owner_organization_id
      WHERE a.body_id IN (SELECT id FROM tree) AND ${IS_OVERDUE}
      ORDER BY a.due_sort, a.id LIMIT 21) x)) AS page`;

const MY_ITEMS_QUERY = `query MyItems {
  myActionItems(first: 20) {
    totalCount
    edges { node { id title dueOn status isOverdue progressPercent body { id name } ownerOrganization { id name } } }
  }
}`;

const MINE = `(a.owner_person_id = $1 OR a.owner_organization_id = ANY(ARRAY(
    SELECT organization_id FROM people WHERE id = $1 AND organization_id IS NOT NULL
    UNION SELECT organization_id FROM memberships WHERE person_id = $1 AND role = 'FOCAL_POINT'
      AND starts_on <= current_date AND (ends_on IS NULL OR ends_on >= current_date))))`;

const MY_ITEMS_SQL = `SELECT json_build_object(
    'total', (SELECT count(*) FROM action_items a WHERE ${MINE}),
    'items', (SELECT json_agg(x) FROM (
      SELECT a.id, a.title, a.due_on, a.status, a.progress_percent, b.id AS body_id, b.name AS body_name,
        o.id AS org_id, o.name AS org_name
      FROM action_items a JOIN coordination_bodies b ON b.id = a.body_id
      LEFT JOIN organizations o ON o.id = a.owner_organization_id
      WHERE ${MINE} ORDER BY a.due_sort, a.id LIMIT 21) x)) AS page`;

const PROGRESS_QUERY = `query Progress($id: ID!) {
  commitmentProgress(groupBy: FRAMEWORK_TARGET, bodyId: $id, includeSubBodies: true) {
    key label total done overdue averageProgressPercent
  }
}`;

// Totals from the platform's roll-up (commitment_progress_rollup), overdue counts live from the open commitments.
const PROGRESS_SQL = `${SUBTREE('$1')},
  totals AS (SELECT r.code, sum(r.commitments) AS n, sum(r.done) AS d, sum(r.progress_sum) AS p
    FROM commitment_progress_rollup r WHERE r.body_id IN (SELECT id FROM tree) GROUP BY r.code),
  overdue AS (SELECT c.code, count(*) AS n
    FROM action_items a JOIN coordination_bodies b ON b.id = a.body_id CROSS JOIN LATERAL unnest(a.framework_codes) c(code)
    WHERE a.is_commitment AND a.body_id IN (SELECT id FROM tree) AND ${IS_OVERDUE} GROUP BY c.code)
  SELECT json_agg(x ORDER BY x.code) AS rows FROM (
    SELECT t.code, ft.title, t.n AS total, t.d AS done, coalesce(o.n, 0) AS overdue, round(t.p::numeric / t.n, 2) AS average
    FROM totals t JOIN framework_targets ft ON ft.code = t.code LEFT JOIN overdue o ON o.code = t.code
    WHERE t.n > 0) x`;

const MEETING_QUERY = `query MeetingRecord($id: ID!) {
  meeting(id: $id) {
    id title kind status startsAt endsAt timezone location
    body { id name acronym }
    agenda { id position title description durationMinutes presenter { id fullName } }
  }
}`;

/** The same record in one statement, with the reader's right to it (public body or active member) in SQL. */
const MEETING_SQL = `SELECT json_build_object('id', m.id, 'title', m.title, 'kind', m.kind, 'status', m.status,
    'startsAt', m.starts_at, 'endsAt', m.ends_at, 'timezone', m.timezone, 'location', m.location,
    'body', json_build_object('id', b.id, 'name', b.name, 'acronym', b.acronym),
    'agenda', coalesce((SELECT json_agg(json_build_object('id', ai.id, 'position', ai.position, 'title', ai.title,
        'description', ai.description, 'durationMinutes', ai.duration_minutes,
        'presenter', CASE WHEN p.id IS NOT NULL THEN json_build_object('id', p.id, 'fullName', p.full_name) END)
        ORDER BY ai.position)
      FROM agenda_items ai LEFT JOIN people p ON p.id = ai.presenter_person_id WHERE ai.meeting_id = m.id), '[]'))
    AS meeting
  FROM meetings m JOIN coordination_bodies b ON b.id = m.body_id
  WHERE m.id = $1 AND (b.is_public OR EXISTS (SELECT 1 FROM memberships ms WHERE ms.body_id = m.body_id
    AND ms.person_id = $2 AND ms.starts_on <= current_date AND (ms.ends_on IS NULL OR ms.ends_on >= current_date)))`;

export const SCENARIOS: Scenario[] = [
  {
    name: 'bodyPage',
    kind: 'read',
    description:
      "A county outreach unit's page as its focal point sees it: profile, parent, lead and secretariat organizations, " +
      'adopted ToR, active members with person and organization, composition, next 5 meetings, first 20 open items.',
    token: 'focalPoint',
    query: BODY_PAGE_QUERY,
    variables: () => ({ id: FIRST_COUNTY_BODY_ID, from: new Date().toISOString() }),
    baseline: () => ({ sql: BODY_PAGE_SQL, params: [FIRST_COUNTY_BODY_ID] }),
  },
  {
    name: 'nationalOverdue',
    kind: 'read',
    description:
      'actionItems(filter: { bodyId: national mechanism, includeSubBodies: true, overdue: true }, first: 20) with ' +
      'totalCount, body and owners, as the national secretariat officer.',
    token: 'secretariat',
    query: OVERDUE_QUERY,
    variables: () => ({ id: NATIONAL_BODY_ID }),
    baseline: () => ({ sql: OVERDUE_SQL, params: [NATIONAL_BODY_ID] }),
  },
  {
    name: 'myActionItems',
    kind: 'read',
    description: "myActionItems(first: 20) with totalCount, as the county focal point (own and organization's items).",
    token: 'focalPoint',
    query: MY_ITEMS_QUERY,
    variables: () => ({}),
    baseline: (ctx) => ({ sql: MY_ITEMS_SQL, params: [ctx.focalPointPersonId] }),
  },
  {
    name: 'commitmentProgress',
    kind: 'read',
    description:
      'commitmentProgress(groupBy: FRAMEWORK_TARGET, bodyId: national mechanism, includeSubBodies: true): ' +
      'every commitment of the hierarchy, grouped by framework target, as the national secretariat officer.',
    token: 'secretariat',
    query: PROGRESS_QUERY,
    variables: () => ({ id: NATIONAL_BODY_ID }),
    baseline: () => ({ sql: PROGRESS_SQL, params: [NATIONAL_BODY_ID] }),
  },
  {
    name: 'meetingRecord',
    kind: 'read',
    description:
      'meeting(id) with its body and its agenda of 6 items (presenters), as the focal point, a member of its body: ' +
      'a single-record read.',
    token: 'focalPoint',
    query: MEETING_QUERY,
    variables: (ctx) => ({ id: ctx.meetingId }),
    baseline: (ctx) => ({ sql: MEETING_SQL, params: [ctx.meetingId, ctx.focalPointPersonId] }),
  },
  {
    name: 'scheduleMeeting',
    kind: 'mutation',
    description:
      'scheduleMeeting on a working group by the national secretariat (inherited management): invites every active ' +
      'member, writes the audit event and the reminder intents.',
    token: 'secretariat',
    query: SCHEDULE_QUERY,
    variables: (ctx, i) => {
      const startsAt = meetingStart(i);
      return {
        input: {
          bodyId: ctx.workingGroupId,
          title: `Bench meeting ${i} ${randomUUID().slice(0, 8)}`,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3600 * 1000).toISOString(),
          timezone: 'Africa/Nairobi',
          location: 'Conference room 1',
        },
      };
    },
    baseline: (ctx, i) => {
      const startsAt = meetingStart(i);
      return {
        sql: SCHEDULE_FAIR_SQL,
        params: [
          ctx.workingGroupId,
          `Baseline meeting ${i}`,
          startsAt,
          new Date(startsAt.getTime() + 7200_000),
          ctx.secretariatUserId,
          ctx.secretariatPersonId,
          randomUUID(),
        ],
      };
    },
  },
  {
    name: 'createActionItem',
    kind: 'mutation',
    description:
      'createActionItem on a working group with an owner person, a due date and a framework tag (audit, ' +
      'assignment and due-date reminder intents).',
    token: 'secretariat',
    query: CREATE_ITEM_QUERY,
    variables: (ctx, i) => ({
      input: {
        bodyId: ctx.workingGroupId,
        title: `Bench item ${i}`,
        ownerPersonId: ctx.workingGroupMemberIds[i % ctx.workingGroupMemberIds.length],
        dueOn: dueIn(20 + (i % 100)),
        frameworkCodes: ['GCM-6'],
      },
    }),
    baseline: (ctx, i) => ({
      sql: CREATE_ITEM_FAIR_SQL,
      params: [
        ctx.workingGroupId,
        `Baseline item ${i}`,
        ctx.workingGroupMemberIds[i % ctx.workingGroupMemberIds.length],
        dueIn(20 + (i % 100)),
        ctx.secretariatUserId,
        ctx.secretariatPersonId,
        randomUUID(),
      ],
    }),
  },
  {
    name: 'reportProgress',
    kind: 'mutation',
    description:
      'reportProgress (note and percent) on IN_PROGRESS items of the national hierarchy, by the national secretariat; ' +
      'requests spread over many items, each returning its trail of updates.',
    token: 'secretariat',
    query: REPORT_QUERY,
    variables: (ctx, i) => ({
      id: ctx.inProgressItemIds[i % ctx.inProgressItemIds.length],
      input: { note: `Bench progress report ${i}`, progressPercent: 10 + (i % 80) },
    }),
    baseline: (ctx, i) => ({
      sql: REPORT_FAIR_SQL,
      params: [
        ctx.inProgressItemIds[(i + 7) % ctx.inProgressItemIds.length],
        ctx.secretariatPersonId,
        `Baseline progress report ${i}`,
        10 + (i % 80),
        ctx.secretariatUserId,
        randomUUID(),
      ],
    }),
  },
];

/** Reads what the scenarios need from the bench database; tokens are filled in by the caller. */
export async function loadContext(pool: Pool): Promise<Omit<BenchContext, 'tokens'>> {
  const users = await pool.query<{ email: string; person_id: string; id: string }>(
    `SELECT id, email, person_id FROM users WHERE email = ANY($1)`,
    [[BENCH_USERS.secretariat, BENCH_USERS.focalPoint]],
  );
  const personOf = (email: string) => {
    const row = users.rows.find((r) => r.email === email);
    if (!row) throw new Error(`${email} is missing: run npm run seed:scale first`);
    return row.person_id;
  };
  const wg = await pool.query<{ id: string }>(
    `SELECT b.id FROM coordination_bodies b WHERE b.parent_id = $1 AND b.kind = 'TECHNICAL_WORKING_GROUP'
     ORDER BY b.name LIMIT 1`,
    [NATIONAL_BODY_ID],
  );
  const workingGroupId = wg.rows[0].id;
  const members = await pool.query<{ person_id: string }>(
    `SELECT person_id FROM memberships WHERE body_id = $1 AND ends_on IS NULL ORDER BY person_id LIMIT 50`,
    [workingGroupId],
  );
  const items = await pool.query<{ id: string }>(
    `SELECT id FROM action_items WHERE status = 'IN_PROGRESS' ORDER BY id LIMIT 5000`,
  );
  const meeting = await pool.query<{ id: string }>(
    `SELECT id FROM meetings WHERE body_id = $1 AND status = 'SCHEDULED' AND starts_at > now()
     ORDER BY starts_at, id LIMIT 1`,
    [FIRST_COUNTY_BODY_ID],
  );
  if (!meeting.rows.length) throw new Error('county unit 1 has no upcoming meeting: run npm run seed:scale first');
  const meetingId = meeting.rows[0].id;
  // The generator writes no agendas: this meeting gets one (6 items, presenters from the body), once.
  await pool.query(
    `INSERT INTO agenda_items (meeting_id, position, title, description, presenter_person_id, duration_minutes)
     SELECT $1, n, 'Agenda item ' || n, 'Background and the decision sought on item ' || n,
       (SELECT person_id FROM memberships WHERE body_id = $2 ORDER BY person_id OFFSET n LIMIT 1), 15
     FROM generate_series(1, 6) n
     ON CONFLICT (meeting_id, position) DO NOTHING`,
    [meetingId, FIRST_COUNTY_BODY_ID],
  );
  return {
    meetingId,
    secretariatPersonId: personOf(BENCH_USERS.secretariat),
    secretariatUserId: users.rows.find((r) => r.email === BENCH_USERS.secretariat)!.id,
    focalPointPersonId: personOf(BENCH_USERS.focalPoint),
    workingGroupId,
    workingGroupMemberIds: members.rows.map((r) => r.person_id),
    inProgressItemIds: items.rows.map((r) => r.id),
  };
}

export { BENCH_PASSWORD, BENCH_USERS };
