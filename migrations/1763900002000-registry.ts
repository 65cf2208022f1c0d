import { MigrationInterface, QueryRunner } from 'typeorm';

const SECTORS = `'NATIONAL_GOVERNMENT','SUBNATIONAL_GOVERNMENT','LOCAL_GOVERNMENT','PARLIAMENT','CIVIL_SOCIETY','MIGRANT_ASSOCIATION','DIASPORA_ORGANIZATION','PRIVATE_SECTOR','TRADE_UNION','EMPLOYERS_ORGANIZATION','ACADEMIA','INTERNATIONAL_ORGANIZATION','REGIONAL_ORGANIZATION','FAITH_BASED_ORGANIZATION','NATIONAL_HUMAN_RIGHTS_INSTITUTION','MEDIA','OTHER'`;
const LEVELS = `'GLOBAL','REGIONAL','NATIONAL','SUBNATIONAL','LOCAL'`;
const KINDS = `'NATIONAL_COORDINATION_MECHANISM','INTER_MINISTERIAL_COMMITTEE','TECHNICAL_WORKING_GROUP','COUNCIL','COUNTY_OUTREACH_PROGRAMME','LOCAL_COORDINATION_FORUM','CONSULTATIVE_PROCESS','JOINT_COMMITTEE','TASK_FORCE','OTHER'`;
const ROLES = `'CHAIR','CO_CHAIR','VICE_CHAIR','SECRETARIAT','MEMBER','ALTERNATE','OBSERVER','STANDING_INVITEE','FOCAL_POINT'`;
const COUNTRY = `~ '^[A-Z]{2}$'`;
const SUBDIVISION = `~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'`;

/**
 * The stakeholder registry: organizations, people, coordination bodies (a hierarchy), versioned terms of
 * reference and memberships, with their invariants in the database.
 */
export class Registry1763900002000 implements MigrationInterface {
  name = 'Registry1763900002000';

