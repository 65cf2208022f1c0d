import { loadConfig } from '@coord/core';
import { ReminderMailer } from '../mailer.service';
import { notificationDigestMail } from '../notification-digest-mail.texts';
import { deliverJobId, reminderJobOptions } from '../reminders.constants';

describe('reminder mail rendering', () => {
  const mailer = new ReminderMailer(loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://coord.example.org' }));
  const mail = {
    to: 'amina@example.org',
    recipientName: 'Amina <Wanjiru>',
    subject: 'Reminder',
    body: 'Meeting on Thursday.\nBring the <draft> & notes.\n\nSecond paragraph.',
    linkPath: '/meetings/42',
  };

  it('puts the link back under PUBLIC_URL in both the text and the HTML body', () => {
    const { text, html, link } = mailer.render(mail);
    expect(link).toBe('https://coord.example.org/meetings/42');
    expect(text).toContain('Open: https://coord.example.org/meetings/42');
    expect(html).toContain('<a href="https://coord.example.org/meetings/42">');
  });

  it('escapes what people typed in the HTML body, keeping paragraphs and line breaks', () => {
    const { html, text } = mailer.render(mail);
    expect(html).toContain('Hello Amina &lt;Wanjiru&gt;');
    expect(html).toContain('<p>Meeting on Thursday.<br>Bring the &lt;draft&gt; &amp; notes.</p>');
    expect(html).toContain('<p>Second paragraph.</p>');
    expect(text).toContain('Bring the <draft> & notes.');
  });
});

describe('notification digest mail', () => {
  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ title: `T${i}`, body: 'B', link: `https://coord.example.org/${i}` }));

  it('speaks the recipient’s language, with plural forms', () => {
    expect(notificationDigestMail(items(1)).subject).toBe('Your digest: 1 notification');
    expect(notificationDigestMail(items(2), 'sw').subject).toBe('Muhtasari wako: arifa 2');
    expect(notificationDigestMail(items(2), 'ar').subject).toBe('ملخصك: إشعاران');
    expect(notificationDigestMail(items(11), 'ar').subject).toBe('ملخصك: 11 إشعارًا');
    const fr = notificationDigestMail(items(1), 'fr');
    expect(fr.subject).toBe('Votre récapitulatif : 1 notification');
    expect(fr.body).toContain('Ouvrir : https://coord.example.org/0');
  });

  it('renders Arabic mails right to left', () => {
    const mailer = new ReminderMailer(loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://coord.example.org' }));
    const { html } = mailer.render({
      to: 'a@example.org',
      recipientName: 'Amina',
      subject: 's',
      body: 'b',
      linkPath: '/',
      locale: 'ar',
    });
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('مرحبًا Amina،');
  });
});

describe('reminder job options', () => {
  it('retries with exponential backoff and keeps failed jobs for admins', () => {
    expect(reminderJobOptions(100)).toMatchObject({
      attempts: 5,
      backoff: { type: 'exponential', delay: 100 },
      removeOnFail: { count: 1000 },
    });
  });

  it('names a job after the intent and its version (no colon, which BullMQ refuses)', () => {
    expect(deliverJobId('abc', 3)).toBe('abc-v3');
  });
});
