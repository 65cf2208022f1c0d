/**
 * `npm run bench [-- --duration 20 --connections 50 --api-processes 2 --only bodyPage,myActionItems --reminders 2000 --no-reminders]`
 *
 * Benchmarks the API against the data set of `npm run seed:scale` (BENCH_DATABASE_URL, default coord_bench):
 * starts the API as in production on its own port and Redis prefix, starts the raw-SQL baseline server, then
 * for each scenario (bench/scenarios.ts) warms both up and drives each for the same time at the same
 * concurrency with autocannon. SQL statements per request are counted afterwards in-process (query-count.ts),
 * and reminder throughput is measured last (reminders-throughput.ts). Results: bench/results/bench.{md,json}.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { numberFlag, readFlags } from './args';
import { BENCH_DATABASE_URL, BENCH_PASSWORD, BENCH_USERS } from './fixtures';
import { drive, LoadResult, mergeResults } from './load';
import { login, ROOT, startApi, waitFor } from './processes';
import { countQueries } from './query-count';
import { measureReminders, ReminderResult } from './reminders-throughput';
import { renderMarkdown } from './report';
import { BenchContext, loadContext, SCENARIOS } from './scenarios';

/**
 * Issue 21's targets (p50 ratios against the raw route; mutations against their fair baselines). At 1 connection a
 * read's p50 within `readP50Ratio1` (by scenario, else 2x); at more connections every read within
 * `readP50RatioMany`; meetingRecord at least `meetingRpsShare` of the raw route's req/s; mutations within
 * `mutationRatio` and at most `mutationStatements` statements.
 */
export const TARGETS = {
  readP50Ratio1: { bodyPage: 2, myActionItems: 2, nationalOverdue: 1.5, commitmentProgress: 1.5 } as Record<
    string,
    number
  >,
  readP50RatioMany: 3,
  meetingRpsShare: 0.6,
  mutationRatio: 3,
  mutationStatements: 8,
  remindersPerSecond: 500,
  reminderRatio: 5,
};

interface Options {
  duration: number;
  warmup: number;
  connections: number;
  only?: string[];
  reminders: number;
  skipReminders: boolean;
  apiPort: number;
  /** API_PROCESSES of the API under test. */
  apiProcesses: number;
  /** DB_POOL_SIZE of each API process. */
  dbPoolSize: number;
  /** Alternating API / raw rounds per measurement (the machine's load drifts: both sides see the same drift). */
  rounds: number;
  /** Results file name (bench/results/<out>.md and .json). */
  out: string;
  /** Write the API processes' V8 CPU profiles (--cpu-prof) into this directory (summaries: bench/profile.ts). */
  cpuProfDir?: string;
}

/**
 * Waits until no other client of the bench database is running a statement (at most a minute): the API and the
 * baseline keep answering the requests they had queued after the load generator stops.
 */
