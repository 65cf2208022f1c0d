import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { badInput, createFormatError, ErrorCode, explainConstraintViolation, registerConstraintErrors } from '../index';

/**
 * One way to write a change (issue 14): every mutation opens its transaction through MutationService.run
 * (libs/core/src/mutation/mutation.service.ts), which names the actor and explains the constraint violations the
 * features registered, and writes its audit events through MutationService too (run's `scope.audit(entry)`, or
 * `audit(em, actor, entry)`), which names the actor and the request. A search of the code finds no other
 * transaction and no other writer of audit events, except the places listed here with why.
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

/** Files outside core's mutation folder that name AuditService or write the audit table themselves, each with why. */
const OTHER_AUDIT_WRITERS: Record<string, string> = {
  'scripts/admin.ts':
    'the operators’ command line runs outside Nest: it builds the MutationService it writes through (new MutationService(dataSource, new AuditService())) and calls only that',
  'libs/core/src/accounts/accounts.service.ts':
    'requestPasswordReset: the event is one INSERT of the single statement that also makes the reset link, doing the same work whether or not the email has a sign-in, so that the response time does not tell (no actor, no transaction of its own)',
};

/** Where AuditService is defined and provided, and core's mutation folder: its one caller. */
const AUDIT_HOME = [
  'libs/core/src/audit/audit.service.ts',
  'libs/core/src/audit/audit.module.ts',
  'libs/core/src/mutation/',
];

/** Writing an audit event by another door than MutationService: AuditService itself, or the table or entity. */
const AUDIT_WRITE = /\bAuditService\b|INSERT INTO audit_events|\.(insert|save|create)\(AuditEvent\b/i;

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

const sourceDirs = ['libs', 'apps']
  .flatMap((top) => readdirSync(path.join(root, top)).map((name) => path.join(root, top, name, 'src')))
  .filter((dir) => {
    try {
      return readdirSync(dir).length > 0;
    } catch {
      return false;
    }
  })
  .filter((dir) => !dir.includes(`${path.sep}apps${path.sep}web${path.sep}`));
const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
const files = sourceDirs.flatMap(sourceFiles).map(relative);
/** The operators' scripts (the admin command line) write audit events too. */
const scripts = sourceFiles(path.join(root, 'scripts')).map(relative);

/** The lines of a file that are code, not comment. */
const codeLines = (file: string) =>
  readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('*') && !line.trim().startsWith('//') && !line.trim().startsWith('/*'));

describe('one mutation path', () => {
  it('finds the source files it searches', () => {
    expect(files).toContain(MUTATION_HELPER);
    expect(files.some((f) => f.startsWith('libs/meetings/src/'))).toBe(true);
    expect(scripts).toContain('scripts/admin.ts');
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

  it('writes every audit event through MutationService, outside the listed other writers', () => {
    const found = [...files, ...scripts].filter(
      (file) => !AUDIT_HOME.some((home) => file.startsWith(home)) && codeLines(file).some((l) => AUDIT_WRITE.test(l)),
    );
    expect(found.filter((file) => !(file in OTHER_AUDIT_WRITERS))).toEqual([]);
    // The exceptions stay true: a listed file that no longer writes audit events itself leaves the list.
    expect(Object.keys(OTHER_AUDIT_WRITERS).filter((file) => !found.includes(file))).toEqual([]);
    // And MutationService is AuditService's one caller in core's mutation folder.
    const callers = files.filter(
      (file) => file.startsWith('libs/core/src/mutation/') && codeLines(file).some((l) => /\bAuditService\b/.test(l)),
    );
    expect(callers).toEqual([MUTATION_HELPER]);
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
