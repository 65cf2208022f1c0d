import { metricsAccess } from '@coord/core';
import { WorkerMetricsServer } from '@coord/platform';
import { TestApp, TestWorker } from '@coord/testing';

/** Issue 15: /metrics (API) and the worker's metrics port: Prometheus text, refused to anonymous remote callers. */
describe('metrics', () => {
  describe('on this machine, without METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.create();
    });
    afterAll(() => t.close());

    it('serves latency per operation and route, errors per code, pool, queue and outbox to a local caller', async () => {
      await t.gql(`query FrameworkList { frameworkTargets { code } }`);
      await t.gql(`query Nope { auditLog { totalCount } }`);
      const res = await t.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      const text: string = res.text;
      expect(text).toMatch(
        /coord_graphql_operation_duration_seconds_count\{operation="FrameworkList",type="query"\} 1/,
      );
      expect(text).toMatch(/coord_graphql_errors_total\{code="UNAUTHENTICATED"\} 1/);
      expect(text).toMatch(/coord_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\}/);
      expect(text).toMatch(/coord_db_pool_connections\{state="in_use"\}/);
      expect(text).toMatch(/coord_queue_jobs\{state="failed"\} 0/);
      expect(text).toMatch(/coord_outbox_pending\{outbox="reminders"\}/);
      expect(text).toContain('coord_reminder_lateness_seconds_bucket');
      expect(text).toContain('coord_mails_total');
    });

    it('refuses a caller relayed by a proxy (a remote caller), and one from another address', async () => {
      const relayed = await t.http.get('/metrics').set('x-forwarded-for', '203.0.113.7');
      expect(relayed.status).toBe(403);
      const remote = { headers: {}, socket: { remoteAddress: '203.0.113.7' } };
      expect(metricsAccess(remote, undefined)).toBe('forbidden');
      expect(metricsAccess({ headers: {}, socket: { remoteAddress: '::1' } }, undefined)).toBe('ok');
    });
  });

  describe('with METRICS_TOKEN', () => {
    let t: TestApp;
    let worker: TestWorker;
    const token = 'scrape-token-0123456789abcdef';
    beforeAll(async () => {
      t = await TestApp.create({ METRICS_TOKEN: token });
      worker = await TestWorker.create(t.config, { METRICS_TOKEN: token, WORKER_METRICS_PORT: '3153' });
    });
    afterAll(async () => {
      await worker?.close();
      await t?.close();
    });

    it('requires the bearer token, even from this machine', async () => {
      expect((await t.http.get('/metrics')).status).toBe(401);
      expect((await t.http.get('/metrics').set('authorization', 'Bearer wrong-token-0123456789')).status).toBe(401);
      const ok = await t.http.get('/metrics').set('authorization', `Bearer ${token}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('coord_http_request_duration_seconds');
    });

    it('serves the worker metrics on their own port, with the same rule', async () => {
      const port = worker.get(WorkerMetricsServer).port;
      expect(port).toBe(3153);
      const anonymous = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(anonymous.status).toBe(401);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('coord_reminder_lateness_seconds_bucket');
      expect(text).toMatch(/coord_mails_total|coord_queue_jobs/);
    });
  });
});
