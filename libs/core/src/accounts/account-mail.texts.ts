/**
 * The words of the account mails, one function per mail (subject and plain-text body; the mailer adds the
 * greeting, the link and an HTML version, as for reminders). English only for now: the message catalogs of the
 * multilingual issue take these over, keyed by the mail.
 */
export interface AccountMailText {
  subject: string;
  body: string;
}

export function invitationMail(opts: { validDays: number }): AccountMailText {
  return {
    subject: 'You are invited to the coordination platform',
    body:
      `You have been given a sign-in to the coordination platform. Open the link below to choose your password; ` +
      `it works once and for ${opts.validDays} days. If you did not expect this invitation, you can ignore this mail.`,
  };
}

export function passwordResetMail(opts: { validMinutes: number }): AccountMailText {
  return {
    subject: 'Reset your password',
    body:
      `Someone (we hope you) asked to reset the password of your sign-in. Open the link below to choose a new ` +
      `one; it works once and for ${opts.validMinutes} minutes. If you did not ask for this, you can ignore this ` +
      `mail: your password stays as it is.`,
  };
}
