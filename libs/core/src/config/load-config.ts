import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from './app-config';

/** Reading the environment into AppConfig (app-config.ts says every setting and its rule). */

/**
 * Where `npm start` keeps its development JWT secret: generated once per checkout (random, mode 0600) and
 * git-ignored, so that a development instance never signs with a secret anyone can read in the repository.
 */
export const DEV_JWT_SECRET_FILE = '.dev-jwt-secret';

/** The secret of this checkout's development instances (API and worker processes share it through the file). */
function developmentJwtSecret(dir: string): string {
  const file = join(dir, DEV_JWT_SECRET_FILE);
  const read = () => readFileSync(file, 'utf8').trim();
  try {
    const existing = read();
    if (existing.length >= 32) return existing;
  } catch {
    /* not created yet */
  }
  try {
    // 'wx': two processes starting together create it once; the loser reads the winner's.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch {
    /* created meanwhile by another process */
  }
  return read();
}

/** Tests sign and verify tokens in one process: a random secret per process, nothing written to disk. */
const TEST_JWT_SECRET = randomBytes(32).toString('base64url');

/** The database `npm start` uses (the demo data): tests must never write to it. */
const DEVELOPMENT_DATABASE = 'coord';
const TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/coord_test_unset';

/**
 * `user:password@` in a URL (even a malformed one) becomes `user:***@`, so that an error or a log line never
 * shows the password: everything between the user name and the last `@` is hidden.
 */
export function redactUrl(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return value;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/+/.exec(value)?.[0] ?? '';
  const userinfo = value.slice(scheme.length, at);
  const colon = userinfo.indexOf(':');
  const user = colon >= 0 ? `${userinfo.slice(0, colon)}:***` : scheme ? userinfo : '***';
  return `${scheme}${user}@${value.slice(at + 1)}`;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Throws ConfigError whose message is one line naming the variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: { devSecretDir?: string } = {},
): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(new AppConfig())) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const nodeEnv = raw.NODE_ENV ?? 'development';
  if (!raw.JWT_SECRET) {
    if (nodeEnv === 'test') raw.JWT_SECRET = TEST_JWT_SECRET;
    else if (nodeEnv === 'development') raw.JWT_SECRET = developmentJwtSecret(options.devSecretDir ?? process.cwd());
    else throw new ConfigError(`Invalid configuration: JWT_SECRET is required when NODE_ENV=${nodeEnv}`);
  }
  if (nodeEnv === 'test') {
    // Tests get their own databases (libs/testing); a test that forgets to say which must not land in the demo's.
    raw.DATABASE_URL ??= TEST_DATABASE_URL;
    if (/^postgres(ql)?:\/\/[^/]*\/([^?]*)/.exec(raw.DATABASE_URL)?.[2] === DEVELOPMENT_DATABASE) {
      throw new ConfigError(
        `Invalid configuration: DATABASE_URL must not be the database "${DEVELOPMENT_DATABASE}" when NODE_ENV=test (npm start's demo data): give the test its own database`,
      );
    }
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    const rule = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const shown =
      first.property.includes('SECRET') || first.property.includes('PASSWORD') || first.property.includes('TOKEN')
        ? ''
        : ` (got "${redactUrl(String(first.value))}")`;
    throw new ConfigError(`Invalid configuration: ${rule}${shown}`);
  }
  return config;
}

/**
 * For process entry points: the validated configuration, or exit(1) after printing the one line that names
 * the bad variable (no stack trace: it is the operator's input, not a bug).
 */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
