import { DataSource, EntityManager } from 'typeorm';
import { todayIn } from '@coord/core';
import { addDays } from '../reminder-times';

/**
 * Illustrative action items and commitments for the demo, laid over whatever registry demo data exists: for each
 * top-level national body and its county units, a few commitments and tasks owned by the organizations and
 * people seated there, tagged with framework targets, some in progress, one done, some overdue. Plain SQL
 * (so a seed script can call it with a bare DataSource), idempotent (does nothing once any item exists), and
 * without reminder intents (a fresh demo should not mail everyone at once).
 */
export async function seedActionsDemo(ds: DataSource | EntityManager, log: (line: string) => void = console.log) {
  const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM action_items`);
  if (count > 0) {
    log(`[seed] action items exist (${count}): left as they are`);
    return 0;
  }
  const bodies: Array<{ id: string; name: string; timezone: string; parent_id: string | null }> = await ds.query(
    `SELECT b.id, b.name, b.timezone, b.parent_id FROM coordination_bodies b
      WHERE (b.parent_id IS NULL AND b.level = 'NATIONAL')
         OR b.parent_id IN (SELECT id FROM coordination_bodies WHERE parent_id IS NULL AND level = 'NATIONAL')
      ORDER BY b.parent_id NULLS FIRST, b.name LIMIT 12`,
  );
  if (!bodies.length) {
    log('[seed] no national coordination body yet: load the registry demo first, then the action items');
    return 0;
  }
  let created = 0;
  for (const body of bodies) {
    const seats: Array<{ person_id: string; organization_id: string; role: string; sector: string; org_name: string }> =
      await ds.query(
        `SELECT m.person_id, m.organization_id, m.role, o.sector, o.name AS org_name
           FROM memberships m JOIN organizations o ON o.id = m.organization_id
          WHERE m.body_id = $1 AND (m.ends_on IS NULL OR m.ends_on >= CURRENT_DATE) ORDER BY m.role, o.name`,
        [body.id],
      );
    if (!seats.length) continue;
    const government = seats.find((s) => s.sector.endsWith('GOVERNMENT')) ?? seats[0];
    const society =
      seats.find((s) => ['CIVIL_SOCIETY', 'MIGRANT_ASSOCIATION', 'DIASPORA_ORGANIZATION'].includes(s.sector)) ??
      seats[seats.length - 1];
    const secretariat = seats.find((s) => s.role === 'SECRETARIAT') ?? seats[0];
    const today = todayIn(body.timezone);
    const items: DemoItem[] = body.parent_id
      ? [
          {
            title: `County migration desk operational in ${body.name}`,
            commitment: true,
            org: government.organization_id,
            due: addDays(today, 90),
            status: 'IN_PROGRESS',
            percent: 30,
            codes: ['GCM-15', 'MGI-2'],
            note: 'Office space allocated; two officers seconded.',
            author: government.person_id,
          },
          {
            title: `Paralegal clinics for returnees and their families (${body.name})`,
            commitment: true,
            org: society.organization_id,
            due: addDays(today, -3),
            status: 'BLOCKED',
            percent: 40,
            codes: ['GCM-21', 'GCM-7'],
            note: 'Waiting for the county to confirm venues.',
            author: society.person_id,
          },
        ]
      : [
          {
            title: 'Validate the National Migration Policy with county governments',
            commitment: true,
            org: government.organization_id,
            due: addDays(today, 45),
            status: 'IN_PROGRESS',
            percent: 60,
            codes: ['GCM-23', 'MIGOF-P2', 'SDG-10.7.2'],
            note: 'Validation held in four of six regions.',
            author: government.person_id,
          },
          {
            title: 'Publish sex- and age-disaggregated labour migration statistics',
            commitment: true,
            org: government.organization_id,
            due: addDays(today, -10),
            status: 'OPEN',
            percent: 20,
            codes: ['GCM-1', 'SDG-17.18'],
          },
          {
            title: 'Launch the pre-departure orientation curriculum',
            commitment: true,
            org: society.organization_id,
            due: addDays(today, -20),
            status: 'DONE',
            percent: 100,
            codes: ['GCM-3', 'GCM-6'],
            note: 'Curriculum launched with the national employment authority.',
            author: society.person_id,
          },
          {
            title: 'Circulate the draft bilateral labour agreement annex to members',
            commitment: false,
            person: secretariat.person_id,
            due: addDays(today, 7),
            status: 'OPEN',
            percent: 0,
            codes: ['GCM-6', 'MIGOF-P3'],
          },
        ];
    for (const item of items) {
      const [{ id }] = await ds.query(
        `INSERT INTO action_items (body_id, title, is_commitment, owner_person_id, owner_organization_id, due_on, status,
                                   progress_percent, completed_at, priority)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $7 = 'DONE' THEN now() END, $9) RETURNING id`,
        [
          body.id,
          item.title,
          item.commitment,
          item.person ?? null,
          item.org ?? null,
          item.due,
          item.status,
          item.percent,
          item.due < today ? 'HIGH' : 'MEDIUM',
        ],
      );
      await ds.query(
        `INSERT INTO action_item_framework_targets (action_item_id, code)
         SELECT $1, code FROM framework_targets WHERE code = ANY($2::text[])`,
        [id, item.codes],
      );
      if (item.note) {
        await ds.query(
          `INSERT INTO action_updates (action_item_id, author_person_id, note, progress_percent, status)
           VALUES ($1, $2, $3, $4, $5)`,
          [id, item.author ?? null, item.note, item.percent, item.status],
        );
      }
      created++;
    }
  }
  log(`[seed] created ${created} illustrative action items and commitments`);
  return created;
}

interface DemoItem {
  title: string;
  commitment: boolean;
  org?: string;
  person?: string;
  due: string;
  status: string;
  percent: number;
  codes: string[];
  note?: string;
  author?: string;
}

/**
 * The demo's commitments in Kiswahili (bodies' Kiswahili names from translateRegistryDemo): the county desks and
 * paralegal clinics, and the NCM's validation of the national policy. Inserts only what is missing.
 */
export async function translateActionsDemo(ds: DataSource | EntityManager): Promise<void> {
  await ds.query(
    `INSERT INTO content_translations (entity_type, entity_id, locale, field, text)
     SELECT 'ACTION_ITEM', a.id, 'sw', 'title',
            CASE
              WHEN a.title LIKE 'County migration desk operational in %'
                THEN 'Dawati la uhamiaji linafanya kazi katika ' || t.text
              WHEN a.title LIKE 'Paralegal clinics for returnees and their families (%'
                THEN 'Kliniki za wasaidizi wa kisheria kwa waliorejea nyumbani na familia zao (' || t.text || ')'
              ELSE 'Kuthibitisha Sera ya Kitaifa ya Uhamiaji pamoja na serikali za kaunti'
            END
       FROM action_items a
       JOIN content_translations t ON t.entity_type = 'COORDINATION_BODY' AND t.entity_id = a.body_id
                                  AND t.locale = 'sw' AND t.field = 'name'
      WHERE a.is_commitment
        AND (a.title LIKE 'County migration desk operational in %'
             OR a.title LIKE 'Paralegal clinics for returnees and their families (%'
             OR a.title = 'Validate the National Migration Policy with county governments')
     ON CONFLICT DO NOTHING`,
  );
}
