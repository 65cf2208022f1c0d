import { DataSource, EntityManager } from 'typeorm';
import { todayIn } from '@coord/core';
import { addDays } from '../reminder-times';
import { reportProgress } from '../reporting-cycles/reporting-cycles.service';

/**
 * Illustrative accountability data for the demo, over the registry, meetings and action demos: a reporting cycle of
 * the national body for the county units beneath it (the first report submitted, the second returned with a note,
 * the rest missing, the due date just past), two of its commitments assessed by its secretariat, and the people
 * reached by an outreach meeting held in each of two county units (aggregates only). Plain SQL, idempotent (does
 * nothing once a reporting cycle exists), without reminder intents.
 */
export async function seedAccountabilityDemo(
  ds: DataSource | EntityManager,
  log: (line: string) => void = console.log,
) {
  const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM reporting_cycles`);
  if (count > 0) {
    log(`[seed] reporting cycles exist (${count}): accountability demo left as it is`);
    return false;
  }
  const [national]: Array<{ id: string; name: string; timezone: string }> = await ds.query(
    `SELECT id, name, timezone FROM coordination_bodies WHERE parent_id IS NULL AND level = 'NATIONAL' ORDER BY name LIMIT 1`,
  );
  if (!national) {
    log('[seed] no national coordination body yet: accountability demo skipped');
    return false;
  }
  const counties: Array<{ id: string; name: string; timezone: string }> = await ds.query(
    `SELECT id, name, timezone FROM coordination_bodies WHERE parent_id = $1 AND status = 'ACTIVE' ORDER BY name, id`,
    [national.id],
  );
  if (!counties.length) {
    log('[seed] the national body has no units beneath it: accountability demo skipped');
    return false;
  }
  const [secretariat]: Array<{ person_id: string }> = await ds.query(
    `SELECT person_id FROM memberships WHERE body_id = $1 AND role = 'SECRETARIAT' ORDER BY starts_on, id LIMIT 1`,
    [national.id],
  );
  const today = todayIn(national.timezone);
  const periodTo = addDays(today, -3);
  const [cycle] = await ds.query(
    `INSERT INTO reporting_cycles (body_id, title, period_from, period_to, due_on)
     VALUES ($1, 'County unit reports, last six months (illustrative)', $2, $3, $4) RETURNING id`,
    [national.id, addDays(today, -184), periodTo, addDays(today, -1)],
  );
  for (const [index, county] of counties.entries()) {
    const focal: Array<{ person_id: string }> = await ds.query(
      `SELECT person_id FROM memberships WHERE body_id = $1 AND role IN ('SECRETARIAT','FOCAL_POINT')
        ORDER BY role DESC, id LIMIT 1`,
      [county.id],
    );
    const submitted = index < 2;
    await ds.query(
      `INSERT INTO periodic_reports (cycle_id, body_id, status, rating, narrative, progress, submitted_at,
                                     submitted_by_person_id, review_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        cycle.id,
        county.id,
        index === 0 ? 'SUBMITTED' : index === 1 ? 'RETURNED' : 'NOT_STARTED',
        index === 0 ? 'AT_RISK' : index === 1 ? 'OFF_TRACK' : null,
        index === 0
          ? 'The county migration desk is staffed; the paralegal clinics wait for venues.'
          : index === 1
            ? 'Little progress: the county budget was delayed.'
            : null,
        JSON.stringify(
          submitted ? await reportProgress(ds instanceof DataSource ? ds.manager : ds, county.id, periodTo) : [],
        ),
        submitted ? new Date(Date.now() - 2 * 86400_000) : null,
        submitted ? (focal[0]?.person_id ?? null) : null,
        index === 1 ? 'Please add the clinic figures and a date for the venues.' : null,
      ],
    );
  }

  // Two commitments of the national body assessed by its secretariat (never by their owners).
  const assessed: Array<{ id: string; status: string }> = await ds.query(
    `SELECT id, status FROM action_items WHERE body_id = $1 AND is_commitment ORDER BY title LIMIT 2`,
    [national.id],
  );
  for (const item of assessed) {
    const level = item.status === 'DONE' ? 'LIMITED' : 'SUBSTANTIAL';
    await ds.query(
      `INSERT INTO commitment_assessments (action_item_id, level, note, assessor_person_id) VALUES ($1, $2, $3, $4)`,
      [
        item.id,
        level,
        level === 'LIMITED'
          ? 'Marked done by its owner; the curriculum is launched but not yet used in two of three centres.'
          : 'Most validation workshops held; the report is pending.',
        secretariat?.person_id ?? null,
      ],
    );
    await ds.query(`UPDATE action_items SET completion_level = $2 WHERE id = $1`, [item.id, level]);
  }

  // Outreach meetings held in two county units, with the people reached (aggregates only).
  const reach: Array<[string, string, string, number]> = [
    ['FEMALE', 'AGE_18_35', 'Town centre', 34],
    ['MALE', 'AGE_18_35', 'Town centre', 27],
    ['FEMALE', 'AGE_36_59', 'Town centre', 12],
    ['MALE', 'AGE_36_59', 'Town centre', 9],
    ['FEMALE', 'AGE_60_PLUS', 'Town centre', 3],
    ['FEMALE', 'AGE_18_35', 'Market ward', 18],
    ['MALE', 'AGE_18_35', 'Market ward', 21],
    ['UNDISCLOSED', 'UNKNOWN', 'Market ward', 2],
  ];
  for (const county of counties.slice(0, 2)) {
    const [meeting] = await ds.query(
      `INSERT INTO meetings (body_id, title, kind, status, starts_at, ends_at, timezone, location, attendance_recorded_at)
       VALUES ($1, $2, 'OUTREACH', 'HELD', date_trunc('day', now()) - interval '30 days' + interval '7 hours',
               date_trunc('day', now()) - interval '30 days' + interval '11 hours', $3, 'Community hall',
               now() - interval '30 days')
       RETURNING id`,
      [county.id, `${county.name}: community outreach on safe labour migration (illustrative)`, county.timezone],
    );
    for (const [sex, ageBand, locality, n] of reach) {
      await ds.query(
        `INSERT INTO outreach_reach (meeting_id, sex, age_band, locality, count) VALUES ($1, $2, $3, $4, $5)`,
        [meeting.id, sex, ageBand, locality, n],
      );
    }
  }
  log(
    `[seed] accountability demo: a reporting cycle of ${national.name} for ${counties.length} units, ${assessed.length} assessed commitments, outreach reach in ${Math.min(2, counties.length)} units`,
  );
  return true;
}
