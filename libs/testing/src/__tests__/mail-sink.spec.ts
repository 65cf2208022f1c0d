import nodemailer from 'nodemailer';
import { MailSink } from '../mail-sink';

/** The one SMTP sink: the full mode of the tests and the mail catcher, the counting mode of the bench. */
describe('MailSink', () => {
  async function send(url: string, subject: string): Promise<void> {
    const transport = nodemailer.createTransport(url);
    await transport.sendMail({
      from: 'platform@coord.example',
      to: ['ana@coord.example', 'bo@coord.example'],
      subject,
      text: 'Plain text',
      html: '<p>Some <b>html</b></p>',
    });
    transport.close();
  }

  it('keeps each mail parsed: envelope, subject, text and html', async () => {
    const sink = new MailSink();
    const url = await sink.start();
    try {
      const heard: string[] = [];
      sink.onMail((mail) => heard.push(mail.subject));
      await send(url, 'Meeting tomorrow');
      expect(sink.mails).toHaveLength(1);
      expect(sink.mails[0]).toMatchObject({
        from: 'platform@coord.example',
        to: ['ana@coord.example', 'bo@coord.example'],
        subject: 'Meeting tomorrow',
        text: expect.stringContaining('Plain text'),
        html: expect.stringContaining('<b>html</b>'),
      });
      expect(sink.to('bo@coord.example')).toHaveLength(1);
      expect(heard).toEqual(['Meeting tomorrow']);
    } finally {
      await sink.stop();
    }
  });

  it('in counting mode keeps the envelope and the subject only', async () => {
    const sink = new MailSink({ countOnly: true });
    const url = await sink.start();
    try {
      await send(url, 'Action item overdue');
      await send(url, 'Weekly digest');
      expect(sink.mails.map((m) => [m.to, m.subject, m.text, m.html])).toEqual([
        [['ana@coord.example', 'bo@coord.example'], 'Action item overdue', '', ''],
        [['ana@coord.example', 'bo@coord.example'], 'Weekly digest', '', ''],
      ]);
      expect(sink.to('ana@coord.example')).toHaveLength(2);
    } finally {
      await sink.stop();
    }
  });
});
