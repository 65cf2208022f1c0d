import { TestApp } from '@coord/testing';

describe('web session routes: rate limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await TestApp.create({ LOGIN_RATE_LIMIT_PER_IP: '3' });
  });
  afterAll(() => limited.close());

  it('limits sign-ins and refreshes per IP address like the GraphQL mutations, not cookie-less page loads', async () => {
    const refresh = (cookie?: string) => {
      const req = limited.http.post('/auth/session/refresh').set('content-type', 'application/json');
      return (cookie ? req.set('cookie', cookie) : req).send({});
    };
    for (let i = 0; i < 5; i++) expect((await refresh()).status).toBe(204);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await refresh('coord_refresh=not-a-token')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const signIns: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await limited.http
        .post('/auth/session')
        .set('content-type', 'application/json')
        .send({ email: `someone-${i}@example.org`, password: 'x' });
      signIns.push(res.status);
      if (res.status === 429) expect(res.body.error.message).toMatch(/Too many attempts/);
    }
    expect(signIns).toEqual([401, 401, 401, 429]);
  });
});
