import { PlatformRole } from '@coord/core';
import { TestApp } from '@coord/testing';

/** Test fixtures for the registry: rows inserted directly (fast, no permission noise), sign-ins through the API. */
export class RegistryFixtures {
  constructor(private readonly t: TestApp) {}

  private n = 0;

  async organization(opts: { name?: string; sector?: string; acronym?: string; level?: string } = {}) {
    const [row] = await this.t.dataSource.query(
      `INSERT INTO organizations (name, acronym, sector, level, country_code) VALUES ($1, $2, $3, $4, 'KE') RETURNING id`,
      [opts.name ?? `Org ${++this.n}`, opts.acronym ?? null, opts.sector ?? 'CIVIL_SOCIETY', opts.level ?? 'NATIONAL'],
    );
    return row.id as string;
  }

  async person(opts: { fullName?: string; email?: string; organizationId?: string } = {}) {
    const [row] = await this.t.dataSource.query(
      `INSERT INTO people (full_name, email, organization_id) VALUES ($1, $2, $3) RETURNING id`,
      // A fresh number for each person: emails are unique.
      [
        opts.fullName ?? `Person ${++this.n}`,
        opts.email ?? `person${++this.n}@example.org`,
        opts.organizationId ?? null,
      ],
    );
    return row.id as string;
  }

  async body(opts: { name?: string; parentId?: string; isPublic?: boolean; leadOrganizationId?: string } = {}) {
    const [row] = await this.t.dataSource.query(
      `INSERT INTO coordination_bodies (name, kind, level, country_code, timezone, is_public, parent_id, lead_organization_id)
       VALUES ($1, 'TECHNICAL_WORKING_GROUP', 'NATIONAL', 'KE', 'Africa/Nairobi', $2, $3, $4) RETURNING id`,
      [opts.name ?? `Body ${++this.n}`, opts.isPublic ?? false, opts.parentId ?? null, opts.leadOrganizationId ?? null],
    );
    return row.id as string;
  }

  async membership(bodyId: string, personId: string, organizationId: string, role = 'MEMBER', startsOn = '2020-01-01') {
    const [row] = await this.t.dataSource.query(
      `INSERT INTO memberships (body_id, person_id, organization_id, role, starts_on) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [bodyId, personId, organizationId, role, startsOn],
    );
    return row.id as string;
  }

  /** A person with a sign-in, holding `role` on `bodyId` (if given). */
  async member(bodyId: string | null, role = 'MEMBER', opts: { fullName?: string; email?: string } = {}) {
    const org = await this.organization();
    const personId = await this.person({ organizationId: org, ...opts });
    if (bodyId) await this.membership(bodyId, personId, org, role);
    const user = await this.t.signIn({ role: PlatformRole.USER, personId });
    return { personId, organizationId: org, token: user.token, userId: user.id };
  }

  count(table: string): Promise<number> {
    return this.t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`).then((r) => r[0].n as number);
  }

  /** Row counts of every registry table and the audit log: compare before/after a refused request. */
  async snapshot() {
    const tables = [
      'organizations',
      'people',
      'coordination_bodies',
      'terms_of_reference',
      'memberships',
      'audit_events',
    ];
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = await this.count(table);
    return counts;
  }
}

export const BODY_INPUT = {
  name: 'Technical Working Group on Labour Migration',
  kind: 'TECHNICAL_WORKING_GROUP',
  level: 'NATIONAL',
  countryCode: 'KE',
  timezone: 'Africa/Nairobi',
};

export const TOR_INPUT = {
  mandate: 'Coordinate labour migration governance',
  objectives: ['Protect migrant workers'],
  functions: ['Advise the NCM'],
  quorumFraction: 0.5,
  decisionRule: 'CONSENSUS',
  meetingFrequency: 'QUARTERLY',
  requiredSeats: [],
};
