import { GraphQLError } from 'graphql';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Length, IsEmail } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import {
  badInput,
  conflict,
  createFormatError,
  createValidationPipe,
  DomainError,
  ErrorCode,
  msg,
  notFound,
} from '../index';
import { CATALOGS } from '../i18n/i18n';
import { errorLanguagePlugin } from '../i18n/request-language';

/** An error as the client sees it, for a request in `language` (Accept-Language). */
async function asSeenIn(language: string | undefined, thrown: unknown) {
  const error = new GraphQLError('x', { originalError: thrown as Error, path: ['field'] });
  const hooks = await (errorLanguagePlugin.requestDidStart as any)({});
  await hooks.didEncounterErrors({
    errors: [error],
    contextValue: { req: { headers: language ? { 'accept-language': language } : {} } },
  });
  const format = createFormatError({ exposeInternals: false, logger: { error: () => undefined } as any });
  return format({ message: error.message, path: ['field'] }, error);
}

describe('error messages in the request’s language', () => {
  it('renders a service’s error in sw and fr with the same code and field as in en', async () => {
    const make = () =>
      conflict(msg('error.meetings.meetingInvitationsNoLonger', { status: 'cancelled' }), { field: 'id' });
    const [en, sw, fr] = await Promise.all([undefined, 'sw', 'fr-FR'].map((l) => asSeenIn(l, make())));
    expect(en.message).toBe('This meeting is cancelled: invitations can no longer be answered');
    expect(sw.message).toBe('Mkutano huu umeghairiwa: mialiko haiwezi kujibiwa tena');
    expect(fr.message).toBe('Cette réunion est annulée : il n’est plus possible de répondre aux invitations');
    for (const e of [en, sw, fr]) expect(e.extensions).toEqual({ code: ErrorCode.CONFLICT, field: 'id' });
  });

  it('keeps the English text as the message of the thrown error (logs, tests, the default)', () => {
    const error = badInput(msg('error.meetings.inviteMost1000People'), 'personIds');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toBe('Invite at most 1000 people at once');
    expect(error.details).toEqual({ field: 'personIds' });
  });

  it('names the missing entity in the reader’s language; extensions keep the English name', async () => {
    const es = await asSeenIn('es', notFound('Meeting', 'm-1'));
    const ar = await asSeenIn('ar', notFound('Coordination body', 'b-1'));
    expect(es).toMatchObject({
      message: 'Reunión m-1 no existe',
      extensions: { code: 'NOT_FOUND', entity: 'Meeting' },
    });
    expect(ar.message).toBe('لم يُعثر على هيئة التنسيق b-1');
    expect(notFound('Meeting', 'm-1').message).toBe('Meeting m-1 was not found');
  });

  it('translates the errors the database raises (mapped by the formatter)', async () => {
    const pg = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const pt = await asSeenIn('pt', new QueryFailedError('UPDATE x', [], pg));
    expect(pt).toMatchObject({ extensions: { code: 'CONFLICT', retryable: true } });
    expect(pt.message).toMatch(/^Outra alteração aos mesmos registos/);
    const unique = Object.assign(new Error('duplicate'), { code: '23505', constraint: 'uq_users_email' });
    expect((await asSeenIn(undefined, new QueryFailedError('INSERT', [], unique))).message).toBe(
      'A sign-in with this email already exists',
    );
  });

  it('renders input rules centrally by constraint, naming the field and the rule’s limits', async () => {
    class Input {
      @Length(1, 300, { message: 'title must be 1 to 300 characters' })
      title!: string;
      @IsEmail()
      email!: string;
    }
    const pipe = createValidationPipe();
    const refusal = async (value: object) => {
      try {
        await pipe.transform(value, { type: 'body', metatype: Input });
      } catch (error) {
        return error;
      }
      throw new Error('accepted');
    };
    const long = await refusal({ title: 'x'.repeat(301), email: 'a@example.org' });
    expect((long as Error).message).toBe('title must be 1 to 300 characters');
    const fr = await asSeenIn('fr', long);
    expect(fr).toEqual({
      message: 'title doit comporter de 1 à 300 caractères',
      locations: undefined,
      path: ['field'],
      extensions: { code: 'BAD_USER_INPUT', field: 'title' },
    });
    const sw = await asSeenIn('sw', await refusal({ title: 'ok', email: 'nope' }));
    expect(sw.message).toBe('email lazima iwe anwani ya barua pepe');
    const unknown = await asSeenIn('es', await refusal({ title: 'ok', email: 'a@example.org', extra: 1 }));
    expect(unknown).toMatchObject({ message: 'extra no es un campo de esta entrada', extensions: { field: 'extra' } });
  });
});

describe('message keys used in the code', () => {
  const root = join(__dirname, '../../..');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
      return /\.tsx?$/.test(name) && !/\.(int-)?spec\.ts$/.test(name) ? [path] : [];
    });
  const files = sources(root);

  it('exist in en.json: msg(), localized() and t() keys', () => {
    const missing: string[] = [];
    const patterns = [
      /\bmsg\(\s*'([^']+)'/g,
      /\blocalized\([^;]*?,\s*'([a-z][\w.]+)'/g,
      /\bt\(\s*[\w.]+,\s*'([^']+)'/g,
    ];
    let seen = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const pattern of patterns) {
        for (const [, key] of text.matchAll(pattern)) {
          if (!key.includes('.')) continue; // a field name given to the error, not a key
          seen++;
          if (!(key in CATALOGS.en)) missing.push(`${file.slice(root.length + 1)}: ${key}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });

  it('name in every catalog the entities that NOT_FOUND errors mention', () => {
    const unnamed: string[] = [];
    for (const file of files) {
      for (const [, entity] of readFileSync(file, 'utf8').matchAll(/\bnotFound\(\s*'([^']+)'/g)) {
        const message = notFound(entity) as DomainError & { messageValues: Record<string, any> };
        if (typeof message.messageValues.entity === 'string') unnamed.push(entity);
      }
    }
    expect(unnamed).toEqual([]);
  });
});
