import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Multilingual content: the language each translatable record was written in (original_locale), and per-locale
 * texts of its fields (content_translations, one row per record, locale and field). One table for every
 * translatable type, so that a request loads the translations of all the records it shows in one query; the
 * owning feature's rules decide who writes them (the record's editors). Rows of a deleted record are removed by
 * triggers (no foreign key can point at several tables). A trigram index serves search in any language.
 */
export class ContentTranslations1764180000000 implements MigrationInterface {
  name = 'ContentTranslations1764180000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['coordination_bodies', 'terms_of_reference', 'meetings', 'action_items']) {
      await q.query(
        `ALTER TABLE ${table} ADD COLUMN original_locale text NOT NULL DEFAULT 'en'
           CONSTRAINT ck_${table}_original_locale CHECK (original_locale IN ('en','sw','fr','es','ar','pt'))`,
      );
    }
    await q.query(`CREATE TABLE content_translations (
      entity_type text NOT NULL CONSTRAINT ck_content_translations_type
        CHECK (entity_type IN ('COORDINATION_BODY','TERMS_OF_REFERENCE','MEETING','AGENDA_ITEM','DECISION','ACTION_ITEM')),
      entity_id uuid NOT NULL,
      locale text NOT NULL CONSTRAINT ck_content_translations_locale CHECK (locale IN ('en','sw','fr','es','ar','pt')),
      field text NOT NULL,
      text text NOT NULL CONSTRAINT ck_content_translations_text CHECK (length(text) BETWEEN 1 AND 20000),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      CONSTRAINT pk_content_translations PRIMARY KEY (entity_type, entity_id, locale, field)
    )`);
    await q.query(
      `CREATE INDEX ix_content_translations_search ON content_translations USING gin (search_text(text) gin_trgm_ops)`,
    );
    await q.query(`CREATE FUNCTION content_translations_forget() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM content_translations WHERE entity_type = TG_ARGV[0] AND entity_id = OLD.id;
        RETURN OLD;
      END $$`);
    for (const [table, type] of [
      ['coordination_bodies', 'COORDINATION_BODY'],
      ['terms_of_reference', 'TERMS_OF_REFERENCE'],
      ['meetings', 'MEETING'],
      ['agenda_items', 'AGENDA_ITEM'],
      ['decisions', 'DECISION'],
      ['action_items', 'ACTION_ITEM'],
    ]) {
      await q.query(
        `CREATE TRIGGER trg_${table}_translations AFTER DELETE ON ${table}
           FOR EACH ROW EXECUTE FUNCTION content_translations_forget('${type}')`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'coordination_bodies',
      'terms_of_reference',
      'meetings',
      'agenda_items',
      'decisions',
      'action_items',
    ]) {
      await q.query(`DROP TRIGGER trg_${table}_translations ON ${table}`);
    }
    await q.query(`DROP FUNCTION content_translations_forget()`);
    await q.query(`DROP TABLE content_translations`);
    for (const table of ['coordination_bodies', 'terms_of_reference', 'meetings', 'action_items']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN original_locale`);
    }
  }
}
