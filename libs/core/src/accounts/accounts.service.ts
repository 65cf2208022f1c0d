import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { badInput, notFound, msg } from '../errors/domain-error';
import { AuthUser } from '../auth/auth-user';
import { AuthPayload } from '../auth/auth.inputs';
import { AuthService } from '../auth/auth.service';
import { EmailDelivery, SUPPORTED_LOCALES, User } from '../auth/user.entity';
import { AccountTokenPurpose, PASSWORD_RESET_VALID_MINUTES } from './account-tokens.service';
import { requireAcceptablePassword } from './password-policy';
import { seal } from './sealed-link';
import { MutationService } from '../mutation/mutation.service';
import { Actor } from '../mutation/actor';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Onboarding and recovery of sign-ins: invitations, password resets, (de)activation and preferences.
 * Tokens are 256 random bits, stored only as a SHA-256 hash, single use and expiring; a new one of the same
 * purpose spends the earlier ones. Their mails go through an outbox (account_mails) written in the same
 * transaction, which the worker sends (sendPendingMails): a mail is never lost, and never sent twice.
 */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  /** Sets the invited user's password, spends the link and signs in. */
  acceptInvitation(token: string, password: string, requestId?: string): Promise<AuthPayload> {
    return this.redeem(token, AccountTokenPurpose.INVITATION, password, 'password', requestId);
  }

  /**
   * Writes a reset link to the outbox when the email belongs to an active sign-in; answers nothing either way.
   * Known or unknown, the same work is done (a token made and sealed, one statement whose inserts find no user
   * when the email is unknown), so that the response time does not tell whether the address has a sign-in.
   */
  async requestPasswordReset(email: string, requestId?: string): Promise<boolean> {
    const token = randomBytes(32).toString('base64url');
    const sealed = seal(this.config.JWT_SECRET, { token, name: '' });
    const expiresAt = new Date(Date.now() + PASSWORD_RESET_VALID_MINUTES * 60_000);
    await this.dataSource.query(
      `WITH u AS (SELECT id FROM users WHERE email = $1 AND disabled_at IS NULL),
       spent AS (UPDATE account_tokens t SET spent_at = now() FROM u
                 WHERE t.user_id = u.id AND t.purpose = 'PASSWORD_RESET' AND t.spent_at IS NULL),
       tok AS (INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at)
               SELECT id, 'PASSWORD_RESET', $2, $3 FROM u),
       mail AS (INSERT INTO account_mails (user_id, kind, sealed) SELECT id, 'PASSWORD_RESET', $4 FROM u),
       audit AS (INSERT INTO audit_events (actor_user_id, action, entity_type, entity_id, changes, request_id)
                 SELECT id, 'user.requestPasswordReset', 'User', id, '{}'::jsonb, $5 FROM u)
       SELECT 1`,
      [email.trim().toLowerCase(), sha256(token), expiresAt, sealed, requestId ?? null],
    );
    return true;
  }

  /** Sets the new password, spends the link, signs out every other session and signs in. */
  resetPassword(token: string, newPassword: string, requestId?: string): Promise<AuthPayload> {
    return this.redeem(token, AccountTokenPurpose.PASSWORD_RESET, newPassword, 'newPassword', requestId);
  }

  private async redeem(
    token: string,
    purpose: AccountTokenPurpose,
    password: string,
    field: string,
    requestId?: string,
  ): Promise<AuthPayload> {
    const invalid = () =>
      badInput(
        purpose === AccountTokenPurpose.INVITATION
          ? msg('error.core.accounts.invitationLinkInvalid')
          : msg('error.core.accounts.passwordResetLinkInvalid'),
        'token',
      );
    // Read first without a lock: the policy needs the user's email, and argon2 is slow.
    const [found]: Array<{ email: string }> = await this.dataSource.query(
      `SELECT u.email FROM account_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.purpose = $2 AND t.spent_at IS NULL AND t.expires_at > now()
          AND u.disabled_at IS NULL`,
      [sha256(token), purpose],
    );
    if (!found) throw invalid();
    requireAcceptablePassword(password, found.email, field);
    const hash = await AuthService.hashPassword(password);
    return this.mutations.run(null, async (em) => {
      // Spending is the check: of two concurrent uses of one link, only one finds it unspent.
      const [spent]: [Array<Omit<AuthUser, 'locale'>>, number] = await em.query(
        `UPDATE account_tokens t SET spent_at = now() FROM users u
          WHERE t.token_hash = $1 AND t.purpose = $2 AND t.spent_at IS NULL AND t.expires_at > now()
            AND u.id = t.user_id AND u.disabled_at IS NULL
          RETURNING u.id, u.email, u.platform_role AS "platformRole", u.person_id AS "personId"`,
        [sha256(token), purpose],
      );
      if (!spent.length) throw invalid();
      // Whoever holds the link acts as its sign-in.
      const actor: Actor<AuthUser> = { user: spent[0], requestId };
      const userId = actor.user.id;
      await em.update(User, { id: userId }, { passwordHash: hash });
      // Every other live link of the user is spent too, and every session signed out.
      await em.query(`UPDATE account_tokens SET spent_at = now() WHERE user_id = $1 AND spent_at IS NULL`, [userId]);
      await em.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
        userId,
      ]);
      await this.mutations.audit(em, actor, {
        action: purpose === AccountTokenPurpose.INVITATION ? 'user.acceptInvitation' : 'user.resetPassword',
        entityType: 'User',
        entityId: userId,
        changes: { password: ['[redacted]', '[redacted]'] },
      });
      return this.auth.startSession(em, actor);
    });
  }

  /** Admin: deactivating refuses sign-in, revokes refresh tokens and live links; access tokens fail at once. */
  async setUserActive(actor: Actor<AuthUser>, userId: string, active: boolean): Promise<User> {
    if (!active && userId === actor.user.id) {
      throw badInput(msg('error.core.accounts.youCannotDeactivateYour'), 'userId');
    }
    return this.mutations.run(actor, async (em) => {
      const user = await em.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', userId);
      // Recorded even when nothing changes: an admin's explicit decision about a sign-in belongs in the log.
      const changed = !user.disabledAt !== active;
      const disabledAt = changed ? (active ? null : new Date()) : user.disabledAt;
      if (changed) await em.update(User, { id: userId }, { disabledAt });
      if (!active) {
        await em.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
          userId,
        ]);
        await em.query(`UPDATE account_tokens SET spent_at = now() WHERE user_id = $1 AND spent_at IS NULL`, [userId]);
      }
      await this.mutations.audit(em, actor, {
        action: active ? 'user.activate' : 'user.deactivate',
        entityType: 'User',
        entityId: userId,
        changes: changed ? { active: [!active, active] } : {},
      });
      user.disabledAt = disabledAt;
      return user;
    });
  }

  /** The signed-in user's own language and mail delivery; only the fields given change. */
  async updatePreferences(
    actor: Actor<AuthUser>,
    input: { locale?: string | null; emailDelivery?: EmailDelivery | null },
  ): Promise<User> {
    if (input.locale != null && !(SUPPORTED_LOCALES as readonly string[]).includes(input.locale)) {
      throw badInput(
        msg('error.core.accounts.inputLocaleOne', { SUPPORTED_LOCALES: SUPPORTED_LOCALES.join(', ') }),
        'input.locale',
      );
    }
    return this.mutations.run(actor, async (em) => {
      const user = await em.findOne(User, { where: { id: actor.user.id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', actor.user.id);
      const changes: Record<string, [unknown, unknown]> = {};
      const patch: Partial<User> = {};
      if (input.locale != null && input.locale !== user.locale) {
        changes.locale = [user.locale, input.locale];
        patch.locale = input.locale as User['locale'];
      }
      if (input.emailDelivery != null && input.emailDelivery !== user.emailDelivery) {
        changes.emailDelivery = [user.emailDelivery, input.emailDelivery];
        patch.emailDelivery = input.emailDelivery;
      }
      // Recorded even when nothing changes (every successful mutation leaves its event, with its request id).
      if (Object.keys(patch).length) await em.update(User, { id: user.id }, patch);
      await this.mutations.audit(em, actor, {
        action: 'user.updatePreferences',
        entityType: 'User',
        entityId: user.id,
        changes,
      });
      return Object.assign(user, patch);
    });
  }
}
