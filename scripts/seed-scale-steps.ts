import { Client } from 'pg';
import type { ScaleCounts } from './seed-scale';

/**
 * The set-based SQL steps of scripts/seed-scale.ts: the registry's rows (organizations, people, bodies,
 * memberships), then the activity on them (meetings and their participants, action items, tags and progress
 * updates). They read the temporary tables `sb`, `params` that seedScale creates first.
 */

const SECTORS = [
  'NATIONAL_GOVERNMENT',
  'NATIONAL_GOVERNMENT',
  'SUBNATIONAL_GOVERNMENT',
  'SUBNATIONAL_GOVERNMENT',
  'LOCAL_GOVERNMENT',
  'PARLIAMENT',
  'CIVIL_SOCIETY',
  'CIVIL_SOCIETY',
  'CIVIL_SOCIETY',
  'MIGRANT_ASSOCIATION',
  'DIASPORA_ORGANIZATION',
  'PRIVATE_SECTOR',
  'PRIVATE_SECTOR',
  'TRADE_UNION',
  'EMPLOYERS_ORGANIZATION',
  'ACADEMIA',
  'INTERNATIONAL_ORGANIZATION',
  'REGIONAL_ORGANIZATION',
  'FAITH_BASED_ORGANIZATION',
  'NATIONAL_HUMAN_RIGHTS_INSTITUTION',
  'MEDIA',
];
const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

const PLACES = ['Kenya', 'Coast', 'Lake', 'Rift Valley', 'Nairobi', 'Mombasa', 'Kisumu', 'Turkana', 'Garissa'];
const TOPICS = [
  'Migrant Welfare',
  'Labour Mobility',
  'Diaspora Affairs',
  'Refugee Support',
  'Border Health',
  'Skills and Recognition',
  'Remittances',
  'Counter-Trafficking',
  'Migration Data',
  'Returnee Reintegration',
  'Youth Employment',
  'Legal Aid',
];
const FIRST = ['Amina', 'Brian', 'Chebet', 'Daniel', 'Esther', 'Faith', 'Hassan', 'Imani', 'Joseph', 'Wanjiru'];
const LAST = ['Otieno', 'Kamau', 'Mwangi', 'Njoroge', 'Achieng', 'Mohamed', 'Kiptoo', 'Wekesa', 'Mutua', 'Ochieng'];

export async function step(client: Client, label: string, sql: string, params: unknown[] = []): Promise<number> {
  const started = Date.now();
  const result = await client.query(sql, params);
  const rows = result.rowCount ?? 0;
  console.log(`[seed:scale] ${label.padEnd(44)} ${String(rows).padStart(9)} rows ${elapsed(started)}`);
  return rows;
}

