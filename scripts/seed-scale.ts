import 'reflect-metadata';
import { AuthService } from '@coord/core';
import { Client } from 'pg';
import { numberFlag, readFlags } from '../bench/args';
import { BENCH_DATABASE_URL, BENCH_PASSWORD, BENCH_USERS } from '../bench/fixtures';
import { migrate } from '../migrations/run';
import { elapsed, seedActivityRows, seedRegistryRows, step } from './seed-scale-steps';

/**
 * `npm run seed:scale -- --scale N [--database-url URL] [--keep]`: a realistic generated data set for the
 * benchmark, written straight into the platform's own tables with set-based SQL (INSERT ... SELECT over
 * generate_series), so every CHECK, foreign key, exclusion constraint and trigger of the migrations applies.
 *
 * At scale 1 (the default): 1 national mechanism, 47 county outreach units, 200 working groups and
 * councils, 5,000 organizations, 20,000 people, 60,000 memberships (a third of them ended: five years of
 * turnover, never overlapping), 50,000 meetings with participants (held ones with attendance), 500,000 action
 * items (30 % commitments) with framework tags and progress updates, from five years ago to a few months ahead.
 * Counts scale linearly with N (the number of county units is capped at 47).
 *
 * Ids are md5(prefix || index) shaped as v4 UUIDs (see bench/fixtures.ts), so the data set is the same on every run at a
 * given scale, apart from the dates, which are relative to today. The database is dropped and recreated
 * unless --keep is given; the generator refuses to touch a database whose name does not contain "bench".
 */

interface Options {
  scale: number;
  url: string;
  keep: boolean;
}

const USAGE = 'usage: npm run seed:scale -- [--scale N (default 1)] [--database-url URL] [--keep]';

function parseArgs(argv: string[]): Options {
  const values = readFlags(
    argv,
    { scale: { type: 'string' }, 'database-url': { type: 'string' }, keep: { type: 'boolean' } },
    USAGE,
  );
  const options: Options = {
    scale: numberFlag(values, 'scale', 1),
    url: (values['database-url'] as string | undefined) ?? BENCH_DATABASE_URL,
    keep: values.keep === true,
  };
  if (!Number.isFinite(options.scale) || options.scale <= 0 || options.scale > 20) {
    throw new Error('--scale must be a number in (0, 20], e.g. 0.05 for a quick run or 1 for the default scale');
  }
  const name = new URL(options.url).pathname.slice(1);
  if (!/bench/.test(name)) throw new Error(`refusing to seed ${name}: the database name must contain "bench"`);
  return options;
}

export interface ScaleCounts {
  counties: number;
  workingGroups: number;
  organizations: number;
  people: number;
  memberships: number;
  meetings: number;
  actionItems: number;
  /** Participants per meeting are the body's active members, at most this many (a plenary's invitation list). */
  participantCap: number;
}

export function countsFor(scale: number): ScaleCounts {
  const n = (base: number, min: number) => Math.max(min, Math.round(base * scale));
  return {
    counties: Math.min(47, n(47, 2)),
    workingGroups: n(200, 3),
    organizations: n(5_000, 40),
    people: n(20_000, 200),
    memberships: n(60_000, 300),
    meetings: n(50_000, 100),
    actionItems: n(500_000, 500),
    participantCap: 60,
  };
}

