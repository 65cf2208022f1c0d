import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper-evident audit log (issue 15). Each audit event gets hash = sha256(previous hash || canonical JSON of the
 * event's own columns {id, at, actor, action, entityType, entityId, changes}), chained in commit order:
 * - a deferred constraint trigger runs at COMMIT of each transaction that wrote audit events; it locks the single
 *   chain-head row, links that transaction's events (in insertion order) after the head and moves the head. The
 *   lock is held only from the commit's start to its end, so writers serialize on their commit step alone, not
 *   for their whole transaction, and transactions that write no audit event never touch it;
 * - the hashes live in audit_chain (event id, sequence, hash), not in audit_events: audit_events stays
 *   append-only (its trigger is untouched) and columns a later migration adds to it (e.g. redactable free text)
 *   are outside the hash by construction;
 * - the canonical JSON is PostgreSQL's jsonb text form (keys sorted, one spelling per value), computed by one SQL
 *   function used by the trigger and by the verification alike.
 * Existing events are chained here in (at, id) order.
 */
export class AuditHashChain1764150000200 implements MigrationInterface {
  name = 'AuditHashChain1764150000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION audit_event_canonical(
        id uuid, at timestamptz, actor uuid, action text, entity_type text, entity_id uuid, changes jsonb)
      RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_build_object(
          'id', id,
          'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'actor', actor,
          'action', action,
          'entityType', entity_type,
          'entityId', entity_id,
          'changes', changes)::text $$`);
    await q.query(`CREATE FUNCTION audit_event_hash(previous text, canonical text) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$ SELECT encode(sha256(convert_to(previous || canonical, 'UTF8')), 'hex') $$`);
    await q.query(`CREATE TABLE audit_chain (
      seq bigint PRIMARY KEY,
      event_id uuid NOT NULL CONSTRAINT uq_audit_chain_event UNIQUE,
      hash text NOT NULL
    )`);
    await q.query(`CREATE TABLE audit_chain_head (
      id int PRIMARY KEY CHECK (id = 1),
      seq bigint NOT NULL,
      hash text NOT NULL
    )`);
    await q.query(`INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '')`);
    await q.query(`CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head audit_chain_head%ROWTYPE;
        next_hash text;
      BEGIN
        SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
        next_hash := audit_event_hash(head.hash, audit_event_canonical(
          NEW.id, NEW.at, NEW.actor_user_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.changes));
        INSERT INTO audit_chain (seq, event_id, hash) VALUES (head.seq + 1, NEW.id, next_hash);
        UPDATE audit_chain_head SET seq = head.seq + 1, hash = next_hash WHERE id = 1;
        RETURN NULL;
      END $$`);
    // Existing events, oldest first.
    await q.query(`DO $$
      DECLARE
        e record;
        head_seq bigint := 0;
        head_hash text := '';
      BEGIN
        FOR e IN SELECT * FROM audit_events ORDER BY at, id LOOP
          head_seq := head_seq + 1;
          head_hash := audit_event_hash(head_hash, audit_event_canonical(
            e.id, e.at, e.actor_user_id, e.action, e.entity_type, e.entity_id, e.changes));
          INSERT INTO audit_chain (seq, event_id, hash) VALUES (head_seq, e.id, head_hash);
        END LOOP;
        UPDATE audit_chain_head SET seq = head_seq, hash = head_hash WHERE id = 1;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER tr_audit_events_chain AFTER INSERT ON audit_events
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_events_chain()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_audit_events_chain ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_chain()`);
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP TABLE audit_chain`);
    await q.query(`DROP FUNCTION audit_event_hash(text, text)`);
    await q.query(`DROP FUNCTION audit_event_canonical(uuid, timestamptz, uuid, text, text, uuid, jsonb)`);
  }
}
