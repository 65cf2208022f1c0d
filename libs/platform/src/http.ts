import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, createValidationPipe, Metrics } from '@coord/core';
import helmet from 'helmet';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './queue-dashboard';
import { graphiqlAssets, graphiqlPage } from './graphiql/graphiql';
import { webApp } from './web/web-app';

/** Route labels for requests no Nest route matched (Apollo, static assets, the queue dashboard). */
const KNOWN_PREFIXES = ['/graphql', '/graphiql', '/admin/queues', '/metrics', '/health'];

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
  const metrics = app.get(Metrics);
  express.use((req: any, res: any, next: () => void) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      // The matched route's pattern (bounded), or the mount point of what answered; never the raw URL.
      const route = req.route?.path
        ? `${req.baseUrl ?? ''}${req.route.path}`.replace(/\/\{\*path\}$/, '')
        : (KNOWN_PREFIXES.find((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`)) ?? 'other');
      metrics.httpDuration.observe(
        { method: req.method, route, status: String(res.statusCode) },
        Number(process.hrtime.bigint() - start) / 1e9,
      );
    });
    next();
  });
  express.useBodyParser('json', { limit: config.BODY_LIMIT });
  // Bull Board's page needs nothing the policy above forbids: its scripts and styles are files under its own path
  // ('self'); only its Google Fonts link is refused (the page falls back to local fonts).
  express.use(QUEUE_DASHBOARD_PATH, app.get(QueueDashboard).handle);
  express.use('/graphiql', graphiqlAssets);
  express.use('/graphql', graphiqlPage);
  // The web client (apps/web) at /, with its own stricter CSP; API routes are never shadowed (web-app.ts).
  express.use(webApp());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
}
