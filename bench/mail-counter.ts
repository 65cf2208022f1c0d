/**
 * An SMTP sink for the benchmark and fault runs: accepts every mail, keeps its recipients and subject, and
 * survives clients that vanish mid-conversation (a worker killed with SIGKILL resets its SMTP connection;
 * without an 'error' listener smtp-server would take the whole process down).
 */
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CountedMail {
  to: string[];
  subject: string;
}

export class MailCounter {
  readonly mails: CountedMail[] = [];
  private server?: SMTPServer;

  async start(): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 4096) head += chunk.toString('utf8');
        });
        stream.on('end', () => {
          const subject = /^Subject: (.*)$/im.exec(head)?.[1]?.trim() ?? '';
          this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject });
          callback();
        });
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
