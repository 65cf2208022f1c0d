import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings of coordination bodies: the meeting, its ordered agenda, its participants (invitation, RSVP,
 * attendance and a snapshot of who could vote), minutes (DRAFT -> CIRCULATED -> ADOPTED, adopted ones
 * immutable), decisions, and the secret tokens of personal calendar feeds. Also links terms of reference to
 * the meeting that adopted them.
 */
export class Meetings1763900003000 implements MigrationInterface {
  name = 'Meetings1763900003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      body_id uuid NOT NULL REFERENCES coordination_bodies(id),
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
      kind text NOT NULL CHECK (kind IN ('ORDINARY','EXTRAORDINARY','CONSULTATION','OUTREACH','WORKSHOP')),
      status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','HELD','CANCELLED','POSTPONED')),
      starts_at timestamptz(3) NOT NULL,
      ends_at timestamptz(3) NOT NULL,
      timezone text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
      location text CHECK (length(location) <= 500),
      online_url text CHECK (online_url ~* '^https?://\\S+$' AND length(online_url) <= 2000),
      cancel_reason text CHECK (length(cancel_reason) <= 2000),
      sequence int NOT NULL DEFAULT 0 CHECK (sequence >= 0),
      attendance_recorded_at timestamptz(3),
      created_by_user_id uuid REFERENCES users(id),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT ck_meetings_period CHECK (ends_at > starts_at),
      CONSTRAINT ck_meetings_held_has_attendance CHECK (status <> 'HELD' OR attendance_recorded_at IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX ix_meetings_body_start ON meetings (body_id, starts_at, id)`);
    await q.query(`CREATE INDEX ix_meetings_start ON meetings (starts_at, id)`);

    await q.query(`CREATE TABLE agenda_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      position int NOT NULL CHECK (position >= 1),
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
      description text CHECK (length(description) <= 10000),
      presenter_person_id uuid REFERENCES people(id),
      duration_minutes int CHECK (duration_minutes BETWEEN 1 AND 1440),
      CONSTRAINT uq_agenda_items_position UNIQUE (meeting_id, position),
      CONSTRAINT uq_agenda_items_id_meeting UNIQUE (id, meeting_id)
    )`);

    await q.query(`CREATE TABLE meeting_participants (
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      person_id uuid NOT NULL REFERENCES people(id),
      organization_id uuid REFERENCES organizations(id),
      is_member boolean NOT NULL,
      voting boolean NOT NULL,
      rsvp text NOT NULL DEFAULT 'INVITED' CHECK (rsvp IN ('INVITED','ACCEPTED','DECLINED','TENTATIVE')),
      responded_at timestamptz(3),
      attendance text CHECK (attendance IN ('PRESENT','ABSENT','EXCUSED')),
      PRIMARY KEY (meeting_id, person_id),
      CONSTRAINT ck_participants_guest_not_voting CHECK (is_member OR NOT voting)
    )`);
    await q.query(`CREATE INDEX ix_participants_person ON meeting_participants (person_id)`);
    await q.query(`CREATE INDEX ix_participants_organization ON meeting_participants (organization_id)`);

    await q.query(`CREATE TABLE minutes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL UNIQUE REFERENCES meetings(id),
      status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','CIRCULATED','ADOPTED')),
      text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 200000),
      circulated_at timestamptz(3),
      adopted_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT ck_minutes_circulated_at CHECK (status = 'DRAFT' OR circulated_at IS NOT NULL),
      CONSTRAINT ck_minutes_adopted_at CHECK ((status = 'ADOPTED') = (adopted_at IS NOT NULL))
    )`);
    // The lifecycle in the database too: adoption only from CIRCULATED, never back, adopted minutes frozen.
    await q.query(`CREATE FUNCTION minutes_lifecycle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status = 'ADOPTED' THEN
            RAISE EXCEPTION 'adopted minutes are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_immutable';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status = 'ADOPTED' THEN
          RAISE EXCEPTION 'adopted minutes are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_immutable';
        END IF;
        IF NEW.status = 'ADOPTED' AND OLD.status <> 'CIRCULATED' THEN
          RAISE EXCEPTION 'minutes can only be adopted after circulation' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_order';
        END IF;
        IF OLD.status = 'CIRCULATED' AND NEW.status = 'DRAFT' THEN
          RAISE EXCEPTION 'circulated minutes cannot go back to draft' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_minutes_order';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_minutes_lifecycle BEFORE UPDATE OR DELETE ON minutes
      FOR EACH ROW EXECUTE FUNCTION minutes_lifecycle()`);

    await q.query(`CREATE TABLE decisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meetings(id),
      agenda_item_id uuid,
      text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 20000),
      recorded_by_user_id uuid REFERENCES users(id),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT fk_decisions_agenda_item_same_meeting FOREIGN KEY (agenda_item_id, meeting_id)
        REFERENCES agenda_items (id, meeting_id)
    )`);
    await q.query(`CREATE INDEX ix_decisions_meeting ON decisions (meeting_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_decisions_agenda_item ON decisions (agenda_item_id)`);

    await q.query(`CREATE TABLE calendar_feed_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      person_id uuid NOT NULL REFERENCES people(id),
      token_hash text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      revoked_at timestamptz(3),
      last_used_at timestamptz(3),
      CONSTRAINT uq_calendar_feed_tokens_hash UNIQUE (token_hash)
    )`);
    await q.query(`CREATE INDEX ix_calendar_feed_tokens_user ON calendar_feed_tokens (user_id, created_at)`);

    await q.query(`ALTER TABLE terms_of_reference ADD CONSTRAINT fk_tor_adopted_at_meeting
      FOREIGN KEY (adopted_at_meeting_id) REFERENCES meetings(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE terms_of_reference DROP CONSTRAINT fk_tor_adopted_at_meeting`);
    await q.query(`DROP TABLE calendar_feed_tokens`);
    await q.query(`DROP TABLE decisions`);
    await q.query(`DROP TABLE minutes`);
    await q.query(`DROP FUNCTION minutes_lifecycle()`);
    await q.query(`DROP TABLE meeting_participants`);
    await q.query(`DROP TABLE agenda_items`);
    await q.query(`DROP TABLE meetings`);
  }
}
