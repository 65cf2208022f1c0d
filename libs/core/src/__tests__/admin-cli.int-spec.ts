import { expectError, TestApp } from '@coord/testing';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');

/** Issue 15: npm run admin (create-admin, reset-password, deactivate), run as an operator would, from the sources. */
describe('the admin command line', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create({ LOGIN_RATE_LIMIT: '1000' });
  });
  afterAll(() => t.close());

  const admin = (args: string[], input?: string) =>
    spawnSync(process.execPath, [join(root, 'scripts/admin.js'), ...args], {
      cwd: root,
      input,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: t.config.DATABASE_URL, ADMIN_CLI_FROM: 'sources' },
      encoding: 'utf8',
    });

  it('creates the first admin with the password from standard input, who then signs in', async () => {
    const created = admin(['create-admin', '--email', 'First.Admin@example.org'], 'quiet river lantern 2031\n');
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('created the platform admin first.admin@example.org');
    expect(created.status).toBe(0);
    const token = await t.login('first.admin@example.org', 'quiet river lantern 2031');
    const me = await t.gql(`{ me { platformRole } }`, {}, token);
    expect(me.data.me.platformRole).toBe('ADMIN');
    // Audited as done by nobody signed in, without the email in clear (issue 22: no personal values in changes).
    const audit = await t.dataSource.query(
      `SELECT e.actor_user_id, e.changes::text LIKE '%first.admin%' AS holds_email
       FROM audit_events e JOIN users u ON u.id = e.entity_id
       WHERE e.action = 'user.create' AND u.email = 'first.admin@example.org'`,
    );
    expect(audit).toEqual([{ actor_user_id: null, holds_email: false }]);
    // A second create for the same email is refused.
    expect(admin(['create-admin', '--email', 'first.admin@example.org'], 'quiet river lantern 2031\n').status).toBe(2);
  });

  it('never takes the password from the command line, and applies the password policy', () => {
    const argv = admin(['create-admin', '--email', 'x@example.org', '--password', 'quiet river lantern 2031']);
    expect(argv.status).toBe(2);
    expect(argv.stderr).toContain('never given on the command line');
    const weak = admin(['create-admin', '--email', 'weak@example.org'], 'password123456\n');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('password is one of the most common passwords');
  });

  it('resets a password (signing sessions out) and deactivates a user', async () => {
    const user = await t.createUser({ email: 'operator.reset@example.org' });
    const session = await t.gql(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken accessToken } }`,
      { e: user.email, p: user.password },
    );
    const reset = admin(['reset-password', '--email', user.email], 'a fresh operator phrase 9\n');
    expect(reset.status).toBe(0);
    expectError(
      await t.gql(`mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`, {
        t: session.data.login.refreshToken,
      }),
      'UNAUTHENTICATED',
    );
    await t.login(user.email, 'a fresh operator phrase 9');

    const deactivated = admin(['deactivate', '--email', user.email]);
    expect(deactivated.status).toBe(0);
    expect((await t.gql(`{ me { id } }`, {}, session.data.login.accessToken)).data.me).toBeNull();
    expectError(
      await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
        e: user.email,
        p: 'a fresh operator phrase 9',
      }),
      'UNAUTHENTICATED',
    );
  });
});
