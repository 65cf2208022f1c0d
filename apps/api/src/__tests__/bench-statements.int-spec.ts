/**
 * Guard: the SQL statements each benchmarked operation sends (bench/scenarios.ts), on a small data set made by the
 * scale generator (scripts/seed-scale.ts at its minimum sizes) in this test's database. The counts are pinned:
 * a change that adds a statement fails here. A pin may go down freely; raising one needs the reason written next
 * to it. BEGIN/COMMIT are not counted (QueryCounter), as in bench/query-count.ts.
 *
 * BENCH_STATEMENTS=1 prints each operation's statements (to see what a change added).
 */
import { Pool } from 'pg';
import { verifyAuditChain } from '@coord/core';
import { TestApp } from '@coord/testing';
import { seedScale } from '../../../../scripts/seed-scale';
import { BENCH_PASSWORD, BENCH_USERS } from '../../../../bench/fixtures';
import { BenchContext, loadContext, SCENARIOS } from '../../../../bench/scenarios';

/** Statements per request. Lower a pin when a change saves one; never raise one without a reason here. */
const PINNED: Record<string, number> = {
  bodyPage: 17,
  nationalOverdue: 7,
  myActionItems: 5,
  commitmentProgress: 5,
  meetingRecord: 7,
  scheduleMeeting: 8, // 14 until the invitation joined the reminders' statement (meeting-reminders.ts); 13 until the authorization read the body and the roles in one statement (the request's memo), the body, members to invite and quorum facts were read in one, the agenda and participants written with RETURNING and the response primed with them (MeetingsService.schedule)
  createActionItem: 7, // 14 until body, owner and codes were read in one statement, the reminders written in one and the response primed with the rows read (ActionItemsService.create)
  reportProgress: 6, // 11 until the item was read with "answers for" and its version, and written with its trail entry in one statement (ActionItemsService.reportProgress)
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

  it('runs the platform without JIT compilation (0.3-0.6 s per list statement otherwise: bench/README.md)', async () => {
    const [{ jit }] = await app.dataSource.query('SHOW jit');
    expect(jit).toBe('off');
  });

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

  /** Rows per table, to compare what a request wrote. */
  const TABLES = [
    'meetings',
    'agenda_items',
    'meeting_participants',
    'action_items',
    'action_item_framework_targets',
    'action_updates',
    'audit_events',
    'audit_chain',
    'reminder_intents',
  ];
  async function rowCounts(pool: Pool): Promise<Record<string, number>> {
    const { rows } = await pool.query(
      `SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
    );
    return rows[0];
  }
  const delta = (before: Record<string, number>, after: Record<string, number>) =>
    Object.fromEntries(TABLES.map((t) => [t, after[t] - before[t]]).filter(([, n]) => n !== 0));

  it.each(SCENARIOS.filter((s) => s.kind === 'mutation').map((s) => [s.name, s] as const))(
    "%s: the fair baseline makes the API's writes in one statement",
    async (_name, scenario) => {
      const pool = new Pool({ connectionString: app.db.url, max: 1 });
      try {
        let before = await rowCounts(pool);
        const res = await app.gql(scenario.query, scenario.variables(ctx, 60_000), ctx.tokens[scenario.token]);
        expect(res.errors).toBeUndefined();
        const api = delta(before, await rowCounts(pool));
        before = await rowCounts(pool);
        const { sql, params } = scenario.baseline(ctx, 60_001);
        const result = await pool.query(sql, params);
        expect(Object.values(result.rows[0] ?? {})[0]).not.toBeNull();
        expect(delta(before, await rowCounts(pool))).toEqual(api);
        expect((await verifyAuditChain(app.dataSource)).valid).toBe(true);
      } finally {
        await pool.end();
      }
    },
  );
});
