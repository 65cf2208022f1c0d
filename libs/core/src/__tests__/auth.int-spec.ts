import { PlatformRole } from '@coord/core';
import { expectError, TestApp } from '@coord/testing';

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken expiresAt user { id email platformRole } }
}`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const CREATE_USER = `mutation($email: String!, $password: String!, $role: PlatformRole) {
  createUser(email: $email, password: $password, platformRole: $role) { id email platformRole }
}`;

describe('sign-in, tokens and the access guard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create({ LOGIN_RATE_LIMIT: '4' });
  });
  afterAll(() => t.close());

  it('signs in with the right password and the token is accepted by me', async () => {
    const user = await t.createUser({ email: 'Officer@Example.org' });
    const res = await t.gql(LOGIN, { email: 'officer@example.org', password: user.password });
    expect(res.errors).toBeUndefined();
    const { accessToken, expiresAt } = res.data.login;
    const ttl = new Date(expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    const me = await t.gql(`{ me { id email platformRole } }`, {}, accessToken);
    expect(me.data.me).toEqual({ id: user.id, email: 'officer@example.org', platformRole: 'USER' });
    // The sign-in is audited as the user's own act, with the request's id.
    const audit = await t.dataSource.query(
      `SELECT actor_user_id, request_id IS NOT NULL AS has_request FROM audit_events
        WHERE action = 'auth.login' AND entity_id = $1`,
      [user.id],
    );
    expect(audit).toEqual([{ actor_user_id: user.id, has_request: true }]);
  });

  it('gives the same message for an unknown email and for a wrong password', async () => {
    const user = await t.createUser();
    const wrongPassword = await t.gql(LOGIN, { email: user.email, password: 'not the password' });
    const unknownEmail = await t.gql(LOGIN, { email: 'nobody@example.org', password: 'whatever it is' });
    const a = expectError(wrongPassword, 'UNAUTHENTICATED');
    const b = expectError(unknownEmail, 'UNAUTHENTICATED');
    expect(a.message).toBe(b.message);
    expect(a.message).toBe('The email or password is wrong');
  });

  it('rotates refresh tokens and revokes the whole family when a spent one comes back', async () => {
    const user = await t.createUser();
    const first = (await t.gql(LOGIN, { email: user.email, password: user.password })).data.login;
    const second = (await t.gql(REFRESH, { t: first.refreshToken })).data.refreshToken;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = (await t.gql(REFRESH, { t: second.refreshToken })).data.refreshToken;
    expect(third.accessToken).toBeTruthy();

    // The first token was spent: presenting it again is reuse, and signs out the whole family.
    expectError(await t.gql(REFRESH, { t: first.refreshToken }), 'UNAUTHENTICATED', /already used/);
    expectError(await t.gql(REFRESH, { t: third.refreshToken }), 'UNAUTHENTICATED');
    const reuse = await t.dataSource.query(
      `SELECT actor_user_id FROM audit_events WHERE action = 'auth.refreshTokenReuse' AND entity_id = $1`,
      [user.id],
    );
    // Whoever presented it is unknown: the event names the token's sign-in.
    expect(reuse).toEqual([{ actor_user_id: user.id }]);
  });

  it('logout revokes the refresh token', async () => {
    const user = await t.createUser();
    const login = (await t.gql(LOGIN, { email: user.email, password: user.password })).data.login;
    const out = await t.gql(`mutation($t: String!) { logout(refreshToken: $t) }`, { t: login.refreshToken });
    expect(out.data.logout).toBe(true);
    expectError(await t.gql(REFRESH, { t: login.refreshToken }), 'UNAUTHENTICATED');
    // Signed out by the token alone (no access token): the event names the token's sign-in.
    const audit = await t.dataSource.query(
      `SELECT actor_user_id FROM audit_events WHERE action = 'auth.logout' AND entity_id = $1`,
      [user.id],
    );
    expect(audit).toEqual([{ actor_user_id: user.id }]);
  });

  it('rate limits sign-in attempts per email', async () => {
    const user = await t.createUser();
    const attempts = [];
    for (let i = 0; i < 6; i++) attempts.push(await t.gql(LOGIN, { email: user.email, password: 'wrong password' }));
    const codes = attempts.map((r) => r.errors?.[0]?.extensions?.code);
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('UNAUTHENTICATED'));
    const limited = attempts[5].errors![0];
    expect(limited.extensions?.code).toBe('FORBIDDEN');
    expect(limited.extensions?.reason).toBe('RATE_LIMITED');
    // Even the right password is refused while the limit holds.
    expectError(await t.gql(LOGIN, { email: user.email, password: user.password }), 'FORBIDDEN', /Too many attempts/);
  });

  it('refuses protected operations without a token, and with a garbage token', async () => {
    expectError(await t.gql(`{ auditLog { totalCount } }`), 'UNAUTHENTICATED');
    expectError(await t.gql(`{ auditLog { totalCount } }`, {}, 'not-a-jwt'), 'UNAUTHENTICATED');
  });

  it('lets only admins create users (FORBIDDEN for others)', async () => {
    const plain = await t.signIn({ role: PlatformRole.USER });
    const res = await t.gql(CREATE_USER, { email: 'new@example.org', password: 'a long enough password' }, plain.token);
    expectError(res, 'FORBIDDEN');
  });

  it('writes an audit event for createUser, and none when it fails', async () => {
    const admin = await t.signIn();
    const ok = await t.gql(
      CREATE_USER,
      { email: 'Focal.Point@Example.org', password: 'a long enough password' },
      admin.token,
    );
    expect(ok.data.createUser).toMatchObject({ email: 'focal.point@example.org', platformRole: 'USER' });
    const log = await t.gql(
      `query($id: ID!) { auditLog(entityType: "User", entityId: $id) { totalCount edges { node { action entityId changes actor { id } } } } }`,
      { id: ok.data.createUser.id },
      admin.token,
    );
    expect(log.data.auditLog.totalCount).toBe(1);
    const event = log.data.auditLog.edges[0].node;
    expect(event.action).toBe('user.create');
    expect(event.actor.id).toBe(admin.id);
    // The log records that an email was set, never the address: it outlives erasure (issue 22).
    expect(JSON.parse(event.changes).email).toEqual([null, '[personal data]']);
    expect(event.changes).not.toMatch(/focal\.point/);
    expect(event.changes).not.toMatch(/long enough/);

    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.create'`);
    const duplicate = await t.gql(
      CREATE_USER,
      { email: 'focal.point@example.org', password: 'a long enough password' },
      admin.token,
    );
    expectError(duplicate, 'CONFLICT', /already exists/);
    const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.create'`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('names the field for a malformed email and a short password', async () => {
    const admin = await t.signIn();
    const badEmail = await t.gql(
      CREATE_USER,
      { email: 'not-an-email', password: 'a long enough password' },
      admin.token,
    );
    const error = expectError(badEmail, 'BAD_USER_INPUT', /email must be an email address/);
    expect(error.extensions?.field).toBe('email');
    const shortPassword = await t.gql(CREATE_USER, { email: 'ok@example.org', password: 'short' }, admin.token);
    expect(
      expectError(shortPassword, 'BAD_USER_INPUT', /password must be at least 12 characters/).extensions?.field,
    ).toBe('password');
  });

  it('changes a password: the old one stops working and other sessions are signed out', async () => {
    const user = await t.createUser();
    const session = (await t.gql(LOGIN, { email: user.email, password: user.password })).data.login;
    const wrong = await t.gql(
      `mutation { changePassword(currentPassword: "nope nope nope", newPassword: "a brand new passphrase") }`,
      {},
      session.accessToken,
    );
    expectError(wrong, 'BAD_USER_INPUT', /currentPassword/);
    const ok = await t.gql(
      `mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "a brand new passphrase") }`,
      { c: user.password },
      session.accessToken,
    );
    expect(ok.data.changePassword).toBe(true);
    expectError(await t.gql(REFRESH, { t: session.refreshToken }), 'UNAUTHENTICATED');
    expectError(await t.gql(LOGIN, { email: user.email, password: user.password }), 'UNAUTHENTICATED');
    expect(
      (await t.gql(LOGIN, { email: user.email, password: 'a brand new passphrase' })).data.login.accessToken,
    ).toBeTruthy();
  });
});
