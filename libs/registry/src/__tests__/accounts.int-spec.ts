import { PlatformRole } from '@coord/core';
import { eventually, expectError, MailSink, TestApp, TestWorker } from '@coord/testing';
import { RegistryFixtures } from './registry-fixtures';

const INVITE = `mutation($personId: ID!, $role: PlatformRole) {
  inviteUser(personId: $personId, platformRole: $role) { id email platformRole active lastSignInAt }
}`;
const ACCEPT = `mutation($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password) { accessToken refreshToken user { id email lastSignInAt } }
}`;
const REQUEST_RESET = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation($token: String!, $newPassword: String!) {
  resetPassword(token: $token, newPassword: $newPassword) { accessToken refreshToken }
}`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { refreshToken accessToken } }`;
const SET_ACTIVE = `mutation($id: ID!, $active: Boolean!) { setUserActive(userId: $id, active: $active) { id active } }`;

/**
 * Issue 15: invitations, password reset, the password policy and deactivation, through the API, the real worker
 * (which sends the account mails from their outbox) and an SMTP sink.
 */
describe('accounts: invitations, password reset, policy and deactivation', () => {
  let t: TestApp;
  let worker: TestWorker;
  let f: RegistryFixtures;
  let admin: { id: string; token: string };
  const mail = new MailSink();

  beforeAll(async () => {
    const smtpUrl = await mail.start();
    t = await TestApp.create({
      SMTP_URL: smtpUrl,
      OUTBOX_POLL_MS: '100',
      PUBLIC_URL: 'https://coord.example.org',
      LOGIN_RATE_LIMIT: '100000',
      LOGIN_RATE_LIMIT_PER_IP: '100000',
    });
    worker = await TestWorker.create(t.config);
    f = new RegistryFixtures(t);
    admin = await t.signIn();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await mail.stop();
  });

  /** The token of the newest mail to `email` whose link has `path`, waiting for it. */
  async function linkTokenFor(email: string, path: string, after = 0): Promise<string> {
    const found = await eventually(() => {
      const m = mail.mails.filter((x) => x.to.includes(email) && x.text.includes(path)).slice(after);
      if (!m.length) throw new Error(`no mail with ${path} to ${email} yet`);
      return m[m.length - 1];
    });
    const match = new RegExp(`https://coord\\.example\\.org${path}\\?token=([A-Za-z0-9_-]+)`).exec(found.text);
    expect(match).not.toBeNull();
    return match![1];
  }
  const mailCount = (email: string, path: string) =>
    mail.mails.filter((x) => x.to.includes(email) && x.text.includes(path)).length;

  it('invites a person by mail; the link works once, signs in, and the token is stored only as a hash', async () => {
    const personId = await f.person({ fullName: 'Amina Focal', email: 'amina.focal@example.org' });
    const invited = await t.gql(INVITE, { personId }, admin.token);
    expect(invited.errors).toBeUndefined();
    expect(invited.data.inviteUser).toMatchObject({
      email: 'amina.focal@example.org',
      active: true,
      lastSignInAt: null,
    });
    const token = await linkTokenFor('amina.focal@example.org', '/accept-invitation');
    const stored = await t.dataSource.query(`SELECT token_hash FROM account_tokens WHERE user_id = $1`, [
      invited.data.inviteUser.id,
    ]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const sealed = await t.dataSource.query(`SELECT sealed FROM account_mails WHERE user_id = $1`, [
      invited.data.inviteUser.id,
    ]);
    expect(sealed[0].sealed).toBeNull(); // erased once sent

    const weak = await t.gql(ACCEPT, { token, password: 'password123456' });
    expectError(weak, 'BAD_USER_INPUT', /password is one of the most common passwords/);
    expect(weak.errors![0].extensions!.field).toBe('password');

    const accepted = await t.gql(ACCEPT, { token, password: 'blue lantern harbour 42' });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.acceptInvitation.user.lastSignInAt).toBeTruthy();
    const me = await t.gql(`{ me { email } }`, {}, accepted.data.acceptInvitation.accessToken);
    expect(me.data.me.email).toBe('amina.focal@example.org');
    // Accepting is the invited sign-in's own act, and so is the sign-in that follows, with the request's id.
    const audit = await t.dataSource.query(
      `SELECT action, actor_user_id, request_id IS NOT NULL AS has_request FROM audit_events
        WHERE action IN ('user.acceptInvitation', 'auth.login') AND entity_id = $1 ORDER BY action`,
      [invited.data.inviteUser.id],
    );
    expect(audit).toEqual([
      { action: 'auth.login', actor_user_id: invited.data.inviteUser.id, has_request: true },
      { action: 'user.acceptInvitation', actor_user_id: invited.data.inviteUser.id, has_request: true },
    ]);
    await t.login('amina.focal@example.org', 'blue lantern harbour 42');

    const again = await t.gql(ACCEPT, { token, password: 'another fine passphrase' });
    expectError(again, 'BAD_USER_INPUT', /already used, replaced by a newer one, or has expired/);
    expectError(await t.gql(INVITE, { personId }, admin.token), 'CONFLICT', /already has a sign-in/);
  });

  it('refuses an expired invitation link, and a second invitation voids the first', async () => {
    const personId = await f.person({ email: 'twice@example.org' });
    const first = await t.gql(INVITE, { personId }, admin.token);
    const firstToken = await linkTokenFor('twice@example.org', '/accept-invitation');
    await t.gql(INVITE, { personId }, admin.token);
    const secondToken = await linkTokenFor('twice@example.org', '/accept-invitation', 1);
    expect(secondToken).not.toBe(firstToken);
    expectError(await t.gql(ACCEPT, { token: firstToken, password: 'blue lantern harbour 42' }), 'BAD_USER_INPUT');

    await t.dataSource.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      first.data.inviteUser.id,
    ]);
    expectError(
      await t.gql(ACCEPT, { token: secondToken, password: 'blue lantern harbour 42' }),
      'BAD_USER_INPUT',
      /has expired/,
    );
    // A deactivated sign-in is not brought back by an invitation.
    await t.gql(SET_ACTIVE, { id: first.data.inviteUser.id, active: false }, admin.token);
    expectError(await t.gql(INVITE, { personId }, admin.token), 'CONFLICT', /deactivated/);
    await t.gql(SET_ACTIVE, { id: first.data.inviteUser.id, active: true }, admin.token);
  });

  it('refuses to invite a person without an email, saying so', async () => {
    const [row] = await t.dataSource.query(`INSERT INTO people (full_name) VALUES ('No Mail') RETURNING id`);
    const res = await t.gql(INVITE, { personId: row.id }, admin.token);
    const error = expectError(res, 'BAD_USER_INPUT', /has no email address/);
    expect(error.extensions!.field).toBe('personId');
    expect(await t.dataSource.query(`SELECT 1 FROM users WHERE person_id = $1`, [row.id])).toHaveLength(0);
  });

  it('lets the secretariat of a body the person sits on invite them (as USER only), and nobody else', async () => {
    const org = await f.organization();
    const body = await f.body();
    const secretariatPerson = await f.person({ organizationId: org });
    await f.membership(body, secretariatPerson, org, 'SECRETARIAT');
    const member = await f.person({ organizationId: org, email: 'member.invite@example.org' });
    await f.membership(body, member, org, 'MEMBER');
    const outsider = await f.person({ organizationId: org, email: 'outsider.invite@example.org' });
    const secretariat = await t.signIn({ role: PlatformRole.USER, personId: secretariatPerson });
    const plain = await t.signIn({ role: PlatformRole.USER });

    expectError(await t.gql(INVITE, { personId: member }, plain.token), 'FORBIDDEN');
    expectError(await t.gql(INVITE, { personId: outsider }, secretariat.token), 'FORBIDDEN');
    expectError(await t.gql(INVITE, { personId: member, role: 'ADMIN' }, secretariat.token), 'FORBIDDEN');
    const ok = await t.gql(INVITE, { personId: member }, secretariat.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.inviteUser.platformRole).toBe('USER');
    const audit = await t.dataSource.query(
      `SELECT actor_user_id FROM audit_events WHERE action = 'user.invite' AND entity_id = $1`,
      [ok.data.inviteUser.id],
    );
    expect(audit).toEqual([{ actor_user_id: secretariat.id }]);
  });

  it('answers a reset request for an unknown and a known email the same; the reset revokes refresh tokens', async () => {
    const user = await t.createUser({ email: 'forgetful@example.org' });
    const session = (await t.gql(LOGIN, { email: user.email, password: user.password })).data.login;
    const unknown = await t.gql(REQUEST_RESET, { email: 'nobody-here@example.org' });
    const known = await t.gql(REQUEST_RESET, { email: 'Forgetful@example.org' });
    expect(unknown.body).toEqual({ data: { requestPasswordReset: true } });
    expect(known.body).toEqual({ data: { requestPasswordReset: true } });

    const token = await linkTokenFor('forgetful@example.org', '/reset-password');
    expect(mailCount('nobody-here@example.org', '/reset-password')).toBe(0);
    expectError(
      await t.gql(RESET, { token, newPassword: 'forgetful@example.org' }),
      'BAD_USER_INPUT',
      /newPassword must not be your email address/,
    );
    const reset = await t.gql(RESET, { token, newPassword: 'a much better phrase 77' });
    expect(reset.errors).toBeUndefined();
    expectError(await t.gql(REFRESH, { t: session.refreshToken }), 'UNAUTHENTICATED');
    expect((await t.gql(REFRESH, { t: reset.data.resetPassword.refreshToken })).errors).toBeUndefined();
    await t.login(user.email, 'a much better phrase 77');
    expectError(await t.gql(RESET, { token, newPassword: 'yet another phrase 99' }), 'BAD_USER_INPUT');
  });

  it('takes the same time to answer a reset request for a known and an unknown email', async () => {
    const user = await t.createUser({ email: 'timing@example.org' });
    const time = async (email: string) => {
      const start = process.hrtime.bigint();
      await t.gql(REQUEST_RESET, { email });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) await time(`warm-up-${i}@example.org`);
    // Interleaved, alternating which goes first, so that load on a shared machine falls on both alike.
    for (let i = 0; i < 25; i++) {
      if (i % 2) {
        known.push(await time(user.email));
        unknown.push(await time(`unknown-${i}@example.org`));
      } else {
        unknown.push(await time(`unknown-${i}@example.org`));
        known.push(await time(user.email));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // The same statement either way: the medians differ by noise only (a few milliseconds on a shared machine).
    const [k, u] = [median(known), median(unknown)];
    expect({ k, u, close: Math.abs(k - u) < Math.max(10, 0.5 * Math.min(k, u)) }).toMatchObject({ close: true });
  });

  it('applies the policy to createUser: refuses password123456 and the email, naming the rule', async () => {
    const create = `mutation($email: String!, $password: String!) { createUser(email: $email, password: $password) { id } }`;
    expectError(
      await t.gql(create, { email: 'policy@example.org', password: 'password123456' }, admin.token),
      'BAD_USER_INPUT',
      'password is one of the most common passwords',
    );
    expectError(
      await t.gql(create, { email: 'policy@example.org', password: 'policy@example.org' }, admin.token),
      'BAD_USER_INPUT',
      'password must not be your email address',
    );
    expectError(
      await t.gql(create, { email: 'policy@example.org', password: 'aaaaaaaaaaaa' }, admin.token),
      'BAD_USER_INPUT',
      'too few different characters',
    );
    expect(await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'policy@example.org'`)).toHaveLength(0);
  });

  it('deactivation refuses sign-in, revokes refresh tokens and stops a live access token at its next request', async () => {
    const user = await t.createUser();
    const session = (await t.gql(LOGIN, { email: user.email, password: user.password })).data.login;
    const plain = await t.signIn({ role: PlatformRole.USER });
    expectError(await t.gql(SET_ACTIVE, { id: user.id, active: false }, plain.token), 'FORBIDDEN');

    // The access guard already loads the user row per request: deactivation adds no query to it.
    const before = await t.countQueries(() => t.gql(`{ me { id } }`, {}, session.accessToken));
    const res = await t.gql(SET_ACTIVE, { id: user.id, active: false }, admin.token);
    expect(res.data.setUserActive).toEqual({ id: user.id, active: false });
    // me is public: the token no longer identifies anyone.
    expect((await t.gql(`{ me { id } }`, {}, session.accessToken)).data.me).toBeNull();
    expectError(
      await t.gql(`mutation { updateMyPreferences(input: { locale: "fr" }) { id } }`, {}, session.accessToken),
      'UNAUTHENTICATED',
    );
    expectError(await t.gql(REFRESH, { t: session.refreshToken }), 'UNAUTHENTICATED');
    expectError(await t.gql(LOGIN, { email: user.email, password: user.password }), 'UNAUTHENTICATED');
    expect(before).toBeLessThanOrEqual(3);

    await t.gql(SET_ACTIVE, { id: user.id, active: true }, admin.token);
    await t.login(user.email, user.password);
    expectError(await t.gql(SET_ACTIVE, { id: admin.id, active: false }, admin.token), 'BAD_USER_INPUT', /your own/);
  });

  it('lists sign-ins for admins only, searched by email or name, in a constant number of queries', async () => {
    const org = await f.organization();
    for (let i = 0; i < 3; i++) {
      const personId = await f.person({
        fullName: `Zawadi Listed ${i}`,
        email: `listed${i}@example.org`,
        organizationId: org,
      });
      await t.createUser({ email: `listed${i}@example.org`, personId });
    }
    const USERS = `query($s: String, $first: Int) { users(search: $s, first: $first) { totalCount edges { node { email active person { fullName } } } } }`;
    const plain = await t.signIn({ role: PlatformRole.USER });
    expectError(await t.gql(USERS, { s: 'listed' }, plain.token), 'FORBIDDEN');
    const byName = await t.gql(USERS, { s: 'zawadi' }, admin.token);
    expect(byName.data.users.totalCount).toBe(3);
    expect(byName.data.users.edges.map((e: any) => e.node.email)).toEqual([
      'listed0@example.org',
      'listed1@example.org',
      'listed2@example.org',
    ]);
    const one = await t.countQueries(() => t.gql(USERS, { s: 'listed', first: 1 }, admin.token));
    const three = await t.countQueries(() => t.gql(USERS, { s: 'listed', first: 3 }, admin.token));
    expect(three).toBe(one);
  });

  it('updates only the preferences given and refuses an unknown locale', async () => {
    const user = await t.signIn({ role: PlatformRole.USER });
    const UPDATE = `mutation($input: PreferencesInput!) { updateMyPreferences(input: $input) { locale emailDelivery } }`;
    const bad = await t.gql(UPDATE, { input: { locale: 'xx' } }, user.token);
    expectError(bad, 'BAD_USER_INPUT', /input.locale must be one of en, sw, fr, es, ar, pt/);
    const a = await t.gql(UPDATE, { input: { emailDelivery: 'DAILY_DIGEST' } }, user.token);
    expect(a.data.updateMyPreferences).toEqual({ locale: 'en', emailDelivery: 'DAILY_DIGEST' });
    const b = await t.gql(UPDATE, { input: { locale: 'sw' } }, user.token);
    expect(b.data.updateMyPreferences).toEqual({ locale: 'sw', emailDelivery: 'DAILY_DIGEST' });
    const audit = await t.dataSource.query(
      `SELECT changes FROM audit_events WHERE action = 'user.updatePreferences' AND entity_id = $1 ORDER BY at`,
      [user.id],
    );
    expect(audit.map((a: any) => a.changes)).toEqual([
      { emailDelivery: ['IMMEDIATE', 'DAILY_DIGEST'] },
      { locale: ['en', 'sw'] },
    ]);
  });
});
