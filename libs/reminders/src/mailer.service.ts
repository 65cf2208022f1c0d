import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, DEFAULT_LOCALE, Locale, t, textDirection } from '@coord/core';
import nodemailer, { Transporter } from 'nodemailer';

export interface ReminderMail {
  to: string;
  recipientName: string;
  subject: string;
  body: string;
  linkPath: string;
  /** An iTIP calendar entry (invitation, change, cancellation of a meeting): a text/calendar part and .ics file. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** The recipient's language: greeting, link label, and the HTML's lang and dir (right to left for Arabic). */
  locale?: Locale;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Renders a reminder as plain text and HTML (both with the link back) and sends it through SMTP_URL. */
@Injectable()
export class ReminderMailer implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  render(mail: ReminderMail) {
    const locale = mail.locale ?? DEFAULT_LOCALE;
    const link = new URL(mail.linkPath, this.config.PUBLIC_URL).toString();
    const greeting = t(locale, 'mail.greeting', { name: mail.recipientName });
    const text = `${greeting}\n\n${mail.body}\n\n${t(locale, 'mail.open', { link })}\n`;
    const paragraphs = mail.body
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('\n');
    const html =
      `<!doctype html><html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"></head>` +
      `<body style="font-family: sans-serif">` +
      `<p>${escapeHtml(greeting)}</p>\n${paragraphs}\n` +
      `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p></body></html>`;
    return { text, html, link };
  }

  async send(mail: ReminderMail): Promise<void> {
    // Pooled: one SMTP handshake per connection, not per mail (bench/README.md, reminder delivery).
    if (!this.transport) {
      const url = new URL(this.config.SMTP_URL);
      if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
      // Mails are sent while their delivery rows are locked: a server that stops answering must fail the send
      // (the job retries later) rather than hold the locks for nodemailer's default 10 minutes.
      for (const [key, ms] of [
        ['connectionTimeout', '10000'],
        ['greetingTimeout', '10000'],
        ['socketTimeout', '30000'],
      ]) {
        if (!url.searchParams.has(key)) url.searchParams.set(key, ms);
      }
      this.transport = nodemailer.createTransport(url.toString());
    }
    const { text, html } = this.render(mail);
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text,
      html,
      ...(mail.calendar
        ? { icalEvent: { method: mail.calendar.method, filename: 'meeting.ics', content: mail.calendar.content } }
        : {}),
    });
  }

  onApplicationShutdown() {
    this.transport?.close();
  }
}
