import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digest mail (issue 15): a mail delivery of a user who chose DAILY_DIGEST or WEEKLY_DIGEST waits (hold_until)
 * for the next 07:00 (every day, or Mondays) in the time zone of the user's main body, then goes out in one mail
 * with the person's other held mails. The rows are the same outbox rows as for immediate mails: never lost, and
 * sent once (claimed under a row lock, sent_at recorded).
 */
export class MailDigests1764150000100 implements MigrationInterface {
  name = 'MailDigests1764150000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reminder_deliveries ADD COLUMN hold_until timestamptz(3)`);
    await q.query(
      `CREATE INDEX ix_reminder_deliveries_held ON reminder_deliveries (hold_until)
        WHERE channel = 'EMAIL' AND sent_at IS NULL AND hold_until IS NOT NULL`,
    );
    // The next 07:00 local time strictly after `at` (daily), or the next Monday 07:00 (weekly); null otherwise.
    await q.query(`CREATE FUNCTION mail_digest_due(delivery text, tz text, at timestamptz) RETURNS timestamptz
      LANGUAGE sql STABLE AS $$
        SELECT CASE delivery
          WHEN 'DAILY_DIGEST' THEN
            (date_trunc('day', at AT TIME ZONE tz) + interval '7 hours'
              + CASE WHEN at AT TIME ZONE tz >= date_trunc('day', at AT TIME ZONE tz) + interval '7 hours'
                     THEN interval '1 day' ELSE interval '0' END) AT TIME ZONE tz
          WHEN 'WEEKLY_DIGEST' THEN
            (date_trunc('week', at AT TIME ZONE tz) + interval '7 hours'
              + CASE WHEN at AT TIME ZONE tz >= date_trunc('week', at AT TIME ZONE tz) + interval '7 hours'
                     THEN interval '7 days' ELSE interval '0' END) AT TIME ZONE tz
        END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION mail_digest_due(text, text, timestamptz)`);
    await q.query(`DROP INDEX ix_reminder_deliveries_held`);
    await q.query(`ALTER TABLE reminder_deliveries DROP COLUMN hold_until`);
  }
}
