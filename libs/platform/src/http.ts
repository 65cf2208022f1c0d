import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, createValidationPipe, Metrics } from '@coord/core';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './queue-dashboard';
import { graphiqlAssets, graphiqlPage } from './graphiql/graphiql';
import { webApp } from './web/web-app';

/** Route labels for requests no Nest route matched (Apollo, static assets, the queue dashboard). */
const KNOWN_PREFIXES = ['/graphql', '/graphiql', '/admin/queues', '/metrics', '/health'];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request id of every log line and error: X-Request-Id when sane, else a new UUID, echoed in the response.
 * Assigned by the first middleware (configureHttp), so that errors raised before the logger's middleware (a body
 * that is not JSON) carry it too; the logger reuses it.
 */
export function requestIdOf(req: Request & { id?: unknown }, res: Response): string {
  if (typeof req.id === 'string') return req.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * What the body parser refuses (not JSON, too large, an unsupported encoding) is answered like any GraphQL error:
 * `{"errors":[{"message", "extensions":{"code":"BAD_USER_INPUT","requestId"}}]}` with the parser's status.
 */
function bodyParserErrors(config: AppConfig) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: number; statusCode?: number })?.status ?? 0;
    const type = (error as { type?: string })?.type;
    if (status < 400 || status >= 500 || res.headersSent) return next(error);
    const message =
      type === 'entity.too.large'
        ? `The request body is larger than the limit of ${config.BODY_LIMIT}`
        : type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : `The request body cannot be read: ${(error as Error).message}`;
    res.status(status).json({
      errors: [{ message, extensions: { code: 'BAD_USER_INPUT', requestId: requestIdOf(req, res) } }],
    });
  };
}

/**
 * Cross-origin calls: none allowed unless CORS_ORIGINS names the origin. A preflight (OPTIONS) is always answered
 * here (204), with the CORS headers only for an allowed origin: it never reaches Apollo's CSRF check.
 */
function configureCors(express: NestExpressApplication, config: AppConfig) {
  const allowed = new Set(config.corsOrigins);
  if (allowed.size > 0) {
    express.enableCors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Apollo-Require-Preflight'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
    });
  }
  express.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Vary', 'Origin');
    res.status(204).end();
  });
}

/**
 * HTTP hardening, the offline IDE and the web client, applied the same way by main.ts and the tests.
 * Must run before app.init() so that these handlers sit in front of Apollo's.
 */
export function configureHttp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', config.trustProxy);
  express.use((req: Request, res: Response, next: NextFunction) => {
    requestIdOf(req, res);
    next();
  });
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
  configureCors(express, config);
  express.useBodyParser('json', { limit: config.BODY_LIMIT });
  express.use(bodyParserErrors(config));
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