export const elapsed = (started: number) => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`;

/** Organizations, people, bodies and memberships. */
export async function seedRegistryRows(client: Client, c: ScaleCounts): Promise<void> {
  await step(
    client,
    'organizations',
    `INSERT INTO organizations (id, name, acronym, sector, level, country_code, subdivision_code, parent_id)
     SELECT pg_temp.bench_id('o' || i),
       places[1 + i % cardinality(places)] || ' ' || topics[1 + (i / 9) % cardinality(topics)] || ' ' ||
         CASE WHEN sector LIKE '%GOVERNMENT' THEN 'Office' WHEN sector = 'ACADEMIA' THEN 'Institute'
              WHEN sector = 'PRIVATE_SECTOR' THEN 'Ltd' ELSE 'Network' END || ' ' || i,
       'ORG' || i, sector, level, 'KE',
       CASE WHEN level IN ('SUBNATIONAL', 'LOCAL') THEN 'KE-' || lpad((1 + i % 47)::text, 2, '0') END,
       CASE WHEN i >= 100 AND i % 10 = 0 THEN pg_temp.bench_id('o' || (i % 100)) END
     FROM generate_series(0, $1 - 1) i,
       LATERAL (SELECT (${sqlArray(SECTORS)})[1 + i % ${SECTORS.length}] AS sector) s,
       LATERAL (SELECT CASE sector WHEN 'NATIONAL_GOVERNMENT' THEN 'NATIONAL' WHEN 'PARLIAMENT' THEN 'NATIONAL'
         WHEN 'SUBNATIONAL_GOVERNMENT' THEN 'SUBNATIONAL' WHEN 'LOCAL_GOVERNMENT' THEN 'LOCAL'
         WHEN 'INTERNATIONAL_ORGANIZATION' THEN 'GLOBAL' WHEN 'REGIONAL_ORGANIZATION' THEN 'REGIONAL'
         ELSE (ARRAY['NATIONAL','SUBNATIONAL','LOCAL'])[1 + i % 3] END AS level) l,
       LATERAL (SELECT ${sqlArray(PLACES)} AS places, ${sqlArray(TOPICS)} AS topics) w`,
    [c.organizations],
  );

  await step(
    client,
    'people',
    `INSERT INTO people (id, full_name, email, phone, title, organization_id)
     SELECT pg_temp.bench_id('p' || i),
       (${sqlArray(FIRST)})[1 + i % 10] || ' ' || (${sqlArray(LAST)})[1 + (i / 10) % 10] || ' ' || i,
       CASE WHEN i % 10 <> 9 THEN 'person' || i || '@bench.example' END, '+2547' || lpad(i::text, 8, '0'),
       (ARRAY['Director','Officer','Coordinator','Programme Manager','Advisor'])[1 + i % 5],
       pg_temp.bench_id('o' || ((i::bigint * 31) % $1))
     FROM generate_series(0, $2 - 1) i`,
    [c.organizations, c.people],
  );

  await step(
    client,
    'coordination bodies (hierarchy of 3 levels)',
    `INSERT INTO coordination_bodies (id, name, acronym, kind, level, status, country_code, subdivision_code,
       timezone, description, is_public, established_on, parent_id, lead_organization_id, secretariat_organization_id)
     SELECT sb.id,
       CASE WHEN ix = 0 THEN 'National Coordination Mechanism on Migration'
            WHEN ix <= $1 THEN 'County Outreach Unit ' || lpad(ix::text, 2, '0')
            ELSE (ARRAY['Technical Working Group on ','Council on '])[1 + ix % 2] ||
                 (${sqlArray(TOPICS)})[1 + ix % ${TOPICS.length}] || ' ' || ix END,
       CASE WHEN ix = 0 THEN 'NCM' WHEN ix <= $1 THEN 'COU' || ix ELSE 'TWG' || ix END,
       CASE WHEN ix = 0 THEN 'NATIONAL_COORDINATION_MECHANISM' WHEN ix <= $1 THEN 'COUNTY_OUTREACH_PROGRAMME'
            WHEN ix % 2 = 0 THEN 'TECHNICAL_WORKING_GROUP' ELSE 'COUNCIL' END,
       CASE WHEN ix = 0 THEN 'NATIONAL' WHEN ix <= $1 OR ix % 5 = 0 THEN 'SUBNATIONAL' ELSE 'NATIONAL' END,
       CASE WHEN ix > $1 AND ix % 23 = 0 THEN 'DORMANT' ELSE 'ACTIVE' END,
       'KE',
       CASE WHEN ix BETWEEN 1 AND $1 THEN 'KE-' || lpad(ix::text, 2, '0') END,
       'Africa/Nairobi', 'Generated for the benchmark (illustrative, not real data).',
       ix = 0 OR ix % 4 = 1,
       (SELECT origin FROM params),
       CASE WHEN ix = 0 THEN NULL WHEN ix <= $1 OR ix % 5 <> 0 THEN pg_temp.bench_id('b0')
            ELSE pg_temp.bench_id('b' || (1 + ix % $1)) END,
       pg_temp.bench_id('o' || (ix % 100)), pg_temp.bench_id('o' || ((ix + 1) % 100))
     FROM sb ORDER BY ix`,
    [c.counties],
  );

  await step(
    client,
    'terms of reference (superseded v1, adopted v2)',
    `INSERT INTO terms_of_reference (body_id, version, status, mandate, objectives, functions, quorum_fraction,
       decision_rule, meeting_frequency, required_seats, resources, review_due_on, adopted_on)
     SELECT sb.id, v, CASE WHEN v = 1 THEN 'SUPERSEDED' ELSE 'ADOPTED' END,
       'Coordinate the whole-of-government and whole-of-society response on ' ||
         (${sqlArray(TOPICS)})[1 + ix % ${TOPICS.length}] || ' (version ' || v || ').',
       ARRAY['Share information', 'Agree joint actions', 'Follow up commitments'],
       ARRAY['Convene members', 'Track action items'],
       CASE WHEN v = 1 THEN 0.6 ELSE 0.5 END,
       (ARRAY['CONSENSUS','SIMPLE_MAJORITY','TWO_THIRDS_MAJORITY'])[1 + ix % 3],
       CASE WHEN ix = 0 THEN 'QUARTERLY' WHEN ix <= $1 THEN 'MONTHLY' ELSE 'MONTHLY' END,
       '[{"sector":"CIVIL_SOCIETY","minSeats":2},{"sector":"MIGRANT_ASSOCIATION","minSeats":1},{"sector":"ACADEMIA","minSeats":1}]'::jsonb,
       'Secretariat hosted by the lead organization', (SELECT today + 365 FROM params),
       (SELECT origin + (v - 1) * 730 FROM params)
     FROM sb, generate_series(1, 2) v`,
    [c.counties],
  );

  // Members: body b's j-th member is person (poffset_b + j) mod P, so a person appears once per body and
  // membership periods can never overlap; a third of them ended (turnover), the officers never.
  await client.query(
    `CREATE TEMP TABLE smem AS
     SELECT sb.ix AS body_ix, sb.id AS body_id, j, pi, pg_temp.bench_id('p' || pi) AS person_id,
       pg_temp.bench_id('o' || ((pi::bigint * 31) % prm.o)) AS organization_id,
       CASE WHEN j = 0 THEN 'CHAIR' WHEN j = 1 THEN 'CO_CHAIR' WHEN j IN (2, 3) THEN 'SECRETARIAT'
            WHEN j % 10 = 5 THEN 'FOCAL_POINT' WHEN j % 9 = 7 THEN 'OBSERVER' WHEN j % 11 = 8 THEN 'ALTERNATE'
            WHEN j % 17 = 9 THEN 'VICE_CHAIR' ELSE 'MEMBER' END AS role,
       starts_on, CASE WHEN ended THEN starts_on + 180 + h % 500 END AS ends_on
     FROM sb CROSS JOIN params prm, generate_series(0, sb.msize - 1) j,
       LATERAL (SELECT (sb.poffset + j) % prm.p AS pi, abs(hashtext(sb.ix || ':' || j)) AS h) x,
       LATERAL (SELECT j >= 6 AND j % 3 = 2 AS ended) e,
       LATERAL (SELECT CASE WHEN j < 6 THEN prm.origin WHEN ended THEN prm.origin + h % 600
                ELSE prm.origin + h % 1500 END AS starts_on) s`,
  );
  await client.query(`CREATE INDEX ON smem (body_ix, j)`);
  await step(
    client,
    'memberships (no overlap: exclusion constraint)',
    `INSERT INTO memberships (body_id, person_id, organization_id, role, voting_rights, starts_on, ends_on, created_at)
     SELECT body_id, person_id, organization_id, role, role NOT IN ('OBSERVER', 'ALTERNATE', 'STANDING_INVITEE'),
       starts_on, ends_on, starts_on::timestamptz
     FROM smem ORDER BY body_ix, j`,
  );
}

/** Meetings with their participants, action items with their framework tags and progress updates. */
export async function seedActivityRows(client: Client, c: ScaleCounts): Promise<void> {
  await step(
    client,
    'meetings (five years back, three months ahead)',
    `INSERT INTO meetings (id, body_id, title, kind, status, starts_at, ends_at, timezone, location, online_url,
       cancel_reason, attendance_recorded_at, created_at, updated_at)
     SELECT pg_temp.bench_id('m' || (sb.mstart + k)), sb.id,
       (ARRAY['Ordinary','Ordinary','Ordinary','Extraordinary','Consultation','Outreach','Workshop'])[1 + k % 7] ||
         ' meeting ' || (k + 1) || ' of ' || (CASE WHEN sb.ix = 0 THEN 'NCM' ELSE 'body ' || sb.ix END),
       (ARRAY['ORDINARY','ORDINARY','ORDINARY','EXTRAORDINARY','CONSULTATION','OUTREACH','WORKSHOP'])[1 + k % 7],
       CASE WHEN st >= now() THEN 'SCHEDULED' WHEN k % 20 = 7 THEN 'CANCELLED' ELSE 'HELD' END,
       st, st + interval '3 hours', 'Africa/Nairobi',
       CASE WHEN k % 3 = 0 THEN NULL ELSE 'Conference room ' || (1 + k % 5) END,
       CASE WHEN k % 3 <> 1 THEN 'https://meet.example.org/' || sb.ix || '-' || k END,
       CASE WHEN st < now() AND k % 20 = 7 THEN 'Postponed for lack of quorum' END,
       CASE WHEN st < now() AND k % 20 <> 7 THEN st + interval '3 hours' END,
       st - interval '30 days', st - interval '30 days'
     FROM sb CROSS JOIN params prm, generate_series(0, sb.mcount - 1) k,
       LATERAL (SELECT date_trunc('hour', prm.origin + interval '30 days'
         + (prm.today + 90 - prm.origin - 30) * interval '1 day' * (k + 0.5) / sb.mcount)
         + interval '7 hours' AS st) t
     ORDER BY sb.ix, k`,
  );

  // Invitees: the body's active members on the meeting day among its first participantCap members.
  const participantsStarted = Date.now();
  let participants = 0;
  const bodies = (await client.query<{ ix: number }>(`SELECT ix FROM sb ORDER BY ix`)).rows.map((r) => r.ix);
  for (let from = 0; from < bodies.length; from += 25) {
    const result = await client.query(
      `INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting, rsvp,
         responded_at, attendance)
       SELECT m.id, sm.person_id, sm.organization_id, true,
         sm.role NOT IN ('OBSERVER', 'ALTERNATE', 'STANDING_INVITEE'),
         CASE WHEN m.status = 'HELD' OR h % 10 < 6 THEN
                (ARRAY['ACCEPTED','ACCEPTED','ACCEPTED','ACCEPTED','DECLINED','TENTATIVE'])[1 + h % 6]
              ELSE 'INVITED' END,
         CASE WHEN m.status = 'HELD' OR h % 10 < 6 THEN m.created_at + interval '2 days' END,
         CASE WHEN m.status = 'HELD' THEN
                (ARRAY['PRESENT','PRESENT','PRESENT','PRESENT','ABSENT','EXCUSED'])[1 + (h / 7) % 6] END
       FROM meetings m
       JOIN sb ON sb.id = m.body_id AND sb.ix >= $1 AND sb.ix < $2
       JOIN smem sm ON sm.body_ix = sb.ix AND sm.j < $3 AND sm.starts_on <= m.starts_at::date
         AND (sm.ends_on IS NULL OR sm.ends_on >= m.starts_at::date),
       LATERAL (SELECT abs(hashtext(m.id::text || sm.j)) AS h) x`,
      [from, from + 25, c.participantCap],
    );
    participants += result.rowCount ?? 0;
  }
  console.log(
    `[seed:scale] ${'meeting participants'.padEnd(44)} ${String(participants).padStart(9)} rows ${elapsed(participantsStarted)}`,
  );

  await client.query(`CREATE TEMP TABLE codes AS SELECT array_agg(code ORDER BY code) AS all FROM framework_targets`);
  const itemsStarted = Date.now();
  let items = 0;
  for (let from = 0; from < bodies.length; from += 25) {
    const result = await client.query(
      `INSERT INTO action_items (id, body_id, meeting_id, title, description, is_commitment, owner_person_id,
         owner_organization_id, due_on, priority, status, progress_percent, created_at, updated_at, completed_at)
       SELECT pg_temp.bench_id('a' || (sb.astart + k)), sb.id,
         CASE WHEN k % 2 = 0 THEN pg_temp.bench_id('m' || (sb.mstart + least(sb.mcount - 1, k * sb.mcount / sb.acount))) END,
         CASE WHEN commitment THEN 'Commitment ' ELSE 'Action ' END || (k + 1) || ': ' ||
           (${sqlArray(TOPICS)})[1 + k % ${TOPICS.length}] || ' follow-up',
         CASE WHEN k % 4 = 0 THEN 'Generated for the benchmark: agree, deliver and report on ' ||
           lower((${sqlArray(TOPICS)})[1 + k % ${TOPICS.length}]) || '.' END,
         commitment,
         CASE WHEN commitment AND k % 20 < 3 THEN NULL ELSE pg_temp.bench_id('p' || owner_pi) END,
         CASE WHEN commitment OR k % 5 = 0 THEN pg_temp.bench_id('o' || ((owner_pi::bigint * 31) % prm.o)) END,
         due, (ARRAY['LOW','MEDIUM','HIGH'])[1 + h % 3], status,
         CASE status WHEN 'DONE' THEN 100 WHEN 'IN_PROGRESS' THEN 10 + h % 80 WHEN 'BLOCKED' THEN 30
                     WHEN 'CANCELLED' THEN h % 50 ELSE 0 END,
         created, created,
         CASE WHEN status = 'DONE' THEN least(now(), coalesce(due, prm.today)::timestamptz - (h % 10) * interval '1 day' + interval '12 hours') END
       FROM sb CROSS JOIN params prm, generate_series(0, sb.acount - 1) k,
         LATERAL (SELECT abs(hashtext('a' || (sb.astart + k))) AS h, k % 10 < 3 AS commitment,
           (sb.poffset + (k * 7) % sb.msize) % prm.p AS owner_pi) x,
         LATERAL (SELECT CASE WHEN k % 25 = 24 THEN NULL
           ELSE prm.origin + 60 + ((prm.today + 210 - prm.origin - 60) * (k + 0.5) / sb.acount)::int END AS due) d,
         LATERAL (SELECT CASE
           WHEN due IS NULL THEN (ARRAY['OPEN','IN_PROGRESS'])[1 + h % 2]
           WHEN due < prm.today THEN CASE WHEN h % 100 < 75 THEN 'DONE' WHEN h % 100 < 80 THEN 'CANCELLED'
             WHEN h % 100 < 88 THEN 'IN_PROGRESS' WHEN h % 100 < 93 THEN 'BLOCKED' ELSE 'OPEN' END
           ELSE CASE WHEN h % 100 < 15 THEN 'DONE' WHEN h % 100 < 45 THEN 'IN_PROGRESS'
             WHEN h % 100 < 50 THEN 'BLOCKED' ELSE 'OPEN' END END AS status) s,
         LATERAL (SELECT least(now(), greatest(prm.origin::timestamptz,
           coalesce(due, prm.today)::timestamptz - interval '90 days')) AS created) cr
       WHERE sb.ix >= $1 AND sb.ix < $2`,
      [from, from + 25],
    );
    items += result.rowCount ?? 0;
  }
  console.log(`[seed:scale] ${'action items'.padEnd(44)} ${String(items).padStart(9)} rows ${elapsed(itemsStarted)}`);

  await step(
    client,
    'framework tags (one or two per item)',
    `INSERT INTO action_item_framework_targets (action_item_id, code)
     SELECT DISTINCT pg_temp.bench_id('a' || i), codes.all[1 + (CASE WHEN t = 1 THEN i ELSE i * 7 + 3 END) % cardinality(codes.all)]
     FROM codes, generate_series(0, (SELECT sum(acount) - 1 FROM sb)::int) i, generate_series(1, 2) t
     WHERE t = 1 OR i % 2 = 0`,
  );

  // The progress trail: one update per started item, a second one for completed items.
  await step(
    client,
    'progress updates',
    `INSERT INTO action_updates (action_item_id, author_person_id, note, progress_percent, status, created_at)
     SELECT a.id, a.owner_person_id, u.note, u.pct, u.status, u.at
     FROM action_items a,
       LATERAL (VALUES
         (1, 'Work started; first deliverables under way.', CASE WHEN a.status = 'DONE' THEN 50 ELSE a.progress_percent END,
            CASE WHEN a.status IN ('DONE', 'IN_PROGRESS') THEN 'IN_PROGRESS' ELSE a.status END,
            a.created_at + (coalesce(a.completed_at, now()) - a.created_at) / 2),
         (2, 'Completed and reported to the plenary.', 100, 'DONE', a.completed_at)
       ) AS u(n, note, pct, status, at)
     WHERE (u.n = 1 AND a.status <> 'OPEN') OR (u.n = 2 AND a.status = 'DONE')`,
  );
}
