import { loadConfig } from '@coord/core';
import { ReminderMailer } from '../mailer.service';
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
