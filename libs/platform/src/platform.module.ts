import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import {
  AppConfig,
  AuditModule,
  ContentTranslationsModule,
  AuthModule,
  CORE_ENTITIES,
  CoreConfigModule,
  DatabaseModule,
  DurationScalar,
  LocalDateScalar,
  Metrics,
  MetricsModule,
  QueryCounter,
  RedisModule,
} from '@coord/core';
import { ACTIONS_ENTITIES, ActionsModule } from '@coord/actions';
import { MEETINGS_ENTITIES, MeetingsModule } from '@coord/meetings';
import { REGISTRY_ENTITIES, RegistryModule } from '@coord/registry';
import { REMINDERS_ENTITIES, RemindersModule } from '@coord/reminders';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { graphqlOptions } from './graphql.options';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { QueueDashboard } from './queue-dashboard';
import { SessionController } from './web/session.controller';

/** Every table the platform maps, from every feature. */
export const ALL_ENTITIES = [
  ...CORE_ENTITIES,
  ...REGISTRY_ENTITIES,
  ...MEETINGS_ENTITIES,
  ...ACTIONS_ENTITIES,
  ...REMINDERS_ENTITIES,
];

/** The feature modules, shared by the API and the worker. */
export const FEATURE_MODULES = [RegistryModule, MeetingsModule, ActionsModule, RemindersModule];

export interface PlatformOptions {
  config: AppConfig;
  /** Tests pass one to count SQL statements. */
  queryCounter?: QueryCounter;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Structured JSON logs with a request id on every line (taken from X-Request-Id when sane). */
export function loggerModule(config: AppConfig) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url === '/health' },
    },
  });
}

/** The API: configuration, logs, PostgreSQL, Redis, auth, audit, GraphQL and every feature. */
@Module({})
export class PlatformModule {
  static forRoot({ config, queryCounter }: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        CoreConfigModule.forRoot(config),
        loggerModule(config),
        DatabaseModule.forRoot({ entities: ALL_ENTITIES, queryCounter, applicationName: 'coord-api' }),
        RedisModule,
        AuditModule,
        AuthModule,
        MetricsModule,
        ContentTranslationsModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Metrics],
          useFactory: (metrics: Metrics) => graphqlOptions(config, metrics),
        }),
        ...FEATURE_MODULES,
      ],
      controllers: [HealthController, SessionController, MetricsController],
      providers: [LocalDateScalar, DurationScalar, QueueDashboard],
    };
  }
}
