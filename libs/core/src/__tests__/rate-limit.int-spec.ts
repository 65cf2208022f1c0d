import { expectError, TestApp } from '@coord/testing';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;
const CHANGE_PASSWORD = `mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "a new long passphrase 2026") }`;

// Its own file: Passport strategies are process-wide, so one app per test file.
describe('rate limits (per account, atomic, failing closed)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create({ LOGIN_RATE_LIMIT: '4' });
  });
  afterAll(() => t.close());

  it('counts attempts sent at the same moment exactly: the limit lets through no more than it says', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => t.gql(LOGIN, { e: 'target@example.org', p: 'guess' })),
    );
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(4);
    expect(codes.filter((c) => c === 'FORBIDDEN')).toHaveLength(8);
  });

  it("limits changePassword's guesses of the current password per signed-in user", async () => {
    const user = await t.signIn({ role: 'USER' as never });
    const codes = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.gql(CHANGE_PASSWORD, { c: `wrong guess ${i}` }, user.token);
      codes.push(res.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'FORBIDDEN']);
    // Even the right password is refused until the window has passed.
    expectError(await t.gql(CHANGE_PASSWORD, { c: user.password }, user.token), 'FORBIDDEN', /Too many attempts/);
    // Another user is not affected.
    const other = await t.signIn({ role: 'USER' as never });
    const res = await t.gql(CHANGE_PASSWORD, { c: other.password }, other.token);
    expect(res.errors).toBeUndefined();
  });

  it('refuses with a retryable SERVICE_UNAVAILABLE when Redis cannot count the attempt', async () => {
    const user = await t.createUser();
    const token = await t.login(user.email, user.password);
    const redis = t.app.get((await import('@coord/core')).RedisClient);
    redis.client.disconnect();
    try {
      for (const res of [
        await t.gql(LOGIN, { e: user.email, p: user.password }),
        await t.gql(CHANGE_PASSWORD, { c: user.password }, token),
      ]) {
        const error = expectError(res, 'SERVICE_UNAVAILABLE', /try again in a few seconds/);
        expect(error.extensions?.retryable).toBe(true);
      }
    } finally {
      await redis.client.connect().catch(() => undefined);
    }
    expect((await t.gql(LOGIN, { e: user.email, p: user.password })).errors).toBeUndefined();
  });
});
