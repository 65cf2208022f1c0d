/**
 * `npm run soak [-- --duration 300 --connections 200 --think-ms 0 --api-processes 2]`: 200 concurrent clients for 5 minutes of
 * mixed reads and writes against the API on the seed:scale data set. `--think-ms T`: each client waits about T
 * ms after an answer before its next request (people reading a page); 0 = closed loop (autocannon).
 * Each request picks an operation of bench/scenarios.ts by weight (reads 85 %, writes 15 %), with the
 * scenario's sign-in. Expected: zero errors, and the API's memory flat (RSS sampled every 10 s; start, end
 * and peak reported). Appends its summary line to bench/results/soak.md and writes bench/results/soak.json.
 */
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { numberFlag, readFlags } from './args';
import { BENCH_DATABASE_URL, BENCH_PASSWORD, BENCH_USERS } from './fixtures';
import { drive, driveWithThinkTime } from './load';
import { login, ROOT, startApi } from './processes';
import { BenchContext, loadContext, SCENARIOS } from './scenarios';

/** Relative weight of each operation in the mix. */
const MIX: Record<string, number> = {
  bodyPage: 25,
  nationalOverdue: 20,
  myActionItems: 30,
  commitmentProgress: 10,
  scheduleMeeting: 3,
  createActionItem: 6,
  reportProgress: 6,
};

const USAGE =
  'usage: npm run soak -- [--duration S (300)] [--connections N (200)] [--think-ms T (0)] [--port P] [--api-processes N]';

function parseArgs(argv: string[]) {
  const values = readFlags(
    argv,
    {
      duration: { type: 'string' },
      connections: { type: 'string' },
      port: { type: 'string' },
      'think-ms': { type: 'string' },
      'api-processes': { type: 'string' },
    },
    USAGE,
  );
  return {
    duration: numberFlag(values, 'duration', 300),
    connections: numberFlag(values, 'connections', 200),
    port: numberFlag(values, 'port', 3210),
    thinkMs: numberFlag(values, 'think-ms', 0),
    apiProcesses: numberFlag(values, 'api-processes', 2),
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.log(`[soak] ${line}`);
  const pool = new Pool({ connectionString: BENCH_DATABASE_URL, max: 2 });
  const api = await startApi({
    databaseUrl: BENCH_DATABASE_URL,
    port: options.port,
    redisPrefix: 'bench-soak',
    extra: { API_PROCESSES: String(options.apiProcesses) },
  });
  const samples: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const tokens = {
      admin: await login(api.url, BENCH_USERS.admin, BENCH_PASSWORD),
      secretariat: await login(api.url, BENCH_USERS.secretariat, BENCH_PASSWORD),
      focalPoint: await login(api.url, BENCH_USERS.focalPoint, BENCH_PASSWORD),
    };
    const ctx: BenchContext = { ...(await loadContext(pool)), tokens };
    // A deterministic weighted sequence: request i runs deck[i % deck.length].
    const deck = SCENARIOS.flatMap((s) => Array.from({ length: MIX[s.name] ?? 0 }, () => s));
    for (let i = deck.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [deck[i], deck[j]] = [deck[j], deck[i]];
    }
    // Request numbers start far from the benchmark's, so the soak's meetings never coincide with them.
    const offset = 1_000_000;
    const rssStart = api.rssMb();
    samples.push(rssStart);
    timer = setInterval(() => samples.push(api.rssMb()), 10_000);
    log(`${options.connections} connections for ${options.duration} s; API RSS at start ${rssStart} MB`);
    const load =
      options.thinkMs > 0
        ? (o: Parameters<typeof drive>[0]) => driveWithThinkTime({ ...o, thinkMs: options.thinkMs })
        : drive;
    const result = await load({
      url: api.url,
      connections: options.connections,
      durationSeconds: options.duration,
      body: (i) => {
        const s = deck[i % deck.length];
        return JSON.stringify({ query: s.query, variables: s.variables(ctx, offset + i) });
      },
      headersFor: (i) => ({ authorization: `Bearer ${ctx.tokens[deck[i % deck.length].token]}` }),
    });
    clearInterval(timer);
    const rssEnd = api.rssMb();
    samples.push(rssEnd);
    const summary = {
      at: new Date().toISOString(),
      connections: options.connections,
      apiProcesses: options.apiProcesses,
      thinkMs: options.thinkMs || 'none (closed loop)',
      durationSeconds: result.durationSeconds,
      requests: result.requests,
      rps: result.rps,
      p50: result.p50,
      p95: result.p95,
      p99: result.p99,
      max: result.max,
      errors: result.errors,
      rssStartMb: rssStart,
      rssEndMb: rssEnd,
      rssPeakMb: Math.max(...samples),
      rssSamplesMb: samples,
      mix: MIX,
      database: (await pool.query(`SELECT count(*)::int AS action_items FROM action_items`)).rows[0],
      errorSamples: result.errorSamples,
    };
    const line =
      `${summary.at.slice(0, 16).replace('T', ' ')} UTC | ${summary.connections} connections, ` +
      `${options.apiProcesses} API process(es) ` +
      `(${options.thinkMs ? `think time ~${options.thinkMs} ms` : 'closed loop, no think time'}) | ` +
      `${summary.durationSeconds} s | ${summary.requests} requests | ${summary.rps} req/s | ` +
      `p50 ${summary.p50} p95 ${summary.p95} p99 ${summary.p99} max ${summary.max} ms | errors ${summary.errors} | ` +
      `RSS ${rssStart} -> ${rssEnd} MB (peak ${summary.rssPeakMb}) | ${summary.errors === 0 ? 'PASS' : 'FAIL'}`;
    log(line);
    if (result.errorSamples.length) log(`first error: ${result.errorSamples[0]}`);
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const md = join(dir, 'soak.md');
    if (!existsSync(md)) {
      appendFileSync(md, '# Soak runs (npm run soak)\n\nMixed reads and writes; see bench/README.md.\n\n');
    }
    appendFileSync(md, `- ${line}\n`);
    writeFileSync(join(dir, 'soak.json'), JSON.stringify(summary, null, 2) + '\n');
    process.exitCode = summary.errors === 0 ? 0 : 1;
  } finally {
    if (timer) clearInterval(timer);
    await api.stop();
    await pool.end();
  }
}

main().catch((error) => {
  console.error(`[soak] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
