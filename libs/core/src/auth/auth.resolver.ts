import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { GraphQLRequestContext } from '../graphql/request-context';
import { AuthUser } from './auth-user';
import { AuthPayload, ChangePasswordArgs, CreateUserArgs, LoginArgs, RefreshTokenArgs } from './auth.inputs';
import { AuthService } from './auth.service';
import { AdminOnly, CurrentUser, IgnoresAccessToken, Public } from './decorators';
import { LocalLoginGuard, RateLimited, RateLimitGuard } from './guards';
import { User } from './user.entity';
import { actorOf } from '../mutation/actor';

@Resolver(() => User)
export class AuthResolver {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null when anonymous.' })
  me(@CurrentUser() user: AuthUser | null) {
    return user ? this.dataSource.getRepository(User).findOne({ where: { id: user.id } }) : null;
  }

  @Public()
  @IgnoresAccessToken()
  @UseGuards(RateLimitGuard, LocalLoginGuard)
  @Mutation(() => AuthPayload)
  login(@Args() _args: LoginArgs, @CurrentUser() user: AuthUser, @Context() ctx: GraphQLRequestContext) {
    return this.auth.login(actorOf(user, ctx));
  }

  @Public()
  @IgnoresAccessToken()
  @RateLimited()
  @Mutation(() => AuthPayload)
  refreshToken(@Args() args: RefreshTokenArgs) {
    return this.auth.refresh(args.refreshToken);
  }

  @Public()
  @IgnoresAccessToken()
  @Mutation(() => Boolean, { description: 'Revokes the refresh token and every token rotated from the same sign-in.' })
  logout(@Args() args: RefreshTokenArgs, @CurrentUser() user: AuthUser | null) {
    return this.auth.logout(args.refreshToken, actorOf(user));
  }

  @AdminOnly()
  @Mutation(() => User, { description: 'Admin: create a sign-in for a person.' })
  createUser(@Args() args: CreateUserArgs, @CurrentUser() user: AuthUser, @Context() ctx: GraphQLRequestContext) {
    return this.auth.createUser(actorOf(user, ctx), args);
  }

  // A stolen access token must not give unlimited guesses of the current password.
  @RateLimited()
  @Mutation(() => Boolean)
  changePassword(
    @Args() args: ChangePasswordArgs,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ) {
    return this.auth.changePassword(actorOf(user, ctx), args);
  }
}
