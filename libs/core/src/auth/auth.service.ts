import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { badInput, unauthenticated, msg } from '../errors/domain-error';
import { AuthUser } from './auth-user';
import { AuthPayload, ChangePasswordArgs, CreateUserArgs } from './auth.inputs';
import { requireAcceptablePassword } from '../accounts/password-policy';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';
import { MutationService } from '../mutation/mutation.service';
import { Actor } from '../mutation/actor';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Sign-in: argon2 password hashes, 15-minute JWT access tokens, rotating refresh tokens stored hashed.
 * A refresh token is `<id>.<secret>`; presenting one that was already spent revokes its whole family (after a
 * grace of a few seconds for two tabs refreshing at once, see withinReuseGrace).
 */
@Injectable()
export class AuthService {
  /** Hash verified when the email is unknown, so both failures take the same time. */
  private readonly dummyHash = argon2.hash(randomBytes(16).toString('hex'));

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  static hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verifyCredentials(email: string, password: string): Promise<AuthUser> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', {
        email: String(email ?? '')
          .trim()
          .toLowerCase(),
      })
      .andWhere('u.disabled_at IS NULL')
      .getOne();
    const hash = user?.passwordHash ?? (await this.dummyHash);
    const ok = await argon2.verify(hash, String(password ?? '')).catch(() => false);
    if (!user || !user.passwordHash || !ok) throw unauthenticated(msg('error.wrongCredentials'));
    return { id: user.id, email: user.email, platformRole: user.platformRole, personId: user.personId };
  }

  /** Signs `actor.user` (whose credentials were verified) in, in a transaction of its own. */
  login(actor: Actor<AuthUser>): Promise<AuthPayload> {
    return this.mutations.run(actor, (em) => this.startSession(em, actor));
  }

  /** Signs `actor.user` in through the caller's transaction: a new token family, lastSignInAt, the audit event. */
  async startSession(em: EntityManager, actor: Actor<AuthUser>): Promise<AuthPayload> {
    const userId = actor.user.id;
    await em.update(User, { id: userId }, { lastSignInAt: new Date() });
    const payload = await this.issue(em, userId, randomUUID());
    await this.mutations.audit(em, actor, { action: 'auth.login', entityType: 'User', entityId: userId, changes: {} });
    return payload;
  }

  async refresh(presented: string): Promise<AuthPayload> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id))
      throw unauthenticated(msg('error.core.auth.refreshTokenNotValid'));
    let reuseOf: RefreshToken | undefined;
    const payload = await this.mutations.run(null, async (em) => {
      const token = await em
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.id = :id', { id })
        .getOne();
      if (!token || !safeEqual(token.tokenHash, sha256(secret))) return undefined;
      if (token.revokedAt) return undefined;
      if (token.usedAt && !(await this.withinReuseGrace(em, token))) {
        reuseOf = token;
        return undefined;
      }
      if (token.expiresAt.getTime() <= Date.now()) return undefined;
      const user = await em.findOne(User, { where: { id: token.userId } });
      if (!user || user.disabledAt) return undefined;
      if (!token.usedAt) await em.update(RefreshToken, { id: token.id }, { usedAt: new Date() });
      return this.issue(em, token.userId, token.familyId);
    });
    if (reuseOf) {
      // A spent token came back: someone holds a copy. Revoke the family (committed on its own).
      await this.mutations.run(null, async (em) => {
        await this.revokeFamily(em, reuseOf!.familyId);
        // Whoever presented the token is not known: the event names the sign-in it belongs to.
        await this.mutations.audit(em, await this.ownerOf(em, reuseOf!.userId, null), {
          action: 'auth.refreshTokenReuse',
          entityType: 'User',
          entityId: reuseOf!.userId,
          changes: { tokenFamily: [reuseOf!.familyId, 'revoked'] },
        });
      });
      throw unauthenticated(msg('error.core.auth.refreshTokenWasAlready'));
    }
    if (!payload) throw unauthenticated(msg('error.core.auth.refreshTokenNotValid2'));
    return payload;
  }

  async logout(presented: string, actor: Actor): Promise<boolean> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return false;
    return this.mutations.run(actor, async (em) => {
      const token = await em.findOne(RefreshToken, { where: { id } });
      if (!token || !safeEqual(token.tokenHash, sha256(secret))) return false;
      if (actor.user && actor.user.id !== token.userId) return false;
      await this.revokeFamily(em, token.familyId);
      // The token's sign-in signs out (the cookie's sign-out comes with no signed-in user: the token names it).
      const owner = actor.user ? actor : await this.ownerOf(em, token.userId, actor.requestId);
      await this.mutations.audit(em, owner, {
        action: 'auth.logout',
        entityType: 'User',
        entityId: token.userId,
        changes: {},
      });
      return true;
    });
  }

  async createUser(actor: Actor<AuthUser>, args: CreateUserArgs): Promise<User> {
    requireAcceptablePassword(args.password, args.email, 'password');
    const hash = await AuthService.hashPassword(args.password);
    return this.mutations.run(actor, async (em) => {
      const email = args.email.trim().toLowerCase();
      const user = await em.save(
        em.create(User, {
          email,
          passwordHash: hash,
          platformRole: args.platformRole,
          personId: args.personId ?? null,
        }),
      );
      await this.mutations.audit(em, actor, {
        action: 'user.create',
        entityType: 'User',
        entityId: user.id,
        changes: {
          email: [null, email],
          platformRole: [null, args.platformRole],
          personId: [null, args.personId ?? null],
        },
      });
      return user;
    });
  }

  async changePassword(actor: Actor<AuthUser>, args: ChangePasswordArgs): Promise<boolean> {
    await this.verifyCredentials(actor.user.email, args.currentPassword).catch(() => {
      throw badInput(msg('error.core.auth.currentpasswordWrong'), 'currentPassword');
    });
    if (args.currentPassword === args.newPassword) {
      throw badInput(msg('error.core.auth.newpasswordDifferFromCurrent'), 'newPassword');
    }
    requireAcceptablePassword(args.newPassword, actor.user.email, 'newPassword');
    const hash = await AuthService.hashPassword(args.newPassword);
    await this.mutations.run(actor, async (em) => {
      await em.update(User, { id: actor.user.id }, { passwordHash: hash });
      // Other sessions must sign in again with the new password.
      await em.update(RefreshToken, { userId: actor.user.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.mutations.audit(em, actor, {
        action: 'user.changePassword',
        entityType: 'User',
        entityId: actor.user.id,
        changes: { password: ['[redacted]', '[redacted]'] },
      });
    });
    return true;
  }

  private async issue(em: EntityManager, userId: string, familyId: string): Promise<AuthPayload> {
    const user = await em.findOneOrFail(User, { where: { id: userId } });
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.platformRole }, { expiresIn: ttl });
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await em.insert(RefreshToken, {
      id,
      userId: user.id,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86400_000),
    });
    return { accessToken, refreshToken: `${id}.${secret}`, expiresAt: new Date(Date.now() + ttl * 1000), user };
  }

  /**
   * Two tabs (or a retried request) refreshing with the same token at once: the one that comes second presents a
   * token spent a moment ago. Within REFRESH_REUSE_GRACE_SECONDS of its rotation, and while no token issued after
   * it has been used (the sign-in has not moved on), it gets a pair of its own in the same family, as OAuth 2.0
   * security practice allows; otherwise it is reuse.
   */
  private async withinReuseGrace(em: EntityManager, token: RefreshToken): Promise<boolean> {
    const graceMs = this.config.REFRESH_REUSE_GRACE_SECONDS * 1000;
    if (!token.usedAt || Date.now() - token.usedAt.getTime() > graceMs) return false;
    const movedOn = await em
      .getRepository(RefreshToken)
      .createQueryBuilder('t')
      .where('t.family_id = :familyId', { familyId: token.familyId })
      .andWhere('t.created_at > :createdAt', { createdAt: token.createdAt })
      .andWhere('t.used_at IS NOT NULL')
      .getExists();
    return !movedOn;
  }

  /** The actor a refresh token speaks for: the sign-in it was issued to. */
  private async ownerOf(em: EntityManager, userId: string, requestId?: string | null): Promise<Actor<AuthUser>> {
    const user = await em.findOneOrFail(User, { where: { id: userId } });
    return {
      user: { id: user.id, email: user.email, platformRole: user.platformRole, personId: user.personId },
      requestId,
    };
  }

  private async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
