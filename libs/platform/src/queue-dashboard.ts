import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { getStorageToken, ThrottlerStorage } from '@nestjs/throttler';
import { AppConfig, AuthService, PlatformRole, User } from '@coord/core';
import { QueueName } from '@coord/reminders';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response, Router } from 'express';
import { DataSource } from 'typeorm';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'coord_queues';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family: sans-serif; max-width: 28rem; margin: 4rem auto">${body}</body></html>`;

const SIGN_IN_PAGE = page(
  'Queue dashboard: sign in',
  `<h1>Queue dashboard</h1><p>Platform admins only.</p>
   <form method="post" action="${QUEUE_DASHBOARD_PATH}/sign-in">
     <p><label>Email<br><input name="email" type="email" autocomplete="username" required></label></p>
     <p><label>Password<br><input name="password" type="password" autocomplete="current-password" required></label></p>
     <p><button type="submit">Sign in</button></p>
   </form>`,
);

/** The sign-in form's fields (application/x-www-form-urlencoded, at most 10 kB); null when larger. */
async function readForm(req: Request): Promise<URLSearchParams | null> {
  let raw = '';
  for await (const chunk of req) {
    raw += String(chunk);
    if (raw.length > 10_000) return null;
  }
  return new URLSearchParams(raw);
}

/**
 * Bull Board (the BullMQ dashboard, its assets served from node_modules by the Express adapter) at
 * /admin/queues, for platform admins only: a request carries either an admin's access token
 * (`Authorization: Bearer ...`) or the HttpOnly cookie that the small sign-in form here sets (SameSite=Strict,
 * scoped to /admin/queues, as long-lived as an access token). The user row is re-read on each request, so a
 * deactivated or demoted admin loses the dashboard at once. Sign-in attempts count against the same rate limit
 * storage as login. The queue connection is made on the first authorized request: the API does not need Redis
 * otherwise.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private queue?: Queue;
  private board?: Router;
  /** Verifies and signs tokens exactly as the API's JWT strategy does (same secret, HS256). */
  private readonly jwt: JwtService;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(getStorageToken()) private readonly limits: ThrottlerStorage,
  ) {
    this.jwt = new JwtService({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' } });
  }

  private router(): Router {
    if (!this.board) {
      this.queue = new Queue(QueueName.REMINDERS, {
        connection: { url: this.config.REDIS_URL, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
        prefix: this.config.REDIS_PREFIX,
      });
      this.queue.on('error', () => undefined); // shown in the dashboard; /health reports Redis
      const adapter = new ExpressAdapter();
      adapter.setBasePath(QUEUE_DASHBOARD_PATH);
      // @bull-board/express pins a patch release of @bull-board/api of its own: the same API, other type identities.
      createBullBoard({
        queues: [new BullMQAdapter(this.queue)],
        serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      });
      this.board = adapter.getRouter() as Router;
    }
    return this.board;
  }

  /** 'ok' for an active platform admin, 'forbidden' for another user, 'anonymous' without a valid token. */
  private async who(req: Request): Promise<'ok' | 'forbidden' | 'anonymous'> {
    const header = req.headers.authorization ?? '';
    const cookie = (req.headers.cookie ?? '')
      .split(';')
      .map((part) => part.trim().split('='))
      .find(([name]) => name === COOKIE)?.[1];
    const token = header.startsWith('Bearer ') ? header.slice(7) : cookie;
    if (!token) return 'anonymous';
    let sub: string;
    try {
      sub = (await this.jwt.verifyAsync<{ sub: string }>(token, { algorithms: ['HS256'] })).sub;
    } catch {
      return 'anonymous';
    }
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: sub } });
    if (!user || user.disabledAt) return 'anonymous';
    return user.platformRole === PlatformRole.ADMIN ? 'ok' : 'forbidden';
  }

  /** Express handler for everything under /admin/queues. */
  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    void this.route(req, res, next).catch(next);
  };

  private async route(req: Request, res: Response, next: NextFunction) {
    const path = req.path;
    if (path === '/sign-in') {
      if (req.method === 'GET') return void res.type('html').send(SIGN_IN_PAGE);
      if (req.method === 'POST') return this.signIn(req, res);
    }
    if (path === '/sign-out' && req.method === 'POST') {
      res.setHeader('set-cookie', `${COOKIE}=; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=0`);
      return void res.redirect(303, `${QUEUE_DASHBOARD_PATH}/sign-in`);
    }
    const who = await this.who(req);
    if (who === 'anonymous') {
      if (req.method === 'GET' && String(req.headers.accept ?? '').includes('text/html')) {
        return void res.redirect(303, `${QUEUE_DASHBOARD_PATH}/sign-in`);
      }
      return void res.status(401).json({ error: 'Sign in as a platform admin to see the queues' });
    }
    if (who === 'forbidden') return void res.status(403).json({ error: 'Only a platform admin can see the queues' });
    this.router()(req, res, next);
  }

  private async signIn(req: Request, res: Response) {
    const form = await readForm(req);
    if (!form) return void res.status(413).type('text/plain').send('The form is too large\n');
    const email = String(form.get('email') ?? '')
      .trim()
      .toLowerCase();
    const password = String(form.get('password') ?? '');
    const window = this.config.LOGIN_RATE_WINDOW_SECONDS * 1000;
    const [byIp, byEmail] = await Promise.all([
      this.limits.increment(`queues:${req.ip}`, window, this.config.LOGIN_RATE_LIMIT_PER_IP, window, 'login-ip'),
      this.limits.increment(`queues:${email}`, window, this.config.LOGIN_RATE_LIMIT, window, 'login-email'),
    ]);
    if (byIp.isBlocked || byEmail.isBlocked) {
      return void res
        .status(429)
        .type('html')
        .send(page('Too many attempts', '<p>Too many attempts: wait a minute.</p>'));
    }
    const user = await this.auth.verifyCredentials(email, password).catch(() => null);
    if (!user || user.platformRole !== PlatformRole.ADMIN) {
      return void res
        .status(user ? 403 : 401)
        .type('html')
        .send(
          page(
            'Queue dashboard',
            `<p>${user ? 'Only platform admins can see the queues.' : 'The email or password is wrong.'}</p><p><a href="${QUEUE_DASHBOARD_PATH}/sign-in">Try again</a></p>`,
          ),
        );
    }
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = await this.jwt.signAsync({ sub: user.id, role: user.platformRole }, { expiresIn: ttl });
    const secure = this.config.PUBLIC_URL.startsWith('https:') ? '; Secure' : '';
    res.setHeader(
      'set-cookie',
      `${COOKIE}=${token}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${ttl}${secure}`,
    );
    res.redirect(303, `${QUEUE_DASHBOARD_PATH}/`);
  }

  async onApplicationShutdown() {
    await this.queue?.close().catch(() => undefined);
  }
}
