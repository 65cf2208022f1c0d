import { DataSource, EntityManager } from 'typeorm';
import { localDay } from '@coord/core';
import { addMonths, occurrencesBetween, RecurrenceSpec } from '../series/recurrence';
import { SERIES_HORIZON_MONTHS } from '../series/meeting-series.service';

/**
 * The coordination cycle in the demo, laid over the registry and meetings demos: the national body's quarterly
 * plenary series and a technical working group's monthly series (12 months of occurrences, with a "Matters
 * arising" item first), and one alternate seat on the national body (a deputy of a voting member's organization).
 * Plain SQL like the other demos, idempotent (does nothing once a series exists), no reminder intents.
 */
export async function seedCycleDemo(ds: DataSource | EntityManager, log: (line: string) => void = console.log) {
  const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM meeting_series`);
  if (count > 0) {
    log(`[seed] meeting series exist (${count}): left as they are`);
    return 0;
  }
  const [ncm]: Array<{ id: string; name: string; timezone: string }> = await ds.query(
    `SELECT id, name, timezone FROM coordination_bodies WHERE parent_id IS NULL AND level = 'NATIONAL'
      ORDER BY created_at, id LIMIT 1`,
  );
  if (!ncm) {
    log('[seed] no national coordination body yet: load the registry demo first, then the cycle');
    return 0;
  }
  const [twg]: Array<{ id: string; name: string; timezone: string }> = await ds.query(
    `SELECT id, name, timezone FROM coordination_bodies WHERE parent_id = $1 AND kind = 'TECHNICAL_WORKING_GROUP'
      ORDER BY name, id LIMIT 1`,
    [ncm.id],
  );

  // The alternate: a deputy of the first voting member's organization, covering that member's seat.
  const [principal]: Array<{ id: string; organization_id: string; org_name: string }> = await ds.query(
    `SELECT m.id, m.organization_id, o.name AS org_name FROM memberships m JOIN organizations o ON o.id = m.organization_id
      WHERE m.body_id = $1 AND m.role = 'MEMBER' AND m.voting_rights AND m.ends_on IS NULL ORDER BY o.name, m.id LIMIT 1`,
    [ncm.id],
  );
  if (principal) {
    const [deputy] = await ds.query(
      `INSERT INTO people (full_name, title, organization_id) VALUES ('Grace Wanjiru (illustrative)', 'Deputy Director', $1)
       RETURNING id`,
      [principal.organization_id],
    );
    await ds.query(
      `INSERT INTO memberships (body_id, person_id, organization_id, role, voting_rights, starts_on, alternate_for_membership_id)
       VALUES ($1, $2, $3, 'ALTERNATE', true, CURRENT_DATE - 30, $4)`,
      [ncm.id, deputy.id, principal.organization_id, principal.id],
    );
  }

  let created = 0;
  const series: Array<{ body: { id: string; name: string; timezone: string }; title: string; spec: RecurrenceSpec }> = [
    {
      body: ncm,
      title: `${ncm.name}: quarterly plenary (illustrative)`,
      spec: {
        recurrenceRule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU',
        startsOn: localDay(new Date(), ncm.timezone),
        localStartTime: '10:00',
        durationMinutes: 180,
        timezone: ncm.timezone,
      },
    },
    ...(twg
      ? [
          {
            body: twg,
            title: `${twg.name}: monthly meeting (illustrative)`,
            spec: {
              recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TH',
              startsOn: localDay(new Date(), twg.timezone),
              localStartTime: '09:30',
              durationMinutes: 120,
              timezone: twg.timezone,
            },
          },
        ]
      : []),
  ];
  for (const { body, title, spec } of series) {
    const horizon = addMonths(spec.startsOn, SERIES_HORIZON_MONTHS);
    const [row] = await ds.query(
      `INSERT INTO meeting_series (body_id, title, kind, recurrence_rule, starts_on, local_start_time, duration_minutes,
                                   timezone, location, online_url, agenda, generated_until)
       VALUES ($1, $2, 'ORDINARY', $3, $4, $5, $6, $7, 'Nairobi', 'https://meet.example.org/ncm', $8, $9) RETURNING id`,
      [
        body.id,
        title,
        spec.recurrenceRule,
        spec.startsOn,
        spec.localStartTime,
        spec.durationMinutes,
        spec.timezone,
        JSON.stringify([{ title: 'Progress reports from the members' }]),
        horizon,
      ],
    );
    for (const occurrence of occurrencesBetween(spec, spec.startsOn, horizon).filter((o) => o.startsAt > new Date())) {
      const [meeting] = await ds.query(
        `INSERT INTO meetings (body_id, title, kind, starts_at, ends_at, timezone, location, online_url, series_id, series_day)
         VALUES ($1, $2, 'ORDINARY', $3, $4, $5, 'Nairobi', 'https://meet.example.org/ncm', $6, $7) RETURNING id`,
        [body.id, title, occurrence.startsAt, occurrence.endsAt, spec.timezone, row.id, occurrence.day],
      );
      await ds.query(
        `INSERT INTO agenda_items (meeting_id, position, title, description, duration_minutes)
         VALUES ($1, 1, 'Matters arising', 'Open action items carried forward from earlier meetings.', 30),
                ($1, 2, 'Progress reports from the members', NULL, 60)`,
        [meeting.id],
      );
      // Members seated on the day, except alternates whose principal sits (they stand in only on regrets).
      await ds.query(
        `INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting)
         SELECT DISTINCT ON (m.person_id) $1, m.person_id, m.organization_id, true, m.voting_rights
           FROM memberships m
          WHERE m.body_id = $2 AND m.starts_on <= $3::date AND (m.ends_on IS NULL OR m.ends_on >= $3::date)
            AND NOT (m.alternate_for_membership_id IS NOT NULL AND EXISTS (
                  SELECT 1 FROM memberships pm WHERE pm.id = m.alternate_for_membership_id AND pm.starts_on <= $3::date
                     AND (pm.ends_on IS NULL OR pm.ends_on >= $3::date)))
          ORDER BY m.person_id, m.starts_on DESC`,
        [meeting.id, body.id, occurrence.day],
      );
      created++;
    }
  }
  log(`[seed] loaded ${series.length} illustrative meeting series (${created} occurrences) and an alternate seat`);
  return created;
}
