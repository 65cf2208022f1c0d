import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AuthUser } from './auth-user';
import { User } from './user.entity';

/** Accepts a Bearer access token and re-checks that its user still exists and is enabled. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: given the secret as a string, jsonwebtoken tries it as a public key (a thrown and
      // caught error) and then builds a secret key, on every request (1.7 % of the API's CPU: bench/README.md).
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: { sub: string }): Promise<AuthUser | false> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: payload.sub } });
    if (!user || user.disabledAt) return false;
    return {
      id: user.id,
      email: user.email,
      platformRole: user.platformRole,
      personId: user.personId,
      locale: user.locale,
    };
  }
}
