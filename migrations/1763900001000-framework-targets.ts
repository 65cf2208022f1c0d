import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The framework-target catalogue that action items and commitments are tagged with: GCM objectives, SDG
 * migration-related targets, MiGOF principles and objectives, MGI domains. The facts are copied here from
 * the reference catalogue (shared/reference/frameworks.json) so that the product never reads it at run time.
 */
const FRAMEWORKS: Array<[code: string, name: string]> = [
  ['GCM', 'Global Compact for Safe, Orderly and Regular Migration (2018)'],
  ['SDG', '2030 Agenda for Sustainable Development: migration-related targets'],
  ['MIGOF', 'IOM Migration Governance Framework (2015)'],
  ['MGI', 'Migration Governance Indicators: the six policy domains'],
];

const TARGETS: Array<[code: string, framework: string, title: string]> = [
  ['GCM-1', 'GCM', 'Collect and utilize accurate and disaggregated data as a basis for evidence-based policies'],
  [
    'GCM-2',
    'GCM',
    'Minimize the adverse drivers and structural factors that compel people to leave their country of origin',
  ],
  ['GCM-3', 'GCM', 'Provide accurate and timely information at all stages of migration'],
  ['GCM-4', 'GCM', 'Ensure that all migrants have proof of legal identity and adequate documentation'],
  ['GCM-5', 'GCM', 'Enhance availability and flexibility of pathways for regular migration'],
  ['GCM-6', 'GCM', 'Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work'],
  ['GCM-7', 'GCM', 'Address and reduce vulnerabilities in migration'],
  ['GCM-8', 'GCM', 'Save lives and establish coordinated international efforts on missing migrants'],
  ['GCM-9', 'GCM', 'Strengthen the transnational response to smuggling of migrants'],
  ['GCM-10', 'GCM', 'Prevent, combat and eradicate trafficking in persons in the context of international migration'],
  ['GCM-11', 'GCM', 'Manage borders in an integrated, secure and coordinated manner'],
  [
    'GCM-12',
    'GCM',
    'Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral',
  ],
  ['GCM-13', 'GCM', 'Use migration detention only as a measure of last resort and work towards alternatives'],
  ['GCM-14', 'GCM', 'Enhance consular protection, assistance and cooperation throughout the migration cycle'],
  ['GCM-15', 'GCM', 'Provide access to basic services for migrants'],
  ['GCM-16', 'GCM', 'Empower migrants and societies to realize full inclusion and social cohesion'],
  [
    'GCM-17',
    'GCM',
    'Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration',
  ],
  [
    'GCM-18',
    'GCM',
    'Invest in skills development and facilitate mutual recognition of skills, qualifications and competences',
  ],
  [
    'GCM-19',
    'GCM',
    'Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries',
  ],
  [
    'GCM-20',
    'GCM',
    'Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants',
  ],
  [
    'GCM-21',
    'GCM',
    'Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration',
  ],
  ['GCM-22', 'GCM', 'Establish mechanisms for the portability of social security entitlements and earned benefits'],
  [
    'GCM-23',
    'GCM',
    'Strengthen international cooperation and global partnerships for safe, orderly and regular migration',
  ],
  [
    'SDG-10.7',
    'SDG',
    'Facilitate orderly, safe, regular and responsible migration and mobility of people, including through the implementation of planned and well-managed migration policies',
  ],
  [
    'SDG-10.7.1',
    'SDG',
    'Recruitment cost borne by employee as a proportion of monthly income earned in country of destination',
  ],
  [
    'SDG-10.7.2',
    'SDG',
    'Number of countries with migration policies that facilitate orderly, safe, regular and responsible migration and mobility of people',
  ],
  [
    'SDG-10.7.3',
    'SDG',
    'Number of people who died or disappeared in the process of migration towards an international destination',
  ],
  ['SDG-10.7.4', 'SDG', 'Proportion of the population who are refugees, by country of origin'],
  [
    'SDG-10.c',
    'SDG',
    'Reduce to less than 3 per cent the transaction costs of migrant remittances and eliminate remittance corridors with costs higher than 5 per cent',
  ],
  [
    'SDG-8.8',
    'SDG',
    'Protect labour rights and promote safe and secure working environments for all workers, including migrant workers',
  ],
  ['SDG-16.2', 'SDG', 'End abuse, exploitation, trafficking and all forms of violence against and torture of children'],
  [
    'SDG-17.18',
    'SDG',
    'Increase the availability of high-quality, timely and reliable data disaggregated by income, gender, age, race, ethnicity, migratory status, disability, geographic location and other characteristics',
  ],
  ['MIGOF-P1', 'MIGOF', "Principle 1: Adherence to international standards and fulfilment of migrants' rights"],
  ['MIGOF-P2', 'MIGOF', 'Principle 2: Formulates policy using evidence and a whole-of-government approach'],
  ['MIGOF-P3', 'MIGOF', 'Principle 3: Engages with partners to address migration and related issues'],
  ['MIGOF-O1', 'MIGOF', 'Objective 1: Advance the socioeconomic well-being of migrants and society'],
  ['MIGOF-O2', 'MIGOF', 'Objective 2: Effectively address the mobility dimensions of crises'],
  ['MIGOF-O3', 'MIGOF', 'Objective 3: Ensure that migration takes place in a safe, orderly and dignified manner'],
  ['MGI-1', 'MGI', 'Migrant rights'],
  ['MGI-2', 'MGI', 'Whole-of-government approach'],
  ['MGI-3', 'MGI', 'Partnerships'],
  ['MGI-4', 'MGI', 'Well-being of migrants'],
  ['MGI-5', 'MGI', 'Mobility dimensions of crises'],
  ['MGI-6', 'MGI', 'Safe, orderly and regular migration'],
];

export class FrameworkTargets1763900001000 implements MigrationInterface {
  name = 'FrameworkTargets1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE frameworks (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z]+$'),
      name text NOT NULL
    )`);
    await q.query(`CREATE TABLE framework_targets (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z]+-[A-Za-z0-9.]+$'),
      framework text NOT NULL REFERENCES frameworks(code),
      title text NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_framework_targets_framework ON framework_targets (framework, code)`);
    await q.query(`INSERT INTO frameworks (code, name) SELECT * FROM unnest($1::text[], $2::text[])`, [
      FRAMEWORKS.map((f) => f[0]),
      FRAMEWORKS.map((f) => f[1]),
    ]);
    await q.query(
      `INSERT INTO framework_targets (code, framework, title) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [TARGETS.map((t) => t[0]), TARGETS.map((t) => t[1]), TARGETS.map((t) => t[2])],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE framework_targets`);
    await q.query(`DROP TABLE frameworks`);
  }
}
