import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccountsResolver } from '../accounts/accounts.resolver';
import { AccountsService } from '../accounts/accounts.service';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { RedisClient } from '../redis/redis.module';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { AccessGuard, rateLimitAccount } from './guards';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { PolicyService } from './policy.service';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * Sign-in (passport-local + JWT), the global access guard, login rate limits and the policy service.
 * Features provide MEMBERSHIP_READER (see policy.service.ts) for body-level rules.
 */
@Global()
@Module({
  imports: [
    AuditModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisClient],
      useFactory: (config: AppConfig, redis: RedisClient) => ({
        storage: new RedisThrottlerStorage(redis),
        throttlers: [
          {
            name: 'login-ip',
            ttl: config.LOGIN_RATE_WINDOW_SECONDS * 1000,
            limit: config.LOGIN_RATE_LIMIT_PER_IP,
            getTracker: (req) => String(req.ip ?? req.socket?.remoteAddress ?? 'unknown'),
          },
          {
            name: 'login-email',
            ttl: config.LOGIN_RATE_WINDOW_SECONDS * 1000,
            limit: config.LOGIN_RATE_LIMIT,
            // The web client's REST sign-in (platform's SessionController) names its email in req.loginEmail.
            getTracker: (req) => String(req.rateLimitAccount ?? `email:${req.loginEmail}`),
            // refreshToken names no account: only the per-IP limit applies to it.
            skipIf: (context) => !rateLimitAccount(context),
          },
        ],
      }),
    }),
  ],
  providers: [
    AuthService,
    AccountsService,
    AccountsResolver,
    AuthResolver,
    JwtStrategy,
    LocalStrategy,
    PolicyService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, AccountsService, PolicyService, ThrottlerModule],
})
export class AuthModule {}
