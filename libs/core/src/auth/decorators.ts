import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'coord:isPublic';
export const REQUIRES_ADMIN = 'coord:requiresAdmin';
export const IGNORES_ACCESS_TOKEN = 'coord:ignoresAccessToken';

/** The operation is open to anonymous callers (the signed-in user, if any, is still known). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/**
 * Sign-in operations (login, refreshToken, logout): an expired or forged access token sent along is ignored
 * rather than refused, since getting a new one is what the client is doing. Everywhere else a bad token is
 * UNAUTHENTICATED, public operations included, so that the client knows to refresh.
 */
export const IgnoresAccessToken = () => SetMetadata(IGNORES_ACCESS_TOKEN, true);
/** Only platform admins may call the operation. */
export const AdminOnly = () => SetMetadata(REQUIRES_ADMIN, true);

export function requestOf(context: ExecutionContext): any {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

/** The signed-in user, or null on a public operation called anonymously. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | null => requestOf(context)?.user ?? null,
);
