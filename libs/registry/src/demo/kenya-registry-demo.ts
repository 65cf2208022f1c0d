import { EntityManager } from 'typeorm';
import { CoordinationBody } from '../coordination-body.entity';
import { Membership } from '../membership.entity';
import { Organization } from '../organization.entity';
import { Person } from '../person.entity';
import {
  BodyKind,
  BodyStatus,
  DecisionRule,
  GovernanceLevel,
  MeetingFrequency,
  MemberRole,
  StakeholderSector as S,
  TermsOfReferenceStatus,
} from '../registry.enums';
import { TermsOfReference } from '../terms-of-reference.entity';

/**
 * The registry part of the demo: an ILLUSTRATIVE Kenyan National Coordination Mechanism on Migration with
 * technical working groups and county outreach units, the organizations and (fictitious) people sitting on
 * them, terms of reference with required seats, and three demo sign-ins. It is not an official record: body
 * names and descriptions say so. Idempotent: when the NCM exists, nothing is written and the existing ids
 * are returned, so that the meetings and actions demos can build on them.
 */

export const DEMO_NCM_NAME = 'National Coordination Mechanism on Migration (illustrative demo)';
const ILLUSTRATIVE =
  'Illustrative demo data modelled on Kenya\u2019s coordination structures; not an official record of any body.';

/** Demo sign-ins, listed in README.md ("Demo sign-ins"). */
export const DEMO_SIGN_INS = [
  { key: 'secretariat', email: 'secretariat@demo.coord.example', password: 'demo-secretariat-2026' },
  { key: 'mombasaFocal', email: 'mombasa.focal@demo.coord.example', password: 'demo-county-2026' },
  { key: 'civilSociety', email: 'civil.society@demo.coord.example', password: 'demo-civil-2026' },
] as const;

type OrgSpec = [
  key: string,
  name: string,
  acronym: string | null,
  sector: S,
  level: GovernanceLevel,
  sub?: string,
  parent?: string,
];
const N = GovernanceLevel.NATIONAL;
const ORGS: OrgSpec[] = [
  ['interior', 'Ministry of Interior and National Administration', 'MINA', S.NATIONAL_GOVERNMENT, N],
  ['immigration', 'Department of Immigration Services', 'DIS', S.NATIONAL_GOVERNMENT, N, undefined, 'interior'],
  ['ctip', 'Counter Trafficking in Persons Secretariat', 'CTiP', S.NATIONAL_GOVERNMENT, N, undefined, 'interior'],
  ['labour', 'Ministry of Labour and Social Protection', 'MoLSP', S.NATIONAL_GOVERNMENT, N],
  ['nea', 'National Employment Authority', 'NEA', S.NATIONAL_GOVERNMENT, N, undefined, 'labour'],
  ['diaspora', 'State Department for Diaspora Affairs', 'SDDA', S.NATIONAL_GOVERNMENT, N],
  ['knbs', 'Kenya National Bureau of Statistics', 'KNBS', S.NATIONAL_GOVERNMENT, N],
  [
    'mombasaCounty',
    'County Government of Mombasa',
    null,
    S.SUBNATIONAL_GOVERNMENT,
    GovernanceLevel.SUBNATIONAL,
    'KE-28',
  ],
  ['nairobiCounty', 'Nairobi City County', null, S.SUBNATIONAL_GOVERNMENT, GovernanceLevel.SUBNATIONAL, 'KE-30'],
  ['kisumuCounty', 'County Government of Kisumu', null, S.SUBNATIONAL_GOVERNMENT, GovernanceLevel.SUBNATIONAL, 'KE-17'],
  [
    'turkanaCounty',
    'County Government of Turkana',
    null,
    S.SUBNATIONAL_GOVERNMENT,
    GovernanceLevel.SUBNATIONAL,
    'KE-23',
  ],
  ['busiaCounty', 'County Government of Busia', null, S.SUBNATIONAL_GOVERNMENT, GovernanceLevel.SUBNATIONAL, 'KE-04'],
  ['kituo', 'Kituo cha Sheria (demo)', null, S.CIVIL_SOCIETY, N],
  ['haart', 'Awareness Against Human Trafficking (demo)', 'HAART', S.CIVIL_SOCIETY, N],
  [
    'coastCso',
    'Coast Migrant Workers Network (fictitious)',
    null,
    S.MIGRANT_ASSOCIATION,
    GovernanceLevel.LOCAL,
    'KE-28',
  ],
  ['kepsa', 'Kenya Private Sector Alliance', 'KEPSA', S.PRIVATE_SECTOR, N],
  ['fke', 'Federation of Kenya Employers', 'FKE', S.EMPLOYERS_ORGANIZATION, N],
  ['cotu', 'Central Organization of Trade Unions (Kenya)', 'COTU', S.TRADE_UNION, N],
  ['uon', 'University of Nairobi, migration studies (demo)', 'UoN', S.ACADEMIA, N],
  ['diasporaAlliance', 'Kenya Diaspora Alliance (fictitious)', 'KDA', S.DIASPORA_ORGANIZATION, GovernanceLevel.GLOBAL],
  ['knchr', 'Kenya National Commission on Human Rights', 'KNCHR', S.NATIONAL_HUMAN_RIGHTS_INSTITUTION, N],
  [
    'iom',
    'International Organization for Migration, Kenya office',
    'IOM',
    S.INTERNATIONAL_ORGANIZATION,
    GovernanceLevel.GLOBAL,
  ],
  [
    'ilo',
    'International Labour Organization, Nairobi office',
    'ILO',
    S.INTERNATIONAL_ORGANIZATION,
    GovernanceLevel.GLOBAL,
  ],
];

