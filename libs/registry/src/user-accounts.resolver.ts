import { Inject } from '@nestjs/common';
import { Args, ArgsType, Context, Field, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  actorOf,
  AdminOnly,
  AuthUser,
  ConnectionType,
  CurrentUser,
  GraphQLRequestContext,
  PageArgs,
  PlatformRole,
  User,
} from '@coord/core';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { UserAccountsService } from './user-accounts.service';

export const UserConnection = ConnectionType(User, 'User');

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;
}

@ArgsType()
export class InviteUserArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId: string;

  @Field(() => PlatformRole, { defaultValue: PlatformRole.USER, nullable: true })
  @IsOptional()
  @IsEnum(PlatformRole, { message: 'platformRole must be ADMIN or USER' })
  platformRole: PlatformRole = PlatformRole.USER;
}

@Resolver(() => User)
export class UserAccountsResolver {
  constructor(@Inject(UserAccountsService) private readonly service: UserAccountsService) {}

  @AdminOnly()
  @Query(() => UserConnection, { description: "Admin: sign-ins, searched by email or the person's name." })
  users(@Args() args: UsersArgs) {
    return this.service.list(args);
  }

  @Mutation(() => User, {
    description:
      'Admin, or a CHAIR/CO_CHAIR/SECRETARIAT of a body the person sits on: mails the person a one-time link (valid 7 days) to choose a password.',
  })
  inviteUser(@Args() args: InviteUserArgs, @CurrentUser() user: AuthUser, @Context() ctx: GraphQLRequestContext) {
    return this.service.invite(actorOf(user, ctx), args.personId, args.platformRole ?? PlatformRole.USER);
  }
}
