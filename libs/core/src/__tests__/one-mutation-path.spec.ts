import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { badInput, createFormatError, ErrorCode, explainConstraintViolation, registerConstraintErrors } from '../index';

/**
 * One way to write a change (issue 14): every mutation opens its transaction through MutationService.run
 * (libs/core/src/mutation/mutation.service.ts), which names the actor and explains the constraint violations the
 * features registered. A search of the code finds no other transaction, except the places listed here with why.
 */
const root = path.resolve(__dirname, '../../../..');

const MUTATION_HELPER = 'libs/core/src/mutation/mutation.service.ts';

/** Transactions that are not a user's (or the platform's) change of records, each with the reason. */
const NOT_MUTATIONS: Record<string, string> = {
  'libs/reminders/src/reminder-recorder.ts':
    'the worker recording reminder deliveries: claims intents FOR UPDATE (SKIP LOCKED in batches) and writes the in-app notices (delivery bookkeeping, no actor, no audit event)',
  'libs/reminders/src/reminder-mail-sender.ts':
    'the worker sending reminder mails: claims them FOR UPDATE SKIP LOCKED and marks them sent (delivery bookkeeping, no actor, no audit event)',
  'libs/reminders/src/weekly-digest.service.ts':
    'the worker writing the weekly digests into the outbox (delivery bookkeeping, no actor, no audit event)',
};

/** Opening a transaction by another door than MutationService.run. */
const TRANSACTION = /\.transaction\(|\.startTransaction\(|registryTransaction/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === '__tests__' || entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

const files = ['libs', 'apps']
  .flatMap((top) => readdirSync(path.join(root, top)).map((name) => path.join(root, top, name, 'src')))
  .filter((dir) => {
    try {
      return readdirSync(dir).length > 0;
    } catch {
      return false;
    }
  })
  .filter((dir) => !dir.includes(`${path.sep}apps${path.sep}web${path.sep}`))
  .flatMap(sourceFiles)
  .map((file) => path.relative(root, file).split(path.sep).join('/'));

describe('one mutation path', () => {
  it('finds the source files it searches', () => {
    expect(files).toContain(MUTATION_HELPER);
    expect(files.some((f) => f.startsWith('libs/meetings/src/'))).toBe(true);
  });

  it('opens every transaction through MutationService.run, outside the listed non-mutations', () => {
    const found = files.filter((file) =>
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .some((line) => TRANSACTION.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//')),
    );
    expect(found.filter((file) => file !== MUTATION_HELPER && !(file in NOT_MUTATIONS))).toEqual([]);
    // The exceptions stay true: a listed file that no longer opens a transaction leaves the list.
    expect(Object.keys(NOT_MUTATIONS).filter((file) => !found.includes(file))).toEqual([]);
  });

  it('names whoever acts one way: Actor from core', () => {
    const other = files.filter((file) =>
      /\binterface (Caller|Actor)\b|\bcallerOf\(/.test(readFileSync(path.join(root, file), 'utf8')),
    );
    expect(other).toEqual(['libs/core/src/mutation/actor.ts']);
  });

  it('keeps the features’ constraints out of core’s error mapping', () => {
    const mapping = readFileSync(path.join(root, 'libs/core/src/errors/format-error.ts'), 'utf8');
    expect(mapping).not.toMatch(/\b(ck|uq|ex|fk)_[a-z_]+/);
  });
});

describe('constraint errors registered by a feature', () => {
  const violation = (constraint: string, code = '23514') =>
    new QueryFailedError('UPDATE x', [], Object.assign(new Error('violates'), { code, constraint }));
  registerConstraintErrors({
    ck_test_feature_rule: () =>
      badInput('The feature explains its own rule', 'input.x', { constraint: 'ck_test_feature_rule' }),
  });

  it('leave MutationService and the GraphQL mapping as the feature’s domain error (code, field, message)', async () => {
    expect(explainConstraintViolation(violation('ck_test_feature_rule'))?.details).toEqual({
      field: 'input.x',
      constraint: 'ck_test_feature_rule',
    });
    const format = createFormatError({ exposeInternals: false, logger: { error: () => undefined } as any });
    const error = format(
      { message: 'x', path: ['field'] },
      new GraphQLError('x', { originalError: violation('ck_test_feature_rule') }),
    );
    expect(error).toMatchObject({
      message: 'The feature explains its own rule',
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'input.x', constraint: 'ck_test_feature_rule' },
    });
  });

  it('leave the others to the generic mapping', () => {
    expect(explainConstraintViolation(violation('ck_nobody_registered'))).toBeUndefined();
    expect(explainConstraintViolation(new Error('not a query'))).toBeUndefined();
  });

  it('include core’s own (a second sign-in with the same email)', () => {
    expect(explainConstraintViolation(violation('uq_users_email', '23505'))).toMatchObject({
      code: ErrorCode.CONFLICT,
      message: 'A sign-in with this email already exists',
      details: { constraint: 'uq_users_email' },
    });
  });
});