// Fictitious people. [key, full name, title, organization key]
const PEOPLE: Array<[string, string, string, string]> = [
  ['chair', 'Grace Njeri Mwangi', 'Principal Secretary (demo)', 'interior'],
  ['secretariat', 'Daniel Otieno Ouma', 'NCM Secretariat Officer', 'immigration'],
  ['coChair', 'Fatuma Hassan Ali', 'Director, Diaspora Affairs', 'diaspora'],
  ['labourLead', 'Peter Kiprono Rotich', 'Labour Migration Officer', 'labour'],
  ['nea', 'Mercy Achieng Odhiambo', 'Head, Foreign Employment', 'nea'],
  ['stats', 'Samuel Mutua Kioko', 'Senior Statistician', 'knbs'],
  ['ctip', 'Lucy Wambui Kamau', 'Head, CTiP Secretariat', 'ctip'],
  ['civilSociety', 'Joseph Baraka Mwakio', 'Programme Officer', 'kituo'],
  ['haart', 'Esther Nduta Karanja', 'Advocacy Lead', 'haart'],
  ['kepsa', 'Brian Omondi Okoth', 'Policy Manager', 'kepsa'],
  ['fke', 'Caroline Chebet Kosgei', 'Employment Policy Adviser', 'fke'],
  ['cotu', 'Hassan Juma Mwinyi', 'Migrant Workers Desk', 'cotu'],
  ['academia', 'Dr. Naliaka Wafula', 'Lecturer, migration studies', 'uon'],
  ['diasporaRep', 'Kevin Mugo Gitau', 'Diaspora representative', 'diasporaAlliance'],
  ['knchr', 'Alice Moraa Nyaboke', 'Commissioner (demo)', 'knchr'],
  ['iom', 'Maria Lopez (fictitious)', 'Programme Coordinator', 'iom'],
  ['ilo', 'Thomas Berger (fictitious)', 'Labour Migration Specialist', 'ilo'],
  ['mombasaFocal', 'Rehema Said Mwamburi', 'County Migration Focal Point', 'mombasaCounty'],
  ['coastCso', 'Omar Bakari Mohamed', 'Coordinator', 'coastCso'],
  ['nairobiFocal', 'Wilfred Kamau Njoroge', 'County Migration Focal Point', 'nairobiCounty'],
  ['kisumuFocal', 'Beatrice Awino Ochieng', 'County Migration Focal Point', 'kisumuCounty'],
  ['turkanaFocal', 'John Ekal Lokwang', 'County Migration Focal Point', 'turkanaCounty'],
  ['busiaFocal', 'Sarah Nafula Wanyama', 'County Migration Focal Point', 'busiaCounty'],
];

