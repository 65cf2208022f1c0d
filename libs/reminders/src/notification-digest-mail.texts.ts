/**
 * The words of the notification digest mail (for users who chose DAILY_DIGEST or WEEKLY_DIGEST), in one place:
 * subject and plain-text body; the mailer adds the greeting, the link to the notifications page and an HTML
 * version, as for every reminder. In the recipient's language, from the message catalogs (notificationDigest.*).
 */
import { Locale, t } from '@coord/core';

export interface DigestItem {
  title: string;
  body: string;
  /** Absolute link to the record the notification names. */
  link: string;
}

export function notificationDigestMail(items: DigestItem[], locale: Locale = 'en'): { subject: string; body: string } {
  return {
    subject: t(locale, 'notificationDigest.subject', { count: items.length }),
    body: [
      t(locale, 'notificationDigest.intro'),
      ...items.map((item) => `${item.title}\n${item.body}\n${t(locale, 'mail.open', { link: item.link })}`),
    ].join('\n\n'),
  };
}
