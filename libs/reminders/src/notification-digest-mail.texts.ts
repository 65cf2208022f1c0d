/**
 * The words of the notification digest mail (for users who chose DAILY_DIGEST or WEEKLY_DIGEST), in one place:
 * subject and plain-text body; the mailer adds the greeting, the link to the notifications page and an HTML
 * version, as for every reminder. English only for now: the message catalogs of the multilingual issue take these
 * over, keyed by the mail.
 */
export interface DigestItem {
  title: string;
  body: string;
  /** Absolute link to the record the notification names. */
  link: string;
}

export function notificationDigestMail(items: DigestItem[]): { subject: string; body: string } {
  return {
    subject: items.length === 1 ? 'Your digest: 1 notification' : `Your digest: ${items.length} notifications`,
    body: [
      `Here is what happened since your last digest.`,
      ...items.map((item) => `${item.title}\n${item.body}\nOpen: ${item.link}`),
    ].join('\n\n'),
  };
}
