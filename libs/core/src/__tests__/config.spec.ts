import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@coord/core';

describe('configuration', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config.NODE_ENV).toBe('development');
    expect(config.PORT).toBe(3000);
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
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
