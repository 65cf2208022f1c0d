import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data leaves the audit log's `changes` (issue 22):
 * - personal values (email, full name, phone, a person's title) already in `changes` are replaced by
 *   '[personal data]': the log records that the field changed, never the value;
 * - free texts (minutes, decisions, agenda, progress notes, item and meeting titles, descriptions, reasons) move
 *   to a new column `redactable`: `changes` keeps '[text]' (that the text changed). The audit hash chain (accounts
 *   issue, whose migration runs after this one) hashes `changes` and the event's other own columns, never
 *   `redactable`, so erasing a person can later replace their name in those old versions without breaking it;
 * - the append-only trigger lets exactly that through: an UPDATE that changes `redactable` only, inside a
 *   transaction that declared it redacts (SET LOCAL coord.redacting = 'on'); everything else is still refused.
 * Runs before the hash chain exists, so rewriting `changes` here breaks nothing.
 */
const PERSONAL = ['email', 'fullName', 'phone', 'title'];
const PERSONAL_ALWAYS = ['email', 'fullName', 'phone'];
const FREE_TEXT = [
  'text',
  'note',
  'title',
  'description',
  'agenda',
  'cancelReason',
  'reason',
  'withdrawalReason',
  'body',
];

const APPEND_ONLY_OLD = `CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege'; END $$`;

export class AuditPersonalDataOutOfChanges1764100000000 implements MigrationInterface {
  name = 'AuditPersonalDataOutOfChanges1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN redactable jsonb`);
    await q.query(`COMMENT ON COLUMN audit_events.redactable IS
      'Free texts of the change (earlier versions of minutes, notes, titles): outside the hashed content, so erasure can redact names in them'`);
    await q.query(`ALTER TABLE audit_events DISABLE TRIGGER tr_audit_events_append_only`);
    // Personal values: masked wherever they are (the people and users events), and email/fullName/phone anywhere.
    await q.query(
      `UPDATE audit_events e SET changes = (
         SELECT jsonb_object_agg(k, CASE WHEN (k = ANY($1::text[]) OR (k = ANY($2::text[]) AND e.entity_type IN ('Person', 'User')))
                                          AND jsonb_typeof(v) = 'array'
                                    THEN jsonb_build_array(
                                           CASE WHEN v->0 IS NULL OR jsonb_typeof(v->0) = 'null' THEN NULL
                                                WHEN v->>0 IN ('[personal data]', 'erased') THEN v->0
                                                ELSE to_jsonb('[personal data]'::text) END,
                                           CASE WHEN v->1 IS NULL OR jsonb_typeof(v->1) = 'null' THEN NULL
                                                WHEN v->>1 IN ('[personal data]', 'erased') THEN v->1
                                                ELSE to_jsonb('[personal data]'::text) END)
                                    ELSE v END)
           FROM jsonb_each(e.changes) AS x(k, v))
       WHERE e.changes ?| $1::text[] OR (e.entity_type IN ('Person', 'User') AND e.changes ?| $2::text[])`,
      [PERSONAL_ALWAYS, PERSONAL],
    );
    // Free texts: the values to `redactable`, the fact that they changed stays in `changes`.
    await q.query(
      `UPDATE audit_events e SET
         redactable = (SELECT jsonb_object_agg(k, v) FROM jsonb_each(e.changes) AS x(k, v) WHERE k = ANY($1::text[])),
         changes = (
           SELECT jsonb_object_agg(k, CASE WHEN k = ANY($1::text[]) AND jsonb_typeof(v) = 'array'
                                      THEN jsonb_build_array(
                                             CASE WHEN jsonb_typeof(v->0) = 'null' THEN NULL ELSE to_jsonb('[text]'::text) END,
                                             CASE WHEN jsonb_typeof(v->1) = 'null' THEN NULL ELSE to_jsonb('[text]'::text) END)
                                      ELSE v END)
             FROM jsonb_each(e.changes) AS x(k, v))
       WHERE e.entity_type NOT IN ('Person', 'User') AND e.changes ?| $1::text[]`,
      [FREE_TEXT],
    );
    await q.query(`ALTER TABLE audit_events ENABLE TRIGGER tr_audit_events_append_only`);
    await q.query(`CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The one change allowed: erasure redacting names in the free texts kept outside the hashed content.
        IF TG_OP = 'UPDATE' AND current_setting('coord.redacting', true) = 'on'
           AND (to_jsonb(NEW) - 'redactable') = (to_jsonb(OLD) - 'redactable') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(APPEND_ONLY_OLD);
    await q.query(`ALTER TABLE audit_events DISABLE TRIGGER tr_audit_events_append_only`);
    // The free texts go back into `changes`; masked personal values cannot come back (that is the point).
    await q.query(`UPDATE audit_events SET changes = changes || redactable WHERE redactable IS NOT NULL`);
    await q.query(`ALTER TABLE audit_events ENABLE TRIGGER tr_audit_events_append_only`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN redactable`);
  }
}
