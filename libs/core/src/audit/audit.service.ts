import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type Changes = Record<string, [unknown, unknown]>;

/** Fields never written to the audit log in clear. */
const REDACTED = new Set(['passwordHash', 'password', 'tokenHash']);

/**
 * { field: [before, after] } for the fields that differ. Dates compare by value; secrets are redacted.
 */
export function diffChanges(
  before: Record<string, any> | null,
  after: Record<string, any> | null,
  fields: string[],
): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const a = normalise(before?.[field]);
    const b = normalise(after?.[field]);
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      changes[field] = REDACTED.has(field) ? ['[redacted]', '[redacted]'] : [a ?? null, b ?? null];
    }
  }
  return changes;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * Personal values never enter `changes` (the log is append-only and hashed, and outlives erasure): the log
 * records that the field changed. email, fullName and phone anywhere; `title` too on people and users (a job title).
 */
const PERSONAL_ALWAYS = new Set(['email', 'fullName', 'phone']);
const PERSONAL_ON = new Set(['Person', 'User']);
export const PERSONAL_DATA = '[personal data]';

/**
 * Free texts that may name people (minutes, decisions, agenda, progress notes, titles, reasons). Their values go
 * to the `redactable` column, outside the content the audit hash chain covers, so that erasing a person can
 * replace their name in earlier versions too; `changes` records '[text]' (that the text changed).
 */
export const FREE_TEXT_FIELDS = new Set([
  'text',
  'note',
  'title',
  'description',
  'agenda',
  'cancelReason',
  'reason',
  'withdrawalReason',
  'body',
  // Issue 17: a periodic report's narrative and review note.
  'narrative',
  'reviewNote',
]);
export const TEXT_CHANGED = '[text]';

const mark = (value: unknown, marker: string) => (value === null || value === undefined ? null : marker);

/** Splits an entry's changes into what is stored (and hashed) and the redactable free texts. */
export function splitChanges(entityType: string, changes: Changes): { changes: Changes; redactable: Changes | null } {
  const kept: Changes = {};
  const redactable: Changes = {};
  for (const [field, value] of Object.entries(changes)) {
    const pair = Array.isArray(value) ? value : [null, value];
    const personal = PERSONAL_ALWAYS.has(field) || (field === 'title' && PERSONAL_ON.has(entityType));
    if (personal) {
      kept[field] = pair.map((v) => (v === PERSONAL_DATA || v === 'erased' ? v : mark(v, PERSONAL_DATA))) as [
        unknown,
        unknown,
      ];
    } else if (FREE_TEXT_FIELDS.has(field) && !PERSONAL_ON.has(entityType)) {
      kept[field] = [mark(pair[0], TEXT_CHANGED), mark(pair[1], TEXT_CHANGED)];
      redactable[field] = value;
    } else {
      kept[field] = value;
    }
  }
  return { changes: kept, redactable: Object.keys(redactable).length ? redactable : null };
}

export interface AuditEntry {
  actorUserId: string | null | undefined;
  action: string;
  entityType: string;
  entityId: string;
  changes: Changes;
  requestId?: string | null;
}

/**
 * Writes audit events through the caller's transaction, so an event exists exactly when its change does.
 * Personal values are masked and free texts kept apart (splitChanges) here, for every caller.
 */
@Injectable()
export class AuditService {
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    const { changes, redactable } = splitChanges(entry.entityType, entry.changes);
    await em.query(
      `INSERT INTO audit_events (actor_user_id, action, entity_type, entity_id, changes, request_id, redactable)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.actorUserId ?? null,
        entry.action,
        entry.entityType,
        entry.entityId,
        JSON.stringify(changes),
        entry.requestId ?? null,
        redactable ? JSON.stringify(redactable) : null,
      ],
    );
  }
}

/** The outcome of recomputing the audit log's hash chain. */
export interface AuditChainVerification {
  events: number;
  valid: boolean;
  /** The first event (in chain order) whose hash does not match its content and predecessor; null when valid. */
  firstInvalidEventId: string | null;
}

/**
 * Recomputes the hash chain (migrations/1764150000200-audit-hash-chain.ts) in one statement, with the same SQL
 * functions as the trigger that wrote it. An event is invalid when its content or predecessor changed (its hash
 * no longer matches), when it was deleted (its chain link names a missing event), or when it is not in the chain
 * at all (inserted with the trigger disabled). A chain cut short at its end (the head is further on) names the
 * last event left.
 */
export async function verifyAuditChain(runner: {
  query: (sql: string) => Promise<any>;
}): Promise<AuditChainVerification> {
  const [row] = await runner.query(
    `WITH chain AS (
       SELECT c.seq, c.event_id, c.hash, lag(c.hash, 1, '') OVER (ORDER BY c.seq) AS previous,
              e.id AS present, e.at, e.actor_user_id, e.action, e.entity_type, e.entity_id, e.changes
       FROM audit_chain c LEFT JOIN audit_events e ON e.id = c.event_id
     ), broken AS (
       SELECT seq, event_id FROM chain
       WHERE present IS NULL
          OR hash <> audit_event_hash(previous, audit_event_canonical(
               event_id, at, actor_user_id, action, entity_type, entity_id, changes))
       ORDER BY seq LIMIT 1
     ), last AS (SELECT seq, event_id, hash FROM chain ORDER BY seq DESC LIMIT 1)
     SELECT (SELECT count(*) FROM audit_events)::int AS events,
            (SELECT event_id FROM broken) AS broken,
            (SELECT e.id FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)
              ORDER BY e.at, e.id LIMIT 1) AS unchained,
            (SELECT l.event_id FROM last l, audit_chain_head h WHERE h.seq <> l.seq OR h.hash <> l.hash) AS cut_after,
            (SELECT seq FROM audit_chain_head) > 0 AND NOT EXISTS (SELECT 1 FROM chain) AS emptied`,
  );
  const firstInvalidEventId: string | null = row.broken ?? row.unchained ?? row.cut_after ?? null;
  return { events: row.events, valid: !firstInvalidEventId && !row.emptied, firstInvalidEventId };
}
