import http from 'node:http';
import { MailSink } from '../libs/testing/src/mail-sink';

/**
 * The local mail catcher of `npm start`: an SMTP server on 127.0.0.1:1025 (MAIL_CATCHER_SMTP_PORT) that keeps
 * every mail the worker sends, prints it to the console, and lists them at http://localhost:1080
 * (MAIL_CATCHER_WEB_PORT). Nothing leaves the machine. Local development only. scripts/start.sh picks free ports
 * when those are taken; if it still cannot listen, it says so and stays idle instead of exiting.
 */
const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025);
const webPort = Number(process.env.MAIL_CATCHER_WEB_PORT ?? 1080);
const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

async function main() {
  const sink = new MailSink();
  sink.onMail((mail) => {
    console.log(
      `[mail] ${mail.receivedAt.toISOString()} from ${mail.from} to ${mail.to.join(', ')}\n` +
        `       subject: ${mail.subject}\n${mail.text.trimEnd().replace(/^/gm, '       | ')}`,
    );
  });
  await sink.start(smtpPort, '127.0.0.1');

  const web = http.createServer((req, res) => {
    if (req.url === '/mails.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(sink.mails));
      return;
    }
    const items = [...sink.mails]
      .reverse()
      .map(
        (m) =>
          `<article><h2>${escape(m.subject)}</h2><p><small>${m.receivedAt.toISOString()} &middot; from ` +
          `${escape(m.from)} to ${escape(m.to.join(', '))}</small></p><pre>${escape(m.text)}</pre></article>`,
      )
      .join('<hr>');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    res.end(
      `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">` +
        `<title>Mail catcher (${sink.mails.length})</title><style>body{font-family:sans-serif;max-width:50rem;` +
        `margin:2rem auto}pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}</style></head><body>` +
        `<h1>Mails sent by the platform (${sink.mails.length})</h1>${items || '<p>None yet.</p>'}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => web.listen(webPort, '127.0.0.1', resolve));
  console.log(`[mail] catching SMTP on 127.0.0.1:${smtpPort}; web view http://localhost:${webPort}`);
  const stop = () => {
    web.close();
    void sink.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  // npm start runs the API and the worker beside this process and stops them all when one exits: a mail catcher
  // that cannot start must not take the platform down. Mails then fail to send and are retried (README).
  console.error(
    `[mail] mail catcher could not start (${error instanceof Error ? error.message : String(error)}): ` +
      `the platform runs on, but mails to ${smtpPort} are not caught; set SMTP_URL to another server`,
  );
  const idle = setInterval(() => undefined, 1 << 30);
  const stop = () => {
    clearInterval(idle);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
