import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

/** npm start (scripts/start.sh) on a developer's machine: old bash, another mail catcher already running. */
describe('npm start', () => {
  it('runs its processes without `wait -n` (bash 3.2, stock macOS), under concurrently', () => {
    const script = readFileSync(join(ROOT, 'scripts/start.sh'), 'utf8');
    const code = script
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    expect(code).not.toMatch(/wait\s+-n/);
    expect(code).toMatch(/concurrently --kill-others/);
    execFileSync('bash', ['-n', join(ROOT, 'scripts/start.sh')]);
  });

  it('takes other ports for its mail catcher when 1025/1080 are taken', async () => {
    const taken = await listen(0);
    const port = (taken.address() as { port: number }).port;
    try {
      const pick = (...args: number[]) =>
        Number(execFileSync(process.execPath, [join(ROOT, 'scripts/free-port.js'), ...args.map(String)]).toString());
      const other = pick(port);
      expect(other).toBeGreaterThan(0);
      expect(other).not.toBe(port);
      expect(pick(other, port)).toBe(other);
      expect(pick(other, other)).not.toBe(other);
    } finally {
      taken.close();
    }
  });

  it('keeps the platform running when the mail catcher cannot listen: it says so and stays up', async () => {
    const taken = await listen(0);
    const port = (taken.address() as { port: number }).port;
    const child = spawn(process.execPath, ['scripts/run.js', 'scripts/mail-catcher.ts'], {
      cwd: ROOT,
      env: { ...process.env, MAIL_CATCHER_SMTP_PORT: String(port), MAIL_CATCHER_WEB_PORT: '0' },
    });
    let output = '';
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    try {
      const deadline = Date.now() + 20000;
      while (!output.includes('could not start') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(output).toContain(`mail catcher could not start`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      taken.close();
    }
  });
});
