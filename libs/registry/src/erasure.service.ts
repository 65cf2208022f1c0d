import { Inject, Injectable } from '@nestjs/common';
import { Actor, AuthUser, Changes, MutationService, todayIn } from '@coord/core';
import { EntityManager } from 'typeorm';
import { Person } from './person.entity';

/** Name shown for a person whose personal data was erased. */
export const ERASED_NAME = 'Erased person';
/** What replaces an erased person's name or email in free texts. */
export const NAME_PLACEHOLDER = '[name removed]';

/** One erasure in progress: who, by whom, and what the steps found and touched. */
export interface ErasureRun {
  em: EntityManager;
  actor: Actor<AuthUser>;
  /** The person as they were before erasure (the name and email to look for in texts). */
  before: Person;
  redactNames: boolean;
  /** UTC day of the erasure. */
  today: string;
  /** Tables whose rows held personal data and now have dead versions: vacuumed soon after (pending_vacuums). */
  touched: Set<string>;
}

/**
 * Free texts that may name a person: [table, entity type in the audit log, columns, max length of each]. Erasure
 * with redactNames replaces the person's full name and email in them (and in the earlier versions the audit log
 * keeps in `redactable`). A feature adding a table of free text adds it here.
 */
const FREE_TEXTS: Array<{ table: string; entity: string; columns: Array<[string, number | null]> }> = [
  { table: 'minutes', entity: 'Minutes', columns: [['text', 200000]] },
  { table: 'decisions', entity: 'Decision', columns: [['text', 20000]] },
  {
    table: 'agenda_items',
    entity: 'AgendaItem',
    columns: [
      ['title', 300],
      ['description', 10000],
    ],
  },
  { table: 'action_updates', entity: 'ActionUpdate', columns: [['note', 5000]] },
  // Issue 17: assessments, reporting cycles and periodic reports.
  { table: 'commitment_assessments', entity: 'Assessment', columns: [['note', 5000]] },
  { table: 'reporting_cycles', entity: 'ReportingCycle', columns: [['title', 300]] },
  {
    table: 'periodic_reports',
    entity: 'PeriodicReport',
    columns: [
      ['narrative', 20000],
      ['review_note', 5000],
    ],
  },
  {
    table: 'action_items',
    entity: 'ActionItem',
    columns: [
      ['title', 300],
      ['description', 10000],
    ],
  },
  {
    table: 'meetings',
    entity: 'Meeting',
    columns: [
      ['title', 300],
      ['cancel_reason', 2000],
      ['location', 500],
    ],
  },
  // Errors of mail delivery may quote the address a server refused.
  { table: 'reminder_intents', entity: 'ReminderIntent', columns: [['last_error', null]] },
  { table: 'reminder_deliveries', entity: 'ReminderDelivery', columns: [['last_error', null]] },
  {
    table: 'notifications',
    entity: 'Notification',
    columns: [
      ['title', 300],
      ['body', 20000],
    ],
  },
];

/** TypeORM answers UPDATE and DELETE ... RETURNING with [rows, count]. */
async function changed<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = (await em.query(sql, params)) as [T[], number];
  return rows;
}

/** A PostgreSQL regular expression matching any of the terms as a whole word, case and spacing aside. */
export function namePattern(terms: Array<string | null | undefined>): string | null {
  const words = [...new Set(terms.map((t) => t?.trim()).filter((t): t is string => !!t && t.length >= 3))];
  if (!words.length) return null;
  const escaped = words
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return `(?<![[:alnum:]_@.])(${escaped.join('|')})(?![[:alnum:]_@])`;
}

/**
 * Erasing a person (erasePerson): the ordered list of everything it does, each step in the caller's transaction,
 * so erasure happens whole or not at all. The person row stays (memberships, decisions and actions keep pointing
 * at it, so the record of decisions keeps its meaning), with a placeholder name and no contact data.
 *
 * A feature that stores something about a person adds a step here (and a table of free text to FREE_TEXTS).
 * Known to need one at merge time: user deactivation/users list (accounts), alternates (an erased person stands in
 * for no one: end their alternate seats).
 */
@Injectable()
export class ErasureService {
  constructor(@Inject(MutationService) private readonly mutations: MutationService) {}

