import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TestApp } from '@coord/testing';
import { WEB_DIST, WEB_ROUTES } from '../web/web-app';

const root = path.resolve(__dirname, '../../../..');

/** The refresh cookie from a response, or undefined. */
const refreshCookie = (res: { headers: Record<string, any> }) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('coord_refresh='));
const cookieValue = (setCookie: string) => setCookie.split(';')[0];

describe('web client served by the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The web build (npm test builds it before jest; a developer running this file alone may not have).
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      execFileSync(process.execPath, [path.join(root, 'apps/web/build.mjs')], { cwd: root, stdio: 'inherit' });
    }
    // No grace for a just-rotated refresh token here (auth's own tests cover the grace window): a spent cookie
    // presented again is reuse at once.
    t = await TestApp.create({ REFRESH_REUSE_GRACE_SECONDS: '0' });
  }, 120_000);
  afterAll(() => t.close());

  it('serves index.html at / and at its pages (mail links included) with a strict CSP and no cache', async () => {
    for (const url of [
      '/',
      '/bodies/1b0d5a4e-2c55-4b8c-9f54-6a0c3f3a1e01',
      '/dashboard',
      '/my/actions',
      '/accept-invitation?token=abc',
      '/reset-password?token=abc',
    ]) {
      const res = await t.http.get(url).set('accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    for (const url of ['/meetings/3f5e7c1a-0000-4000-8000-000000000001', '/action-items/3f5e7c1a-0000-4000-8000-2']) {
      const res = await t.http.get(url).set('accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div id="root">');
    }
    const page = await t.http.get('/').set('accept', 'text/html');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:|http:/);
    expect(csp).toMatch(/style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
    // Every script is a file of this server: no inline script, no other origin.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((s) => s !== 'data:,');
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const src of sources) {
      expect(src.startsWith('/assets/')).toBe(true);
      const asset = await t.http.get(src);
      expect(asset.status).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it("knows every page of the client's router (a reload or a mail link on any of them opens the page)", () => {
    const router = fs.readFileSync(path.join(root, 'apps/web/src/app/App.tsx'), 'utf8');
    const firstSegments = [...router.matchAll(/path: '\/([^'/]*)/g)].map((m) => m[1].replace(/^:.*/, ''));
    expect(firstSegments.length).toBeGreaterThanOrEqual(7);
    for (const segment of firstSegments) expect(WEB_ROUTES).toContain(segment);
  });

  it('leaves the API routes alone and 404s unknown paths and assets', async () => {
    const ide = await t.http.get('/graphql').set('accept', 'text/html');
    expect(ide.text).toContain('<div id="graphiql">');
    const health = await t.http.get('/health').set('accept', 'text/html');
    expect(health.headers['content-type']).toMatch(/json/);
    expect((await t.http.get('/no-such-page').set('accept', 'text/html')).status).toBe(404);
    expect((await t.http.get('/assets/missing-0000.js')).status).toBe(404);
    for (const escape of ['/assets/..%2Findex.html', '/assets/..%2F..%2F..%2Fpackage.json', '/assets/.env']) {
      expect((await t.http.get(escape)).status).toBe(404);
    }
    // A non-HTML request for a page path is not answered with the page.
    expect((await t.http.get('/meetings/x').set('accept', 'application/json')).status).toBe(404);
  });

  describe('session routes (refresh token in an HttpOnly cookie)', () => {
    let user: { email: string; password: string };
    beforeAll(async () => {
      user = await t.createUser();
    });
    const signIn = () =>
      t.http
        .post('/auth/session')
        .set('content-type', 'application/json')
        .send({ email: user.email, password: user.password });

    it('signs in: access token in the body, refresh token only in a scoped HttpOnly SameSite=Strict cookie', async () => {
      const res = await signIn();
      expect(res.status).toBe(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.user.email).toBe(user.email);
      expect(JSON.stringify(res.body)).not.toContain('refreshToken');
      const cookie = refreshCookie(res)!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/auth\/session/);
      expect(cookie).not.toMatch(/Secure/); // plain http here; over https (req.secure) it is Secure
      const me = await t.gql(`{ me { email } }`, {}, res.body.accessToken);
      expect(me.data.me.email).toBe(user.email);
    });

    it('refreshes with the cookie, rotating it; a spent cookie signs the whole sign-in out', async () => {
      const first = cookieValue(refreshCookie(await signIn())!);
      const renewed = await t.http
        .post('/auth/session/refresh')
        .set('content-type', 'application/json')
        .set('cookie', first)
        .send({});
      expect(renewed.status).toBe(200);
      expect(renewed.body.accessToken).toEqual(expect.any(String));
      const second = cookieValue(refreshCookie(renewed)!);
      expect(second).not.toBe(first);
      const reused = await t.http
        .post('/auth/session/refresh')
        .set('content-type', 'application/json')
        .set('cookie', first)
        .send({});
      expect(reused.status).toBe(401);
      expect(reused.body.error.code).toBe('UNAUTHENTICATED');
      expect(refreshCookie(reused)).toMatch(/Expires=Thu, 01 Jan 1970/);
      const after = await t.http
        .post('/auth/session/refresh')
        .set('content-type', 'application/json')
        .set('cookie', second)
        .send({});
      expect(after.status).toBe(401);
    });

    it('answers 204 to a refresh without a cookie (an anonymous page load)', async () => {
      const res = await t.http.post('/auth/session/refresh').set('content-type', 'application/json').send({});
      expect(res.status).toBe(204);
    });

    it('signs out: the cookie is cleared and its token revoked', async () => {
      const cookie = cookieValue(refreshCookie(await signIn())!);
      const out = await t.http
        .post('/auth/session/logout')
        .set('content-type', 'application/json')
        .set('cookie', cookie)
        .send({});
      expect(out.status).toBe(200);
      expect(refreshCookie(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
      const again = await t.http
        .post('/auth/session/refresh')
        .set('content-type', 'application/json')
        .set('cookie', cookie)
        .send({});
      expect(again.status).toBe(401);
    });

    it('answers bad input and wrong credentials with the API error shape, naming the field', async () => {
      const missing = await t.http
        .post('/auth/session')
        .set('content-type', 'application/json')
        .send({ email: '', password: 'x' });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toEqual({ code: 'BAD_USER_INPUT', message: 'Enter your email', field: 'email' });
      const wrong = await t.http
        .post('/auth/session')
        .set('content-type', 'application/json')
        .send({ email: user.email, password: 'wrong password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toBe('The email or password is wrong');
      expect(refreshCookie(wrong)).toBeUndefined();
    });

    /** A live link for `userId`, as the accounts service makes it (only the hash stored); the mail is not needed here. */
    async function linkToken(userId: string, purpose: 'INVITATION' | 'PASSWORD_RESET'): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await t.dataSource.query(
        `INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`,
        [userId, purpose, createHash('sha256').update(token).digest('hex')],
      );
      return token;
    }
    const post = (path: string, body: object) =>
      t.http.post(`/auth/session/${path}`).set('content-type', 'application/json').send(body);

    it('accepts an invitation and resets a password: signed in, the refresh token only in the HttpOnly cookie', async () => {
      for (const [path, purpose] of [
        ['accept-invitation', 'INVITATION'],
        ['reset-password', 'PASSWORD_RESET'],
      ] as const) {
        const invited = await t.createUser();
        const token = await linkToken(invited.id, purpose);
        const res = await post(path, { token, password: 'violet harbour lantern 58' });
        expect(res.status).toBe(200);
        expect(res.body.user.email).toBe(invited.email);
        expect(JSON.stringify(res.body)).not.toContain('refreshToken');
        expect(res.headers['cache-control']).toBe('no-store');
        const cookie = refreshCookie(res)!;
        expect(cookie).toMatch(/HttpOnly/);
        expect(cookie).toMatch(/SameSite=Strict/);
        expect(cookie).toMatch(/Path=\/auth\/session/);
        const renewed = await t.http
          .post('/auth/session/refresh')
          .set('content-type', 'application/json')
          .set('cookie', cookieValue(cookie))
          .send({});
        expect(renewed.status).toBe(200);
        await t.login(invited.email, 'violet harbour lantern 58');
        // The link is spent.
        const again = await post(path, { token, password: 'another long passphrase 12' });
        expect(again.status).toBe(400);
        expect(again.body.error.field).toBe('token');
        expect(refreshCookie(again)).toBeUndefined();
      }
    });

    it("answers a policy refusal naming the mutation's password field, and a missing token naming `token`", async () => {
      const invited = await t.createUser();
      const invitation = await linkToken(invited.id, 'INVITATION');
      const weak = await post('accept-invitation', { token: invitation, password: 'password123456' });
      expect(weak.status).toBe(400);
      expect(weak.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
      expect(refreshCookie(weak)).toBeUndefined();
      const reset = await linkToken(invited.id, 'PASSWORD_RESET');
      const mine = await post('reset-password', { token: reset, password: invited.email });
      expect(mine.status).toBe(400);
      expect(mine.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      const empty = await post('reset-password', { token: reset, password: '' });
      expect(empty.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      const noToken = await post('accept-invitation', { password: 'violet harbour lantern 58' });
      expect(noToken.status).toBe(400);
      expect(noToken.body.error.field).toBe('token');
      // Both links still work after the refusals.
      expect((await post('reset-password', { token: reset, password: 'violet harbour lantern 58' })).status).toBe(200);
      const form = await t.http
        .post('/auth/session/accept-invitation')
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(`token=${invitation}&password=x`);
      expect(form.status).toBe(400);
    });

    it('refuses a form post (a cross-site request would have to be one without a CORS preflight)', async () => {
      const form = await t.http
        .post('/auth/session/refresh')
        .set('content-type', 'application/x-www-form-urlencoded')
        .send('a=1');
      expect(form.status).toBe(400);
    });

    it('keeps the GraphQL login and refreshToken mutations for other clients', async () => {
      const res = await t.gql(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }`,
        { e: user.email, p: user.password },
      );
      expect(res.errors).toBeUndefined();
      const refreshed = await t.gql(`mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken } }`, {
        r: res.data.login.refreshToken,
      });
      expect(refreshed.data.refreshToken.accessToken).toEqual(expect.any(String));
    });
  });
});
