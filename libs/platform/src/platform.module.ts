import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
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
import { RemindersModule } from '@coord/reminders';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { GraphQLExceptionPassThrough } from './graphql-exception.filter';
import { graphqlOptions } from './graphql.options';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { QueueDashboard } from './queue-dashboard';
import { requestIdOf } from './http';
import { SessionController } from './web/session.controller';

/** Every table the platform maps, from every feature (reminders' notifications table is core's Notification). */
export const ALL_ENTITIES = [...CORE_ENTITIES, ...REGISTRY_ENTITIES, ...MEETINGS_ENTITIES, ...ACTIONS_ENTITIES];

/** The feature modules, shared by the API and the worker. */
export const FEATURE_MODULES = [RegistryModule, MeetingsModule, ActionsModule, RemindersModule];

export interface PlatformOptions {
  config: AppConfig;
  /** Tests pass one to count SQL statements. */
  queryCounter?: QueryCounter;
  /** Tests pass one to read the log lines. */
  logStream?: DestinationStream;
}

/** Secrets that travel in a URL's path: a personal calendar feed's token. */
export function redactUrlSecrets(url: string): string {
  return url.replace(/(\/calendar\/feeds\/)[^/?#]+/g, '$1[redacted].ics');
}

/** Structured JSON logs with a request id on every line (taken from X-Request-Id when sane). */
export function loggerModule(config: AppConfig, stream?: DestinationStream) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.LOG_LEVEL,
      stream,
      genReqId: (req, res) => requestIdOf(req as never, res as never),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-health-token"]'],
      serializers: {
        // Wrapped by pino-http: receives the standard serialization (url, method, headers...).
        req: (req: { url?: string; params?: unknown }) => {
          const url = typeof req.url === 'string' ? redactUrlSecrets(req.url) : req.url;
          // The route's params repeat the path, secret included.
          if (url !== req.url) delete req.params;
          req.url = url;
          return req;
        },
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url === '/health' },
    },
  });
}

/** The API: configuration, logs, PostgreSQL, Redis, auth, audit, GraphQL and every feature. */
@Module({})
export class PlatformModule {
  static forRoot({ config, queryCounter, logStream }: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        CoreConfigModule.forRoot(config),
        loggerModule(config, logStream),
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
      providers: [
        LocalDateScalar,
        DurationScalar,
        QueueDashboard,
        { provide: APP_FILTER, useClass: GraphQLExceptionPassThrough },
      ],
    };
  }
}
