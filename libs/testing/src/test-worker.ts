import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, loadConfig } from '@coord/core';
import { WorkerModule } from '@coord/platform';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** The worker's environment for a test app: same database and Redis prefix, plus overrides. */
export function workerEnv(config: AppConfig, env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    PUBLIC_URL: config.PUBLIC_URL,
    SMTP_URL: config.SMTP_URL,
    OUTBOX_POLL_MS: String(config.OUTBOX_POLL_MS),
    REMINDER_RETRY_BACKOFF_MS: String(config.REMINDER_RETRY_BACKOFF_MS),
    REMINDER_REQUEUE_GRACE_MS: String(config.REMINDER_REQUEUE_GRACE_MS),
    WORKER_LOCK_MS: String(config.WORKER_LOCK_MS),
    ...env,
  };
}

/**
 * The worker (WorkerModule: outbox relay, BullMQ processors) in the test process, against the same database and
 * Redis prefix as a TestApp (pass `t.config`). Close it before the TestApp.
 */
export class TestWorker {
  private constructor(readonly app: INestApplicationContext) {}

  static async create(config: AppConfig, env: Record<string, string> = {}): Promise<TestWorker> {
    const workerConfig = loadConfig({ ...process.env, ...workerEnv(config, env) });
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(workerConfig), {
      logger: false,
      abortOnError: false,
    });
    await app.init();
    return new TestWorker(app);
  }

  get<T>(token: { new (...args: any[]): T } | string | symbol): T {
    return this.app.get(token as any);
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/**
 * A worker as a separate process (`node scripts/run.js <entry>`), to kill it like a crash would. Its output is
 * kept, so a test can wait for a line it prints.
 */
export class WorkerProcess {
  output = '';
  private exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk) => (this.output += String(chunk)));
    child.stderr?.on('data', (chunk) => (this.output += String(chunk)));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(entry: string, env: Record<string, string>): WorkerProcess {
    const root = path.resolve(__dirname, '../../..');
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'scripts/run.js'), entry], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new WorkerProcess(child);
  }

  /** Resolves when the process has printed `text` (rejects after `timeoutMs` or if it exits first). */
  async waitFor(text: string | RegExp, timeoutMs = 20000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const seen = () => (typeof text === 'string' ? this.output.includes(text) : text.test(this.output));
    while (!seen()) {
      if (this.child.exitCode !== null) throw new Error(`worker exited (${this.child.exitCode}):\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`worker did not print ${text} in time:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 15000,
  intervalMs = 100,
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw last instanceof Error ? last : new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
