/**
 * Guard: the SQL statements each benchmarked operation sends (bench/scenarios.ts), on a small data set made by the
 * scale generator (scripts/seed-scale.ts at its minimum sizes) in this test's database. The counts are pinned:
 * a change that adds a statement fails here. A pin may go down freely; raising one needs the reason written next
 * to it. BEGIN/COMMIT are not counted (QueryCounter), as in bench/query-count.ts.
 *
 * BENCH_STATEMENTS=1 prints each operation's statements (to see what a change added).
 */
import { Pool } from 'pg';
import { TestApp } from '@coord/testing';
import { seedScale } from '../../../../scripts/seed-scale';
import { BENCH_PASSWORD, BENCH_USERS } from '../../../../bench/fixtures';
import { BenchContext, loadContext, SCENARIOS } from '../../../../bench/scenarios';

/** Statements per request. Lower a pin when a change saves one; never raise one without a reason here. */
const PINNED: Record<string, number> = {
  bodyPage: 18,
  nationalOverdue: 8,
  myActionItems: 5,
  commitmentProgress: 6,
  meetingRecord: 9,
  scheduleMeeting: 14,
  createActionItem: 15,
  reportProgress: 12,
};

describe('statements per benchmarked operation (bench/scenarios.ts)', () => {
  let app: TestApp;
  let ctx: BenchContext;

  beforeAll(async () => {
    app = await TestApp.create();
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await seedScale({ scale: 0.0001, url: app.db.url, keep: true });
    } finally {
      log.mockRestore();
    }
    const pool = new Pool({ connectionString: app.db.url, max: 1 });
    try {
      const tokens = {
        admin: await app.login(BENCH_USERS.admin, BENCH_PASSWORD),
        secretariat: await app.login(BENCH_USERS.secretariat, BENCH_PASSWORD),
        focalPoint: await app.login(BENCH_USERS.focalPoint, BENCH_PASSWORD),
      };
      ctx = { ...(await loadContext(pool)), tokens };
    } finally {
      await pool.end();
    }
  }, 120_000);

  afterAll(() => app?.close());

  it('pins a count for every scenario', () => {
    expect(Object.keys(PINNED).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (name, scenario) => {
    const token = ctx.tokens[scenario.token];
    // Warm once (first-use caches), then count the next request, as bench/query-count.ts does.
    const warm = await app.gql(scenario.query, scenario.variables(ctx, 50_000), token);
    expect(warm.errors).toBeUndefined();
    app.queries.reset();
    const res = await app.gql(scenario.query, scenario.variables(ctx, 50_001), token);
    expect(res.errors).toBeUndefined();
    const count = app.queries.count;
    if (process.env.BENCH_STATEMENTS) {
      console.log(`${name}: ${count}\n${app.queries.statements.map((s) => `  ${s.replace(/\s+/g, ' ')}`).join('\n')}`);
    }
    expect({ name, count }).toEqual({ name, count: PINNED[name] });
  });
});
