import { simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Attached files and calendar parts (e.g. a meeting's text/calendar iTIP), decoded as text. */
  attachments: Array<{ contentType: string; filename?: string; content: string }>;
  receivedAt: Date;
}

export interface MailSinkOptions {
  /**
   * Counting mode, for the benchmark and fault runs (thousands of mails): keep the envelope and the Subject header
   * read from the mail's first 4 KB, without parsing the MIME body (text and html stay empty).
   */
  countOnly?: boolean;
}

/**
 * An SMTP server that accepts every mail and keeps it in memory: the local mail catcher of `npm start`
 * (scripts/mail-catcher.ts), the SMTP sink of the tests and, in counting mode, of the benchmark and fault runs
 * (bench/reminders-throughput.ts, bench/faults.ts). No authentication, no TLS: local use only.
 */
export class MailSink {
  readonly mails: CaughtMail[] = [];
  private readonly listeners = new Set<(mail: CaughtMail) => void>();
  private server?: SMTPServer;
  port = 0;

  constructor(private readonly options: MailSinkOptions = {}) {}

  /** Starts listening (port 0: a free one) and returns the SMTP URL to send to. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        if (this.options.countOnly) {
          let head = '';
          stream.on('data', (chunk: Buffer) => {
            if (head.length < 4096) head += chunk.toString('utf8');
          });
          stream.on('end', () => {
            const subject = /^Subject: (.*)$/im.exec(head)?.[1]?.trim() ?? '';
            this.caught({ ...envelope, subject, text: '', html: '', attachments: [], receivedAt: new Date() });
            callback();
          });
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            this.caught({
              ...envelope,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              attachments: parsed.attachments.map((a) => ({
                contentType: a.contentType,
                filename: a.filename,
                content: a.content.toString('utf8'),
              })),
              receivedAt: new Date(),
            });
            callback();
          })
          .catch((error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    // A client that drops its connection (e.g. a killed worker) emits an error here; without a listener it would
    // crash the process hosting the sink (the tests, or the mail catcher of npm start).
    this.server.on('error', () => undefined);
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://${host}:${this.port}`;
  }

  private caught(mail: CaughtMail): void {
    this.mails.push(mail);
    for (const listener of this.listeners) listener(mail);
  }

  onMail(listener: (mail: CaughtMail) => void): void {
    this.listeners.add(listener);
  }

  to(address: string): CaughtMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
