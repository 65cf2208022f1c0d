import { expectError, TestApp } from '@coord/testing';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { refreshToken } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const ME = `{ me { id } }`;

// Its own file: Passport strategies are process-wide, so one app per test file.
describe('refresh token rotation with a grace window (REFRESH_REUSE_GRACE_SECONDS)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create({ REFRESH_REUSE_GRACE_SECONDS: '2' });
  });
  afterAll(() => t.close());

  const signIn = async () => {
    const user = await t.createUser();
    return (await t.gql(LOGIN, { email: user.email, password: user.password })).data.login.refreshToken as string;
  };

  it('lets two tabs refresh with the same token at once, both staying signed in', async () => {
    const token = await signIn();
    const [a, b] = await Promise.all([t.gql(REFRESH, { t: token }), t.gql(REFRESH, { t: token })]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data.refreshToken.refreshToken).not.toBe(b.data.refreshToken.refreshToken);
    for (const pair of [a, b]) {
      expect((await t.gql(ME, {}, pair.data.refreshToken.accessToken)).data.me.id).toBeTruthy();
      expect((await t.gql(REFRESH, { t: pair.data.refreshToken.refreshToken })).errors).toBeUndefined();
    }
  });

  it('still revokes the sign-in when a spent token comes back after the grace window', async () => {
    const token = await signIn();
    const next = (await t.gql(REFRESH, { t: token })).data.refreshToken;
    await new Promise((resolve) => setTimeout(resolve, 2300));
    expectError(await t.gql(REFRESH, { t: token }), 'UNAUTHENTICATED', /already used/);
    expectError(await t.gql(REFRESH, { t: next.refreshToken }), 'UNAUTHENTICATED');
  });

  it('treats a spent token as reuse at once when the sign-in has moved on past it', async () => {
    const first = await signIn();
    const second = (await t.gql(REFRESH, { t: first })).data.refreshToken;
    const third = (await t.gql(REFRESH, { t: second.refreshToken })).data.refreshToken;
    expectError(await t.gql(REFRESH, { t: first }), 'UNAUTHENTICATED', /already used/);
    expectError(await t.gql(REFRESH, { t: third.refreshToken }), 'UNAUTHENTICATED');
  });
});
