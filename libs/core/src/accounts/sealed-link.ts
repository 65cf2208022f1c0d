import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The one-time token of an account mail waits in the outbox (account_mails.sealed) until the worker sends it:
 * sealed with AES-256-GCM under a key derived from JWT_SECRET, so that a copy of the database alone opens no
 * account, and erased once the mail is sent. The token itself is stored only as a hash (account_tokens).
 */
const keyOf = (secret: string) => createHash('sha256').update(`account-mail:${secret}`).digest();

export function seal(secret: string, value: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

export function unseal(secret: string, sealed: string): Record<string, string> {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
}