  async erase(run: ErasureRun): Promise<void> {
    await this.replacePersonalData(run); // 1. name, email, phone, title -> placeholder
    await this.removeSignIn(run); // 2. sign-in disabled, email gone, password removed, refresh/invitation/reset tokens gone
    await this.revokeCalendarFeeds(run); // 3. calendar feed URLs stop working
    await this.endMemberships(run); // 4. no seat: every active or future membership ends, audited
    await this.withdrawFromScheduledMeetings(run); // 5. no invitation, no vote, no quorum count in meetings ahead
    await this.cancelReminders(run); // 6. pending reminder intents addressed to them cancelled
    await this.deleteNotifications(run); // 7. their in-app notifications (and unsent mails) deleted
    await this.deleteFollows(run); // 7b. what they followed (issue 17) is theirs alone: deleted
    if (run.redactNames) await this.redactNamesInTexts(run); // 8. their name and email out of free texts
    await this.requestVacuum(run); // 9. dead row versions vacuumed soon after (worker, pending_vacuums)
    // Nothing is sent to an erased person afterwards: reminder delivery skips erased people (ReminderDeliveryService)
    // and seating, inviting and assigning refuse them (MembershipsService, MeetingsService, ActionItemsService).
  }

  /** The commitments they followed: nobody else ever saw the list, and it says what interested them. */
  private async deleteFollows(run: ErasureRun) {
    const rows = await changed<{ action_item_id: string }>(
      run.em,
      `DELETE FROM action_item_followers WHERE person_id = $1 RETURNING action_item_id`,
      [run.before.id],
    );
    if (rows.length) run.touched.add('action_item_followers');
  }

  private record(run: ErasureRun, action: string, entityType: string, entityId: string, changes: Changes) {
    return this.mutations.audit(run.em, run.actor, { action, entityType, entityId, changes });
  }

  private async replacePersonalData(run: ErasureRun) {
    await run.em.query(
      `UPDATE people SET full_name = $2, email = NULL, phone = NULL, title = NULL, erased_at = now(), updated_at = now()
       WHERE id = $1`,
      [run.before.id, ERASED_NAME],
    );
    run.touched.add('people');
    // An email the unique-email migration set aside for the secretariat to resolve is contact data too.
    const [, setAside] = (await run.em.query(`DELETE FROM people_email_duplicates WHERE person_id = $1`, [
      run.before.id,
    ])) as [unknown, number];
    if (setAside) run.touched.add('people_email_duplicates');
  }

