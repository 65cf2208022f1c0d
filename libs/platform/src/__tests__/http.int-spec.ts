import { expectError, TestApp } from '@coord/testing';

describe('HTTP surface: health, IDE, hardening, limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create({ GRAPHQL_MAX_DEPTH: '4' });
  });
  afterAll(() => t.close());

  it('reports PostgreSQL and Redis in /health to an admin', async () => {
    const admin = await t.signIn();
    const res = await t.http.get('/health').set('authorization', `Bearer ${admin.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'up',
      redis: 'up',
      reminders: {
        queue: { depth: 0, waiting: 0, delayed: 0, active: 0, failed: 0 },
        outboxPending: 0,
      },
    });
  });

  it('serves a GraphQL IDE whose scripts all come from this server', async () => {
    const page = await t.http.get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="graphiql">');
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const src of sources) {
      expect(src.startsWith('/')).toBe(true); // no CDN
      const asset = await t.http.get(src);
      expect(asset.status).toBe(200);
    }
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('sets security headers and a request id', async () => {
    const res = await t.http.get('/health').set('x-request-id', 'abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses a simple cross-site request (CSRF prevention)', async () => {
    const res = await t.http.get('/graphql?query=%7B__typename%7D');
    expect(res.status).toBe(400);
  });

  it('rejects a query nested deeper than the limit', async () => {
    const res = await t.gql(`{ auditLog { edges { node { actor { email } } } } }`);
    expectError(res, 'GRAPHQL_VALIDATION_FAILED', /nested too deeply/);
  });

  it('rejects too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: frameworkTargets { code }`).join(' ');
    expectError(await t.gql(`{ ${aliases} }`), 'GRAPHQL_VALIDATION_FAILED', /too many aliases/);
  });

  it('refuses aliases that multiply a hierarchy-wide report', async () => {
    const reports = Array.from({ length: 4 }, (_, i) => `r${i}: commitmentProgress(groupBy: BODY) { key }`).join(' ');
    expectError(await t.gql(`{ ${reports} }`), 'GRAPHQL_VALIDATION_FAILED', /too many reports/);
    const fine = await t.gql(
      `{ a: commitmentProgress(groupBy: BODY) { key } b: commitmentProgress(groupBy: OWNER_SECTOR) { key } }`,
    );
    expect(fine.errors).toBeUndefined();
  });

  it('rejects a request body over the size limit', async () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const res = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: `{ me { id } }`, variables: { huge } });
    expect(res.status).toBe(413);
  });

  it("answers syntax errors and unknown fields with Apollo's codes, bad variables with BAD_USER_INPUT", async () => {
    expectError(await t.gql(`{ me { id `), 'GRAPHQL_PARSE_FAILED');
    expectError(await t.gql(`{ noSuchField }`), 'GRAPHQL_VALIDATION_FAILED');
    expectError(
      await t.gql(`query($n: Int) { organizations(first: $n) { totalCount } }`, { n: 'many' }),
      'BAD_USER_INPUT',
    );
  });

  it('serves the framework catalogue to anyone', async () => {
    const res = await t.gql(`{ frameworkTargets(framework: "SDG") { code framework title } }`);
    expect(res.data.frameworkTargets.map((x: { code: string }) => x.code)).toContain('SDG-10.7.2');
    const all = await t.gql(`{ frameworkTargets { code } }`);
    expect(all.data.frameworkTargets.length).toBe(44);
  });
});
