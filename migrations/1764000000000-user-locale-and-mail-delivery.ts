import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Second wave, shared by the accounts and multilingual issues: each sign-in has the language it reads
 * (interface, mails, reminders) and how it wants mail about its notifications. The six supported languages
 * are checked here as well as in code.
 */
export class UserLocaleAndMailDelivery1764000000000 implements MigrationInterface {
  name = 'UserLocaleAndMailDelivery1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users
         ADD COLUMN locale text NOT NULL DEFAULT 'en'
           CONSTRAINT ck_users_locale CHECK (locale IN ('en','sw','fr','es','ar','pt')),
         ADD COLUMN email_delivery text NOT NULL DEFAULT 'IMMEDIATE'
           CONSTRAINT ck_users_email_delivery CHECK (email_delivery IN ('IMMEDIATE','DAILY_DIGEST','WEEKLY_DIGEST','NONE'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN email_delivery, DROP COLUMN locale`);
  }
}