type BodySpec = {
  key: string;
  name: string;
  acronym?: string;
  kind: BodyKind;
  level: GovernanceLevel;
  sub?: string;
  parent?: string;
  lead: string;
  secretariat?: string;
  isPublic: boolean;
  established: string;
  description: string;
};
const county = (key: string, name: string, sub: string, lead: string): BodySpec => ({
  key,
  name: `${name} County Migration Outreach Unit (illustrative)`,
  kind: BodyKind.COUNTY_OUTREACH_PROGRAMME,
  level: GovernanceLevel.SUBNATIONAL,
  sub,
  parent: 'ncm',
  lead,
  isPublic: true,
  established: '2021-07-01',
  description: `Brings the national migration agenda to ${name} County. ${ILLUSTRATIVE}`,
});
const BODIES: BodySpec[] = [
  {
    key: 'ncm',
    name: DEMO_NCM_NAME,
    acronym: 'NCM',
    kind: BodyKind.NATIONAL_COORDINATION_MECHANISM,
    level: N,
    lead: 'interior',
    secretariat: 'immigration',
    isPublic: true,
    established: '2016-06-01',
    description: `Whole-of-government and whole-of-society coordination of migration governance. ${ILLUSTRATIVE}`,
  },
  {
    key: 'labourTwg',
    name: 'Technical Working Group on Labour Migration (illustrative)',
    acronym: 'TWG-LM',
    kind: BodyKind.TECHNICAL_WORKING_GROUP,
    level: N,
    parent: 'ncm',
    lead: 'labour',
    isPublic: true,
    established: '2017-03-01',
    description: `Safe, orderly and regular labour migration; bilateral labour agreements. ${ILLUSTRATIVE}`,
  },
  {
    key: 'dataTwg',
    name: 'Technical Working Group on Migration Data (illustrative)',
    acronym: 'TWG-DATA',
    kind: BodyKind.TECHNICAL_WORKING_GROUP,
    level: N,
    parent: 'ncm',
    lead: 'knbs',
    isPublic: true,
    established: '2018-01-15',
    description: `Migration statistics, the migration profile and GCM objective 1 reporting. ${ILLUSTRATIVE}`,
  },
  {
    key: 'ctipTwg',
    name: 'Technical Working Group on Counter-Trafficking (illustrative)',
    acronym: 'TWG-CT',
    kind: BodyKind.TECHNICAL_WORKING_GROUP,
    level: N,
    parent: 'ncm',
    lead: 'ctip',
    isPublic: false,
    established: '2018-05-01',
    description: `Prevention, protection and prosecution; case referral. Private: case work is discussed. ${ILLUSTRATIVE}`,
  },
  county('mombasa', 'Mombasa', 'KE-28', 'mombasaCounty'),
  county('nairobi', 'Nairobi', 'KE-30', 'nairobiCounty'),
  county('kisumu', 'Kisumu', 'KE-17', 'kisumuCounty'),
  county('turkana', 'Turkana', 'KE-23', 'turkanaCounty'),
  county('busia', 'Busia', 'KE-04', 'busiaCounty'),
];

// [body key, person key, role, voting]
const MEMBERS: Array<[string, string, MemberRole, boolean?]> = [
  ['ncm', 'chair', MemberRole.CHAIR],
  ['ncm', 'coChair', MemberRole.CO_CHAIR],
  ['ncm', 'secretariat', MemberRole.SECRETARIAT, false],
  ['ncm', 'labourLead', MemberRole.MEMBER],
  ['ncm', 'stats', MemberRole.MEMBER],
  ['ncm', 'ctip', MemberRole.MEMBER],
  ['ncm', 'mombasaFocal', MemberRole.MEMBER],
  ['ncm', 'civilSociety', MemberRole.MEMBER],
  ['ncm', 'haart', MemberRole.MEMBER],
  ['ncm', 'kepsa', MemberRole.MEMBER],
  ['ncm', 'cotu', MemberRole.MEMBER],
  ['ncm', 'academia', MemberRole.MEMBER],
  ['ncm', 'diasporaRep', MemberRole.MEMBER],
  ['ncm', 'knchr', MemberRole.OBSERVER, false],
  ['ncm', 'iom', MemberRole.STANDING_INVITEE, false],
  ['ncm', 'ilo', MemberRole.OBSERVER, false],
  ['labourTwg', 'labourLead', MemberRole.CHAIR],
  ['labourTwg', 'nea', MemberRole.SECRETARIAT],
  ['labourTwg', 'fke', MemberRole.MEMBER],
  ['labourTwg', 'cotu', MemberRole.MEMBER],
  ['labourTwg', 'kepsa', MemberRole.MEMBER],
  ['labourTwg', 'civilSociety', MemberRole.MEMBER],
  ['labourTwg', 'diasporaRep', MemberRole.MEMBER],
  ['labourTwg', 'ilo', MemberRole.OBSERVER, false],
  ['dataTwg', 'stats', MemberRole.CHAIR],
  ['dataTwg', 'secretariat', MemberRole.SECRETARIAT, false],
  ['dataTwg', 'academia', MemberRole.MEMBER],
  ['dataTwg', 'iom', MemberRole.MEMBER],
  ['ctipTwg', 'ctip', MemberRole.CHAIR],
  ['ctipTwg', 'haart', MemberRole.MEMBER],
  ['ctipTwg', 'knchr', MemberRole.MEMBER],
  ['ctipTwg', 'iom', MemberRole.MEMBER],
  ['mombasa', 'mombasaFocal', MemberRole.FOCAL_POINT],
  ['mombasa', 'coastCso', MemberRole.MEMBER],
  ['mombasa', 'haart', MemberRole.MEMBER],
  ['nairobi', 'nairobiFocal', MemberRole.FOCAL_POINT],
  ['nairobi', 'civilSociety', MemberRole.MEMBER],
  ['kisumu', 'kisumuFocal', MemberRole.FOCAL_POINT],
  ['turkana', 'turkanaFocal', MemberRole.FOCAL_POINT],
  ['busia', 'busiaFocal', MemberRole.FOCAL_POINT],
];

