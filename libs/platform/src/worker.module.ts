import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, AuditModule, CoreConfigModule, DatabaseModule, PolicyService, RedisModule } from '@coord/core';
import { RemindersWorkerModule } from '@coord/reminders';
import { ALL_ENTITIES, FEATURE_MODULES, loggerModule } from './platform.module';

/** Redis connection for BullMQ workers: blocking commands must wait forever, not fail after N retries. */
export function bullConnection(config: AppConfig) {
  const url = new URL(config.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

@Injectable()
class WorkerReadiness implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}
  onApplicationBootstrap() {
    this.logger.log(`worker ready (redis ${new URL(this.config.REDIS_URL).host}, prefix ${this.config.REDIS_PREFIX})`);
  }
}

/**
 * The feature services need PolicyService (body-level rules); the worker has no sign-in, so it gets the policy
 * service alone rather than AuthModule (Passport strategies, guards, rate limits are the API's).
 */
@Global()
@Module({ providers: [PolicyService], exports: [PolicyService] })
class WorkerPolicyModule {}

/**
 * The worker process: the same libraries as the API, no HTTP. BullMQ processors register through the
 * feature modules (the reminders feature adds its queues here).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreConfigModule.forRoot(config),
        loggerModule(config),
        DatabaseModule.forRoot({ entities: ALL_ENTITIES, applicationName: 'coord-worker' }),
        RedisModule,
        AuditModule,
        WorkerPolicyModule,
        BullModule.forRoot({ connection: bullConnection(config), prefix: config.REDIS_PREFIX }),
        ...FEATURE_MODULES,
        RemindersWorkerModule,
      ],
      providers: [WorkerReadiness],
    };
  }
}
