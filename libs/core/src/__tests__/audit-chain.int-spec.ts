import { PlatformRole } from '@coord/core';
import { expectError, TestApp } from '@coord/testing';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const VERIFY = `{ verifyAuditLog { events valid firstInvalidEventId } }`;
const PREFS = `mutation($locale: String) { updateMyPreferences(input: { locale: $locale }) { locale } }`;

/**
 * Issue 15: the audit log's hash chain. Events are chained at commit; verifyAuditLog (and npm run audit:verify)
 * recompute the chain and name the first event that was edited, deleted or slipped in outside the chain.
 */
describe('tamper-evident audit log', () => {
  let t: TestApp;
  let admin: { id: string; token: string };

  beforeAll(async () => {
    t = await TestApp.create();
    admin = await t.signIn();
  });
  afterAll(() => t.close());

  /** Runs `sql` on audit_events with its append-only trigger disabled (as a tamperer with superuser rights would). */
  const tamper = (sql: string, params: unknown[] = []) =>
    t.dataSource.transaction(async (em) => {
      await em.query(`ALTER TABLE audit_events DISABLE TRIGGER tr_audit_events_append_only`);
      await em.query(sql, params);
      await em.query(`ALTER TABLE audit_events ENABLE TRIGGER tr_audit_events_append_only`);
    });
  const events = async (n: number) => {
    const user = await t.signIn({ role: PlatformRole.USER });
    for (let i = 0; i < n; i++) await t.gql(PREFS, { locale: i % 2 ? 'fr' : 'sw' }, user.token);
    return t.dataSource.query(
      `SELECT e.id, c.hash FROM audit_events e JOIN audit_chain c ON c.event_id = e.id
        WHERE e.entity_id = $1 AND e.action = 'user.updatePreferences' ORDER BY c.seq`,
      [user.id],
    );
  };

  it('chains every event in commit order, concurrent writers included, and finds the chain intact', async () => {
    await events(3);
    const users = await Promise.all([1, 2, 3, 4].map(() => t.signIn({ role: PlatformRole.USER })));
    await Promise.all(users.map((u) => t.gql(PREFS, { locale: 'es' }, u.token)));
    const res = await t.gql(VERIFY, {}, admin.token);
    expect(res.data.verifyAuditLog).toMatchObject({ valid: true, firstInvalidEventId: null });
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_events`);
    expect(res.data.verifyAuditLog.events).toBe(count);
    const gaps = await t.dataSource.query(`SELECT count(*)::int AS n, max(seq)::int AS top FROM audit_chain`);
    expect(gaps[0].n).toBe(gaps[0].top);
    const log = await t.gql(`{ auditLog(first: 3) { edges { node { id hash } } } }`, {}, admin.token);
    for (const edge of log.data.auditLog.edges) expect(edge.node.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is for admins only', async () => {
    const user = await t.signIn({ role: PlatformRole.USER });
    expectError(await t.gql(VERIFY, {}, user.token), 'FORBIDDEN');
  });

  it('names an event edited in SQL', async () => {
    const [, edited] = await events(3);
    await tamper(`UPDATE audit_events SET changes = '{"locale": ["en", "ar"]}' WHERE id = $1`, [edited.id]);
    const res = await t.gql(VERIFY, {}, admin.token);
    expect(res.data.verifyAuditLog).toMatchObject({ valid: false, firstInvalidEventId: edited.id });
    // Put back as it was: the chain is whole again.
    await tamper(`UPDATE audit_events SET changes = '{"locale": ["sw", "fr"]}' WHERE id = $1`, [edited.id]);
    expect((await t.gql(VERIFY, {}, admin.token)).data.verifyAuditLog.valid).toBe(true);
  });

  it('names a deleted event, and npm run audit:verify says so with a failing status', async () => {
    const [, deleted] = await events(3);
    await tamper(`DELETE FROM audit_events WHERE id = $1`, [deleted.id]);
    const res = await t.gql(VERIFY, {}, admin.token);
    expect(res.data.verifyAuditLog).toMatchObject({ valid: false, firstInvalidEventId: deleted.id });

    const cli = spawnSync(
      process.execPath,
      [join(__dirname, '../../../../scripts/run.js'), 'scripts/audit-verify.ts'],
      {
        cwd: join(__dirname, '../../../..'),
        env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: t.config.DATABASE_URL },
        encoding: 'utf8',
      },
    );
    expect(cli.stdout).toContain(`BROKEN at event ${deleted.id}`);
    expect(cli.status).toBe(1);
  });
});
