import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts (issue 15): when a user last signed in; one-time tokens of invitations and password resets (stored
 * only as a SHA-256 hash, single use, expiring); and the outbox of account mails, whose link is sealed with a key
 * derived from JWT_SECRET and erased once the mail is sent.
 */
export class AccountTokensAndMails1764150000000 implements MigrationInterface {
  name = 'AccountTokensAndMails1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz`);
    await q.query(`CREATE TABLE account_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      purpose text NOT NULL CONSTRAINT ck_account_tokens_purpose CHECK (purpose IN ('INVITATION','PASSWORD_RESET')),
      token_hash text NOT NULL CONSTRAINT uq_account_tokens_hash UNIQUE,
      expires_at timestamptz NOT NULL,
      spent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX ix_account_tokens_live ON account_tokens (user_id, purpose) WHERE spent_at IS NULL`);
    await q.query(`CREATE TABLE account_mails (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CONSTRAINT ck_account_mails_kind CHECK (kind IN ('INVITATION','PASSWORD_RESET')),
      sealed text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      CONSTRAINT ck_account_mails_sealed CHECK (sent_at IS NOT NULL OR sealed IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX ix_account_mails_unsent ON account_mails (created_at) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_mails`);
    await q.query(`DROP TABLE account_tokens`);
    await q.query(`ALTER TABLE users DROP COLUMN last_sign_in_at`);
  }
}
