import { ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { ThrottlerGuard } from '@nestjs/throttler';
import { forbidden, isServiceUnavailable, localized, unauthenticated, msg } from '../errors/domain-error';
import { isAdmin } from './auth-user';
import { IGNORES_ACCESS_TOKEN, IS_PUBLIC, requestOf, REQUIRES_ADMIN } from './decorators';

/**
 * Global guard: every resolver needs a valid access token unless marked @Public(); @AdminOnly()
 * additionally needs the ADMIN platform role. On public operations a token, if sent, still identifies the user,
 * and a bad one (expired, forged, of a disabled user) is UNAUTHENTICATED there too (`me` included), except on
 * the sign-in operations (@IgnoresAccessToken).
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {
    super();
  }

  getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const req = this.getRequest(context);
    if (req && req.user === undefined) {
      if (!req.headers?.authorization) {
        req.user = null;
      } else {
        try {
          await super.canActivate(context);
        } catch (error) {
          // The user lookup failed because the database is down: say so, the token may well be valid.
          if (isServiceUnavailable(error)) throw error;
          req.user = null;
          // Remembered for the other fields of the same request.
          req.accessTokenInvalid = true;
        }
      }
    }
    if (req?.accessTokenInvalid && !this.reflector.getAllAndOverride<boolean>(IGNORES_ACCESS_TOKEN, targets)) {
      throw unauthenticated(msg('error.invalidToken'));
    }
    if (!isPublic && !req?.user) throw unauthenticated();
    if (this.reflector.getAllAndOverride<boolean>(REQUIRES_ADMIN, targets) && !isAdmin(req.user)) {
      throw localized(forbidden(msg('error.core.auth.platformAdminDo')), 'error.adminOnly');
    }
    return true;
  }

  handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (isServiceUnavailable(err)) throw err;
    if (err || !user) throw unauthenticated(msg('error.invalidToken'));
    return user;
  }
}

/** Runs the passport-local strategy on the login mutation's arguments. */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  getRequest(context: ExecutionContext) {
    const gql = GqlExecutionContext.create(context);
    const req = gql.getContext().req;
    req.body = { ...(req.body ?? {}), ...gql.getArgs() };
    return req;
  }

  handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (err instanceof Error && err.name === 'DomainError') throw err;
    if (err || !user) throw unauthenticated(msg('error.wrongCredentials'));
    return user;
  }
}

/** The same message for an unknown email and a wrong password: it must not tell which one was wrong. */
/** The English text of error.wrongCredentials (sign-in refusals are translated from the catalogs). */
export const WRONG_CREDENTIALS = 'The email or password is wrong';

/**
 * Rate limits an operation per IP address and per account (the throttlers named in auth.module.ts): the account is
 * the operation's `email` argument when it has one (login, asking for a password reset), else the signed-in user
 * (changePassword). Counters are per operation. Apply it with @RateLimited() (or list it first in @UseGuards
 * when other guards must only run within the limit, as login's password check).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected getRequestResponse(context: ExecutionContext) {
    const gql = GqlExecutionContext.create(context);
    const ctx = gql.getContext();
    ctx.req.rateLimitAccount = rateLimitAccount(context);
    return { req: ctx.req, res: ctx.res };
  }
}

/**
 * The account an attempt counts against, or undefined (then only the per-IP limit applies). GraphQL: the `email`
 * argument; HTTP routes (the web client's sign-in): the JSON body's email; else the signed-in user.
 */
export function rateLimitAccount(context: ExecutionContext): string | undefined {
  const graphql = context.getType<string>() === 'graphql';
  const req = graphql ? GqlExecutionContext.create(context).getContext().req : context.switchToHttp().getRequest();
  const email = graphql ? GqlExecutionContext.create(context).getArgs().email : req?.body?.email;
  if (typeof email === 'string' && email.trim()) return `email:${email.trim().toLowerCase()}`;
  return req?.user?.id ? `user:${req.user.id}` : undefined;
}

/** Counts each call against the per-IP and per-account limits (LOGIN_RATE_LIMIT_PER_IP, LOGIN_RATE_LIMIT). */
export const RateLimited = () => UseGuards(RateLimitGuard);

/** The sign-in name of RateLimitGuard. */
export const LoginThrottlerGuard = RateLimitGuard;
