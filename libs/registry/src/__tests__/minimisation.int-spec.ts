import { PlatformRole } from '@coord/core';
import { TestApp } from '@coord/testing';
import { RegistryFixtures } from './registry-fixtures';

/**
 * Minimisation (issue 22): a guest of one private meeting reads that meeting and the body's name, not the body's
 * terms of reference or composition; anonymous readers get no job titles; `people` lists to a signed-in user whom
 * they share a body with and the members of public bodies, not the whole registry.
 */
describe('minimisation: what guests, anonymous readers and plain users see of bodies and people', () => {
  let t: TestApp;
  let f: RegistryFixtures;
  let privateBody: string;
  let publicBody: string;
  let meetingId: string;
  let guestToken: string;
  let memberToken: string;
  let adminToken: string;
  let chairToken: string;

  beforeAll(async () => {
    t = await TestApp.create({ LOGIN_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT_PER_IP: '100000' });
    f = new RegistryFixtures(t);
    const org = await f.organization({ name: 'County government', sector: 'NATIONAL_GOVERNMENT' });
    privateBody = await f.body({ name: 'Protection working group', leadOrganizationId: org });
    publicBody = await f.body({ name: 'National platform', isPublic: true });
    await t.dataSource.query(`UPDATE coordination_bodies SET description = 'Confidential cases' WHERE id = $1`, [
      privateBody,
    ]);
    await t.dataSource.query(
      `INSERT INTO terms_of_reference (body_id, version, status, mandate, objectives, functions, quorum_fraction,
         decision_rule, meeting_frequency, required_seats, adopted_on)
       VALUES ($1, 1, 'ADOPTED', 'Handle protection cases', '{}', '{}', 0.5, 'CONSENSUS', 'QUARTERLY', '[]', '2024-01-01')`,
      [privateBody],
    );
    const member = await f.person({ fullName: 'Private Member', organizationId: org });
    await f.membership(privateBody, member, org);
    const publicMember = await f.person({ fullName: 'Public Member', organizationId: org });
    await f.membership(publicBody, publicMember, org);
    await t.dataSource.query(`UPDATE people SET title = 'Senior protection officer' WHERE id = $1`, [publicMember]);
    const chair = await f.person({ fullName: 'Chair Elsewhere', organizationId: org });
    const other = await f.body({ name: 'Other body' });
    await f.membership(other, chair, org, 'CHAIR');
    await f.person({ fullName: 'Unrelated Person', organizationId: org });
    const guest = await f.person({ fullName: 'Guest Speaker' });
    const [meeting] = await t.dataSource.query(
      `INSERT INTO meetings (body_id, title, kind, starts_at, ends_at, timezone)
       VALUES ($1, 'Case review', 'ORDINARY', now() + interval '3 days', now() + interval '3 days 1 hour', 'Africa/Nairobi')
       RETURNING id`,
      [privateBody],
    );
    meetingId = meeting.id;
    await t.dataSource.query(
      `INSERT INTO meeting_participants (meeting_id, person_id, is_member, voting) VALUES ($1, $2, false, false)`,
      [meetingId, guest],
    );
    guestToken = (await t.signIn({ role: PlatformRole.USER, personId: guest })).token;
    memberToken = (await t.signIn({ role: PlatformRole.USER, personId: member })).token;
    chairToken = (await t.signIn({ role: PlatformRole.USER, personId: chair })).token;
    adminToken = (await t.signIn({ role: PlatformRole.ADMIN })).token;
  });
  afterAll(() => t?.close());

  const MEETING_BODY = `query($id: ID!, $bodyId: ID!) {
    meeting(id: $id) { title body { id name description leadOrganization { name }
      currentTermsOfReference { mandate } termsOfReferenceHistory { version }
      composition { activeMembers votingMembers bySector { sector members } unfilledSeats { sector } }
      memberships { id } } }
    coordinationBody(id: $bodyId) { id }
  }`;

  it("gives a guest of one private meeting the meeting and the body's name, not its terms of reference or composition", async () => {
    const res = await t.gql(MEETING_BODY, { id: meetingId, bodyId: privateBody }, guestToken);
    expect(res.errors).toBeUndefined();
    expect(res.data.coordinationBody).toBeNull();
    expect(res.data.meeting).toEqual({
      title: 'Case review',
      body: {
        id: privateBody,
        name: 'Protection working group',
        description: null,
        leadOrganization: null,
        currentTermsOfReference: null,
        termsOfReferenceHistory: [],
        composition: { activeMembers: 0, votingMembers: 0, bySector: [], unfilledSeats: [] },
        memberships: [],
      },
    });
  });

  it('gives a member of the private body its terms of reference and composition through the meeting', async () => {
    const res = await t.gql(MEETING_BODY, { id: meetingId, bodyId: privateBody }, memberToken);
    expect(res.errors).toBeUndefined();
    expect(res.data.meeting.body).toMatchObject({
      description: 'Confidential cases',
      leadOrganization: { name: 'County government' },
      currentTermsOfReference: { mandate: 'Handle protection cases' },
      termsOfReferenceHistory: [{ version: 1 }],
      composition: { activeMembers: 1, bySector: [{ sector: 'NATIONAL_GOVERNMENT', members: 1 }] },
    });
  });

  it('gives anonymous readers names and organizations of public members, not titles; signed-in users get titles', async () => {
    const query = `query($id: ID!) { coordinationBody(id: $id) { memberships { person { fullName title organization { name } } } } }`;
    const anonymous = await t.gql(query, { id: publicBody });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.coordinationBody.memberships).toEqual([
      { person: { fullName: 'Public Member', title: null, organization: { name: 'County government' } } },
    ]);
    const signedIn = await t.gql(query, { id: publicBody }, memberToken);
    expect(signedIn.data.coordinationBody.memberships[0].person.title).toBe('Senior protection officer');
  });

  const names = async (token: string) => {
    const res = await t.gql(`{ people(first: 100) { edges { node { fullName } } } }`, {}, token);
    expect(res.errors).toBeUndefined();
    return res.data.people.edges.map((e: any) => e.node.fullName).sort();
  };

  it("lists to a plain user themself, who shares a body with them and public bodies' members, not the registry", async () => {
    expect(await names(memberToken)).toEqual(['Private Member', 'Public Member']);
    expect(await names(guestToken)).toEqual(['Guest Speaker', 'Public Member']);
  });

  it('lists the whole registry to admins and managers, as before', async () => {
    const all = ['Chair Elsewhere', 'Guest Speaker', 'Private Member', 'Public Member', 'Unrelated Person'];
    expect(await names(adminToken)).toEqual(all);
    expect(await names(chairToken)).toEqual(all);
  });
});
