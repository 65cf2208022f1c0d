import { DataSource, EntityManager } from 'typeorm';

/**
 * Illustrative meetings for the demo, laid over the registry demo: for the top-level national body and up to
 * three bodies beneath it, a plenary held three weeks ago (attendance, adopted minutes, decisions) and one
 * coming up in ten days (invitations, some accepted). Plain SQL so a seed script can call it with a bare
 * DataSource; idempotent (does nothing once any meeting exists); writes no reminder intents, so that loading
 * the demo does not mail everyone at once.
 */
export async function seedMeetingsDemo(ds: DataSource | EntityManager, log: (line: string) => void = console.log) {
  const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM meetings`);
  if (count > 0) {
    log(`[seed] meetings exist (${count}): left as they are`);
    return 0;
  }
  const bodies: Array<{ id: string; name: string; timezone: string }> = await ds.query(
    `SELECT b.id, b.name, b.timezone FROM coordination_bodies b
      WHERE (b.parent_id IS NULL AND b.level = 'NATIONAL')
         OR b.parent_id IN (SELECT id FROM coordination_bodies WHERE parent_id IS NULL AND level = 'NATIONAL')
      ORDER BY b.parent_id NULLS FIRST, b.name LIMIT 4`,
  );
  let created = 0;
  for (const [index, body] of bodies.entries()) {
    const members: Array<{ person_id: string; organization_id: string; voting_rights: boolean }> = await ds.query(
      `SELECT person_id, organization_id, voting_rights FROM memberships
        WHERE body_id = $1 AND starts_on <= CURRENT_DATE AND (ends_on IS NULL OR ends_on >= CURRENT_DATE)`,
      [body.id],
    );
    if (!members.length) continue;
    const [held] = await ds.query(
      `INSERT INTO meetings (body_id, title, kind, status, starts_at, ends_at, timezone, location, attendance_recorded_at)
       VALUES ($1, $2, 'ORDINARY', 'HELD', date_trunc('day', now()) - interval '21 days' + interval '7 hours',
               date_trunc('day', now()) - interval '21 days' + interval '10 hours', $3, $4, now() - interval '21 days')
       RETURNING id`,
      [
        body.id,
        `${body.name}: quarterly meeting (illustrative)`,
        body.timezone,
        index === 0 ? 'Nairobi' : 'County offices',
      ],
    );
    const [agenda] = await ds.query(
      `INSERT INTO agenda_items (meeting_id, position, title, duration_minutes)
       VALUES ($1, 1, 'Progress on commitments and the national action plan', 60),
              ($1, 2, 'Data sharing between agencies', 45) RETURNING id`,
      [held.id],
    );
    // Most members attended; the last one sent apologies.
    await ds.query(
      `INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting, rsvp, responded_at, attendance)
       SELECT $1, p.person_id, p.organization_id, true, p.voting, 'ACCEPTED', now() - interval '25 days',
              CASE WHEN p.n = $5 THEN 'EXCUSED' ELSE 'PRESENT' END
         FROM unnest($2::uuid[], $3::uuid[], $4::boolean[]) WITH ORDINALITY AS p(person_id, organization_id, voting, n)`,
      [
        held.id,
        members.map((m) => m.person_id),
        members.map((m) => m.organization_id),
        members.map((m) => m.voting_rights),
        members.length,
      ],
    );
    await ds.query(
      `INSERT INTO minutes (meeting_id, status, text, circulated_at, adopted_at)
       VALUES ($1, 'CIRCULATED', $2, now() - interval '18 days', NULL)`,
      [
        held.id,
        'Illustrative minutes: members reviewed progress on commitments and agreed next steps on data sharing.',
      ],
    );
    await ds.query(
      `UPDATE minutes SET status = 'ADOPTED', adopted_at = now() - interval '14 days' WHERE meeting_id = $1`,
      [held.id],
    );
    await ds.query(
      `INSERT INTO decisions (meeting_id, agenda_item_id, text)
       VALUES ($1, $2, 'Each member institution designates a data focal point within one month.'),
              ($1, NULL, 'The secretariat circulates a progress report before the next meeting.')`,
      [held.id, agenda.id],
    );
    const [upcoming] = await ds.query(
      `INSERT INTO meetings (body_id, title, kind, starts_at, ends_at, timezone, location, online_url)
       VALUES ($1, $2, 'ORDINARY', date_trunc('day', now()) + interval '10 days' + interval '7 hours',
               date_trunc('day', now()) + interval '10 days' + interval '10 hours', $3, 'Nairobi', 'https://meet.example.org/ncm')
       RETURNING id`,
      [body.id, `${body.name}: next ordinary meeting (illustrative)`, body.timezone],
    );
    await ds.query(
      `INSERT INTO agenda_items (meeting_id, position, title, duration_minutes) VALUES ($1, 1, 'Adoption of the previous minutes', 15),
              ($1, 2, 'County outreach: reports from the units', 60)`,
      [upcoming.id],
    );
    await ds.query(
      `INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting, rsvp, responded_at)
       SELECT $1, p.person_id, p.organization_id, true, p.voting,
              CASE WHEN p.n % 3 = 0 THEN 'INVITED' ELSE 'ACCEPTED' END,
              CASE WHEN p.n % 3 = 0 THEN NULL ELSE now() END
         FROM unnest($2::uuid[], $3::uuid[], $4::boolean[]) WITH ORDINALITY AS p(person_id, organization_id, voting, n)`,
      [
        upcoming.id,
        members.map((m) => m.person_id),
        members.map((m) => m.organization_id),
        members.map((m) => m.voting_rights),
      ],
    );
    created += 2;
  }
  log(`[seed] loaded ${created} illustrative meetings`);
  return created;
}

/**
 * The demo's meetings in Kiswahili where their body has a Kiswahili name (translateRegistryDemo): title, place
 * and agenda. Inserts only what is missing.
 */
export async function translateMeetingsDemo(ds: DataSource | EntityManager): Promise<void> {
  await ds.query(
    `INSERT INTO content_translations (entity_type, entity_id, locale, field, text)
     SELECT 'MEETING', m.id, 'sw', 'title', t.text || ': mkutano wa robo mwaka (mfano)'
       FROM meetings m
       JOIN content_translations t ON t.entity_type = 'COORDINATION_BODY' AND t.entity_id = m.body_id
                                  AND t.locale = 'sw' AND t.field = 'name'
      WHERE m.title LIKE '%: quarterly meeting (illustrative)'
     UNION ALL
     SELECT 'MEETING', m.id, 'sw', 'location', 'Ofisi za kaunti' FROM meetings m
      WHERE m.location = 'County offices'
     UNION ALL
     SELECT 'AGENDA_ITEM', a.id, 'sw', 'title',
            CASE a.title WHEN 'Progress on commitments and the national action plan'
                           THEN 'Maendeleo ya ahadi na mpango kazi wa kitaifa'
                         ELSE 'Ubadilishanaji wa takwimu kati ya taasisi' END
       FROM agenda_items a
      WHERE a.title IN ('Progress on commitments and the national action plan', 'Data sharing between agencies')
     ON CONFLICT DO NOTHING`,
  );
}
