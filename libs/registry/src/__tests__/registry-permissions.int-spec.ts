import { expectError, TestApp } from '@coord/testing';
import { BODY_INPUT, RegistryFixtures, TOR_INPUT } from './registry-fixtures';

const CREATE_ORG = `mutation($input: OrganizationInput!) { createOrganization(input: $input) { id name } }`;
const UPDATE_ORG = `mutation($id: ID!, $input: OrganizationUpdateInput!) { updateOrganization(id: $id, input: $input) { id name } }`;
const CREATE_PERSON = `mutation($input: PersonInput!) { createPerson(input: $input) { id fullName email } }`;
const UPDATE_PERSON = `mutation($id: ID!, $input: PersonUpdateInput!) { updatePerson(id: $id, input: $input) { id fullName title } }`;
const ERASE = `mutation($id: ID!) { erasePerson(id: $id) { id fullName } }`;
const CREATE_BODY = `mutation($input: CoordinationBodyInput!) { createCoordinationBody(input: $input) { id name parent { id } } }`;
const UPDATE_BODY = `mutation($id: ID!, $input: CoordinationBodyUpdateInput!) { updateCoordinationBody(id: $id, input: $input) { id name } }`;
const SET_POLICY = `mutation($bodyId: ID!, $input: ReminderPolicyInput!) { setReminderPolicy(bodyId: $bodyId, input: $input) { meetingReminders } }`;
const DRAFT = `mutation($bodyId: ID!, $input: TermsOfReferenceInput!) { draftTermsOfReference(bodyId: $bodyId, input: $input) { id version status } }`;
const ADOPT = `mutation($id: ID!) { adoptTermsOfReference(id: $id, adoptedOn: "2026-01-15") { id status } }`;
const ADD = `mutation($input: MembershipInput!) { addMember(input: $input) { id active } }`;
const END = `mutation($id: ID!) { endMembership(id: $id, endsOn: "2026-01-31") { id endsOn } }`;
const BODY = `query($id: ID!) { coordinationBody(id: $id) { id name memberships { person { id fullName email } organization { name } } } }`;
const BODIES = `{ coordinationBodies(first: 100) { totalCount edges { node { id } } } }`;

