import { TestApp } from '@coord/testing';

// Its own file: Passport strategies are process-wide, so one app per test file.
describe('sign-in rate limit per IP address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create({ LOGIN_RATE_LIMIT_PER_IP: '3' });
  });
  afterAll(() => t.close());

  it('refuses the attempt past the limit from one address, whatever the email', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.gql(`mutation($e: String!) { login(email: $e, password: "x") { accessToken } }`, {
        e: `someone${i}@example.org`,
      });
      codes.push(res.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'FORBIDDEN']);
  });
});
