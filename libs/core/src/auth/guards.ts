import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { ThrottlerGuard } from '@nestjs/throttler';
import { forbidden, isServiceUnavailable, localized, unauthenticated } from '../errors/domain-error';
import { isAdmin } from './auth-user';
import { IS_PUBLIC, requestOf, REQUIRES_ADMIN } from './decorators';

/**
 * Global guard: every resolver needs a valid access token unless marked @Public(); @AdminOnly()
 * additionally needs the ADMIN platform role. On public operations a token, if sent, still identifies the user.
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
          if (!isPublic)
            throw localized(
              unauthenticated('Sign in to do this: the access token is invalid or expired'),
              'error.invalidToken',
            );
        }
      }
    }
    if (!isPublic && !req?.user) throw unauthenticated();
    if (this.reflector.getAllAndOverride<boolean>(REQUIRES_ADMIN, targets) && !isAdmin(req.user)) {
      throw localized(forbidden('Only a platform admin can do this'), 'error.adminOnly');
    }
    return true;
  }

  handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (isServiceUnavailable(err)) throw err;
    if (err || !user)
      throw localized(
        unauthenticated('Sign in to do this: the access token is invalid or expired'),
        'error.invalidToken',
      );
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
    if (err || !user) throw unauthenticated(WRONG_CREDENTIALS);
    return user;
  }
}

/** The same message for an unknown email and a wrong password: it must not tell which one was wrong. */
export const WRONG_CREDENTIALS = 'The email or password is wrong';

/** Rate limits sign-in per IP address and per email (throttlers named in auth.module.ts). */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected getRequestResponse(context: ExecutionContext) {
    const gql = GqlExecutionContext.create(context);
    const ctx = gql.getContext();
    ctx.req.loginEmail = String(gql.getArgs().email ?? '')
      .trim()
      .toLowerCase();
    return { req: ctx.req, res: ctx.res };
  }
}
