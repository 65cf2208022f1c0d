import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Metrics } from '../metrics/metrics';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, SYSTEM_ACTOR } from '../mutation/actor';
import { AppConfig } from '../config/app-config';
import { conflict, msg } from '../errors/domain-error';
import { AuthUser, PlatformRole } from '../auth/auth-user';
import { User } from '../auth/user.entity';
import { AccountMailText, invitationMail, passwordResetMail } from './account-mail.texts';
import { seal, unseal } from './sealed-link';
import { Locale, toLocale } from '../i18n/i18n';
import { MutationService } from '../mutation/mutation.service';

export enum AccountTokenPurpose {
  INVITATION = 'INVITATION',
  PASSWORD_RESET = 'PASSWORD_RESET',
}

export const INVITATION_VALID_DAYS = 7;
export const PASSWORD_RESET_VALID_MINUTES = 60;
/** Where the web client opens each link (its pages have exactly these paths). */
const LINK_PATHS: Record<AccountTokenPurpose, string> = {
  [AccountTokenPurpose.INVITATION]: '/accept-invitation',
  [AccountTokenPurpose.PASSWORD_RESET]: '/reset-password',
};
const MAIL_TEXTS: Record<AccountTokenPurpose, (locale: Locale) => AccountMailText> = {
  [AccountTokenPurpose.INVITATION]: (locale) => invitationMail(locale, { validDays: INVITATION_VALID_DAYS }),
  [AccountTokenPurpose.PASSWORD_RESET]: (locale) =>
    passwordResetMail(locale, { validMinutes: PASSWORD_RESET_VALID_MINUTES }),
};
/** Account mails sent per transaction (each row stays locked from its claim until its outcome is recorded). */
const ACCOUNT_MAIL_CHUNK = 5;
/** After this many failed attempts a mail is left alone (visible in account_mails.last_error). */
const ACCOUNT_MAIL_MAX_ATTEMPTS = 20;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** 256 random bits, URL-safe. */
const newToken = () => randomBytes(32).toString('base64url');

/** An account mail ready to send, as the worker's mailer takes it. */
export interface AccountMail {
  to: string;
  recipientName: string;
  subject: string;
  body: string;
  linkPath: string;
  /** The recipient's language (users.locale): the texts are in it, and the mailer's greeting and HTML too. */
  locale: Locale;
}

/**
 * The part of onboarding both processes need: the API writes invitations (a token and its mail in the outbox,
 * through the caller's transaction), the worker sends the outbox's mails. No sign-in machinery here, so that the
 * worker, which has no AuthModule, can have it.
 */
