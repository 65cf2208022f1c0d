import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { QueryCounter } from './query-counter';

export interface DatabaseModuleOptions {
  entities: DataSourceOptions['entities'];
  queryCounter?: QueryCounter;
  applicationName?: string;
}

/** Provides the initialised TypeORM DataSource (and QueryCounter in tests) to every feature. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: QueryCounter, useValue: options.queryCounter ?? new QueryCounter() },
        {
          provide: DataSource,
          inject: [AppConfig],
          useFactory: async (config: AppConfig) =>
            createDataSource({
              url: config.DATABASE_URL,
              entities: options.entities,
              queryCounter: options.queryCounter,
              applicationName: options.applicationName,
              poolSize: config.DB_POOL_SIZE,
              poolWaitMs: config.DB_POOL_WAIT_MS,
            }).initialize(),
        },
      ],
      exports: [DataSource, QueryCounter],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
