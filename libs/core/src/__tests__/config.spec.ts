import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigError, loadConfig } from '@coord/core';

const ROOT = join(__dirname, '../../../..');

/** A valid value, different from the default, for every variable of the README's configuration tables. */
const SAMPLES: Record<string, [value: string, parsed: unknown]> = {
  NODE_ENV: ['production', 'production'],
  PORT: ['3131', 3131],
  API_PROCESSES: ['2', 2],
  DB_POOL_SIZE: ['7', 7],
  DB_POOL_WAIT_MS: ['2500', 2500],
  PUBLIC_URL: ['https://coord.example.org', 'https://coord.example.org'],
  DATABASE_URL: ['postgres://app:pw@db.internal:5433/coord_prod', 'postgres://app:pw@db.internal:5433/coord_prod'],
  REDIS_URL: ['redis://cache.internal:6380', 'redis://cache.internal:6380'],
  REDIS_PREFIX: ['prod', 'prod'],
  JWT_SECRET: ['a-production-secret-of-at-least-32-chars', 'a-production-secret-of-at-least-32-chars'],
  ACCESS_TOKEN_TTL_SECONDS: ['600', 600],
  REFRESH_TOKEN_TTL_DAYS: ['7', 7],
  REFRESH_REUSE_GRACE_SECONDS: ['3', 3],
  LOGIN_RATE_LIMIT: ['5', 5],
  LOGIN_RATE_LIMIT_PER_IP: ['50', 50],
  LOGIN_RATE_WINDOW_SECONDS: ['120', 120],
  GRAPHQL_MAX_DEPTH: ['8', 8],
  GRAPHQL_MAX_ALIASES: ['20', 20],
  GRAPHQL_MAX_COST: ['10000', 10000],
  GRAPHQL_INTROSPECTION: ['true', 'true'],
  BODY_LIMIT: ['200kb', '200kb'],
  LOG_LEVEL: ['warn', 'warn'],
  TRUST_PROXY: ['10.0.0.0/8, 192.168.1.4', '10.0.0.0/8, 192.168.1.4'],
  CORS_ORIGINS: ['https://app.example.org', 'https://app.example.org'],
  HEALTH_TOKEN: ['monitor-token-0123456789', 'monitor-token-0123456789'],
  ADMIN_EMAIL: ['admin@example.org', 'admin@example.org'],
  ADMIN_PASSWORD: ['another-admin-password', 'another-admin-password'],
  SMTP_URL: ['smtps://mailer:pw@smtp.example.org:465', 'smtps://mailer:pw@smtp.example.org:465'],
  MAIL_FROM: ['Platform <platform@example.org>', 'Platform <platform@example.org>'],
  OUTBOX_POLL_MS: ['500', 500],
  REMINDER_RETRY_BACKOFF_MS: ['2000', 2000],
  REMINDER_REQUEUE_GRACE_MS: ['5000', 5000],
  WORKER_LOCK_MS: ['10000', 10000],
  REMINDER_CONCURRENCY: ['20', 20],
  DIGEST_CRON: ['0 6 * * 2', '0 6 * * 2'],
  RETENTION_CRON: ['15 3 * * *', '15 3 * * *'],
  METRICS_TOKEN: ['metrics-token-0123456789', 'metrics-token-0123456789'],
  WORKER_METRICS_PORT: ['9465', 9465],
  WORKER_METRICS_HOST: ['0.0.0.0', '0.0.0.0'],
};