@Injectable()
export class AccountTokensService {
  private readonly logger = new Logger('AccountMails');

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Optional() @Inject(Metrics) private readonly metrics?: Metrics,
  ) {}

  /**
   * Creates (or keeps) the person's sign-in without a password and writes the invitation mail to the outbox,
   * through the caller's transaction. The caller (the registry) checks who may invite and reads the person.
   */
  async invite(
    em: EntityManager,
    actor: Actor<AuthUser>,
    person: { id: string; email: string; fullName: string },
    platformRole: PlatformRole,
  ): Promise<User> {
    const email = person.email.trim().toLowerCase();
    const existing = await em
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.person_id = :personId OR u.email = :email', { personId: person.id, email })
      .setLock('pessimistic_write')
      .getMany();
    const other = existing.find((u) => u.personId !== person.id);
    if (other) {
      throw conflict(msg('error.core.accounts.anotherSignAlreadyUses', { email }), {
        field: 'personId',
      });
    }
    let user = existing[0];
    if (user?.passwordHash) {
      throw conflict(msg('error.core.accounts.personAlreadyHasSign'), { field: 'personId' });
    }
    if (user?.disabledAt) {
      // Only an admin's setUserActive undoes a deactivation: an invitation must not bring a sign-in back.
      throw conflict(msg('error.core.accounts.signWasDeactivatedPlatform'), {
        field: 'personId',
      });
    }
    if (!user) {
      user = await em.save(em.create(User, { email, passwordHash: null, platformRole, personId: person.id }));
    } else {
      // The role changes only by an admin's invitation (others invite with USER and must not demote an admin).
      const role = actor.user.platformRole === PlatformRole.ADMIN ? platformRole : user.platformRole;
      if (user.email !== email || user.platformRole !== role) {
        await em.update(User, { id: user.id }, { email, platformRole: role });
        Object.assign(user, { email, platformRole: role });
      }
    }
    await this.issueToken(em, user.id, AccountTokenPurpose.INVITATION, INVITATION_VALID_DAYS * 86400_000, {
      name: person.fullName,
    });
    await this.mutations.audit(em, actor, {
      action: 'user.invite',
      entityType: 'User',
      entityId: user.id,
      changes: existing.length
        ? { invitation: [null, 'sent'] }
        : { email: [null, email], platformRole: [null, platformRole], personId: [null, person.id] },
    });
    delete (user as Partial<User>).passwordHash;
    return user;
  }

  /** A new token of the purpose for the user (spending the earlier ones) and its mail in the outbox. */
  async issueToken(
    em: EntityManager,
    userId: string,
    purpose: AccountTokenPurpose,
    validMs: number,
    extra: { name: string },
  ): Promise<void> {
    const token = newToken();
    await em.query(
      `WITH spent AS (UPDATE account_tokens SET spent_at = now()
                      WHERE user_id = $1 AND purpose = $2 AND spent_at IS NULL)
       INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [userId, purpose, sha256(token), new Date(Date.now() + validMs)],
    );
    await em.query(`INSERT INTO account_mails (user_id, kind, sealed) VALUES ($1, $2, $3)`, [
      userId,
      purpose,
      seal(this.config.JWT_SECRET, { token, ...extra }),
    ]);
  }

  /**
   * Sends the unsent account mails (the worker calls this each outbox round). Chunk by chunk, one transaction
   * claims mails (FOR UPDATE SKIP LOCKED: two workers never send the same one), sends them and records the outcome;
   * a sent mail's sealed link is erased. A mail whose user was deactivated meanwhile is dropped unsent.
   */
  async sendPendingMails(send: (mail: AccountMail) => Promise<void>): Promise<number> {
    let sent = 0;
    const attempted: string[] = [];
    for (;;) {
      const chunk = await this.mutations.run(SYSTEM_ACTOR, async (em) => {
        const rows: Array<{
          id: string;
          kind: AccountTokenPurpose;
          sealed: string;
          email: string;
          locale: string;
          disabled: boolean;
        }> = await em.query(
          `SELECT m.id, m.kind, m.sealed, u.email, u.locale, u.disabled_at IS NOT NULL AS disabled
               FROM account_mails m JOIN users u ON u.id = m.user_id
              WHERE m.sent_at IS NULL AND m.attempts < $1 AND NOT (m.id = ANY($2::uuid[]))
              ORDER BY m.created_at LIMIT ${ACCOUNT_MAIL_CHUNK}
              FOR UPDATE OF m SKIP LOCKED`,
          [ACCOUNT_MAIL_MAX_ATTEMPTS, attempted],
        );
        if (rows.length === 0) return null;
        attempted.push(...rows.map((r) => r.id));
        const done: string[] = [];
        const failed: Array<{ id: string; error: string }> = [];
        await Promise.all(
          rows.map(async (row) => {
            if (row.disabled) return done.push(row.id);
            try {
              const { token, name } = unseal(this.config.JWT_SECRET, row.sealed);
              const locale = toLocale(row.locale);
              const text = MAIL_TEXTS[row.kind](locale);
              await send({
                locale,
                to: row.email,
                recipientName: name || row.email,
                subject: text.subject,
                body: text.body,
                linkPath: `${LINK_PATHS[row.kind]}?token=${encodeURIComponent(token)}`,
              });
              done.push(row.id);
              this.metrics?.mails.inc({ kind: 'account', outcome: 'sent' });
            } catch (error) {
              this.metrics?.mails.inc({ kind: 'account', outcome: 'failed' });
              failed.push({ id: row.id, error: error instanceof Error ? error.message : String(error) });
            }
          }),
        );
        await em.query(
          `WITH done AS (
             UPDATE account_mails SET sent_at = now(), sealed = NULL, attempts = attempts + 1 WHERE id = ANY($1::uuid[])
           )
           UPDATE account_mails m SET attempts = m.attempts + 1, last_error = left(f.error, 1000)
             FROM unnest($2::uuid[], $3::text[]) AS f(id, error) WHERE m.id = f.id`,
          [done, failed.map((f) => f.id), failed.map((f) => f.error)],
        );
        for (const f of failed) this.logger.warn(`account mail ${f.id} not sent: ${f.error}`);
        return done.length;
      });
      if (chunk === null) return sent;
      sent += chunk;
    }
  }
}
