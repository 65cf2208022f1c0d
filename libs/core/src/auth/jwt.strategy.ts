import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
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
      secretOrKey: config.JWT_SECRET,
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