  async up(q: QueryRunner): Promise<void> {
    // unaccent() is not IMMUTABLE, so it cannot back an index; this wrapper pins the dictionary.
    await q.query(`CREATE FUNCTION immutable_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    await q.query(`CREATE FUNCTION search_text(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT lower(immutable_unaccent(coalesce($1, ''))) $$`);

    await q.query(`CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
      acronym text CHECK (length(acronym) <= 30),
      sector text NOT NULL CHECK (sector IN (${SECTORS})),
      level text NOT NULL CHECK (level IN (${LEVELS})),
      country_code text CHECK (country_code ${COUNTRY}),
      subdivision_code text CHECK (subdivision_code ${SUBDIVISION}),
      parent_id uuid REFERENCES organizations(id),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT ck_organizations_subdivision_in_country CHECK (subdivision_code IS NULL OR country_code = left(subdivision_code, 2)),
      CONSTRAINT ck_organizations_not_own_parent CHECK (parent_id <> id)
    )`);
    await q.query(
      `CREATE INDEX ix_organizations_search ON organizations USING gin ((search_text(name) || ' ' || search_text(acronym)) gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX ix_organizations_sector ON organizations (sector, name, id)`);
    await q.query(`CREATE INDEX ix_organizations_name ON organizations (name, id)`);
    await q.query(`CREATE INDEX ix_organizations_parent ON organizations (parent_id)`);

    await q.query(`CREATE TABLE people (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      full_name text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 1 AND 200),
      email text CHECK (email = lower(email) AND length(email) <= 320),
      phone text CHECK (length(phone) <= 40),
      title text CHECK (length(title) <= 200),
      organization_id uuid REFERENCES organizations(id),
      erased_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX ix_people_organization ON people (organization_id, full_name, id)`);
    await q.query(`CREATE INDEX ix_people_name ON people (full_name, id)`);
    await q.query(`CREATE INDEX ix_people_search ON people USING gin (search_text(full_name) gin_trgm_ops)`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT fk_users_person FOREIGN KEY (person_id) REFERENCES people(id)`);

    await q.query(`CREATE TABLE coordination_bodies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
      acronym text CHECK (length(acronym) <= 30),
      kind text NOT NULL CHECK (kind IN (${KINDS})),
      level text NOT NULL CHECK (level IN (${LEVELS})),
      status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('PROPOSED','ACTIVE','DORMANT','DISSOLVED')),
      country_code text CHECK (country_code ${COUNTRY}),
      subdivision_code text CHECK (subdivision_code ${SUBDIVISION}),
      timezone text NOT NULL DEFAULT 'UTC',
      description text CHECK (length(description) <= 10000),
      is_public boolean NOT NULL DEFAULT false,
      established_on date,
      parent_id uuid REFERENCES coordination_bodies(id),
      lead_organization_id uuid REFERENCES organizations(id),
      secretariat_organization_id uuid REFERENCES organizations(id),
      meeting_reminders text[] NOT NULL DEFAULT '{P7D,P1D}',
      action_due_reminders text[] NOT NULL DEFAULT '{P7D,P1D}',
      overdue_escalation_after text NOT NULL DEFAULT 'P3D',
      minutes_follow_up_after text NOT NULL DEFAULT 'P5D',
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT ck_bodies_subdivision_in_country CHECK (subdivision_code IS NULL OR country_code = left(subdivision_code, 2)),
      CONSTRAINT ck_bodies_not_own_parent CHECK (parent_id <> id)
    )`);
    await q.query(`CREATE INDEX ix_bodies_parent ON coordination_bodies (parent_id, name, id)`);
    await q.query(`CREATE INDEX ix_bodies_name ON coordination_bodies (name, id)`);
    await q.query(`CREATE INDEX ix_bodies_public ON coordination_bodies (id) WHERE is_public`);
    await q.query(
      `CREATE INDEX ix_bodies_search ON coordination_bodies USING gin ((search_text(name) || ' ' || search_text(acronym)) gin_trgm_ops)`,
    );
    // A body can never become its own ancestor, whatever path the update takes.
    await q.query(`CREATE FUNCTION coordination_bodies_no_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.parent_id IS NOT NULL AND EXISTS (
          WITH RECURSIVE up(id, parent_id) AS (
            SELECT id, parent_id FROM coordination_bodies WHERE id = NEW.parent_id
            UNION
            SELECT b.id, b.parent_id FROM coordination_bodies b JOIN up ON b.id = up.parent_id
          ) SELECT 1 FROM up WHERE id = NEW.id
        ) THEN
          RAISE EXCEPTION 'a coordination body cannot be its own ancestor' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_bodies_no_cycle';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_bodies_no_cycle BEFORE INSERT OR UPDATE OF parent_id ON coordination_bodies
      FOR EACH ROW EXECUTE FUNCTION coordination_bodies_no_cycle()`);

    await q.query(`CREATE TABLE terms_of_reference (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      body_id uuid NOT NULL REFERENCES coordination_bodies(id),
      version int NOT NULL CHECK (version >= 1),
      status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','ADOPTED','SUPERSEDED')),
      mandate text NOT NULL CHECK (length(mandate) <= 20000),
      objectives text[] NOT NULL DEFAULT '{}',
      functions text[] NOT NULL DEFAULT '{}',
      quorum_fraction numeric(5,4) NOT NULL CHECK (quorum_fraction > 0 AND quorum_fraction <= 1),
      decision_rule text NOT NULL CHECK (decision_rule IN ('CONSENSUS','SIMPLE_MAJORITY','TWO_THIRDS_MAJORITY')),
      meeting_frequency text NOT NULL CHECK (meeting_frequency IN ('WEEKLY','MONTHLY','QUARTERLY','BIANNUAL','ANNUAL','AD_HOC')),
      required_seats jsonb NOT NULL DEFAULT '[]'::jsonb,
      reports_to_body_id uuid REFERENCES coordination_bodies(id),
      resources text,
      review_due_on date,
      adopted_on date,
      adopted_at_meeting_id uuid,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT uq_tor_body_version UNIQUE (body_id, version),
      CONSTRAINT ck_tor_adopted_has_date CHECK (status = 'DRAFT' OR adopted_on IS NOT NULL)
    )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_tor_one_adopted_per_body ON terms_of_reference (body_id) WHERE status = 'ADOPTED'`,
    );
    // Adopted and superseded versions are the record: only ADOPTED -> SUPERSEDED may change on them.
    await q.query(`CREATE FUNCTION terms_of_reference_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'DRAFT' THEN RAISE EXCEPTION 'adopted terms of reference cannot be deleted' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_tor_immutable'; END IF;
          RETURN OLD;
        END IF;
        IF OLD.status = 'SUPERSEDED' OR (OLD.status = 'ADOPTED' AND (NEW.status <> 'SUPERSEDED'
            OR (to_jsonb(NEW) - 'status') <> (to_jsonb(OLD) - 'status'))) THEN
          RAISE EXCEPTION 'adopted terms of reference are immutable: draft a new version' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_tor_immutable';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_tor_immutable BEFORE UPDATE OR DELETE ON terms_of_reference
      FOR EACH ROW EXECUTE FUNCTION terms_of_reference_immutable()`);

    await q.query(`CREATE TABLE memberships (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      body_id uuid NOT NULL REFERENCES coordination_bodies(id),
      person_id uuid NOT NULL REFERENCES people(id),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      role text NOT NULL CHECK (role IN (${ROLES})),
      voting_rights boolean NOT NULL DEFAULT true,
      starts_on date NOT NULL,
      ends_on date,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT ck_memberships_period CHECK (ends_on IS NULL OR ends_on >= starts_on),
      CONSTRAINT ex_memberships_no_overlap EXCLUDE USING gist (
        body_id WITH =, person_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&
      )
    )`);
    await q.query(`CREATE INDEX ix_memberships_body ON memberships (body_id, starts_on)`);
    await q.query(`CREATE INDEX ix_memberships_person ON memberships (person_id)`);
    await q.query(`CREATE INDEX ix_memberships_organization ON memberships (organization_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE memberships`);
    await q.query(`DROP TABLE terms_of_reference`);
    await q.query(`DROP FUNCTION terms_of_reference_immutable()`);
    await q.query(`DROP TABLE coordination_bodies`);
    await q.query(`DROP FUNCTION coordination_bodies_no_cycle()`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT fk_users_person`);
    await q.query(`DROP TABLE people`);
    await q.query(`DROP TABLE organizations`);
    await q.query(`DROP FUNCTION search_text(text)`);
    await q.query(`DROP FUNCTION immutable_unaccent(text)`);
  }
}