async function recreateDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export async function seedScale(options: Options): Promise<void> {
  const c = countsFor(options.scale);
  const total = Date.now();
  console.log(`[seed:scale] scale ${options.scale}: ${JSON.stringify(c)}`);
  if (!options.keep) await recreateDatabase(options.url);
  await migrate(options.url, 'run', (line) => console.log(`[seed:scale] migrations: ${line.slice(0, 100)}...`));

  const client = new Client({ connectionString: options.url, application_name: 'coord-seed-scale' });
  await client.connect();
  try {
    // A generated data set can be regenerated: losing the last commits on a crash costs nothing.
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(`SET work_mem = '64MB'`);
    await client.query(`SELECT setseed(0.2026)`);
    // md5(prefix || index) shaped as a version-4 UUID (bench/fixtures.ts benchId computes the same in JS).
    await client.query(`CREATE FUNCTION pg_temp.bench_id(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
      SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid FROM md5($1) AS h $$`);

    // The bodies with their sizes and their contiguous ranges of meeting and action-item indexes.
    await client.query(
      `CREATE TEMP TABLE sb AS
       WITH b AS (
         SELECT ix, CASE WHEN ix = 0 THEN 4 WHEN ix <= $1::int THEN 2 ELSE 1 END::numeric AS w
         FROM generate_series(0, $1::int + $2::int) ix
       ), t AS (SELECT sum(w) AS s FROM b), sized AS (
         SELECT ix, pg_temp.bench_id('b' || ix) AS id,
           least($3::int - 1, greatest(6, round($4::int * w / s)))::int AS msize,
           greatest(1, round($5::int * w / s))::int AS mcount,
           greatest(1, round($6::int * w / s))::int AS acount,
           (abs(hashtext('offset' || ix)) % $3::int)::int AS poffset
         FROM b, t
       )
       SELECT *, (sum(mcount) OVER (ORDER BY ix) - mcount)::int AS mstart,
                 (sum(acount) OVER (ORDER BY ix) - acount)::int AS astart
       FROM sized`,
      [c.counties, c.workingGroups, c.people, c.memberships, c.meetings, c.actionItems],
    );
    await client.query(
      `CREATE TEMP TABLE params AS SELECT
      (current_date - interval '5 years')::date AS origin, current_date AS today, $1::int AS o, $2::int AS p`,
      [c.organizations, c.people],
    );

    await seedRegistryRows(client, c);
    await seedActivityRows(client, c);

    const hash = await AuthService.hashPassword(BENCH_PASSWORD);
    await step(
      client,
      'sign-ins (admin, national secretariat, county focal point)',
      `INSERT INTO users (email, password_hash, platform_role, person_id) VALUES
         ($1, $4, 'ADMIN', NULL),
         ($2, $4, 'USER', (SELECT person_id FROM smem WHERE body_ix = 0 AND j = 2)),
         ($3, $4, 'USER', (SELECT person_id FROM smem WHERE body_ix = 1 AND j = 5))`,
      [BENCH_USERS.admin, BENCH_USERS.secretariat, BENCH_USERS.focalPoint, hash],
    );

    const vacuumStarted = Date.now();
    // Tagging rewrites every item once (the trigger copying tags into action_items.framework_codes): compact the
    // table so that the data set is as a live system's would be, then refresh statistics and visibility maps.
    await client.query(`VACUUM (FULL) action_items`);
    await client.query(`VACUUM (ANALYZE)`);
    console.log(
      `[seed:scale] ${'vacuum (full on action_items), analyze'.padEnd(44)} ${' '.repeat(14)} ${elapsed(vacuumStarted)}`,
    );

    const counts = await client.query(`SELECT
      (SELECT count(*) FROM organizations) AS organizations, (SELECT count(*) FROM people) AS people,
      (SELECT count(*) FROM coordination_bodies) AS bodies, (SELECT count(*) FROM memberships) AS memberships,
      (SELECT count(*) FROM meetings) AS meetings, (SELECT count(*) FROM meeting_participants) AS participants,
      (SELECT count(*) FROM action_items) AS action_items, (SELECT count(*) FROM action_updates) AS updates,
      (SELECT pg_size_pretty(pg_database_size(current_database()))) AS size`);
    console.log(`[seed:scale] done in ${elapsed(total).trim()}: ${JSON.stringify(counts.rows[0])}`);
    console.log(
      `[seed:scale] sign-ins (password ${BENCH_PASSWORD}): ${Object.values(BENCH_USERS).join(', ')} on ${options.url}`,
    );
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`[seed:scale] ${(error as Error).message}`);
    process.exit(2);
  }
  seedScale(options).catch((error) => {
    console.error(`[seed:scale] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
