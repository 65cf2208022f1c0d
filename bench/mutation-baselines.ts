/**
 * The benchmarked mutations (bench/scenarios.ts): the GraphQL requests and their fair baselines, each one
 * hand-written statement that checks the caller's right and makes the same writes as the API (row, tags,
 * participants, agenda, audit event through the same hash-chain trigger, reminder intents).
 */
export const SCHEDULE_QUERY = `mutation Schedule($input: MeetingInput!) {
  scheduleMeeting(input: $input) { id title startsAt status quorum { votingMembers required } }
}`;

/** The i-th meeting: a distinct hour some weeks ahead, so that requests never collide. */
export function meetingStart(i: number): Date {
  const start = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  start.setUTCMinutes(0, 0, 0);
  return new Date(start.getTime() + i * 3600 * 1000);
}

export const CREATE_ITEM_QUERY = `mutation CreateItem($input: ActionItemInput!) {
  createActionItem(input: $input) { id title dueOn status isOverdue ownerPerson { id fullName } frameworkTargets { code } }
}`;

export const REPORT_QUERY = `mutation Report($id: ID!, $input: ActionProgressInput!) {
  reportProgress(id: $id, input: $input) { id status progressPercent updates { id note progressPercent } }
}`;

/** SQL: the caller ($person) manages the body ($body) or an ancestor (CHAIR, CO_CHAIR or SECRETARIAT, active). */
const MANAGES = (body: string, person: string) => `EXISTS (WITH RECURSIVE up(id, parent_id) AS (
    SELECT id, parent_id FROM coordination_bodies WHERE id = ${body}
    UNION ALL SELECT b.id, b.parent_id FROM coordination_bodies b JOIN up ON b.id = up.parent_id)
  SELECT 1 FROM memberships ms JOIN up ON up.id = ms.body_id WHERE ms.person_id = ${person}
    AND ms.role IN ('CHAIR','CO_CHAIR','SECRETARIAT') AND ms.starts_on <= current_date
    AND (ms.ends_on IS NULL OR ms.ends_on >= current_date))`;

/**
 * scheduleMeeting's writes: the meeting, its "Matters arising" agenda item, the active members as participants,
 * the audit event (the hash chain is the same deferred trigger), the invitation, two reminders and the quorum check.
 * $1 body, $2 title, $3 starts, $4 ends, $5 actor user, $6 actor person, $7 request id.
 */
export const SCHEDULE_FAIR_SQL = `WITH m AS (
    INSERT INTO meetings (body_id, title, kind, starts_at, ends_at, timezone, location, created_by_user_id)
    SELECT $1, $2, 'ORDINARY', $3, $4, 'Africa/Nairobi', 'Conference room 1', $5 WHERE ${MANAGES('$1', '$6')}
    RETURNING id, title, starts_at, ends_at, status),
  ag AS (INSERT INTO agenda_items (meeting_id, position, title, description)
    SELECT m.id, 1, 'Matters arising', 'Open action items carried forward from earlier meetings.' FROM m),
  p AS (INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting)
    SELECT m.id, ms.person_id, ms.organization_id, true, ms.voting_rights FROM m, memberships ms
    WHERE ms.body_id = $1 AND ms.starts_on <= $3::date AND (ms.ends_on IS NULL OR ms.ends_on >= $3::date)
    RETURNING voting),
  au AS (INSERT INTO audit_events (actor_user_id, action, entity_type, entity_id, changes, request_id, redactable)
    SELECT $5, 'meeting.schedule', 'Meeting', m.id, jsonb_build_object('title', jsonb_build_array(null, '[text]'),
      'startsAt', jsonb_build_array(null, m.starts_at), 'endsAt', jsonb_build_array(null, m.ends_at),
      'bodyId', jsonb_build_array(null, $1::text), 'invitees', jsonb_build_array(null, (SELECT count(*) FROM p))),
      $7, jsonb_build_object('title', jsonb_build_array(null, m.title)) FROM m),
  ri AS (INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key, payload)
    SELECT x.kind, 'Meeting', m.id, x.due_at, 'meeting:' || m.id || x.k, x.payload FROM m, (VALUES
      ('MEETING_INVITATION', now(), ':invitation', '{}'::jsonb),
      ('MEETING_REMINDER', $3::timestamptz - interval '7 days', ':reminder:604800000', '{"lead":"604800000ms"}'),
      ('MEETING_REMINDER', $3::timestamptz - interval '1 day', ':reminder:86400000', '{"lead":"86400000ms"}'),
      ('MEETING_QUORUM_CHECK', $3::timestamptz - interval '1 day', ':quorum', '{"final":true}')) x(kind, due_at, k, payload))
  SELECT json_build_object('id', m.id, 'title', m.title, 'startsAt', m.starts_at, 'status', m.status,
    'votingMembers', (SELECT count(*) FILTER (WHERE voting) FROM p)) AS meeting FROM m`;

