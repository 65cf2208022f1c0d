import { TestApp } from '@coord/testing';
import { getIntrospectionQuery, IntrospectionQuery } from 'graphql';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratedOperation, OperationGenerator, prng } from './generator';

/**
 * Hostile input (npm run test:fuzz): FUZZ_OPERATIONS (default 2,000) schema-driven random and malformed
 * operations, FUZZ_SEED (default 7) for the PRNG, against a real app on its own database, as an admin, a
 * body's chair, anonymous callers and callers with a forged token. Asserts that nothing answers 5xx or
 * INTERNAL_SERVER_ERROR, that every GraphQL error carries a contract code, that every mutation that
 * succeeded left an audit event with its request id, and that the database's invariants hold afterwards.
 */
const OPERATIONS = Number(process.env.FUZZ_OPERATIONS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 7);
// The contract's codes and Apollo's own that clients match on (README, "Errors").
const CONTRACT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
]);
/**
 * Mutations about sessions and inbox state, not the record: they write no audit event by design.
 * requestPasswordReset answers true for any email (no enumeration); only a known email's request is recorded.
 * followActionItem / unfollowActionItem are idempotent: following again, or unfollowing an item one does not
 * follow, changes nothing and so records nothing (a real change is audited: following.int-spec.ts).
 */
const NOT_AUDITED = new Set([
  'login',
  'refreshToken',
  'logout',
  'markNotificationsRead',
  'requestPasswordReset',
  'followActionItem',
  'unfollowActionItem',
]);

interface Failure {
  i: number;
  status: number;
  op: GeneratedOperation;
  problem: string;
}

