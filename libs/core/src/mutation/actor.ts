import { AuthUser } from '../auth/auth-user';
import { GraphQLRequestContext, RequestMemo } from '../graphql/request-context';

/**
 * Who makes a change, as every mutation receives it: the signed-in user (null for the platform itself: the
 * worker, seeds), the request (its id goes into the audit event) and the request's memo of policy answers.
 * `Actor<AuthUser>` where only a signed-in user can act.
 */
export interface Actor<User extends AuthUser | null = AuthUser | null> {
  user: User;
  requestId?: string | null;
  memo?: RequestMemo;
}

/** The actor of a GraphQL request. */
export function actorOf<User extends AuthUser | null>(user: User, ctx?: GraphQLRequestContext): Actor<User> {
  return { user, memo: ctx?.memo, requestId: ctx?.req.id ?? null };
}

/** The platform itself (worker jobs, seeds): audit events without a user. */
export const SYSTEM_ACTOR: Actor<null> = Object.freeze({ user: null });
