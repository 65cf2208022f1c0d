import { expectError, TestApp } from '@coord/testing';
import { BODY_INPUT, RegistryFixtures, TOR_INPUT } from './registry-fixtures';

const DRAFT = `mutation($bodyId: ID!, $input: TermsOfReferenceInput!) { draftTermsOfReference(bodyId: $bodyId, input: $input) { id version status } }`;
const ADOPT = `mutation($id: ID!, $on: Date!) { adoptTermsOfReference(id: $id, adoptedOn: $on) { id version status adoptedOn } }`;
const HISTORY = `query($id: ID!) { coordinationBody(id: $id) {
  currentTermsOfReference { version status }
  termsOfReferenceHistory { version status }
} }`;
const ADD = `mutation($input: MembershipInput!) { addMember(input: $input) { id active startsOn endsOn role votingRights } }`;
const END = `mutation($id: ID!, $on: Date!) { endMembership(id: $id, endsOn: $on) { id endsOn active } }`;
const UPDATE_BODY = `mutation($id: ID!, $input: CoordinationBodyUpdateInput!) { updateCoordinationBody(id: $id, input: $input) { id parent { id } } }`;
const COMPOSITION = `query($id: ID!) { coordinationBody(id: $id) { composition {
  activeMembers votingMembers bySector { sector members } unfilledSeats { sector minSeats } governmentShare nonGovernmentShare
} } }`;

