import { GraphQLSchemaHost } from '@nestjs/graphql';
import { TestApp } from '@coord/testing';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSortedSchema } from '../schema-file';

const ROOT = join(__dirname, '../../../..');
const SCHEMA_FILE = join(ROOT, 'apps/api/schema.gql');
const CONTRACT_CHECK = join(ROOT, '../shared/contract/check.mjs');

/**
 * Contract parts not built yet, pinned so the list only shrinks: each feature issue removes its lines.
 * The test fails if something disappears from the schema (a new line here) or if a listed part lands
 * without this list being updated.
 */
const STILL_MISSING: string[] = JSON.parse(readFileSync(join(__dirname, 'contract-missing.json'), 'utf8'));

describe('generated GraphQL schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create();
  });
  afterAll(() => t.close());

  it('is committed and current (run `npm run schema:generate` after changing resolvers)', () => {
    const generated = printSortedSchema(t.app.get(GraphQLSchemaHost).schema);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });

  const contractPresent = existsSync(CONTRACT_CHECK);
  (contractPresent ? it : it.skip)('keeps the public contract, except the parts still pinned as missing', () => {
    let output = '';
    try {
      output = execFileSync(process.execPath, [CONTRACT_CHECK, SCHEMA_FILE], { cwd: ROOT, encoding: 'utf8' });
    } catch (error) {
      output = (error as { stdout: string }).stdout;
    }
    const missing = output
      .split('\n')
      .filter((line) => line && !line.startsWith('contract:'))
      .sort();
    expect(missing).toEqual([...STILL_MISSING].sort());
  });

  if (!contractPresent) {
    it('skips the contract check: ../shared/contract is not beside this clone', () => {
      console.warn(`contract check skipped: ${CONTRACT_CHECK} not found`);
    });
  }
});
