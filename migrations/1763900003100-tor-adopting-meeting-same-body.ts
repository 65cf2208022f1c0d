import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The meeting that adopted a body's terms of reference must be a meeting of that body. (The registry cannot
 * read meetings, so the database keeps this rule; unknown meeting ids are left to the foreign key.)
 */
export class TorAdoptingMeetingSameBody1763900003100 implements MigrationInterface {
  name = 'TorAdoptingMeetingSameBody1763900003100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION terms_of_reference_meeting_same_body() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.adopted_at_meeting_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = NEW.adopted_at_meeting_id AND m.body_id <> NEW.body_id) THEN
          RAISE EXCEPTION 'the adopting meeting belongs to another body'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_tor_meeting_same_body';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_tor_meeting_same_body BEFORE INSERT OR UPDATE OF adopted_at_meeting_id
      ON terms_of_reference FOR EACH ROW EXECUTE FUNCTION terms_of_reference_meeting_same_body()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_tor_meeting_same_body ON terms_of_reference`);
    await q.query(`DROP FUNCTION terms_of_reference_meeting_same_body()`);
  }
}
