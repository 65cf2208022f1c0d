import { Body, Controller, HttpCode, Inject, Injectable, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AccountsService, AuthService, badInput, msg, Public, SYSTEM_ACTOR } from '@coord/core';
import type { Request, Response } from 'express';
import { SessionErrorFilter } from './session-error.filter';

/** The cookie holding the web client's refresh token, sent back only to the routes below. */
export const REFRESH_COOKIE = 'coord_refresh';
export const SESSION_PATH = '/auth/session';

interface SessionBody {
  email?: unknown;
  password?: unknown;
}

interface RedeemBody {
  token?: unknown;
  password?: unknown;
}

/** Rate limits the web sign-in like the GraphQL login: per IP and per email (throttlers of core's AuthModule). */
@Injectable()
export class SessionLoginThrottlerGuard extends ThrottlerGuard {
  protected getRequestResponse(context: ExecutionContext) {
    const http = context.switchToHttp();
    const req = http.getRequest();
    req.loginEmail = String(req.body?.email ?? '')
      .trim()
      .toLowerCase();
    return { req, res: http.getResponse() };
  }
}

/**
 * Refreshing counts against the per-IP sign-in limit, as the GraphQL refreshToken does; a page load without a
 * session cookie (an anonymous visitor) does not, so that many visitors behind one office address never see it.
 */
@Injectable()
export class SessionRefreshThrottlerGuard extends SessionLoginThrottlerGuard {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!readCookie(context.switchToHttp().getRequest(), REFRESH_COOKIE)) return true;
    return super.canActivate(context);
  }
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * The web client's session over REST, so that its refresh token never reaches JavaScript: signing in or
 * refreshing answers the access token in the body and puts the refresh token in an HttpOnly, SameSite=Strict
 * cookie scoped to /auth/session (Secure when the request came over https). These routes take JSON only: a
 * cross-site page cannot send that without a CORS preflight, which this API never grants, and the browser does
 * not send a SameSite=Strict cookie from another site anyway. Other clients keep using the GraphQL `login`,
 * `refreshToken` and `logout` mutations (the same AuthService, the same rotation and reuse detection).
 */
@Controller('auth/session')
@UseFilters(SessionErrorFilter)
export class SessionController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AccountsService) private readonly accounts: AccountsService,
  ) {}

  @Public()
  @UseGuards(SessionLoginThrottlerGuard)
  @Post()
  @HttpCode(200)
  async signIn(@Body() body: SessionBody, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.requireJson(req);
    if (typeof body?.email !== 'string' || !body.email.trim())
      throw badInput(msg('error.platform.web.enterYourEmail'), 'email');
    if (typeof body?.password !== 'string' || !body.password)
      throw badInput(msg('error.platform.web.enterYourPassword'), 'password');
    const user = await this.auth.verifyCredentials(body.email, body.password);
    return this.answer(req, res, await this.auth.login({ user, requestId: String(req.id ?? '') }));
  }

  /**
   * The invitation mail's link: sets the password and signs in like the GraphQL acceptInvitation, but the
   * refresh token goes into the cookie, not to JavaScript. Policy errors name the field `password`.
   */
  @Public()
  @UseGuards(SessionLoginThrottlerGuard)
  @Post('accept-invitation')
  @HttpCode(200)
  async acceptInvitation(@Body() body: RedeemBody, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { token, password } = this.redeemBody(req, body, 'password');
    return this.answer(req, res, await this.accounts.acceptInvitation(token, password, String(req.id ?? '')));
  }

  /** The reset mail's link: as resetPassword (every other session signed out); errors name `newPassword`. */
  @Public()
  @UseGuards(SessionLoginThrottlerGuard)
  @Post('reset-password')
  @HttpCode(200)
  async resetPassword(@Body() body: RedeemBody, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { token, password } = this.redeemBody(req, body, 'newPassword');
    return this.answer(req, res, await this.accounts.resetPassword(token, password, String(req.id ?? '')));
  }

  @Public()
  @UseGuards(SessionRefreshThrottlerGuard)
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.requireJson(req);
    const presented = readCookie(req, REFRESH_COOKIE);
    // No cookie: an anonymous visitor's page load, not an error (nothing to restore).
    if (!presented) {
      res.status(204);
      return undefined;
    }
    try {
      return this.answer(req, res, await this.auth.refresh(presented));
    } catch (error) {
      this.clear(req, res);
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(200)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.requireJson(req);
    const presented = readCookie(req, REFRESH_COOKIE);
    this.clear(req, res);
    if (presented) await this.auth.logout(presented, SYSTEM_ACTOR).catch(() => false);
    return { ok: true };
  }

  private redeemBody(req: Request, body: RedeemBody, passwordField: string) {
    this.requireJson(req);
    if (typeof body?.token !== 'string' || !body.token)
      throw badInput(msg('error.platform.web.linkHasNoToken'), 'token');
    if (typeof body?.password !== 'string' || !body.password)
      throw badInput(msg('error.platform.web.choosePassword'), passwordField);
    return { token: body.token, password: body.password };
  }

  private requireJson(req: Request) {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      throw badInput(msg('error.platform.web.sendRequestApplicationJson'));
  }

  private cookieOptions(req: Request) {
    return { httpOnly: true, secure: req.secure, sameSite: 'strict' as const, path: SESSION_PATH };
  }

  private answer(
    req: Request,
    res: Response,
    payload: { accessToken: string; refreshToken: string; expiresAt: Date; user: any },
  ) {
    const refreshMaxAge = 30 * 86400_000;
    res.cookie(REFRESH_COOKIE, payload.refreshToken, { ...this.cookieOptions(req), maxAge: refreshMaxAge });
    res.setHeader('Cache-Control', 'no-store');
    const { id, email, locale, platformRole } = payload.user;
    return {
      accessToken: payload.accessToken,
      expiresAt: payload.expiresAt,
      user: { id, email, locale, platformRole },
    };
  }

  private clear(req: Request, res: Response) {
    res.clearCookie(REFRESH_COOKIE, this.cookieOptions(req));
  }
}
