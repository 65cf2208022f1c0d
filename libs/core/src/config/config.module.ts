import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config';
import { loadConfig } from './load-config';

/**
 * Owns the validated configuration. The whole process shares one AppConfig instance, injected by class.
 * Built on @nestjs/config so that `ConfigService` works for libraries that expect it.
 */
@Global()
@Module({})
export class CoreConfigModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: CoreConfigModule,
      imports: [NestConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ ...config })] })],
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