export interface RegistryDemo {
  created: boolean;
  organizations: Record<string, string>;
  people: Record<string, string>;
  bodies: Record<string, string>;
  /** user id per DEMO_SIGN_INS key */
  users: Record<string, string>;
}

export async function loadRegistryDemo(
  em: EntityManager,
  hashPassword: (password: string) => Promise<string>,
): Promise<RegistryDemo> {
  const existing = await em.findOne(CoordinationBody, { where: { name: DEMO_NCM_NAME } });
  if (existing) return findExisting(em);

  const demo: RegistryDemo = { created: true, organizations: {}, people: {}, bodies: {}, users: {} };
  for (const [key, name, acronym, sector, level, sub, parent] of ORGS) {
    const org = await em.save(
      em.create(Organization, {
        name,
        acronym,
        sector,
        level,
        countryCode: 'KE',
        subdivisionCode: sub ?? null,
        parentId: parent ? demo.organizations[parent] : null,
      }),
    );
    demo.organizations[key] = org.id;
  }
  for (const [key, fullName, title, org] of PEOPLE) {
    const email = DEMO_SIGN_INS.find((s) => s.key === key)?.email ?? `${key.toLowerCase()}@people.demo.coord.example`;
    const person = await em.save(
      em.create(Person, { fullName, title, email, organizationId: demo.organizations[org] }),
    );
    demo.people[key] = person.id;
  }
  for (const spec of BODIES) {
    const body = await em.save(
      em.create(CoordinationBody, {
        name: spec.name,
        acronym: spec.acronym ?? null,
        kind: spec.kind,
        level: spec.level,
        status: BodyStatus.ACTIVE,
        countryCode: 'KE',
        subdivisionCode: spec.sub ?? null,
        timezone: 'Africa/Nairobi',
        description: spec.description,
        isPublic: spec.isPublic,
        establishedOn: spec.established,
        parentId: spec.parent ? demo.bodies[spec.parent] : null,
        leadOrganizationId: demo.organizations[spec.lead],
        secretariatOrganizationId: spec.secretariat ? demo.organizations[spec.secretariat] : null,
      }),
    );
    demo.bodies[spec.key] = body.id;
  }
  for (const [bodyKey, personKey, role, voting] of MEMBERS) {
    const person = PEOPLE.find(([k]) => k === personKey)!;
    await em.save(
      em.create(Membership, {
        bodyId: demo.bodies[bodyKey],
        personId: demo.people[personKey],
        organizationId: demo.organizations[person[3]],
        role,
        votingRights: voting ?? true,
        startsOn: bodyKey === 'ncm' ? '2023-01-01' : '2024-01-01',
        endsOn: null,
      }),
    );
  }
  // A past member, to show that history is kept.
  await em.save(
    em.create(Membership, {
      bodyId: demo.bodies.ncm,
      personId: demo.people.nea,
      organizationId: demo.organizations.nea,
      role: MemberRole.MEMBER,
      votingRights: true,
      startsOn: '2019-01-01',
      endsOn: '2022-12-31',
    }),
  );
  await termsOfReference(em, demo);
  for (const signIn of DEMO_SIGN_INS) {
    const [row] = await em.query(
      `INSERT INTO users (email, password_hash, platform_role, person_id) VALUES ($1, $2, 'USER', $3)
       ON CONFLICT (email) DO UPDATE SET person_id = EXCLUDED.person_id RETURNING id`,
      [signIn.email, await hashPassword(signIn.password), demo.people[signIn.key]],
    );
    demo.users[signIn.key] = row.id;
  }
  return demo;
}

