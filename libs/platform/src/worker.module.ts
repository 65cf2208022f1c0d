import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import {
  AppConfig,
  AuditModule,
  CoreConfigModule,
  DatabaseModule,
  MetricsModule,
  PolicyService,
  RedisModule,
} from '@coord/core';
import { WorkerMetricsServer } from './worker-metrics.server';
import { RemindersWorkerModule } from '@coord/reminders';
import { ALL_ENTITIES, FEATURE_MODULES, loggerModule } from './platform.module';

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
 * The worker process: the same libraries as the API, no HTTP, plus the reminders feature's outbox relay and
 * BullMQ worker (RemindersWorkerModule, which uses bullmq directly for its lock settings and a fail-fast producer).
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
        MetricsModule,
        WorkerPolicyModule,
        ...FEATURE_MODULES,
        RemindersWorkerModule,
      ],
      providers: [WorkerReadiness, WorkerMetricsServer],
    };
  }
}
