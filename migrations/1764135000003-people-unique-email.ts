import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's email is unique, whatever its case (uq_people_email on lower(email)), so that registering someone
 * twice is refused instead of creating a second record. Existing duplicates are resolved without losing data:
 * the oldest record keeps the email, the others lose it and are listed in people_email_duplicates (person, email,
 * the person who kept it) for the secretariat to merge or correct; `down` gives the emails back.
 * Also records who registered a person (registered_by_user_id): they keep the right to edit and see the contact
 * data of someone they registered until that person is seated somewhere.
 */
export class PeopleUniqueEmail1764135000003 implements MigrationInterface {
  name = 'PeopleUniqueEmail1764135000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE people_email_duplicates (
      person_id uuid PRIMARY KEY REFERENCES people(id),
      email text NOT NULL,
      kept_by_person_id uuid NOT NULL REFERENCES people(id),
      resolved_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`WITH ranked AS (
        SELECT id, email, first_value(id) OVER (PARTITION BY lower(email) ORDER BY created_at, id) AS keeper
          FROM people WHERE email IS NOT NULL
      )
      INSERT INTO people_email_duplicates (person_id, email, kept_by_person_id)
      SELECT id, email, keeper FROM ranked WHERE id <> keeper`);
    await q.query(`UPDATE people SET email = NULL WHERE id IN (SELECT person_id FROM people_email_duplicates)`);
    await q.query(`CREATE UNIQUE INDEX uq_people_email ON people (lower(email)) WHERE email IS NOT NULL`);
    await q.query(`ALTER TABLE people ADD COLUMN registered_by_user_id uuid REFERENCES users(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE people DROP COLUMN registered_by_user_id`);
    await q.query(`DROP INDEX uq_people_email`);
    await q.query(`UPDATE people p SET email = d.email FROM people_email_duplicates d
      WHERE d.person_id = p.id AND p.email IS NULL`);
    await q.query(`DROP TABLE people_email_duplicates`);
  }
}