describe('registry records: terms of reference, memberships, hierarchy, composition, erasure', () => {
  let t: TestApp;
  let f: RegistryFixtures;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixtures(t);
    admin = (await t.signIn()).token;
  });
  afterAll(() => t.close());

  describe('terms of reference', () => {
    it('makes the adopted version current and supersedes the one before, keeping the history', async () => {
      const body = await f.body();
      const v1 = (await t.gql(DRAFT, { bodyId: body, input: TOR_INPUT }, admin)).data.draftTermsOfReference;
      expect((await t.gql(ADOPT, { id: v1.id, on: '2025-01-10' }, admin)).data.adoptTermsOfReference.status).toBe(
        'ADOPTED',
      );
      const v2 = (await t.gql(DRAFT, { bodyId: body, input: { ...TOR_INPUT, quorumFraction: 0.6 } }, admin)).data
        .draftTermsOfReference;
      expect(v2.version).toBe(2);
      await t.gql(ADOPT, { id: v2.id, on: '2026-01-10' }, admin);
      const res = await t.gql(HISTORY, { id: body }, admin);
      expect(res.data.coordinationBody).toEqual({
        currentTermsOfReference: { version: 2, status: 'ADOPTED' },
        termsOfReferenceHistory: [
          { version: 2, status: 'ADOPTED' },
          { version: 1, status: 'SUPERSEDED' },
        ],
      });
      const audit = await t.dataSource.query(
        `SELECT action FROM audit_events WHERE entity_id = ANY($1::uuid[]) ORDER BY at, action`,
        [[v1.id, v2.id]],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual(
        expect.arrayContaining(['termsOfReference.draft', 'termsOfReference.adopt', 'termsOfReference.supersede']),
      );
    });

    it('lets exactly one of two concurrent adoptions of the same draft win; the other gets CONFLICT', async () => {
      const body = await f.body();
      const v1 = (await t.gql(DRAFT, { bodyId: body, input: TOR_INPUT }, admin)).data.draftTermsOfReference;
      await t.gql(ADOPT, { id: v1.id, on: '2025-01-10' }, admin);
      const v2 = (await t.gql(DRAFT, { bodyId: body, input: TOR_INPUT }, admin)).data.draftTermsOfReference;
      const results = await Promise.all([
        t.gql(ADOPT, { id: v2.id, on: '2026-02-01' }, admin),
        t.gql(ADOPT, { id: v2.id, on: '2026-02-02' }, admin),
      ]);
      const winners = results.filter((r) => r.data?.adoptTermsOfReference);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expectError(losers[0], 'CONFLICT', /already adopted: only a draft can be adopted/);
      const rows = await t.dataSource.query(
        `SELECT version, status FROM terms_of_reference WHERE body_id = $1 ORDER BY version`,
        [body],
      );
      expect(rows).toEqual([
        { version: 1, status: 'SUPERSEDED' },
        { version: 2, status: 'ADOPTED' },
      ]);
    });

    it('refuses to adopt an older draft over a newer adopted version, and keeps adopted versions immutable', async () => {
      const body = await f.body();
      const v1 = (await t.gql(DRAFT, { bodyId: body, input: TOR_INPUT }, admin)).data.draftTermsOfReference;
      const v2 = (await t.gql(DRAFT, { bodyId: body, input: TOR_INPUT }, admin)).data.draftTermsOfReference;
      await t.gql(ADOPT, { id: v2.id, on: '2026-01-10' }, admin);
      expectError(await t.gql(ADOPT, { id: v1.id, on: '2026-01-11' }, admin), 'CONFLICT', /newer than this draft/);
      await expect(
        t.dataSource.query(`UPDATE terms_of_reference SET mandate = 'changed' WHERE id = $1`, [v2.id]),
      ).rejects.toThrow(/immutable/);
    });
  });

  describe('memberships', () => {
    it('refuses an overlapping membership of the same person in the same body with CONFLICT', async () => {
      const body = await f.body();
      const org = await f.organization();
      const person = await f.person({ fullName: 'Wanjiru Kamau' });
      const input = { bodyId: body, personId: person, organizationId: org, role: 'MEMBER', startsOn: '2025-01-01' };
      const first = await t.gql(ADD, { input: { ...input, endsOn: '2025-12-31' } }, admin);
      expect(first.errors).toBeUndefined();
      const before = await f.snapshot();
      const overlap = await t.gql(ADD, { input: { ...input, startsOn: '2025-06-01', role: 'CHAIR' } }, admin);
      expectError(overlap, 'CONFLICT', /Wanjiru Kamau is already a member of .* from 2025-01-01 to 2025-12-31/);
      expect(await f.snapshot()).toEqual(before);
      // After the first period ends, a new one may start.
      const next = await t.gql(ADD, { input: { ...input, startsOn: '2026-01-01', role: 'CHAIR' } }, admin);
      expect(next.data.addMember).toMatchObject({ role: 'CHAIR', votingRights: true, endsOn: null });
    });

    it('also refuses the overlap in the database when two requests race', async () => {
      const body = await f.body();
      const org = await f.organization();
      const person = await f.person();
      const input = { bodyId: body, personId: person, organizationId: org, role: 'MEMBER', startsOn: '2025-01-01' };
      const results = await Promise.all([t.gql(ADD, { input }, admin), t.gql(ADD, { input }, admin)]);
      expect(results.filter((r) => r.data?.addMember)).toHaveLength(1);
      expectError(
        results.find((r) => r.errors)!,
        'CONFLICT',
        /overlapping|already a member/,
      );
    });

    it('ends a membership and keeps it in the history', async () => {
      const body = await f.body();
      const org = await f.organization();
      const person = await f.person();
      const id = await f.membership(body, person, org, 'MEMBER', '2024-01-01');
      const ended = await t.gql(END, { id, on: '2024-12-31' }, admin);
      expect(ended.data.endMembership).toEqual({ id, endsOn: '2024-12-31', active: false });
      const q = `query($id: ID!) { coordinationBody(id: $id) { active: memberships { id } all: memberships(activeOnly: false) { id endsOn } } }`;
      const res = await t.gql(q, { id: body }, admin);
      expect(res.data.coordinationBody).toEqual({ active: [], all: [{ id, endsOn: '2024-12-31' }] });
      expectError(await t.gql(END, { id, on: '2023-01-01' }, admin), 'BAD_USER_INPUT', /must not be before/);
    });
  });

  describe('hierarchy', () => {
    it('refuses to make a body its own ancestor, with a clear message, and changes nothing', async () => {
      const top = await f.body({ name: 'NCM' });
      const mid = await f.body({ name: 'TWG', parentId: top });
      const low = await f.body({ name: 'Sub-group', parentId: mid });
      const before = await f.snapshot();
      const cycle = await t.gql(UPDATE_BODY, { id: top, input: { ...BODY_INPUT, name: 'NCM', parentId: low } }, admin);
      expectError(cycle, 'BAD_USER_INPUT', /cannot be placed beneath itself or one of its own sub-bodies/);
      expect(cycle.errors![0].extensions?.field).toBe('input.parentId');
      const self = await t.gql(UPDATE_BODY, { id: top, input: { ...BODY_INPUT, name: 'NCM', parentId: top } }, admin);
      expectError(self, 'BAD_USER_INPUT', /beneath itself/);
      expect(await f.snapshot()).toEqual(before);
      const [row] = await t.dataSource.query(`SELECT parent_id FROM coordination_bodies WHERE id = $1`, [top]);
      expect(row.parent_id).toBeNull();
    });

    it('keeps the trigger as the last line: a direct update that would close a cycle fails', async () => {
      const a = await f.body();
      const b = await f.body({ parentId: a });
      await expect(
        t.dataSource.query(`UPDATE coordination_bodies SET parent_id = $1 WHERE id = $2`, [b, a]),
      ).rejects.toThrow(/own ancestor/);
    });
  });

  describe('composition', () => {
    it('reports members by sector, unfilled required seats and the government share', async () => {
      const body = await f.body();
      const ministry = await f.organization({ sector: 'NATIONAL_GOVERNMENT' });
      const county = await f.organization({ sector: 'SUBNATIONAL_GOVERNMENT' });
      const ngo = await f.organization({ sector: 'CIVIL_SOCIETY' });
      await f.membership(body, await f.person(), ministry, 'CHAIR');
      await f.membership(body, await f.person(), county, 'MEMBER');
      await f.membership(body, await f.person(), ngo, 'MEMBER');
      const observer = await f.membership(body, await f.person(), ngo, 'OBSERVER');
      await t.dataSource.query(`UPDATE memberships SET voting_rights = false WHERE id = $1`, [observer]);
      // An ended membership does not count.
      const ended = await f.membership(body, await f.person(), ministry, 'MEMBER', '2019-01-01');
      await t.dataSource.query(`UPDATE memberships SET ends_on = '2019-12-31' WHERE id = $1`, [ended]);
      const tor = (
        await t.gql(
          DRAFT,
          {
            bodyId: body,
            input: {
              ...TOR_INPUT,
              requiredSeats: [
                { sector: 'NATIONAL_GOVERNMENT', minSeats: 1 },
                { sector: 'CIVIL_SOCIETY', minSeats: 3 },
                { sector: 'ACADEMIA', minSeats: 1 },
              ],
            },
          },
          admin,
        )
      ).data.draftTermsOfReference;
      await t.gql(ADOPT, { id: tor.id, on: '2026-01-01' }, admin);
      const res = await t.gql(COMPOSITION, { id: body }, admin);
      expect(res.data.coordinationBody.composition).toEqual({
        activeMembers: 4,
        votingMembers: 3,
        bySector: [
          { sector: 'NATIONAL_GOVERNMENT', members: 1 },
          { sector: 'SUBNATIONAL_GOVERNMENT', members: 1 },
          { sector: 'CIVIL_SOCIETY', members: 2 },
        ],
        unfilledSeats: [
          { sector: 'CIVIL_SOCIETY', minSeats: 1 },
          { sector: 'ACADEMIA', minSeats: 1 },
        ],
        governmentShare: 0.5,
        nonGovernmentShare: 0.5,
      });
    });

    it('reports a body without members or terms of reference as zeros', async () => {
      const body = await f.body();
      const res = await t.gql(COMPOSITION, { id: body }, admin);
      expect(res.data.coordinationBody.composition).toEqual({
        activeMembers: 0,
        votingMembers: 0,
        bySector: [],
        unfilledSeats: [],
        governmentShare: 0,
        nonGovernmentShare: 0,
      });
    });
  });

  describe('erasePerson', () => {
    it('replaces personal data, removes the sign-in and keeps memberships and history', async () => {
      const body = await f.body({ isPublic: true });
      const org = await f.organization({ name: 'Kituo cha Sheria' });
      const person = await f.person({ fullName: 'Achieng Otieno', email: 'achieng@example.org', organizationId: org });
      const membership = await f.membership(body, person, org);
      const user = await t.createUser({ email: 'achieng@example.org', personId: person });
      const login = await t.gql(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }`,
        { e: user.email, p: user.password },
      );
      const { accessToken, refreshToken } = login.data.login;

      const res = await t.gql(
        `mutation($id: ID!) { erasePerson(id: $id) { id fullName email title } }`,
        { id: person },
        admin,
      );
      expect(res.data.erasePerson).toEqual({ id: person, fullName: 'Erased person', email: null, title: null });

      const [row] = await t.dataSource.query(`SELECT full_name, email, phone, erased_at FROM people WHERE id = $1`, [
        person,
      ]);
      expect(row).toMatchObject({ full_name: 'Erased person', email: null, phone: null });
      expect(row.erased_at).toBeInstanceOf(Date);
      const [u] = await t.dataSource.query(`SELECT email, password_hash, disabled_at FROM users WHERE id = $1`, [
        user.id,
      ]);
      expect(u.email).toBe(`erased-${user.id}@invalid`);
      expect(u.password_hash).toBeNull();
      expect(u.disabled_at).toBeInstanceOf(Date);
      const tokens = await t.dataSource.query(`SELECT revoked_at FROM refresh_tokens WHERE user_id = $1`, [user.id]);
      expect(tokens.every((tk: { revoked_at: Date | null }) => tk.revoked_at !== null)).toBe(true);

      // The sign-in is gone: old tokens and the old password stop working.
      expectError(await t.gql(`{ me { id } organizations { totalCount } }`, {}, accessToken), 'UNAUTHENTICATED');
      expectError(
        await t.gql(`mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`, { t: refreshToken }),
        'UNAUTHENTICATED',
      );
      // History stays: the membership (ended: an erased person holds no seat) still points at the anonymous person.
      const members = await t.gql(
        `query($id: ID!) { coordinationBody(id: $id) {
          active: memberships { id }
          memberships(activeOnly: false) { id person { fullName } organization { name } } } }`,
        { id: body },
      );
      expect(members.data.coordinationBody.active).toEqual([]);
      expect(members.data.coordinationBody.memberships).toEqual([
        { id: membership, person: { fullName: 'Erased person' }, organization: { name: 'Kituo cha Sheria' } },
      ]);
      // The audit event does not repeat the erased data.
      const [event] = await t.dataSource.query(
        `SELECT changes::text AS changes FROM audit_events WHERE action = 'person.erase' AND entity_id = $1`,
        [person],
      );
      expect(event.changes).not.toMatch(/Achieng|achieng@/);
      // Erasing twice changes nothing; the erased person can no longer be edited or added.
      expect(
        (await t.gql(`mutation($id: ID!) { erasePerson(id: $id) { fullName } }`, { id: person }, admin)).errors,
      ).toBeUndefined();
      expectError(
        await t.gql(
          `mutation($id: ID!) { updatePerson(id: $id, input: { fullName: "Back" }) { id } }`,
          { id: person },
          admin,
        ),
        'CONFLICT',
        /erased/,
      );
    });
  });
});