  private async removeSignIn(run: ErasureRun) {
    const users = await changed<{ id: string }>(
      run.em,
      `UPDATE users SET disabled_at = coalesce(disabled_at, now()), email = 'erased-' || id || '@invalid',
              password_hash = NULL, updated_at = now()
        WHERE person_id = $1 RETURNING id`,
      [run.before.id],
    );
    if (!users.length) return;
    run.touched.add('users');
    await run.em.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
      [users.map((u) => u.id)],
    );
    // Invitation and reset links stop working, and account mails not yet sent (their sealed link) never go out.
    await run.em.query(`DELETE FROM account_tokens WHERE user_id = ANY($1::uuid[])`, [users.map((u) => u.id)]);
    await run.em.query(`DELETE FROM account_mails WHERE user_id = ANY($1::uuid[])`, [users.map((u) => u.id)]);
    run.touched.add('account_tokens').add('account_mails');
    for (const user of users) {
      await this.record(run, 'user.disable', 'User', user.id, {
        disabled: [false, true],
        email: ['[personal data]', 'erased'],
      });
    }
  }

  private async revokeCalendarFeeds(run: ErasureRun) {
    const feeds = await changed<{ id: string }>(
      run.em,
      `UPDATE calendar_feed_tokens SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL RETURNING id`,
      [run.before.id],
    );
    for (const feed of feeds) {
      await this.record(run, 'calendarFeed.revoke', 'CalendarFeed', feed.id, { revoked: [false, true] });
    }
  }

  /**
   * Active seats end the day before the erasure, so that on the erasure day the person already holds none (a
   * membership's end day is inclusive); a seat that had not begun yet is removed. Both audited.
   */
  private async endMemberships(run: ErasureRun) {
    const ended = await changed<{ id: string; ends_on: string | null }>(
      run.em,
      `UPDATE memberships m SET ends_on = ($2::date - 1)
         FROM (SELECT id, ends_on FROM memberships WHERE person_id = $1 AND starts_on < $2::date
                  AND (ends_on IS NULL OR ends_on >= $2::date) FOR UPDATE) old
        WHERE m.id = old.id
        RETURNING m.id, to_char(old.ends_on, 'YYYY-MM-DD') AS ends_on`,
      [run.before.id, run.today],
    );
    const yesterday = new Date(Date.parse(`${run.today}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
    for (const m of ended) {
      await this.record(run, 'membership.end', 'Membership', m.id, {
        endsOn: [m.ends_on, yesterday],
        reason: [null, 'person erased'],
      });
    }
    const removed = await changed<{ id: string }>(
      run.em,
      `DELETE FROM memberships WHERE person_id = $1 AND starts_on >= $2::date RETURNING id`,
      [run.before.id, run.today],
    );
    for (const m of removed) {
      await this.record(run, 'membership.remove', 'Membership', m.id, {
        removed: [false, true],
        reason: [null, 'person erased before the seat began'],
      });
    }
  }

  /**
   * Meetings still ahead (scheduled or postponed, not started) lose them as a participant: quorum is computed from
   * the participants and the members active on the meeting's day, so it counts them no more.
   */
  private async withdrawFromScheduledMeetings(run: ErasureRun) {
    const meetings = await changed<{ meeting_id: string }>(
      run.em,
      `DELETE FROM meeting_participants mp USING meetings m
        WHERE mp.meeting_id = m.id AND mp.person_id = $1 AND m.status IN ('SCHEDULED', 'POSTPONED') AND m.starts_at > now()
        RETURNING mp.meeting_id`,
      [run.before.id],
    );
    for (const m of meetings) {
      await this.record(run, 'meeting.withdrawInvitee', 'Meeting', m.meeting_id, {
        withdrawn: [null, run.before.id],
        reason: [null, 'person erased'],
      });
    }
  }

  /**
   * Intents are about a subject (a meeting, an item) and find their recipients when due, so most need no change:
   * delivery skips erased people. Cancelled here: intents naming the person in their payload, and those of open
   * items the person owns alone (nobody is left to remind).
   */
  private async cancelReminders(run: ErasureRun) {
    await run.em.query(
      `UPDATE reminder_intents SET status = 'CANCELLED', processed_at = now(), version = version + 1
        WHERE status IN ('PENDING', 'ENQUEUED')
          AND (payload ->> 'personId' = $1::text OR payload -> 'personIds' ? $1::text
               OR (subject_type = 'ActionItem' AND subject_id IN (
                     SELECT id FROM action_items WHERE owner_person_id = $1::uuid AND owner_organization_id IS NULL)))`,
      [run.before.id],
    );
  }

  private async deleteNotifications(run: ErasureRun) {
    const [, count]: [unknown, number] = await run.em.query(`DELETE FROM notifications WHERE person_id = $1`, [
      run.before.id,
    ]);
    if (count) {
      run.touched.add('notifications');
      run.touched.add('reminder_deliveries');
    }
  }

  /**
   * The person's full name and email, wherever free text holds them, become NAME_PLACEHOLDER; each text changed
   * gets an audit event saying a redaction happened (not the text). Earlier versions in the audit log's
   * `redactable` column (outside the hash chain) are redacted likewise.
   */
  private async redactNamesInTexts(run: ErasureRun) {
    const pattern = namePattern([run.before.fullName, run.before.email]);
    if (!pattern) return;
    await run.em.query(
      `SELECT set_config('coord.text_correction', 'on', true), set_config('coord.redacting', 'on', true)`,
    );
    for (const { table, entity, columns } of FREE_TEXTS) {
      const sets = columns
        .map(([col, max]) => {
          const replaced = `regexp_replace(${col}, $1, $2, 'gi')`;
          return `${col} = ${max ? `left(${replaced}, ${max})` : replaced}`;
        })
        .join(', ');
      const where = columns.map(([col]) => `${col} ~* $1`).join(' OR ');
      const rows = await changed<{ id: string }>(run.em, `UPDATE ${table} SET ${sets} WHERE ${where} RETURNING id`, [
        pattern,
        NAME_PLACEHOLDER,
      ]);
      if (!rows.length) continue;
      run.touched.add(table);
      for (const row of rows) {
        await this.record(run, `${entity[0].toLowerCase()}${entity.slice(1)}.redactName`, entity, row.id, {
          redacted: [null, 'name of an erased person'],
        });
      }
    }
    const [, events]: [unknown, number] = await run.em.query(
      `UPDATE audit_events SET redactable = regexp_replace(redactable::text, $1, $2, 'gi')::jsonb
        WHERE redactable IS NOT NULL AND redactable::text ~* $1`,
      [pattern, NAME_PLACEHOLDER],
    );
    if (events) run.touched.add('audit_events');
    await run.em.query(
      `SELECT set_config('coord.text_correction', 'off', true), set_config('coord.redacting', 'off', true)`,
    );
  }

  private async requestVacuum(run: ErasureRun) {
    await run.em.query(
      `INSERT INTO pending_vacuums (table_name) SELECT unnest($1::text[])
       ON CONFLICT (table_name) DO UPDATE SET requested_at = now()`,
      [[...run.touched].sort()],
    );
  }

  /** The day of an erasure in UTC (memberships' days are compared in UTC, as ACTIVE_MEMBERSHIP_SQL's callers do). */
  static today(): string {
    return todayIn('UTC');
  }
}
