import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig, AuthService, loadConfig, PlatformRole, QueryCounter, RedisClient, User } from '@coord/core';
import { configureHttp, PlatformModule } from '@coord/platform';
import { randomBytes } from 'node:crypto';
import { Logger as PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from './test-database';

export interface GqlResult<T = any> {
  status: number;
  data: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string; [k: string]: unknown } }>;
  body: any;
}

/** A real Nest app on its own database and Redis key prefix, driven over HTTP with supertest. */
export class TestApp {
  private constructor(
    readonly app: INestApplication,
    readonly db: TestDatabase,
    readonly config: AppConfig,
    readonly queries: QueryCounter,
  ) {}

  /**
   * `logStream`: the app logs there as main.ts does (pino, JSON lines; set LOG_LEVEL in env), for tests that read
   * the logs; otherwise it logs nothing.
   */
  static async create(
    env: Record<string, string> = {},
    options: { logStream?: { write(line: string): void } } = {},
  ): Promise<TestApp> {
    const db = await createTestDatabase();
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      ...env,
    });
    const queries = new QueryCounter();
    let app: INestApplication | undefined;
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [PlatformModule.forRoot({ config, queryCounter: queries, logStream: options.logStream })],
      }).compile();
      app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
      if (options.logStream) app.useLogger(app.get(PinoLogger));
      configureHttp(app, config);
      await app.init();
      return new TestApp(app, db, config, queries);
    } catch (error) {
      await app?.close().catch(() => undefined);
      await db.drop();
      throw error;
    }
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  async gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResult<T>> {
    const req = this.http.post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body?.data, errors: res.body?.errors, body: res.body };
  }

  /** Runs `fn` and returns how many SQL statements it caused. */
  async countQueries(fn: () => Promise<unknown>): Promise<number> {
    this.queries.reset();
    await fn();
    return this.queries.count;
  }

  /** Inserts a user directly (test fixture) and returns its credentials. */
  async createUser(opts: { email?: string; password?: string; role?: PlatformRole; personId?: string } = {}) {
    const email = (opts.email ?? `user-${randomBytes(4).toString('hex')}@example.org`).toLowerCase();
    const password = opts.password ?? 'correct horse battery staple';
    const user = await this.dataSource.getRepository(User).save({
      email,
      passwordHash: await AuthService.hashPassword(password),
      platformRole: opts.role ?? PlatformRole.USER,
      personId: opts.personId ?? null,
    });
    return { id: user.id, email, password };
  }

  async login(email: string, password: string): Promise<string> {
    const res = await this.gql(
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
      { email, password },
    );
    if (!res.data?.login) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
    return res.data.login.accessToken;
  }

  /** Creates a user (admin by default) and returns an access token for it. */
  async signIn(opts: { role?: PlatformRole; personId?: string } = {}) {
    const user = await this.createUser({ role: opts.role ?? PlatformRole.ADMIN, personId: opts.personId });
    return { ...user, token: await this.login(user.email, user.password) };
  }

  async close(): Promise<void> {
    const redis = this.app.get(RedisClient);
    try {
      const keys = await redis.client.keys(`${this.config.REDIS_PREFIX}:*`);
      if (keys.length) await redis.client.del(...keys);
    } catch {
      /* Redis may be down in a fault test */
    }
    await this.app.close();
    await this.db.drop();
  }
}

/** Asserts the first GraphQL error's code (and optionally a message fragment). */
export function expectError(res: GqlResult, code: string, message?: RegExp | string) {
  const error = res.errors?.[0];
  if (!error) throw new Error(`expected a ${code} error, got data ${JSON.stringify(res.data)}`);
  if (error.extensions?.code !== code) {
    throw new Error(`expected ${code}, got ${error.extensions?.code}: ${error.message}`);
  }
  if (message && !(typeof message === 'string' ? error.message.includes(message) : message.test(error.message))) {
    throw new Error(`error message "${error.message}" does not match ${message}`);
  }
  return error;
}
