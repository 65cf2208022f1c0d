import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@coord/core';
import { configureHttp, PlatformModule } from '@coord/platform';
import { Logger } from 'nestjs-pino';

/** The API process: GraphQL at /graphql, the IDE at /graphql in a browser, GET /health. Wiring only. */
async function bootstrap() {
  const config = loadConfigOrExit();
  const app = await NestFactory.create(PlatformModule.forRoot({ config }), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  configureHttp(app, config);
  await app.listen(config.PORT, '0.0.0.0');
  app.get(Logger).log(`API ready at ${config.PUBLIC_URL}/graphql (health: ${config.PUBLIC_URL}/health)`);
}

bootstrap().catch((error) => {
  console.error(`API failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