/** Every `VARIABLE` named in a README table of settings (a header with a "variable" or "setting" column). */
function documentedVariables(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const names = new Set<string>();
  let inSettings = false;
  for (const line of readme.split('\n')) {
    if (!line.startsWith('|')) {
      inSettings = false;
      continue;
    }
    if (/^\|\s*-/.test(line)) continue;
    if (!inSettings && /\|\s*(variable|setting)\s*\|/.test(line)) {
      inSettings = true;
      continue;
    }
    if (inSettings) for (const [, name] of line.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(name);
  }
  return [...names];
}

/** A sample for a variable: from SAMPLES, else the default plus one for a number (integer settings). */
function sampleFor(name: string): [string, unknown] | undefined {
  if (SAMPLES[name]) return SAMPLES[name];
  const fallback = (new AppConfig() as unknown as Record<string, unknown>)[name];
  return typeof fallback === 'number' ? [String(fallback + 1), fallback + 1] : undefined;
}

describe('configuration', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config.NODE_ENV).toBe('development');
    expect(config.PORT).toBe(3000);
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
  });

  it('reads every variable the README documents from the environment', () => {
    const documented = documentedVariables();
    expect(documented.length).toBeGreaterThan(30);
    const unread: string[] = [];
    for (const name of documented) {
      const sample = sampleFor(name);
      if (!sample) {
        unread.push(`${name} (no sample in this test)`);
        continue;
      }
      const env: Record<string, string> = { [name]: sample[0] };
      if (name === 'NODE_ENV') env.JWT_SECRET = SAMPLES.JWT_SECRET[0];
      const config = loadConfig(env);
      if ((config as unknown as Record<string, unknown>)[name] !== sample[1]) unread.push(name);
    }
    expect(unread).toEqual([]);
    // And no setting is left out of the README.
    expect(Object.keys(new AppConfig()).filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('reads ADMIN_EMAIL and ADMIN_PASSWORD (npm start creates that admin)', () => {
    const config = loadConfig({ ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'admin-password-of-mine' });
    expect(config.ADMIN_EMAIL).toBe('admin@example.org');
    expect(config.ADMIN_PASSWORD).toBe('admin-password-of-mine');
  });

  it('never echoes the password of a malformed DATABASE_URL, REDIS_URL or SMTP_URL', () => {
    for (const [name, value] of [
      ['DATABASE_URL', 'postgresql://app:s3cret-pw@db host/coord'],
      ['DATABASE_URL', 'mysql://app:s3cret-pw@db/coord'],
      ['REDIS_URL', 'redis://:s3cret-pw@cache host:6379'],
      ['REDIS_URL', 'cache:s3cret-pw@host:6379'],
      ['SMTP_URL', 'smtp://mailer:s3cret-pw@smtp.example.org:25 '],
      ['SMTP_URL', 'http://mailer:s3c@ret-pw@smtp.example.org'],
    ]) {
      let message = '';
      try {
        loadConfig({ [name]: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(new RegExp(`^Invalid configuration: ${name} `));
      expect(message).not.toMatch(/s3c/);
    }
    expect(() => loadConfig({ DATABASE_URL: 'mysql://app:pw@db/coord' })).toThrow('(got "mysql://app:***@db/coord")');
  });

  it('generates the development JWT secret once per checkout, random and out of git', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coord-secret-'));
    try {
      const first = loadConfig({}, { devSecretDir: dir }).JWT_SECRET;
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(loadConfig({}, { devSecretDir: dir }).JWT_SECRET).toBe(first);
      expect(statSync(join(dir, '.dev-jwt-secret')).mode & 0o077).toBe(0);
      const other = mkdtempSync(join(tmpdir(), 'coord-secret-'));
      expect(loadConfig({}, { devSecretDir: other }).JWT_SECRET).not.toBe(first);
      rmSync(other, { recursive: true });
      expect(loadConfig({ JWT_SECRET: SAMPLES.JWT_SECRET[0] }, { devSecretDir: dir }).JWT_SECRET).toBe(
        SAMPLES.JWT_SECRET[0],
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('.dev-jwt-secret');
  });

  it("never lets a test use npm start's database", () => {
    expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/coord' })).toThrow(
      /DATABASE_URL must not be the database "coord" when NODE_ENV=test/,
    );
    expect(loadConfig({ NODE_ENV: 'test' }).DATABASE_URL).not.toMatch(/\/coord$/);
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://postgres@h/coord_test_1' }).DATABASE_URL).toBe(
      'postgres://postgres@h/coord_test_1',
    );
  });

  it('names the malformed variable in one line', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://nope' })).toThrow(
      new ConfigError(
        'Invalid configuration: DATABASE_URL must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/coord (got "mysql://nope")',
      ),
    );
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT /);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must be a redis:\/\/ URL/);
  });

  it('requires JWT_SECRET outside development and test, and never echoes it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required when NODE_ENV=production/);
    try {
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'too-short-secret' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).toMatch(/JWT_SECRET must be at least 32 characters/);
      expect((error as Error).message).not.toContain('too-short-secret');
    }
  });

  it('stops the API process with one line naming the variable', () => {
    const root = join(__dirname, '../../../..');
    const result = spawnSync(process.execPath, ['scripts/run.js', 'apps/api/src/main.ts'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', REDIS_URL: 'not-a-url' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: REDIS_URL must be a redis:\/\/ URL/);
  });
});