async function drained(pool: Pool): Promise<void> {
  const deadline = Date.now() + 60_000;
  let quiet = 0;
  while (Date.now() < deadline && quiet < 3) {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active'
         AND pid <> pg_backend_pid()`,
    );
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const USAGE =
  'usage: npm run bench -- [--duration S] [--warmup S] [--connections N] [--only bodyPage,myActionItems] ' +
  '[--reminders N] [--no-reminders] [--port P] [--api-processes N] [--db-pool N] [--rounds 4] [--out bench]';

function parseArgs(argv: string[]): Options {
  const values = readFlags(
    argv,
    {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      only: { type: 'string' },
      reminders: { type: 'string' },
      'no-reminders': { type: 'boolean' },
      port: { type: 'string' },
      'api-processes': { type: 'string' },
      'db-pool': { type: 'string' },
      rounds: { type: 'string' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
    USAGE,
  );
  return {
    duration: numberFlag(values, 'duration', 20),
    warmup: numberFlag(values, 'warmup', 3),
    connections: numberFlag(values, 'connections', 50),
    only: typeof values.only === 'string' ? values.only.split(',') : undefined,
    reminders: numberFlag(values, 'reminders', 2000),
    skipReminders: values['no-reminders'] === true,
    apiPort: numberFlag(values, 'port', 3200),
    apiProcesses: numberFlag(values, 'api-processes', 2),
    dbPoolSize: numberFlag(values, 'db-pool', 10),
    rounds: numberFlag(values, 'rounds', 4),
    out: typeof values.out === 'string' ? values.out : 'bench',
    cpuProfDir: typeof values['cpu-prof'] === 'string' ? values['cpu-prof'] : undefined,
  };
}

export interface ScenarioResult {
  name: string;
  kind: 'read' | 'mutation';
  description: string;
  api: LoadResult;
  baseline: LoadResult;
  sqlPerRequest?: number;
  /** API p95 / baseline p95, API p50 / baseline p50, and baseline rps / API rps. */
  p95Ratio: number;
  p50Ratio: number;
  rpsRatio: number;
  meetsTargets: boolean;
  missed: string[];
}

export interface BenchReport {
  startedAt: string;
  finishedAt?: string;
  /** `loadAverage`: the machine's 1-minute load average (os.loadavg) when the run started and when it finished. */
  machine: { cpus: number; node: string; postgres: string; loadAverage?: { start: number; end?: number } };
  database: Record<string, string>;
  settings: Omit<Options, 'only'>;
  targets: typeof TARGETS;
  scenarios: ScenarioResult[];
  reminders?: ReminderResult;
  notes: string[];
}

async function startBaseline(ctx: BenchContext, port: number) {
  const file = join(tmpdir(), `coord-bench-context-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(ctx));
  const child = spawn(process.execPath, ['scripts/run.js', 'bench/baseline-server.ts', String(port), file], {
    cwd: ROOT,
    env: { ...process.env, BENCH_DATABASE_URL },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let ready = false;
  child.stdout?.on('data', (chunk: Buffer) => (ready ||= chunk.toString().includes('baseline ready')));
  await waitFor(async () => ready, 30_000, 'the baseline server');
  return child;
}

function judge(
  name: string,
  kind: 'read' | 'mutation',
  api: LoadResult,
  baseline: LoadResult,
  connections: number,
  statements?: number,
) {
  const missed: string[] = [];
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);
  const p95Ratio = ratio(api.p95, baseline.p95);
  const p50Ratio = ratio(api.p50, baseline.p50);
  const rpsRatio = ratio(baseline.rps, api.rps);
  if (api.errors > 0) missed.push(`${api.errors} errors`);
  // autocannon drops the requests still in flight when a round ends: rounds shorter than the latency count none.
  if (api.requests === 0) missed.push('no API request completed within a round (use fewer, longer --rounds)');
  if (name === 'meetingRecord') {
    if (connections > 1 && api.rps < TARGETS.meetingRpsShare * baseline.rps)
      missed.push(`req/s ${ratio(api.rps, baseline.rps)}x the raw route < ${TARGETS.meetingRpsShare}x`);
  } else if (kind === 'read') {
    const limit = connections === 1 ? (TARGETS.readP50Ratio1[name] ?? 2) : TARGETS.readP50RatioMany;
    if (p50Ratio > limit) missed.push(`p50 ${p50Ratio}x the raw route > ${limit}x`);
  } else {
    if (p50Ratio > TARGETS.mutationRatio) missed.push(`p50 ${p50Ratio}x the fair baseline > ${TARGETS.mutationRatio}x`);
    if (statements !== undefined && statements > TARGETS.mutationStatements)
      missed.push(`${statements} statements > ${TARGETS.mutationStatements}`);
  }
  return { p95Ratio, p50Ratio, rpsRatio, missed, meetsTargets: missed.length === 0 };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const pool = new Pool({ connectionString: BENCH_DATABASE_URL, max: 2 });
  const log = (line: string) => console.log(`[bench] ${line}`);
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: (await import('node:os')).cpus().length,
      node: process.version,
      postgres: (await pool.query(`SHOW server_version`)).rows[0].server_version,
      loadAverage: { start: Math.round(loadavg()[0] * 100) / 100 },
    },
    database: {},
    settings: { ...options },
    targets: TARGETS,
    scenarios: [],
    notes: [],
  };
  const counts = await pool.query(`SELECT
    (SELECT count(*) FROM coordination_bodies) AS bodies, (SELECT count(*) FROM organizations) AS organizations,
    (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM memberships) AS memberships,
    (SELECT count(*) FROM meetings) AS meetings, (SELECT count(*) FROM meeting_participants) AS participants,
    (SELECT count(*) FROM action_items) AS action_items, (SELECT count(*) FROM action_updates) AS progress_updates,
    pg_size_pretty(pg_database_size(current_database())) AS size`);
  report.database = counts.rows[0];
  log(`data set: ${JSON.stringify(report.database)}`);

  const jwtSecret = `bench-${randomBytes(24).toString('hex')}`;
  const api = await startApi({
    databaseUrl: BENCH_DATABASE_URL,
    port: options.apiPort,
    redisPrefix: 'bench',
    extra: {
      JWT_SECRET: jwtSecret,
      API_PROCESSES: String(options.apiProcesses),
      DB_POOL_SIZE: String(options.dbPoolSize),
    },
    nodeArgs: options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [],
  });
  log(`API started (pid ${api.child.pid}, ${options.apiProcesses} process(es), RSS ${api.rssMb()} MB)`);
  const tokens = {
    admin: await login(api.url, BENCH_USERS.admin, BENCH_PASSWORD),
    secretariat: await login(api.url, BENCH_USERS.secretariat, BENCH_PASSWORD),
    focalPoint: await login(api.url, BENCH_USERS.focalPoint, BENCH_PASSWORD),
  };
  const ctx: BenchContext = { ...(await loadContext(pool)), tokens };
  const baseline = await startBaseline(ctx, options.apiPort + 1);
  const baselineUrl = `http://127.0.0.1:${options.apiPort + 1}`;
  const scenarios = SCENARIOS.filter((s) => !options.only || options.only.includes(s.name));

  try {
    for (const scenario of scenarios) {
      const apiBody = (i: number) => JSON.stringify({ query: scenario.query, variables: scenario.variables(ctx, i) });
      const apiLoad = (seconds: number, offset: number) =>
        drive({
          url: api.url,
          connections: options.connections,
          durationSeconds: seconds,
          headers: { authorization: `Bearer ${ctx.tokens[scenario.token]}` },
          body: (i) => apiBody(i + offset),
        });
      const baselineLoad = (seconds: number) =>
        drive({
          url: baselineUrl,
          path: `/${scenario.name}`,
          connections: options.connections,
          durationSeconds: seconds,
          body: () => '{}',
        });
      // Warm-ups use request numbers far from the measured ones, so mutations never collide. Between phases the
      // database drains: requests still queued when the load stops would otherwise run during the next phase.
      await apiLoad(options.warmup, 100_000);
      await drained(pool);
      await baselineLoad(options.warmup);
      await drained(pool);
      // Interleaved rounds: the machine is shared, and both sides must see the same drift of its load.
      const apiRounds: LoadResult[] = [];
      const baselineRounds: LoadResult[] = [];
      const roundSeconds = Math.max(1, Math.round(options.duration / options.rounds));
      for (let r = 0; r < options.rounds; r++) {
        apiRounds.push(await apiLoad(roundSeconds, r * 1_000_000));
        await drained(pool);
        baselineRounds.push(await baselineLoad(roundSeconds));
        await drained(pool);
      }
      const apiResult = mergeResults(apiRounds);
      const baselineResult = mergeResults(baselineRounds);
      report.scenarios.push({
        name: scenario.name,
        kind: scenario.kind,
        description: scenario.description,
        api: apiResult,
        baseline: baselineResult,
        p95Ratio: 0,
        p50Ratio: 0,
        rpsRatio: 0,
        meetsTargets: false,
        missed: [],
      });
      log(
        `${scenario.name.padEnd(20)} API ${apiResult.rps} req/s p50 ${apiResult.p50} p95 ${apiResult.p95} p99 ${apiResult.p99} ms, ` +
          `errors ${apiResult.errors} | SQL ${baselineResult.rps} req/s p50 ${baselineResult.p50} p95 ${baselineResult.p95} ms | ` +
          `p50 x${Math.round((apiResult.p50 / baselineResult.p50) * 100) / 100}`,
      );
      if (apiResult.errorSamples.length) log(`  first error: ${apiResult.errorSamples[0]}`);
    }
    report.notes.push(`API RSS after the load: ${api.rssMb()} MB`);
  } finally {
    baseline.kill('SIGTERM');
    await api.stop();
  }

  log("counting SQL statements per request (in-process platform with the tests' QueryCounter)");
  const sqlCounts = await countQueries(scenarios, ctx, {
    databaseUrl: BENCH_DATABASE_URL,
    port: options.apiPort + 2,
    jwtSecret,
  });
  for (const result of report.scenarios) {
    result.sqlPerRequest = sqlCounts[result.name];
    Object.assign(
      result,
      judge(result.name, result.kind, result.api, result.baseline, options.connections, result.sqlPerRequest),
    );
  }
  log(`SQL per request: ${JSON.stringify(sqlCounts)}`);

  if (!options.skipReminders) {
    try {
      report.reminders = await measureReminders({ databaseUrl: BENCH_DATABASE_URL, count: options.reminders, log });
    } catch (error) {
      report.notes.push(`reminder throughput not measured: ${(error as Error).message}`);
      log(`reminder throughput not measured: ${(error as Error).message}`);
    }
  }
  report.finishedAt = new Date().toISOString();
  report.machine.loadAverage = {
    start: report.machine.loadAverage?.start ?? 0,
    end: Math.round(loadavg()[0] * 100) / 100,
  };
  await pool.end();

  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${options.out}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(dir, `${options.out}.md`), renderMarkdown(report));
  log(`results written to bench/results/${options.out}.md and ${options.out}.json`);
  // The in-process platform (query counts) leaves BullMQ/ioredis handles behind; the run is over.
  process.exit(0);
}

main().catch((error) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
