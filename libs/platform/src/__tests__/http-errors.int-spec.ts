import { expectError, TestApp } from '@coord/testing';
import { createHash } from 'node:crypto';

/** The JSON lines the app logged (pino), newest last. */
class LogLines {
  lines: Array<Record<string, any>> = [];
  write(line: string) {
    for (const part of line.split('\n').filter(Boolean)) this.lines.push(JSON.parse(part));
  }
  since(mark: number) {
    return this.lines.slice(mark);
  }
}

describe('HTTP and errors as a client sees them', () => {
  let t: TestApp;
  const logs = new LogLines();
  beforeAll(async () => {
    t = await TestApp.create(
      {
        LOG_LEVEL: 'debug',
        BODY_LIMIT: '10kb',
        CORS_ORIGINS: 'https://app.example.org, https://admin.example.org',
        GRAPHQL_INTROSPECTION: 'false',
        HEALTH_TOKEN: 'monitor-token-0123456789',
        TRUST_PROXY: '10.0.0.0/8',
      },
      { logStream: logs },
    );
  });
  afterAll(() => t.close());

  describe('request bodies the parser refuses', () => {
    it('answers malformed JSON with a GraphQL error carrying BAD_USER_INPUT and the request id', async () => {
      const res = await t.http
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('x-request-id', 'bad-json-1')
        .send('{"query": ');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        errors: [
          {
            message: 'The request body is not valid JSON',
            extensions: { code: 'BAD_USER_INPUT', requestId: 'bad-json-1' },
          },
        ],
      });
    });

    it('answers an oversized body with 413 and a message naming the limit', async () => {
      const res = await t.http
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: '{ me { id } }', variables: { huge: 'x'.repeat(20_000) } });
      expect(res.status).toBe(413);
      expect(res.body.errors[0].message).toBe('The request body is larger than the limit of 10kb');
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].extensions.requestId).toBe(res.headers['x-request-id']);
    });
  });

  describe('a bad access token', () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

    it('is UNAUTHENTICATED on `me` too, not an anonymous null', async () => {
      expectError(await t.gql(`{ me { id } }`, {}, forged), 'UNAUTHENTICATED', /invalid or expired/);
      expectError(await t.gql(`{ frameworkTargets { code } }`, {}, forged), 'UNAUTHENTICATED');
      const anonymous = await t.gql(`{ me { id } }`);
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data.me).toBeNull();
    });

    it('does not stop signing in or refreshing (the client is getting a new token)', async () => {
      const user = await t.createUser();
      const res = await t.gql(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
        { e: user.email, p: user.password },
        forged,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.login.accessToken).toBeTruthy();
    });

    it('is 401 on the HTTP routes', async () => {
      const res = await t.http.get('/health').set('authorization', `Bearer ${forged}`);
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe("Apollo's own codes", () => {
    it('keeps GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED and PERSISTED_QUERY_NOT_FOUND', async () => {
      expectError(await t.gql(`{ me { id `), 'GRAPHQL_PARSE_FAILED');
      expectError(await t.gql(`{ noSuchField }`), 'GRAPHQL_VALIDATION_FAILED');
      const hash = createHash('sha256').update('{ me { id } }').digest('hex');
      const res = await t.http
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
      expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  });

  describe('introspection and suggestions (GRAPHQL_INTROSPECTION=false)', () => {
    it('refuses introspection and gives no "Did you mean" hints', async () => {
      expectError(await t.gql(`{ __schema { types { name } } }`), 'GRAPHQL_VALIDATION_FAILED', /introspection/i);
      const res = await t.gql(`{ frameworkTarget { code } }`);
      expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      t.http
        .options('/graphql')
        .set('origin', origin)
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'content-type,authorization');

    it('answers a preflight from an allowed origin with the CORS headers', async () => {
      const res = await preflight('https://app.example.org');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example.org');
      expect(res.headers['access-control-allow-headers']).toMatch(/authorization/i);
      const post = await t.http
        .post('/graphql')
        .set('origin', 'https://admin.example.org')
        .set('content-type', 'application/json')
        .send({ query: '{ me { id } }' });
      expect(post.status).toBe(200);
      expect(post.headers['access-control-allow-origin']).toBe('https://admin.example.org');
    });

    it('answers a preflight from any other origin without allowing it (no CSRF error)', async () => {
      const res = await preflight('https://evil.example.com');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.text).toBe('');
    });
  });

  describe('/health', () => {
    it('tells anonymous callers the status only', async () => {
      const res = await t.http.get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('gives the detail to a monitor with HEALTH_TOKEN and to admins, not to other users', async () => {
      const monitor = await t.http.get('/health').set('x-health-token', 'monitor-token-0123456789');
      expect(monitor.body).toMatchObject({ status: 'ok', database: 'up', redis: 'up', reminders: {} });
      const wrong = await t.http.get('/health').set('x-health-token', 'monitor-token-01234567890');
      expect(wrong.body).toEqual({ status: 'ok' });
      const user = await t.signIn({ role: 'USER' as never });
      const plain = await t.http.get('/health').set('authorization', `Bearer ${user.token}`);
      expect(plain.body).toEqual({ status: 'ok' });
    });
  });

  describe('TRUST_PROXY', () => {
    it("is Express's trust proxy setting", () => {
      const express = t.app.getHttpAdapter().getInstance();
      const trusted = express.get('trust proxy fn') as (address: string, hop: number) => boolean;
      expect(trusted('10.1.2.3', 0)).toBe(true);
      expect(trusted('127.0.0.1', 0)).toBe(false);
    });
  });

  describe('logs', () => {
    it("never writes a personal calendar feed's secret", async () => {
      const mark = logs.lines.length;
      const secret = 'Zm9vYmFyLXNlY3JldC10b2tlbi0xMjM0NTY3ODkw';
      await t.http.get(`/calendar/feeds/${secret}.ics`);
      const written = JSON.stringify(logs.since(mark));
      expect(written).toContain('/calendar/feeds/[redacted].ics');
      expect(written).not.toContain(secret);
    });

    it("logs the client's mistakes at debug level without a stack, real faults only at error level", async () => {
      const mark = logs.lines.length;
      const user = await t.signIn({ role: 'USER' as never });
      expectError(await t.gql(`{ frameworkTargets { code } }`, {}, 'x.y.z'), 'UNAUTHENTICATED');
      expectError(
        await t.gql(`query($n: Int) { organizations(first: $n) { totalCount } }`, { n: 'many' }, user.token),
        'BAD_USER_INPUT',
      );
      expectError(await t.gql(`{ failedReminderJobs { id } }`, {}, user.token), 'FORBIDDEN');
      expectError(
        await t.gql(`mutation { createUser(email: "a@b.org", password: "x", platformRole: USER) { id } }`),
        'UNAUTHENTICATED',
      );
      const lines = logs.since(mark);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(JSON.stringify(lines)).not.toMatch(/"stack"|\\n\s+at /);
      const clientErrors = lines.filter((line) => line.msg === 'client error');
      expect(clientErrors.map((line) => line.code)).toEqual(
        expect.arrayContaining(['UNAUTHENTICATED', 'BAD_USER_INPUT', 'FORBIDDEN']),
      );
      expect(clientErrors.every((line) => line.level === 20)).toBe(true);
    });
  });
});
