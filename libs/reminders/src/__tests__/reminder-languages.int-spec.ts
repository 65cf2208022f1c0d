import {
  AccountTokenPurpose,
  AccountTokensService,
  DigestContributorRegistry,
  OutboxService,
  PlatformRole,
} from '@coord/core';
import { Meeting, MeetingKind, MeetingStatus } from '@coord/meetings';
import { BodyKind, BodyStatus, CoordinationBody, GovernanceLevel } from '@coord/registry';
import { WeeklyDigest } from '@coord/reminders';
import { eventually, MailSink, TestApp, TestWorker } from '@coord/testing';
import { createPerson } from './fixtures/test-reminders';

/**
 * Reminders and mails speak each recipient's language (users.locale), never the sender's: the same delivery
 * batch sends Kiswahili to one person and English to another; Arabic mails are right to left.
 */
describe('reminders in the recipient’s language', () => {
  let t: TestApp;
  let worker: TestWorker;
  const mail = new MailSink();
  const people: Record<'sw' | 'en' | 'ar' | 'fr', string> = { sw: '', en: '', ar: '', fr: '' };
  const users: Record<string, string> = {};
  const email = (locale: string) => `${locale}.reader@example.org`;

  beforeAll(async () => {
    const smtpUrl = await mail.start();
    t = await TestApp.create({ SMTP_URL: smtpUrl, OUTBOX_POLL_MS: '200', REMINDER_RETRY_BACKOFF_MS: '100' });
    worker = await TestWorker.create(t.config);
    for (const locale of Object.keys(people) as Array<keyof typeof people>) {
      people[locale] = await createPerson(t.dataSource, `Reader ${locale}`, email(locale));
      const user = await t.createUser({ role: PlatformRole.USER, personId: people[locale] });
      await t.dataSource.query(`UPDATE users SET locale = $2 WHERE id = $1`, [user.id, locale]);
      users[locale] = user.id;
    }
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await mail.stop();
  });

  async function meetingWithInvitees(title: string) {
    const body = await t.dataSource.getRepository(CoordinationBody).save({
      name: 'County Coordination Mechanism',
      acronym: 'CCM',
      kind: BodyKind.COUNTY_OUTREACH_PROGRAMME,
      level: GovernanceLevel.SUBNATIONAL,
      status: BodyStatus.ACTIVE,
      timezone: 'Africa/Nairobi',
      isPublic: false,
    });
    const meeting = await t.dataSource.getRepository(Meeting).save({
      bodyId: body.id,
      title,
      kind: MeetingKind.ORDINARY,
      status: MeetingStatus.SCHEDULED,
      // 10:00-12:00 in Nairobi (UTC+3) on 11 January 2027
      startsAt: new Date('2027-01-11T07:00:00Z'),
      endsAt: new Date('2027-01-11T09:00:00Z'),
      timezone: 'Africa/Nairobi',
      location: 'Mombasa',
    });
    await t.dataSource.query(
      `INSERT INTO meeting_participants (meeting_id, person_id, is_member, voting, rsvp)
       SELECT $1, unnest($2::uuid[]), true, true, 'INVITED'`,
      [meeting.id, Object.values(people)],
    );
    return meeting;
  }

  it('sends one invitation batch in Kiswahili, English, French and Arabic, each to its reader', async () => {
    const meeting = await meetingWithInvitees('Mkutano wa robo mwaka');
    await t.dataSource.transaction((em) =>
      new OutboxService().schedule(em, {
        kind: 'MEETING_INVITATION',
        subjectType: 'Meeting',
        subjectId: meeting.id,
        dueAt: new Date(),
        dedupeKey: `meeting:${meeting.id}:invitation`,
      }),
    );
    const mailOf = async (locale: string) =>
      eventually(() => mail.to(email(locale)).find((m) => m.subject.includes('Mkutano wa robo mwaka')));
    const [sw, en, fr, ar] = [await mailOf('sw'), await mailOf('en'), await mailOf('fr'), await mailOf('ar')];

    expect(sw.subject).toBe('Mwaliko: Mkutano wa robo mwaka');
    expect(sw.text).toContain('Habari Reader sw,');
    expect(sw.text).toContain('Umealikwa kwenye mkutano "Mkutano wa robo mwaka" wa CCM tarehe Jumatatu');
    expect(sw.text).toContain('Januari 2027');
    expect(sw.text).toMatch(/10:00\s*–\s*12:00 \(Africa\/Nairobi\)/); // the meeting's own time zone
    expect(sw.text).toContain('Fungua: ');
    expect(sw.html).toContain('lang="sw" dir="ltr"');

    expect(en.subject).toBe('Invitation: Mkutano wa robo mwaka');
    expect(en.text).toContain('Hello Reader en,');
    expect(en.text).toContain(
      'You are invited to "Mkutano wa robo mwaka" of CCM on Monday, 11 January 2027, 10:00–12:00 (Africa/Nairobi), Mombasa.',
    );

    expect(fr.subject).toBe('Invitation : Mkutano wa robo mwaka');
    expect(fr.text.replace(/[^\S\n]/g, ' ')).toContain(
      'Vous êtes invité(e) à la réunion « Mkutano wa robo mwaka » de CCM le lundi 11 janvier 2027, 10:00 – 12:00 (Africa/Nairobi), Mombasa.',
    );

    expect(ar.subject).toBe('دعوة: Mkutano wa robo mwaka');
    expect(ar.html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar.text).toContain('مرحبًا Reader ar،');

    // The in-app copy is stored in the reader's language too.
    const titles: Array<{ person_id: string; title: string }> = await t.dataSource.query(
      `SELECT person_id, title FROM notifications WHERE meeting_id = $1`,
      [meeting.id],
    );
    expect(new Map(titles.map((n) => [n.person_id, n.title])).get(people.sw)).toBe('Mwaliko: Mkutano wa robo mwaka');
    // One batch: the four notifications belong to one intent.
    expect(titles).toHaveLength(4);
  });

  it('writes each weekly digest in its reader’s language, with plural forms', async () => {
    worker.get(DigestContributorRegistry).register({
      name: 'test-languages',
      entries: async () =>
        (['sw', 'en', 'ar'] as const).flatMap((locale) =>
          [1, 2].map((n) => ({
            personId: people[locale],
            section: 'digest.section.overdueActions',
            line: {
              key: 'digest.line.action' as const,
              values: { title: `Item ${n}`, body: 'CCM', dueOn: { day: '2027-01-11' } },
            },
            linkPath: `/action-items/${n}`,
          })),
        ),
    });
    expect(await worker.get(WeeklyDigest).run()).toBeGreaterThanOrEqual(3);
    const digestOf = (locale: string, subject: string) =>
      eventually(() => mail.to(email(locale)).find((m) => m.subject === subject));
    const sw = await digestOf('sw', 'Wiki yako: mambo 2 ya kufuatilia');
    expect(sw.text).toContain('Majukumu ambayo muda wake umepita\n- Item 1 (CCM), tarehe ya mwisho 11 Januari 2027');
    const en = await digestOf('en', 'Your week: 2 items to follow');
    expect(en.text).toContain('Overdue action items\n- Item 1 (CCM), due 11 January 2027');
    const ar = await digestOf('ar', 'أسبوعك: بندان للمتابعة');
    expect(ar.html).toContain('dir="rtl"');
  });

  it('sends invitation and password-reset mails in each recipient’s language (Arabic right to left)', async () => {
    const tokens = t.app.get(AccountTokensService);
    // Account mails go to the sign-in's address.
    for (const locale of ['sw', 'en', 'ar', 'fr'])
      await t.dataSource.query(`UPDATE users SET email = $2 WHERE id = $1`, [users[locale], email(locale)]);
    await t.dataSource.transaction(async (em) => {
      for (const locale of ['sw', 'en', 'ar'])
        await tokens.issueToken(em, users[locale], AccountTokenPurpose.INVITATION, 86400_000, {
          name: `Reader ${locale}`,
        });
      await tokens.issueToken(em, users.fr, AccountTokenPurpose.PASSWORD_RESET, 3600_000, { name: 'Reader fr' });
    });
    const mailOf = (locale: string, subject: string) =>
      eventually(() => mail.to(email(locale)).find((m) => m.subject === subject));
    const sw = await mailOf('sw', 'Umealikwa kwenye jukwaa la uratibu');
    expect(sw.text).toContain('Habari Reader sw,');
    expect(sw.text).toContain('kinatumika mara moja tu na kwa siku 7');
    const en = await mailOf('en', 'You are invited to the coordination platform');
    expect(en.text).toContain('it works once and for 7 days');
    const ar = await mailOf('ar', 'أنت مدعو إلى منصة التنسيق');
    expect(ar.html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar.text).toContain('ولمدة 7 أيام');
    const fr = await mailOf('fr', 'Réinitialisez votre mot de passe');
    expect(fr.text).toContain('pendant 60 minutes');
  });
});
