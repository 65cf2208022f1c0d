import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLRequestContext } from '../graphql/request-context';
import { AuthUser } from '../auth/auth-user';
import {
  AcceptInvitationArgs,
  AuthPayload,
  RequestPasswordResetArgs,
  ResetPasswordArgs,
  SetUserActiveArgs,
  UpdateMyPreferencesArgs,
} from '../auth/auth.inputs';
import { AdminOnly, CurrentUser, Public } from '../auth/decorators';
import { LoginThrottlerGuard } from '../auth/guards';
import { User } from '../auth/user.entity';
import { AccountsService } from './accounts.service';
import { actorOf } from '../mutation/actor';

/**
 * Onboarding and recovery (accept an invitation, reset a password: public, rate limited like login),
 * (de)activation by admins, and the signed-in user's preferences. inviteUser and users live in the registry,
 * which knows people and memberships.
 */
@Resolver(() => User)
export class AccountsResolver {
  constructor(@Inject(AccountsService) private readonly accounts: AccountsService) {}

  @ResolveField(() => Boolean, {
    description: 'A deactivated user cannot sign in, and its tokens stop working at once.',
  })
  active(@Parent() user: User): boolean {
    return !user.disabledAt;
  }

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Mutation(() => AuthPayload)
  acceptInvitation(@Args() args: AcceptInvitationArgs, @Context() ctx: GraphQLRequestContext) {
    return this.accounts.acceptInvitation(args.token, args.password, ctx.req.id);
  }

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Mutation(() => Boolean, {
    description:
      'Always true, known email or not (no enumeration); a known, active user gets a one-time link valid for 1 hour.',
  })
  requestPasswordReset(@Args() args: RequestPasswordResetArgs, @Context() ctx: GraphQLRequestContext) {
    return this.accounts.requestPasswordReset(args.email, ctx.req.id);
  }

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Mutation(() => AuthPayload)
  resetPassword(@Args() args: ResetPasswordArgs, @Context() ctx: GraphQLRequestContext) {
    return this.accounts.resetPassword(args.token, args.newPassword, ctx.req.id);
  }

  @AdminOnly()
  @Mutation(() => User, { description: 'Admin only.' })
  setUserActive(@Args() args: SetUserActiveArgs, @CurrentUser() user: AuthUser, @Context() ctx: GraphQLRequestContext) {
    return this.accounts.setUserActive(actorOf(user, ctx), args.userId, args.active);
  }

  @Mutation(() => User)
  updateMyPreferences(
    @Args() args: UpdateMyPreferencesArgs,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.accounts.updatePreferences(actorOf(user, ctx), args.input);
  }
}
