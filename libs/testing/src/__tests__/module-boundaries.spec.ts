import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The layering rules of eslint.config.mjs (ARCHITECTURE.md) are live: a deliberate violation written as core, as
 * reminders, as a feature or as the web client fails the real config; the same import is fine where it is allowed;
 * and core, reminders and the web client as they are have no violation left (no file of reminders imports a
 * feature: each feature adds its own fields to core's Notification type).
 *
 * ESLint loads its flat config with import(), which Jest's module sandbox refuses without
 * --experimental-vm-modules: ESLint's Node API runs in one child process for all the cases.
 */
const root = path.resolve(__dirname, '../../../..');

interface Case {
  filePath: string;
  code: string;
}

const LINT = `
import { ESLint } from 'eslint';
import path from 'node:path';
const { root, cases, files } = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
const restricted = (result) =>
  result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line + ': ' + m.message);
const snippets = [];
for (const { filePath, code } of cases) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  snippets.push(restricted(result));
}
const left = (await eslint.lintFiles(files)).flatMap((r) =>
  restricted(r).map((m) => path.relative(root, r.filePath) + ':' + m),
);
// Nx's rule may print a warning on stdout (no project graph cached): the answer is the last line.
process.stdout.write('\\n' + JSON.stringify({ snippets, left }) + '\\n');
`;

/** `import { X } from '...'` plus a use of X, so that only the import rule can have something to say. */
const snippet = (filePath: string, importLine: string): Case => ({
  filePath,
  code: `${importLine}\nexport const used = [${/\{ (\w+) \}/.exec(importLine)![1]}];\n`,
});

const violations: Case[] = [
  snippet('libs/core/src/x.ts', "import { Meeting } from '@coord/meetings';"),
  snippet('libs/core/src/auth/x.ts', "import { ActionItem } from '@coord/actions/src/action-item.entity';"),
  snippet('libs/core/src/x.ts', "import { Person } from '../../registry/src/person.entity';"),
  snippet('libs/core/src/x.ts', "import { RemindersModule } from '@coord/reminders';"),
  snippet('libs/reminders/src/x.ts', "import { Meeting } from '@coord/meetings';"),
  snippet('libs/reminders/src/x.ts', "import { ActionsReadService } from '@coord/actions';"),
  snippet('libs/reminders/src/x.ts', "import { Person } from '@coord/registry';"),
  snippet('libs/reminders/src/mail/x.ts', "import { Person } from '../../../registry/src/person.entity';"),
  snippet('libs/registry/src/x.ts', "import { Meeting } from '@coord/meetings';"),
  snippet('libs/meetings/src/x.ts', "import { ActionItem } from '@coord/actions';"),
  snippet('libs/actions/src/x.ts', "import { RemindersModule } from '@coord/reminders';"),
  snippet('apps/web/src/x.tsx', "import { AuthUser } from '@coord/core';"),
  snippet('apps/web/src/app/x.ts', "import { Meeting } from '../../../../libs/meetings/src/meeting.entity';"),
  // The two files that once had an exception for these imports have none left.
  snippet('libs/reminders/src/reminders.module.ts', "import { ActionsModule } from '@coord/actions';"),
  snippet('libs/reminders/src/notifications.resolver.ts', "import { Meeting } from '@coord/meetings';"),
  snippet('libs/reminders/src/reminders.module.ts', "import { Person } from '@coord/registry';"),
  // Demo data: scripts/seed-demo.ts and tests only, never the product.
  snippet('libs/actions/src/x.ts', "import { loadRegistryDemo } from '@coord/registry/demo';"),
  snippet('libs/registry/src/x.ts', "import { loadRegistryDemo } from './demo/kenya-registry-demo';"),
  snippet('libs/platform/src/x.ts', "import { seedMeetingsDemo } from '@coord/meetings/demo';"),
  snippet('apps/api/src/x.ts', "import { seedActionsDemo } from '../../../libs/actions/src/demo';"),
];
const allowed: Case[] = [
  snippet('libs/core/src/x.ts', "import { AppConfig } from './config';"),
  snippet('libs/reminders/src/x.ts', "import { AuthUser } from '@coord/core';"),
  snippet('libs/meetings/src/x.ts', "import { Person } from '@coord/registry';"),
  snippet('libs/actions/src/x.ts', "import { Meeting } from '@coord/meetings';"),
  snippet('apps/web/src/x.tsx', "import { useQuery } from 'urql';"),
  snippet('libs/reminders/src/__tests__/x.spec.ts', "import { Meeting } from '@coord/meetings';"),
  snippet('libs/reminders/src/x.ts', "import { Notification } from '@coord/core';"),
  snippet('libs/meetings/src/x.ts', "import { Notification } from '@coord/core';"),
  snippet('scripts/x.ts', "import { loadRegistryDemo } from '@coord/registry/demo';"),
  snippet('libs/meetings/src/__tests__/x.int-spec.ts', "import { seedActionsDemo } from '@coord/actions/demo';"),
];

describe('module boundaries (eslint.config.mjs)', () => {
  let outcome: { snippets: string[][]; left: string[] };

  beforeAll(() => {
    const input = JSON.stringify({
      root,
      cases: [...violations, ...allowed],
      files: ['libs/core/src', 'libs/reminders/src', 'apps/web/src'],
    });
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', LINT, input], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    outcome = JSON.parse(out.toString().trim().split('\n').pop()!);
  }, 120000);

  it.each(violations.map((c, i) => [c.filePath, c.code.split('\n')[0], i]))('refuses in %s: %s', (_file, _line, i) => {
    const messages = outcome.snippets[i as number];
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(/^1: .*ARCHITECTURE\.md/);
  });

  it.each(allowed.map((c, i) => [c.filePath, c.code.split('\n')[0], violations.length + i]))(
    'accepts in %s: %s',
    (_file, _line, i) => {
      expect(outcome.snippets[i as number]).toEqual([]);
    },
  );

  it('finds no violation left in core, reminders and the web client', () => {
    expect(outcome.left).toEqual([]);
  });
});
