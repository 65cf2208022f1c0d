import { PlatformRole } from '@coord/core';
import { TestApp } from '@coord/testing';

/** Issue 15: Bull Board at /admin/queues, for platform admins only (bearer token or the sign-in cookie). */
describe('queue dashboard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create({ LOGIN_RATE_LIMIT: '1000' });
  });
  afterAll(() => t.close());

  it('lets an admin in with a bearer token, and serves its assets locally', async () => {
    const admin = await t.signIn();
    const res = await t.http.get('/admin/queues/').set('authorization', `Bearer ${admin.token}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<base href="/admin/queues/"');
    const script = /src="(static\/js\/main[^"]+\.js)"/.exec(res.text)![1];
    const asset = await t.http.get(`/admin/queues/${script}`).set('authorization', `Bearer ${admin.token}`);
    expect(asset.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const api = await t.http.get('/admin/queues/api/queues').set('authorization', `Bearer ${admin.token}`);
    expect(api.status).toBe(200);
    expect(JSON.stringify(api.body)).toContain('reminders');
  });

  it('refuses anonymous callers, users who are not admins, and garbage tokens', async () => {
    const user = await t.signIn({ role: PlatformRole.USER });
    expect((await t.http.get('/admin/queues/api/queues')).status).toBe(401);
    const page = await t.http.get('/admin/queues/').set('accept', 'text/html');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/admin/queues/sign-in');
    expect((await t.http.get('/admin/queues/api/queues').set('authorization', `Bearer ${user.token}`)).status).toBe(
      403,
    );
    expect((await t.http.get('/admin/queues/api/queues').set('authorization', 'Bearer not-a-token')).status).toBe(401);
    expect((await t.http.get('/admin/queues/api/queues').set('cookie', 'coord_queues=not-a-token')).status).toBe(401);
  });

  it('signs an admin in with the form: an HttpOnly, SameSite=Strict cookie scoped to the dashboard', async () => {
    const admin = await t.createUser({ role: PlatformRole.ADMIN });
    const user = await t.createUser({ role: PlatformRole.USER });
    expect((await t.http.get('/admin/queues/sign-in')).text).toContain('<form method="post"');
    const wrong = await t.http
      .post('/admin/queues/sign-in')
      .type('form')
      .send({ email: admin.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    const notAdmin = await t.http
      .post('/admin/queues/sign-in')
      .type('form')
      .send({ email: user.email, password: user.password });
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.headers['set-cookie']).toBeUndefined();

    const ok = await t.http
      .post('/admin/queues/sign-in')
      .type('form')
      .send({ email: admin.email, password: admin.password });
    expect(ok.status).toBe(303);
    const cookie: string = ok.headers['set-cookie'][0];
    expect(cookie).toMatch(/^coord_queues=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=900/);
    const api = await t.http.get('/admin/queues/api/queues').set('cookie', cookie.split(';')[0]);
    expect(api.status).toBe(200);

    // Deactivated: the cookie stops working at once.
    await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [admin.id]);
    expect((await t.http.get('/admin/queues/api/queues').set('cookie', cookie.split(';')[0])).status).toBe(401);
  });
});
