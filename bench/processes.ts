/**
 * Child processes for the benchmark, soak and fault runs: the API (and the worker) started exactly as in
 * production (node scripts/run.js apps/.../main.ts) with their own port, database and Redis key prefix, and
 * helpers to wait for them, read their memory and stop them.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  /** Resident set size in MB, read from /proc (0 once the process is gone). */
  rssMb(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** The last lines the process wrote, for error reports. */
  output(): string;
}

export interface ApiEnv {
  databaseUrl: string;
  port: number;
  redisPrefix?: string;
  redisUrl?: string;
  extra?: Record<string, string>;
  /** Node flags of the process (e.g. --cpu-prof; API_PROCESSES' processes inherit them). */
  nodeArgs?: string[];
}

/** The environment of a bench API or worker: production mode, quiet logs, sign-in limits out of the way. */
export function benchEnv(env: ApiEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: `bench-${randomBytes(24).toString('hex')}`,
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: env.redisPrefix ?? 'bench',
    PORT: String(env.port),
    PUBLIC_URL: `http://127.0.0.1:${env.port}`,
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT: '1000000',
    LOGIN_RATE_LIMIT_PER_IP: '1000000',
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    ...env.extra,
  };
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function track(child: ChildProcess, url: string): ServiceProcess {
  // Never leave a service behind when the run itself crashes or is interrupted.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    child,
    url,
    rssMb() {
      // The process and its children (API_PROCESSES > 1: a supervisor and its API processes).
      const kb = (child.pid ? [child.pid, ...childPids(child.pid)] : []).reduce((sum, pid) => sum + rssKb(pid), 0);
      return Math.round(kb / 102.4) / 10;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    output: () => lines.slice(-40).join('\n'),
  };
}

export async function startApi(env: ApiEnv): Promise<ServiceProcess> {
  // Something already answering on the port would pass the health check in place of the new API.
  const busy = await fetch(`http://127.0.0.1:${env.port}/health`).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`port ${env.port} is already in use: stop what runs there or pass another port`);
  const child = spawn(process.execPath, [...(env.nodeArgs ?? []), 'scripts/run.js', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: benchEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service = track(child, `http://127.0.0.1:${env.port}`);
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${service.output()}`);
      const res = await fetch(`${service.url}/health`).catch(() => undefined);
      return res !== undefined && res.status < 500;
    },
    // Minutes, not seconds, on a loaded machine (compiling TypeScript at start-up is most of it).
    180_000,
    'the API to answer /health',
  );
  return service;
}

export async function startWorker(env: ApiEnv): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['scripts/run.js', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    // Info level: readiness is its "worker ready" line (the worker logs nothing per job at this level).
    env: benchEnv({ ...env, extra: { ...env.extra, LOG_LEVEL: 'info' } }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service = track(child, '');
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}:\n${service.output()}`);
      return /worker ready/.test(service.output());
    },
    180_000,
    'the worker to start',
  );
  return service;
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** POSTs a GraphQL operation and returns the parsed body. */
export async function gql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ status: number; data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollo-require-preflight': 'true',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: any[] };
  return { status: res.status, ...body };
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await gql<{ login: { accessToken: string } }>(
    url,
    `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
    { email, password },
  );
  if (!res.data?.login) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(res.errors)}`);
  return res.data.login.accessToken;
}
