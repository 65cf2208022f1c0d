import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@coord/core';
import { WorkerModule } from '@coord/platform';
import { Logger } from 'nestjs-pino';

/**
 * The worker process: runs the BullMQ processors. Stateless: start as many as needed against the same
 * PostgreSQL and Redis. On SIGTERM/SIGINT Nest closes the BullMQ workers, which finish the job in hand.
 */
async function bootstrap() {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

bootstrap().catch((error) => {
  console.error(`worker failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