describe('registry permissions: each rule allowed and denied', () => {
  let t: TestApp;
  let f: RegistryFixtures;
  let admin: string;
  let ncm: string; // private parent
  let twg: string; // private child of ncm
  let open: string; // public body
  let secretariat: Awaited<ReturnType<RegistryFixtures['member']>>;
  let chair: Awaited<ReturnType<RegistryFixtures['member']>>;
  let member: Awaited<ReturnType<RegistryFixtures['member']>>;
  let outsider: Awaited<ReturnType<RegistryFixtures['member']>>;
  let publicMember: Awaited<ReturnType<RegistryFixtures['member']>>;

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixtures(t);
    admin = (await t.signIn()).token;
    ncm = await f.body({ name: 'Private NCM' });
    twg = await f.body({ name: 'Private TWG', parentId: ncm });
    open = await f.body({ name: 'Public County Unit', isPublic: true });
    secretariat = await f.member(ncm, 'SECRETARIAT', { fullName: 'Sam Secretariat', email: 'sam@example.org' });
    chair = await f.member(twg, 'CHAIR', { fullName: 'Chris Chair' });
    member = await f.member(ncm, 'MEMBER', { fullName: 'Mo Member', email: 'mo@example.org' });
    outsider = await f.member(null);
    publicMember = await f.member(open, 'MEMBER', { fullName: 'Pat Public', email: 'pat@example.org' });
  });
  afterAll(() => t.close());

  const orgInput = { name: 'Ministry of Labour', sector: 'NATIONAL_GOVERNMENT', level: 'NATIONAL', countryCode: 'KE' };

  describe('organizations: admins write, signed-in users read', () => {
    it('lets an admin create and update an organization', async () => {
      const created = await t.gql(CREATE_ORG, { input: orgInput }, admin);
      expect(created.errors).toBeUndefined();
      const updated = await t.gql(
        UPDATE_ORG,
        {
          id: created.data.createOrganization.id,
          input: { ...orgInput, name: 'Ministry of Labour and Social Protection' },
        },
        admin,
      );
      expect(updated.data.updateOrganization.name).toBe('Ministry of Labour and Social Protection');
    });

    it('refuses organization changes to a non-admin, even a secretariat', async () => {
      expectError(await t.gql(CREATE_ORG, { input: orgInput }, secretariat.token), 'FORBIDDEN', /admin/);
      expectError(
        await t.gql(UPDATE_ORG, { id: secretariat.organizationId, input: orgInput }, secretariat.token),
        'FORBIDDEN',
      );
      expectError(await t.gql(CREATE_ORG, { input: orgInput }), 'UNAUTHENTICATED');
    });

    it('lets signed-in users list organizations and people, not anonymous callers', async () => {
      const orgs = await t.gql(`{ organizations { totalCount } people { totalCount } }`, {}, outsider.token);
      expect(orgs.data.organizations.totalCount).toBeGreaterThan(0);
      expect(orgs.data.people.totalCount).toBeGreaterThan(0);
      expectError(await t.gql(`{ organizations { totalCount } }`), 'UNAUTHENTICATED');
      expectError(await t.gql(`{ people { totalCount } }`), 'UNAUTHENTICATED');
    });
  });

  describe('people', () => {
    it('lets an admin and a body manager register a person, not a plain member', async () => {
      expect((await t.gql(CREATE_PERSON, { input: { fullName: 'A' } }, admin)).errors).toBeUndefined();
      expect((await t.gql(CREATE_PERSON, { input: { fullName: 'B' } }, secretariat.token)).errors).toBeUndefined();
      expectError(
        await t.gql(CREATE_PERSON, { input: { fullName: 'C' } }, member.token),
        'FORBIDDEN',
        /register people/,
      );
    });

    it('lets a person update themself and a manager of their body update them, not another member', async () => {
      const self = await t.gql(
        UPDATE_PERSON,
        { id: member.personId, input: { fullName: 'Mo Member', title: 'Dr' } },
        member.token,
      );
      expect(self.data.updatePerson.title).toBe('Dr');
      const byManager = await t.gql(
        UPDATE_PERSON,
        { id: member.personId, input: { fullName: 'Mo Member', title: 'Prof' } },
        secretariat.token,
      );
      expect(byManager.data.updatePerson.title).toBe('Prof');
      // The chair of the TWG does not manage the NCM, where Mo sits.
      expectError(
        await t.gql(UPDATE_PERSON, { id: member.personId, input: { fullName: 'Hacked' } }, chair.token),
        'FORBIDDEN',
        /person/,
      );
      expectError(
        await t.gql(UPDATE_PERSON, { id: secretariat.personId, input: { fullName: 'Hacked' } }, member.token),
        'FORBIDDEN',
      );
    });

    it('lets only an admin erase a person', async () => {
      expectError(await t.gql(ERASE, { id: member.personId }, secretariat.token), 'FORBIDDEN', /admin/);
      const victim = await f.person({ fullName: 'To Be Erased' });
      const erased = await t.gql(ERASE, { id: victim }, admin);
      expect(erased.errors).toBeUndefined();
      expect(erased.data.erasePerson.fullName).toBe('Erased person');
    });
  });

  describe('bodies', () => {
    it('lets an admin create a top-level body, and refuses it to a chair', async () => {
      expect((await t.gql(CREATE_BODY, { input: BODY_INPUT }, admin)).errors).toBeUndefined();
      expectError(await t.gql(CREATE_BODY, { input: BODY_INPUT }, chair.token), 'FORBIDDEN', /top-level/);
    });

    it('lets a chair create a sub-body under their body, not a plain member or an outsider', async () => {
      const sub = await t.gql(
        CREATE_BODY,
        { input: { ...BODY_INPUT, name: 'Data sub-group', parentId: twg } },
        chair.token,
      );
      expect(sub.data.createCoordinationBody.parent.id).toBe(twg);
      expectError(
        await t.gql(CREATE_BODY, { input: { ...BODY_INPUT, parentId: ncm } }, member.token),
        'FORBIDDEN',
        /chair, co-chair or secretariat/,
      );
      // The outsider cannot even see the private NCM: it does not exist for them.
      expectError(await t.gql(CREATE_BODY, { input: { ...BODY_INPUT, parentId: ncm } }, outsider.token), 'NOT_FOUND');
    });

    it('lets the secretariat of a parent update a sub-body; hides it from plain members and outsiders', async () => {
      const input = { ...BODY_INPUT, name: 'Private TWG (renamed)', parentId: ncm };
      expect((await t.gql(UPDATE_BODY, { id: twg, input }, secretariat.token)).data.updateCoordinationBody.name).toBe(
        'Private TWG (renamed)',
      );
      // A plain member of the parent does not even see the private sub-body: NOT_FOUND, as for an outsider.
      expectError(await t.gql(UPDATE_BODY, { id: twg, input }, member.token), 'NOT_FOUND', /Coordination body/);
      expectError(await t.gql(UPDATE_BODY, { id: twg, input }, outsider.token), 'NOT_FOUND', /Coordination body/);
    });

    it('refuses a manager moving a body to the top level or under a body they do not manage', async () => {
      expectError(
        // parentId: null (explicit) makes a body top-level; leaving it out keeps the parent.
        await t.gql(UPDATE_BODY, { id: twg, input: { name: 'Private TWG', parentId: null } }, chair.token),
        'FORBIDDEN',
        /top-level/,
      );
      expectError(
        await t.gql(
          UPDATE_BODY,
          { id: twg, input: { ...BODY_INPUT, name: 'Private TWG', parentId: open } },
          chair.token,
        ),
        'FORBIDDEN',
      );
    });

    it('lets managers set the reminder policy, not members', async () => {
      const ok = await t.gql(SET_POLICY, { bodyId: twg, input: { meetingReminders: ['P1D', 'P14D'] } }, chair.token);
      expect(ok.data.setReminderPolicy.meetingReminders).toEqual(['P14D', 'P1D']);
      expectError(
        await t.gql(SET_POLICY, { bodyId: ncm, input: { meetingReminders: ['P1D'] } }, member.token),
        'FORBIDDEN',
      );
      expectError(
        await t.gql(SET_POLICY, { bodyId: ncm, input: { meetingReminders: ['P1D'] } }, outsider.token),
        'NOT_FOUND',
      );
    });
  });

  describe('terms of reference and memberships', () => {
    it('lets managers draft and adopt terms of reference, not members', async () => {
      const draft = await t.gql(DRAFT, { bodyId: twg, input: TOR_INPUT }, chair.token);
      expect(draft.data.draftTermsOfReference).toMatchObject({ version: 1, status: 'DRAFT' });
      expectError(await t.gql(DRAFT, { bodyId: ncm, input: TOR_INPUT }, member.token), 'FORBIDDEN');
      const other = await t.gql(DRAFT, { bodyId: ncm, input: TOR_INPUT }, secretariat.token);
      expectError(await t.gql(ADOPT, { id: other.data.draftTermsOfReference.id }, member.token), 'FORBIDDEN');
      expectError(
        await t.gql(ADOPT, { id: other.data.draftTermsOfReference.id }, outsider.token),
        'NOT_FOUND',
        /Terms of reference/,
      );
      const adopted = await t.gql(ADOPT, { id: draft.data.draftTermsOfReference.id }, chair.token);
      expect(adopted.data.adoptTermsOfReference.status).toBe('ADOPTED');
    });

    it('lets managers add and end memberships, not members or outsiders', async () => {
      const person = await f.person();
      const input = {
        bodyId: twg,
        personId: person,
        organizationId: chair.organizationId,
        role: 'MEMBER',
        startsOn: '2026-01-01',
      };
      const added = await t.gql(ADD, { input }, chair.token);
      expect(added.errors).toBeUndefined();
      expectError(await t.gql(ADD, { input: { ...input, bodyId: ncm } }, member.token), 'FORBIDDEN');
      expectError(await t.gql(ADD, { input: { ...input, bodyId: ncm } }, outsider.token), 'NOT_FOUND');
      const id = added.data.addMember.id;
      expectError(await t.gql(END, { id }, outsider.token), 'NOT_FOUND', /Membership/);
      // A plain member of the NCM does not see the TWG's memberships: as for an outsider.
      expectError(await t.gql(END, { id }, member.token), 'NOT_FOUND', /Membership/);
      expect((await t.gql(END, { id }, secretariat.token)).data.endMembership.endsOn).toBe('2026-01-31');
    });
  });

  describe('reading bodies and contact data', () => {
    it('shows a public body and its members to anonymous readers, without emails', async () => {
      const res = await t.gql(BODY, { id: open });
      expect(res.data.coordinationBody.name).toBe('Public County Unit');
      expect(res.data.coordinationBody.memberships).toEqual([
        {
          person: { id: publicMember.personId, fullName: 'Pat Public', email: null },
          organization: { name: expect.any(String) },
        },
      ]);
    });

    it('hides a private body from anonymous readers and outsiders, in lookups and lists', async () => {
      expect((await t.gql(BODY, { id: ncm })).data.coordinationBody).toBeNull();
      expect((await t.gql(BODY, { id: ncm }, outsider.token)).data.coordinationBody).toBeNull();
      const ids = (res: { data: any }) => res.data.coordinationBodies.edges.map((e: any) => e.node.id);
      const anonymous = await t.gql(BODIES);
      expect(ids(anonymous)).toContain(open);
      expect(ids(anonymous)).not.toContain(ncm);
      expect(ids(await t.gql(BODIES, {}, outsider.token))).not.toContain(twg);
    });

    it('shows a private body to its members and its sub-bodies to the managers above, not to plain members', async () => {
      expect((await t.gql(BODY, { id: ncm }, member.token)).data.coordinationBody.id).toBe(ncm);
      // A plain member of the NCM learns nothing of its private TWG: not by id, not in the list.
      expect((await t.gql(BODY, { id: twg }, member.token)).data.coordinationBody).toBeNull();
      const listed = await t.gql(BODIES, {}, member.token);
      const ids = listed.data.coordinationBodies.edges.map((e: any) => e.node.id);
      expect(ids).toEqual(expect.arrayContaining([ncm, open]));
      expect(ids).not.toContain(twg);
      // The NCM's secretariat reads the TWG beneath it whole, and its own chair reads it.
      expect((await t.gql(BODY, { id: twg }, secretariat.token)).data.coordinationBody.id).toBe(twg);
      const managed = await t.gql(BODIES, {}, secretariat.token);
      expect(managed.data.coordinationBodies.edges.map((e: any) => e.node.id)).toEqual(
        expect.arrayContaining([ncm, twg]),
      );
      expect((await t.gql(BODY, { id: twg }, chair.token)).data.coordinationBody.id).toBe(twg);
      // ...but the chair of the TWG does not see the NCM above it.
      expect((await t.gql(BODY, { id: ncm }, chair.token)).data.coordinationBody).toBeNull();
    });

    it('shows emails to the secretariat and admins, hides them from a plain member', async () => {
      const emails = async (token: string) => {
        const res = await t.gql(BODY, { id: ncm }, token);
        return Object.fromEntries(
          res.data.coordinationBody.memberships.map((m: any) => [m.person.fullName, m.person.email]),
        );
      };
      expect(await emails(secretariat.token)).toMatchObject({
        'Mo Member': 'mo@example.org',
        'Sam Secretariat': 'sam@example.org',
      });
      expect(await emails(admin)).toMatchObject({ 'Mo Member': 'mo@example.org' });
      // A member sees their own email, not the others'.
      expect(await emails(member.token)).toMatchObject({ 'Mo Member': 'mo@example.org', 'Sam Secretariat': null });
    });

    it('shows a person only the memberships of bodies the viewer may read', async () => {
      const q = `query($id: ID!) { person(id: $id) { fullName memberships { body { id } } } }`;
      expect((await t.gql(q, { id: member.personId }, member.token)).data.person.memberships).toHaveLength(1);
      expect((await t.gql(q, { id: member.personId }, outsider.token)).data.person.memberships).toEqual([]);
    });

    it('shows adopted terms of a public body to anyone, drafts only to its members', async () => {
      const draft = await t.gql(DRAFT, { bodyId: open, input: TOR_INPUT }, admin);
      await t.gql(ADOPT, { id: draft.data.draftTermsOfReference.id }, admin);
      await t.gql(DRAFT, { bodyId: open, input: TOR_INPUT }, admin);
      const q = `query($id: ID!) { coordinationBody(id: $id) { currentTermsOfReference { version } termsOfReferenceHistory { version status } } }`;
      expect((await t.gql(q, { id: open })).data.coordinationBody).toEqual({
        currentTermsOfReference: { version: 1 },
        termsOfReferenceHistory: [{ version: 1, status: 'ADOPTED' }],
      });
      expect((await t.gql(q, { id: open }, publicMember.token)).data.coordinationBody.termsOfReferenceHistory).toEqual([
        { version: 2, status: 'DRAFT' },
        { version: 1, status: 'ADOPTED' },
      ]);
    });

    it('filters bodies by parent and kind, within what the reader may see', async () => {
      const q = `query($f: CoordinationBodyFilter) { coordinationBodies(filter: $f) { edges { node { id parent { id } } } } }`;
      const children = await t.gql(q, { f: { parentId: ncm, kind: 'TECHNICAL_WORKING_GROUP' } }, secretariat.token);
      expect(children.data.coordinationBodies.edges.map((e: any) => e.node.id)).toContain(twg);
      const asMember = await t.gql(q, { f: { parentId: ncm, kind: 'TECHNICAL_WORKING_GROUP' } }, member.token);
      expect(asMember.data.coordinationBodies.edges).toEqual([]);
      expect((await t.gql(q, { f: { parentId: ncm } })).data.coordinationBodies.edges).toEqual([]);
    });

    it("resolves the signed-in user's person", async () => {
      const res = await t.gql(`{ me { person { id fullName email } } }`, {}, member.token);
      expect(res.data.me.person).toEqual({ id: member.personId, fullName: 'Mo Member', email: 'mo@example.org' });
    });
  });
});
