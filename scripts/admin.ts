import 'reflect-metadata';
import {
  AuditService,
  AuthService,
  createDataSource,
  loadConfig,
  MutationService,
  PlatformRole,
  requireAcceptablePassword,
  SYSTEM_ACTOR,
  User,
} from '@coord/core';
import { createInterface } from 'node:readline';

/**
 * npm run admin -- <command> --email <address>: account chores for operators, from the sources or the compiled
 * build (scripts/admin.js picks dist/ when it is there).
 *   create-admin    the first (or another) platform admin of a deployment
 *   reset-password  sets a new password and signs every session of the user out
 *   deactivate      refuses sign-in and revokes the user's tokens at once
 * The password is read from a prompt (not echoed) or, when standard input is not a terminal, from its first
 * line; never from the command line, where it would stay in the shell history and the process list. Every change
 * is in the audit log, with no actor (an operator at the console).
 */
const USAGE = 'usage: npm run admin -- create-admin|reset-password|deactivate --email <address>';

class UsageError extends Error {}

function parse(argv: string[]): { command: string; email: string } {
  const [command, ...rest] = argv;
  if (!['create-admin', 'reset-password', 'deactivate'].includes(command)) throw new UsageError(USAGE);
  let email = '';
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--email') email = rest[++i] ?? '';
    else if (rest[i].startsWith('--email=')) email = rest[i].slice('--email='.length);
    else if (rest[i].startsWith('--password')) {
      throw new UsageError('a password is never given on the command line: type it at the prompt or pipe it in');
    } else throw new UsageError(`unknown argument ${rest[i]}\n${USAGE}`);
  }
  email = email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError(`--email must be an email address\n${USAGE}`);
  return { command, email };
}

/** The first line of standard input, or what is typed at a prompt that does not echo it. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    throw new UsageError('no password on standard input');
  }
  process.stdout.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off('data', onData);
          process.stdout.write('\n');
          return resolve(typed);
        }
        if (char === '\u0003') return reject(new UsageError('cancelled'));
        if (char === '\u007f') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    process.stdin.on('data', onData);
  });
}

async function main() {
  const { command, email } = parse(process.argv.slice(2));
  const config = loadConfig();
  const password = command === 'deactivate' ? '' : await readPassword(`New password for ${email}: `);
  if (command !== 'deactivate') requireAcceptablePassword(password, email, 'password');
  const ds = await createDataSource({ url: config.DATABASE_URL, entities: [User] }).initialize();
  // The one mutation path, outside Nest: one transaction, its audit event by no signed-in user (SYSTEM_ACTOR).
  const mutations = new MutationService(ds, new AuditService());
  try {
    await mutations.run(SYSTEM_ACTOR, async (em) => {
      const user = await em.findOne(User, { where: { email }, lock: { mode: 'pessimistic_write' } });
      if (command === 'create-admin') {
        if (user) throw new UsageError(`${email} already has a sign-in: use reset-password (it keeps its role)`);
        const created = await em.save(
          em.create(User, {
            email,
            passwordHash: await AuthService.hashPassword(password),
            platformRole: PlatformRole.ADMIN,
          }),
        );
        await mutations.audit(em, SYSTEM_ACTOR, {
          action: 'user.create',
          entityType: 'User',
          entityId: created.id,
          changes: { email: [null, email], platformRole: [null, PlatformRole.ADMIN], personId: [null, null] },
        });
        console.log(`[admin] created the platform admin ${email}`);
        return;
      }
      if (!user) throw new UsageError(`no sign-in has the email ${email}`);
      if (command === 'reset-password') {
        await em.update(User, { id: user.id }, { passwordHash: await AuthService.hashPassword(password) });
      } else {
        await em.update(User, { id: user.id }, { disabledAt: user.disabledAt ?? new Date() });
        await em.query(`UPDATE account_tokens SET spent_at = now() WHERE user_id = $1 AND spent_at IS NULL`, [user.id]);
      }
      await em.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
        user.id,
      ]);
      await mutations.audit(em, SYSTEM_ACTOR, {
        action: command === 'reset-password' ? 'user.resetPassword' : 'user.deactivate',
        entityType: 'User',
        entityId: user.id,
        changes:
          command === 'reset-password'
            ? { password: ['[redacted]', '[redacted]'] }
            : { active: [!user.disabledAt, false] },
      });
      console.log(
        command === 'reset-password'
          ? `[admin] set a new password for ${email} and signed its sessions out`
          : `[admin] deactivated ${email}: it cannot sign in and its tokens stop working`,
      );
    });
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    error instanceof UsageError || (error as { name?: string }).name === 'DomainError'
      ? `[admin] ${message}`
      : `[admin] failed: ${message}`,
  );
  process.exit(error instanceof UsageError || (error as { name?: string }).name === 'DomainError' ? 2 : 1);
});
