import { Locale, t } from '../i18n/i18n';

/**
 * The words of the account mails, one function per mail (subject and plain-text body; the mailer adds the
 * greeting, the link and an HTML version, as for reminders), from the message catalogs in the recipient's language.
 */
export interface AccountMailText {
  subject: string;
  body: string;
}

export function invitationMail(locale: Locale, opts: { validDays: number }): AccountMailText {
  return {
    subject: t(locale, 'account.invitation.subject'),
    body: t(locale, 'account.invitation.body', { days: opts.validDays }),
  };
}

export function passwordResetMail(locale: Locale, opts: { validMinutes: number }): AccountMailText {
  return {
    subject: t(locale, 'account.passwordReset.subject'),
    body: t(locale, 'account.passwordReset.body', { minutes: opts.validMinutes }),
  };
}
