import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/**
 * Every setting the platform reads from the environment, validated once at start-up.
 * A missing or malformed variable stops the process with one line naming it (loadConfig, load-config.ts).
 */
export type RuntimeEnv = 'development' | 'test' | 'production';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: RuntimeEnv = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /**
   * API processes sharing PORT (node:cluster; 1 = no cluster). Node runs JavaScript on one core, so a machine
   * with N cores serves about N times more requests with N processes (leave cores for PostgreSQL if it is local).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  API_PROCESSES = 1;

  /** PostgreSQL connections per process (API or worker). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(200)
  DB_POOL_SIZE = 10;

  /**
   * How long a request waits for a free pooled connection before it is answered SERVICE_UNAVAILABLE
   * ("try again in a few seconds"): the API's load shedding when PostgreSQL is down or saturated.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  DB_POOL_WAIT_MS = 10000;

  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: '$property must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/coord',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/coord';

  @Matches(/^rediss?:\/\/\S+$/, { message: '$property must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key (queues, rate limits): lets several environments share one Redis. */
  @Matches(/^[A-Za-z0-9_:-]{1,64}$/, { message: '$property must be 1-64 letters, digits, _ : or -' })
  REDIS_PREFIX = 'coord';

  @IsString()
  @MinLength(32, { message: '$property must be at least 32 characters' })
  JWT_SECRET = '';

  @Transform(toInt)
  @IsInt()
  @Min(60)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Sign-in attempts allowed per email and per IP address within LOGIN_RATE_WINDOW_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  /** Sign-in and token-refresh attempts allowed per IP address within the window (offices share an IP). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_IP = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_WINDOW_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  GRAPHQL_MAX_DEPTH = 10;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  GRAPHQL_MAX_COST = 20000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ALIASES = 30;

  @Matches(/^\d+(kb|mb)$/, { message: '$property must look like 100kb or 1mb' })
  BODY_LIMIT = '1mb';

  /**
   * Schema introspection and "Did you mean ...?" suggestions in errors: on by default outside production (the IDE
   * needs introspection), off by default in production, where they hand an attacker the whole schema.
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  GRAPHQL_INTROSPECTION?: 'true' | 'false' = undefined;

  /**
   * Which proxies in front of the API are trusted to say the client's address (X-Forwarded-For), so that per-IP
   * rate limits count clients, not the load balancer: Express's `trust proxy` (loopback, a number of hops,
   * addresses or subnets separated by commas, true or false).
   */
  @Matches(/^(true|false|\d{1,2}|[A-Za-z0-9.:/]+(\s*,\s*[A-Za-z0-9.:/]+)*)$/, {
    message: '$property must be true, false, a number of hops, or addresses/subnets/loopback separated by commas',
  })
  TRUST_PROXY = 'loopback';

  /** Browser origins allowed to call the API from another site (CORS), separated by commas; none by default. */
  @Matches(/^(https?:\/\/[^\s,/]+)(\s*,\s*https?:\/\/[^\s,/]+)*$/, {
    message: '$property must be origins separated by commas, e.g. https://coord.example.org,https://admin.example.org',
  })
  @IsOptional()
  CORS_ORIGINS?: string = undefined;

  /**
   * A refresh token just rotated may be presented again this long afterwards (two tabs refreshing at once) and
   * gets a fresh pair of the same sign-in; presented later, it is reuse and signs the sign-in out everywhere.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  REFRESH_REUSE_GRACE_SECONDS = 10;

  /** A monitor presenting it (X-Health-Token) gets /health's detail, as admins do; anonymous callers get status. */
  @IsOptional()
  @MinLength(16, { message: '$property must be at least 16 characters' })
  HEALTH_TOKEN?: string = undefined;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http(s) URL, e.g. http://localhost:3000' })
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * Bearer token that /metrics (API) and the worker's metrics port require. Without it, metrics answer callers on
   * the same machine only (not through a proxy).
   */
  @IsOptional()
  @MinLength(16, { message: '$property must be at least 16 characters' })
  METRICS_TOKEN?: string = undefined;

  /** The worker's metrics port (0: none). Default 9464, none under NODE_ENV=test. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT?: number = undefined;

  /** Address the worker's metrics port listens on; 127.0.0.1 unless METRICS_TOKEN protects it. */
  @IsOptional()
  @IsNotEmpty()
  WORKER_METRICS_HOST?: string = undefined;

  @IsOptional()
  @IsNotEmpty()
  ADMIN_EMAIL?: string = undefined;

  @IsOptional()
  @IsNotEmpty()
  ADMIN_PASSWORD?: string = undefined;

  /** Outgoing mail (reminders). `npm start` runs a local catcher on port 1025 (web view on 1080). */
  @Matches(/^smtps?:\/\/\S+$/, { message: '$property must be an smtp:// URL, e.g. smtp://127.0.0.1:1025' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  @IsNotEmpty()
  MAIL_FROM = 'Coordination platform <no-reply@coord.example>';

  /** How often the worker moves pending reminder intents from PostgreSQL into BullMQ. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS = 1000;

  /** First retry delay of a failing reminder job (exponential from there). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  REMINDER_RETRY_BACKOFF_MS = 10000;

  /** An enqueued reminder not done this long after its due time is checked in Redis and re-enqueued if lost. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  REMINDER_REQUEUE_GRACE_MS = 60000;

  /** BullMQ job lock; a job whose worker died is retried once its lock expires (also the stalled-check interval). */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  WORKER_LOCK_MS = 30000;

  /**
   * Reminder jobs a worker process runs at once. A job mostly waits: its intent is delivered in a batch with those
   * of the other running jobs (a few database connections whatever this number, see ReminderDeliveryService), so
   * more jobs make bigger batches and fewer round trips per reminder.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  REMINDER_CONCURRENCY = 100;

  /** When the weekly digest runs (cron, UTC). */
  @Matches(/^\S+( \S+){4,5}$/, { message: '$property must be a cron expression, e.g. 0 7 * * 1' })
  DIGEST_CRON = '0 7 * * 1';

  /** When the daily retention job deletes what is past its retention (cron, UTC). */
  @Matches(/^\S+( \S+){4,5}$/, { message: '$property must be a cron expression, e.g. 30 2 * * *' })
  RETENTION_CRON = '30 2 * * *';

  /** Read in-app notifications are deleted this many days after they were created. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_READ_NOTIFICATIONS_DAYS = 180;

  /** Unread in-app notifications are deleted this many days after they were created. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_UNREAD_NOTIFICATIONS_DAYS = 365;

  /** Finished reminder intents (done, cancelled, failed) and delivery rows are deleted this many days later. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_FINISHED_REMINDERS_DAYS = 90;

  /** Refresh tokens are deleted this many days after they expired or were revoked; revoked calendar feeds too. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_TOKENS_DAYS = 7;

  /** Failed queue jobs (kept for admins to inspect) are removed from Redis after this many days. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_FAILED_JOBS_DAYS = 30;

  /** Rows one statement of the retention job deletes (short transactions, few locks). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  RETENTION_BATCH_SIZE = 1000;

  /**
   * How often the worker vacuums the tables an erasure touched (pending_vacuums), so that dead row versions with
   * the erased name and email leave the tables within this bound (plus the vacuum's own time).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  ERASURE_VACUUM_EVERY_MS = 15 * 60 * 1000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get introspection(): boolean {
    return this.GRAPHQL_INTROSPECTION === undefined ? !this.isProduction : this.GRAPHQL_INTROSPECTION === 'true';
  }

  /** TRUST_PROXY as Express takes it. */
  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'true' || this.TRUST_PROXY === 'false') return this.TRUST_PROXY === 'true';
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  get corsOrigins(): string[] {
    return (this.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
  }
}