async function termsOfReference(em: EntityManager, demo: RegistryDemo) {
  const base = {
    objectives: [
      'Coordinate migration policy across ministries, counties and non-state actors',
      'Follow up the Global Compact for Migration (GCM) and national commitments',
    ],
    functions: ['Share information', 'Agree joint positions', 'Track action items and commitments'],
    decisionRule: DecisionRule.CONSENSUS,
    resources: 'Secretariat hosted by the lead department (illustrative).',
    adoptedAtMeetingId: null,
  };
  const tor = (bodyKey: string, version: number, status: TermsOfReferenceStatus, extra: Partial<TermsOfReference>) =>
    em.save(
      em.create(TermsOfReference, {
        ...base,
        bodyId: demo.bodies[bodyKey],
        version,
        status,
        mandate: `Mandate of the ${BODIES.find((b) => b.key === bodyKey)!.name}. ${ILLUSTRATIVE}`,
        quorumFraction: 0.5,
        meetingFrequency: MeetingFrequency.QUARTERLY,
        requiredSeats: [],
        reportsToBodyId: null,
        reviewDueOn: null,
        adoptedOn: null,
        ...extra,
      }),
    );
  // NCM: version 1 superseded by version 2 (inserted in that order: at most one ADOPTED at a time).
  await tor('ncm', 1, TermsOfReferenceStatus.SUPERSEDED, {
    adoptedOn: '2016-06-01',
    requiredSeats: [
      { sector: S.NATIONAL_GOVERNMENT, minSeats: 3 },
      { sector: S.CIVIL_SOCIETY, minSeats: 1 },
    ],
  });
  await tor('ncm', 2, TermsOfReferenceStatus.ADOPTED, {
    adoptedOn: '2024-02-15',
    quorumFraction: 0.5,
    reviewDueOn: '2027-02-15',
    requiredSeats: [
      { sector: S.NATIONAL_GOVERNMENT, minSeats: 4 },
      { sector: S.SUBNATIONAL_GOVERNMENT, minSeats: 2 },
      { sector: S.CIVIL_SOCIETY, minSeats: 2 },
      { sector: S.PRIVATE_SECTOR, minSeats: 1 },
      { sector: S.TRADE_UNION, minSeats: 1 },
      { sector: S.ACADEMIA, minSeats: 1 },
      { sector: S.DIASPORA_ORGANIZATION, minSeats: 1 },
      { sector: S.MIGRANT_ASSOCIATION, minSeats: 1 },
    ],
  });
  for (const [key, seats] of [
    [
      'labourTwg',
      [
        { sector: S.EMPLOYERS_ORGANIZATION, minSeats: 1 },
        { sector: S.TRADE_UNION, minSeats: 1 },
      ],
    ],
    ['dataTwg', [{ sector: S.ACADEMIA, minSeats: 1 }]],
    ['ctipTwg', [{ sector: S.CIVIL_SOCIETY, minSeats: 2 }]],
  ] as const) {
    await tor(key, 1, TermsOfReferenceStatus.ADOPTED, {
      adoptedOn: '2024-03-01',
      quorumFraction: 0.6,
      meetingFrequency: MeetingFrequency.MONTHLY,
      requiredSeats: seats.map((s) => ({ ...s })),
      reportsToBodyId: demo.bodies.ncm,
    });
  }
  for (const key of ['mombasa', 'nairobi', 'kisumu', 'turkana', 'busia']) {
    await tor(key, 1, TermsOfReferenceStatus.ADOPTED, {
      adoptedOn: '2024-07-01',
      meetingFrequency: MeetingFrequency.QUARTERLY,
      requiredSeats: [
        { sector: S.SUBNATIONAL_GOVERNMENT, minSeats: 1 },
        { sector: S.CIVIL_SOCIETY, minSeats: 1 },
      ],
      reportsToBodyId: demo.bodies.ncm,
    });
  }
}

async function findExisting(em: EntityManager): Promise<RegistryDemo> {
  const demo: RegistryDemo = { created: false, organizations: {}, people: {}, bodies: {}, users: {} };
  const bodies = await em.find(CoordinationBody, { select: { id: true, name: true } });
  for (const spec of BODIES) {
    const found = bodies.find((b) => b.name === spec.name);
    if (found) demo.bodies[spec.key] = found.id;
  }
  const orgs = await em.find(Organization, { select: { id: true, name: true } });
  for (const [key, name] of ORGS) {
    const found = orgs.find((o) => o.name === name);
    if (found) demo.organizations[key] = found.id;
  }
  const people = await em.find(Person, { select: { id: true, fullName: true } });
  for (const [key, name] of PEOPLE) {
    const found = people.find((p) => p.fullName === name);
    if (found) demo.people[key] = found.id;
  }
  const users: Array<{ id: string; email: string }> = await em.query(
    `SELECT id, email FROM users WHERE email = ANY($1::text[])`,
    [DEMO_SIGN_INS.map((s) => s.email)],
  );
  for (const s of DEMO_SIGN_INS) {
    const found = users.find((u) => u.email === s.email);
    if (found) demo.users[s.key] = found.id;
  }
  return demo;
}