/**
 * createActionItem's writes: the item, its framework tag, the audit event, the assignment reminder and the due
 * (two leads), overdue and escalation reminders. $1 body, $2 title, $3 owner, $4 due date, $5 actor user,
 * $6 actor person, $7 request id.
 */
export const CREATE_ITEM_FAIR_SQL = `WITH a AS (
    INSERT INTO action_items (body_id, title, owner_person_id, due_on, priority, created_by_user_id)
    SELECT $1, $2, $3, $4, 'MEDIUM', $5 WHERE ${MANAGES('$1', '$6')}
    RETURNING id, title, due_on, status, owner_person_id),
  t AS (INSERT INTO action_item_framework_targets (action_item_id, code) SELECT a.id, 'GCM-6' FROM a RETURNING code),
  au AS (INSERT INTO audit_events (actor_user_id, action, entity_type, entity_id, changes, request_id, redactable)
    SELECT $5, 'actionItem.create', 'ActionItem', a.id, jsonb_build_object('title', jsonb_build_array(null, '[text]'),
      'bodyId', jsonb_build_array(null, $1::text), 'ownerPersonId', jsonb_build_array(null, $3::text),
      'dueOn', jsonb_build_array(null, $4::text), 'status', jsonb_build_array(null, a.status),
      'frameworkCodes', jsonb_build_array(null, jsonb_build_array('GCM-6'))),
      $7, jsonb_build_object('title', jsonb_build_array(null, a.title)) FROM a),
  ri AS (INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key, payload)
    SELECT x.kind, 'ActionItem', a.id, x.due_at, 'action:' || a.id || x.k, x.payload FROM a, (VALUES
      ('ACTION_ASSIGNED', now(), ':assigned:' || $3, jsonb_build_object('ownerPersonId', $3::text)),
      ('ACTION_DUE_REMINDER', ($4::date + time '08:00') AT TIME ZONE 'Africa/Nairobi' - interval '7 days', ':due:P7D', '{}'),
      ('ACTION_DUE_REMINDER', ($4::date + time '08:00') AT TIME ZONE 'Africa/Nairobi' - interval '1 day', ':due:P1D', '{}'),
      ('ACTION_OVERDUE', ($4::date + 1 + time '08:00') AT TIME ZONE 'Africa/Nairobi', ':overdue', '{}'),
      ('ACTION_ESCALATED', ($4::date + 4 + time '08:00') AT TIME ZONE 'Africa/Nairobi', ':escalated', '{}'))
      x(kind, due_at, k, payload))
  SELECT json_build_object('id', a.id, 'title', a.title, 'dueOn', a.due_on, 'status', a.status,
    'owner', (SELECT full_name FROM people WHERE id = a.owner_person_id), 'codes', (SELECT json_agg(code) FROM t)) AS item
  FROM a`;

/**
 * reportProgress's writes: the update, the item's percent, the audit event; the right (the caller manages the
 * item's body or an ancestor) checked in SQL. $1 item, $2 author person, $3 note, $4 percent, $5 actor user,
 * $6 request id.
 */
export const REPORT_FAIR_SQL = `WITH cur AS (SELECT id, body_id, progress_percent FROM action_items WHERE id = $1 FOR UPDATE),
  a AS (UPDATE action_items i SET progress_percent = $4, updated_at = now() FROM cur
    WHERE i.id = cur.id AND ${MANAGES('cur.body_id', '$2')}
    RETURNING i.id, i.status, i.progress_percent, cur.progress_percent AS before),
  u AS (INSERT INTO action_updates (action_item_id, author_person_id, author_user_id, note, progress_percent)
    SELECT a.id, $2, $5, $3, $4 FROM a RETURNING id, note, progress_percent, created_at),
  au AS (INSERT INTO audit_events (actor_user_id, action, entity_type, entity_id, changes, request_id, redactable)
    SELECT $5, 'actionItem.reportProgress', 'ActionItem', a.id, jsonb_build_object(
      'progressPercent', jsonb_build_array(a.before, a.progress_percent), 'note', jsonb_build_array(null, '[text]')),
      $6, jsonb_build_object('note', jsonb_build_array(null, $3::text)) FROM a)
  SELECT json_build_object('id', a.id, 'status', a.status, 'progressPercent', a.progress_percent,
    -- The statement sees the trail before its own insert: the new update is appended.
    'updates', coalesce((SELECT jsonb_agg(x) FROM (SELECT id, note, progress_percent FROM action_updates
      WHERE action_item_id = $1 ORDER BY created_at, id) x), '[]') || (SELECT jsonb_agg(u) FROM u)) AS item FROM a`;

export const dueIn = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
