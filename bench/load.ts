/**
 * Drives an HTTP endpoint with autocannon and measures it the same way for the API and for the baselines:
 * every response's latency is kept (autocannon's own summary has no p95), and a response counts as an error
 * when its status is not 2xx or its JSON carries GraphQL `errors`.
 */
// autocannon ships no type declarations; the part used here is typed below.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => AutocannonInstance;

interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: 'done', listener: (result: { duration: number; errors: number; timeouts: number }) => void): void;
  stop(): void;
}

export interface LoadOptions {
  url: string;
  path?: string;
  connections: number;
  durationSeconds: number;
  headers?: Record<string, string>;
  /** The JSON body of the i-th request. */
  body(i: number): string;
  /** Extra headers of the i-th request (e.g. a different sign-in per request in the soak). */
  headersFor?(i: number): Record<string, string>;
}

export interface LoadResult {
  requests: number;
  durationSeconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** A few error bodies, for the report. */
  errorSamples: string[];
  /** Every latency (sorted), to merge interleaved rounds; not written to the results. */
  samples?: number[];
}

/** Rounds of the same load merged: percentiles over every sample, req/s over the summed duration. */
export function mergeResults(results: LoadResult[]): LoadResult {
  const samples = results.flatMap((r) => r.samples ?? []).sort((a, b) => a - b);
  const duration = results.reduce((sum, r) => sum + r.durationSeconds, 0);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: samples.length,
    durationSeconds: round(duration),
    rps: round(samples.length / duration),
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    max: round(samples[samples.length - 1] ?? 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    errorSamples: results.flatMap((r) => r.errorSamples).slice(0, 5),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function drive(options: LoadOptions): Promise<LoadResult> {
  let counter = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const latencies: number[] = [];
  const noteError = (sample: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(sample.slice(0, 500));
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: options.url,
      connections: options.connections,
      duration: options.durationSeconds,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: options.path ?? '/graphql',
          headers: { 'content-type': 'application/json', ...options.headers },
          setupRequest: (request: { headers?: Record<string, string> }) => {
            const i = counter++;
            const headers = options.headersFor ? { ...request.headers, ...options.headersFor(i) } : request.headers;
            return { ...request, headers, body: options.body(i) };
          },
          onResponse: (status: number, body: string) => {
            if (status < 200 || status >= 300) noteError(`HTTP ${status}: ${body}`);
            else if (body.startsWith('{"errors"') || body.includes(',"errors":[')) noteError(body);
          },
        },
      ],
    });
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
    instance.on('done', (result) => {
      if (!result) return reject(new Error('autocannon did not finish'));
      latencies.sort((a, b) => a - b);
      const round = (n: number) => Math.round(n * 10) / 10;
      resolve({
        requests: latencies.length,
        durationSeconds: result.duration,
        rps: round(latencies.length / result.duration),
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies[latencies.length - 1] ?? 0),
        errors: errors + result.errors + result.timeouts,
        errorSamples,
        samples: latencies,
      });
    });
  });
}

/**
 * Clients with think time: each of `connections` clients sends a request, waits for the answer, then waits a
 * random time around `thinkMs` (uniform in [0.5, 1.5] x thinkMs) before the next, like people clicking
 * through pages. Measured like drive().
 */
export async function driveWithThinkTime(options: LoadOptions & { thinkMs: number }): Promise<LoadResult> {
  let counter = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const latencies: number[] = [];
  const deadline = Date.now() + options.durationSeconds * 1000;
  const started = Date.now();
  const client = async (k: number) => {
    // Spread the first requests over one think time, so that the clients do not all start at once.
    await new Promise((resolve) => setTimeout(resolve, (k / options.connections) * options.thinkMs));
    while (Date.now() < deadline) {
      const i = counter++;
      const sentAt = performance.now();
      try {
        const res = await fetch(`${options.url}${options.path ?? '/graphql'}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers, ...options.headersFor?.(i) },
          body: options.body(i),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        latencies.push(performance.now() - sentAt);
        if (res.status < 200 || res.status >= 300 || text.startsWith('{"errors"') || text.includes(',"errors":[')) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`HTTP ${res.status}: ${text.slice(0, 500)}`);
        }
      } catch (error) {
        latencies.push(performance.now() - sentAt);
        errors++;
        if (errorSamples.length < 5) errorSamples.push(`no answer: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.thinkMs * (0.5 + Math.random())));
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, k) => client(k)));
  const duration = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: latencies.length,
    durationSeconds: round(duration),
    rps: round(latencies.length / duration),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? 0),
    errors,
    errorSamples,
  };
}