describe('hostile input', () => {
  let t: TestApp;
  let admin: string;
  let chair: string;
  const knownIds: string[] = [];
  const idsByKind: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await TestApp.create({ GRAPHQL_MAX_COST: '20000' });
    const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
    // A small record through SQL (fast and independent of every feature's input rules).
    const [org] = await q(
      `INSERT INTO organizations (name, sector, level, country_code) VALUES ('Fuzz Ministry', 'NATIONAL_GOVERNMENT', 'NATIONAL', 'KE') RETURNING id`,
    );
    const [ngo] = await q(
      `INSERT INTO organizations (name, sector, level) VALUES ('Fuzz NGO', 'CIVIL_SOCIETY', 'LOCAL') RETURNING id`,
    );
    const [person] = await q(
      `INSERT INTO people (full_name, email, organization_id) VALUES ('Fuzz Chair', 'chair@fuzz.example', $1) RETURNING id`,
      [org.id],
    );
    const [other] = await q(`INSERT INTO people (full_name, organization_id) VALUES ('Fuzz Member', $1) RETURNING id`, [
      ngo.id,
    ]);
    const [body] = await q(
      `INSERT INTO coordination_bodies (name, kind, level, timezone, is_public) VALUES ('Fuzz NCM', 'NATIONAL_COORDINATION_MECHANISM', 'NATIONAL', 'Africa/Nairobi', true) RETURNING id`,
    );
    const [child] = await q(
      `INSERT INTO coordination_bodies (name, kind, level, parent_id) VALUES ('Fuzz TWG', 'TECHNICAL_WORKING_GROUP', 'NATIONAL', $1) RETURNING id`,
      [body.id],
    );
    await q(
      `INSERT INTO memberships (body_id, person_id, organization_id, role, starts_on) VALUES ($1, $2, $3, 'CHAIR', '2025-01-01'), ($1, $4, $5, 'MEMBER', '2025-01-01')`,
      [body.id, person.id, org.id, other.id, ngo.id],
    );
    const [tor] = await q(
      `INSERT INTO terms_of_reference (body_id, version, mandate, quorum_fraction, decision_rule, meeting_frequency) VALUES ($1, 1, 'Fuzz mandate', 0.5, 'CONSENSUS', 'MONTHLY') RETURNING id`,
      [body.id],
    );
    const [meeting] = await q(
      `INSERT INTO meetings (body_id, title, kind, starts_at, ends_at, timezone) VALUES ($1, 'Fuzz meeting', 'ORDINARY', now() + interval '10 days', now() + interval '10 days 2 hours', 'Africa/Nairobi') RETURNING id`,
      [body.id],
    );
    await q(
      `INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting) VALUES ($1, $2, $3, true, true)`,
      [meeting.id, person.id, org.id],
    );
    const [item] = await q(
      `INSERT INTO action_items (body_id, title, owner_person_id, due_on, is_commitment) VALUES ($1, 'Fuzz item', $2, current_date + 10, true) RETURNING id`,
      [body.id, person.id],
    );
    knownIds.push(org.id, ngo.id, person.id, other.id, body.id, child.id, tor.id, meeting.id, item.id);
    // Matched against argument names (bodyId, ownerPersonId, organizationId, meetingId, ...); plain `id` gets any.
    Object.assign(idsByKind, {
      body: [body.id, child.id],
      parent: [body.id],
      person: [person.id, other.id],
      organization: [org.id, ngo.id],
      meeting: [meeting.id],
    });
    admin = (await t.signIn()).token;
    chair = (await t.signIn({ role: 'USER' as any, personId: person.id })).token;
  });

  afterAll(() => t?.close());

  it(`answers ${OPERATIONS} random and malformed operations with contract errors only, leaving the record intact`, async () => {
    const introspection = await t.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, admin);
    expect(introspection.errors).toBeUndefined();
    const rng = prng(SEED);
    const generator = new OperationGenerator(introspection.data, rng, knownIds, idsByKind);
    const auditBefore: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM audit_events`);

    const failures: Failure[] = [];
    const audited: Array<{ i: number; field: string; requestId: string }> = [];
    const codes: Record<string, number> = {};
    let succeeded = 0;
    for (let i = 0; i < OPERATIONS; i++) {
      const op = generator.next();
      const token = rng.pick([admin, admin, chair, chair, undefined, 'forged.token.value']);
      const requestId = `fuzz-${SEED}-${i}-${randomUUID().slice(0, 8)}`;
      const req = t.http
        .post('/graphql')
        .set('content-type', op.contentType ?? 'application/json')
        .set('x-request-id', requestId);
      if (token) req.set('authorization', `Bearer ${token}`);
      const res = await req.send(op.rawBody ?? JSON.stringify({ query: op.query, variables: op.variables }));
      const errors: Array<{ message?: string; extensions?: { code?: string } }> | undefined = res.body?.errors;
      if (res.status >= 500)
        failures.push({ i, status: res.status, op, problem: `HTTP ${res.status}: ${res.text.slice(0, 300)}` });
      for (const error of errors ?? []) {
        const code = error.extensions?.code ?? 'NONE';
        codes[code] = (codes[code] ?? 0) + 1;
        if (!CONTRACT_CODES.has(code))
          failures.push({ i, status: res.status, op, problem: `${code}: ${error.message}` });
        else if (!error.message) failures.push({ i, status: res.status, op, problem: `${code} without a message` });
      }
      if (res.status >= 400 && res.status < 500 && !errors) {
        // Rejected by the HTTP layer before GraphQL (malformed JSON, batch arrays): must still say why.
        codes[`HTTP_${res.status}`] = (codes[`HTTP_${res.status}`] ?? 0) + 1;
        if (!res.text) failures.push({ i, status: res.status, op, problem: 'a 4xx without any explanation' });
      }
      if (res.status === 200 && !errors && res.body?.data) {
        succeeded++;
        if (op.kind === 'mutation' && op.field && !NOT_AUDITED.has(op.field) && res.body.data[op.field] !== null) {
          audited.push({ i, field: op.field, requestId });
        }
      }
    }

    const describeFailure = (f: Failure) =>
      `#${f.i} ${f.problem}\n  ${(f.op.rawBody ?? f.op.query).slice(0, 400)}\n  variables: ${JSON.stringify(f.op.variables).slice(0, 400)}`;
    const summary =
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC | ${OPERATIONS} operations, seed ${SEED} | ` +
      `${succeeded} succeeded, ${audited.length} audited mutations | errors by code ${JSON.stringify(codes)} | ` +
      `${failures.length} failures | ${failures.length ? 'FAIL' : 'PASS'}`;
    mkdirSync(join(__dirname, '..', 'results'), { recursive: true });
    const results = join(__dirname, '..', 'results', 'fuzz.md');
    if (!existsSync(results))
      appendFileSync(results, '# Hostile-input runs (npm run test:fuzz)\n\nSee bench/README.md.\n\n');
    appendFileSync(results, `- ${summary}\n`);
    if (failures.length) console.error(`fuzz failures:\n${failures.slice(0, 20).map(describeFailure).join('\n')}`);
    console.log(
      `fuzz: ${OPERATIONS} operations (seed ${SEED}), ${succeeded} succeeded, ${audited.length} audited mutations, errors by code ${JSON.stringify(codes)}`,
    );
    expect(failures.map(describeFailure)).toEqual([]);

    // Every mutation that changed the record wrote its audit event, in its own request.
    const requestIds: Array<{ request_id: string }> = await t.dataSource.query(
      `SELECT DISTINCT request_id FROM audit_events WHERE request_id = ANY($1)`,
      [audited.map((a) => a.requestId)],
    );
    const seen = new Set(requestIds.map((r) => r.request_id));
    expect(audited.filter((a) => !seen.has(a.requestId)).map((a) => `#${a.i} ${a.field}`)).toEqual([]);

    // The audit trail only grew, and the invariants that span rows still hold.
    const auditAfter: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM audit_events`);
    const after = new Set(auditAfter.map((r) => r.id));
    expect(auditBefore.filter((r) => !after.has(r.id))).toEqual([]);
    const [invariants] = await t.dataSource.query(`SELECT
      (SELECT count(*) FROM (SELECT body_id FROM terms_of_reference WHERE status = 'ADOPTED' GROUP BY body_id HAVING count(*) > 1) x)::int AS two_adopted,
      (SELECT count(*) FROM memberships a JOIN memberships b ON a.body_id = b.body_id AND a.person_id = b.person_id AND a.id < b.id
        AND daterange(a.starts_on, a.ends_on, '[]') && daterange(b.starts_on, b.ends_on, '[]'))::int AS overlapping,
      (SELECT count(*) FROM action_items WHERE (status = 'DONE') <> (completed_at IS NOT NULL))::int AS done_without_date,
      (SELECT count(*) FROM meetings WHERE ends_at <= starts_at)::int AS backwards_meetings,
      (SELECT count(*) FROM pg_constraint WHERE NOT convalidated)::int AS unvalidated_constraints,
      (SELECT count(*) FROM coordination_bodies b WHERE EXISTS (
        WITH RECURSIVE up(id) AS (SELECT b.parent_id UNION SELECT p.parent_id FROM coordination_bodies p JOIN up ON p.id = up.id)
        SELECT 1 FROM up WHERE id = b.id))::int AS cycles`);
    expect(invariants).toEqual({
      two_adopted: 0,
      overlapping: 0,
      done_without_date: 0,
      backwards_meetings: 0,
      unvalidated_constraints: 0,
      cycles: 0,
    });
  });
});
