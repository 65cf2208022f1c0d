/**
 * The raw-SQL baseline as a tiny HTTP server: POST /<scenario> runs that scenario's one hand-written statement
 * through a `pg` pool of the same size as the API's (10) and returns its JSON. It runs in its own process, like
 * the API, so that both are driven by the same autocannon settings and pay the same HTTP and JSON costs.
 *
 * Usage (started by bench/bench.ts): node scripts/run.js bench/baseline-server.ts <port> <context.json>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { BENCH_DATABASE_URL } from './fixtures';
import { BenchContext, SCENARIOS } from './scenarios';

const [, , portArg, contextFile] = process.argv;
const ctx = JSON.parse(readFileSync(contextFile, 'utf8')) as BenchContext;
const pool = new Pool({
  connectionString: BENCH_DATABASE_URL,
  max: 10,
  application_name: 'coord-bench-baseline',
  // As the platform's own connections (libs/core/src/database/data-source.ts): the same planner settings.
  options: '-c jit=off',
});
const counters = new Map<string, number>();

createServer((req, res) => {
  const scenario = SCENARIOS.find((s) => `/${s.name}` === req.url);
  req.resume();
  if (!scenario) {
    res.writeHead(404).end('{"errors":[{"message":"unknown scenario"}]}');
    return;
  }
  const i = counters.get(scenario.name) ?? 0;
  counters.set(scenario.name, i + 1);
  const { sql, params } = scenario.baseline(ctx, i);
  pool
    .query(sql, params)
    .then((result) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: result.rows[0] ?? null }));
    })
    .catch((error: Error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: error.message }] }));
    });
}).listen(Number(portArg), '127.0.0.1', () => console.log(`baseline ready on ${portArg}`));
