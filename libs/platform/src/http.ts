import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, createValidationPipe } from '@coord/core';
import helmet from 'helmet';
import { graphiqlAssets, graphiqlPage } from './graphiql/graphiql';
import { webApp } from './web/web-app';

/**
 * HTTP hardening, the offline IDE and the web client, applied the same way by main.ts and the tests.
 * Must run before app.init() so that these handlers sit in front of Apollo's.
 */
export function configureHttp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  express.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  express.useBodyParser('json', { limit: config.BODY_LIMIT });
  express.use('/graphiql', graphiqlAssets);
  express.use('/graphql', graphiqlPage);
  // The web client (apps/web) at /, with its own stricter CSP; API routes are never shadowed (web-app.ts).
  express.use(webApp());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
}
