import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CATALOGS,
  Clock,
  DigestContributorRegistry,
  DigestEntry,
  DueReminder,
  loadContentValues,
  Locale,
  MessageKey,
  NotificationKind,
  ReminderHandler,
  ReminderMessage,
  render,
  t,
  toLocale,
} from '@coord/core';
import { DataSource } from 'typeorm';

const WEEK_MS = 7 * 24 * 3600 * 1000;
export const DIGEST_SUBJECT_TYPE = 'Person';

interface DigestPayload {
  title: string;
  body: string;
}

/**
 * The weekly digest. The repeatable job gathers every registered contributor's entries (upcoming meetings,
 * items due soon or overdue: whatever features register), groups them per person and writes one DIGEST intent
 * per person to the outbox (key `digest:<person>:<day>`, so a rerun the same day adds nothing). The intent is
 * then delivered like any reminder (in-app + mail), through the DIGEST handler below.
 */
@Injectable()
export class WeeklyDigest implements ReminderHandler {
  readonly kinds = [NotificationKind.DIGEST];
  private readonly logger = new Logger('WeeklyDigest');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DigestContributorRegistry) private readonly contributors: DigestContributorRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Returns how many digests were written to the outbox. */
  async run(): Promise<number> {
    const now = this.clock.now();
    const window = { now, until: new Date(now.getTime() + WEEK_MS) };
    const day = now.toISOString().slice(0, 10);
    return this.dataSource.transaction(async (em) => {
      const entries: DigestEntry[] = [];
      for (const contributor of this.contributors.all()) entries.push(...(await contributor.entries(window, em)));
      const perPerson = new Map<string, DigestEntry[]>();
      for (const entry of entries) {
        const list = perPerson.get(entry.personId);
        if (list) list.push(entry);
        else perPerson.set(entry.personId, [entry]);
      }
      if (perPerson.size === 0) return 0;
      const ids = [...perPerson.keys()];
      // Each digest in its reader's language (users.locale; English without a sign-in): one query for everybody.
      const localeRows: Array<{ person_id: string; locale: string }> = await em.query(
        `SELECT person_id, locale FROM users WHERE person_id = ANY($1::uuid[])`,
        [ids],
      );
      const locales = new Map(localeRows.map((row) => [row.person_id, toLocale(row.locale)]));
      // Records' texts (meeting and item titles, body names) in each reader's language: one query for the run.
      await loadContentValues(
        em,
        entries.map((entry) => (typeof entry.line === 'string' ? undefined : entry.line.values)),
      );
      const payloads = ids.map((id) => JSON.stringify(this.compose(perPerson.get(id)!, locales.get(id) ?? 'en')));
      const rows = await em.query(
        `INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key, payload)
         SELECT 'DIGEST', $1, d.person_id, $2, 'digest:' || d.person_id || ':' || $3, d.payload::jsonb
         FROM unnest($4::uuid[], $5::text[]) AS d(person_id, payload)
         WHERE NOT EXISTS (SELECT 1 FROM reminder_intents r WHERE r.dedupe_key = 'digest:' || d.person_id || ':' || $3)
         RETURNING id`,
        [DIGEST_SUBJECT_TYPE, now, day, ids, payloads],
      );
      this.logger.log(`weekly digest: ${rows.length} person(s)`);
      return rows.length;
    });
  }

  private compose(entries: DigestEntry[], locale: Locale): DigestPayload {
    const sections = new Map<string, DigestEntry[]>();
    for (const e of entries) sections.set(e.section, [...(sections.get(e.section) ?? []), e]);
    const heading = (section: string) => (section in CATALOGS.en ? t(locale, section as MessageKey) : section);
    const line = (l: DigestEntry) => (typeof l.line === 'string' ? l.line : render(locale, l.line));
    const parts = [...sections].map(
      ([section, lines]) =>
        `${heading(section)}\n${lines.map((l) => `- ${line(l)}${l.linkPath ? ` (${l.linkPath})` : ''}`).join('\n')}`,
    );
    return { title: t(locale, 'digest.title', { count: entries.length }), body: parts.join('\n\n') };
  }

  /** The DIGEST reminder handler: the digest was composed when the intent was written. */
  async messagesFor(intent: DueReminder): Promise<ReminderMessage[]> {
    const payload = intent.payload as unknown as DigestPayload;
    return [
      {
        personId: intent.subjectId,
        kind: NotificationKind.DIGEST,
        title: payload.title,
        body: payload.body,
        linkPath: '/notifications',
      },
    ];
  }
}
