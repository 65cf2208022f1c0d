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

export interface AuditEntry {
  actorUserId: string | null | undefined;
  action: string;
  entityType: string;
  entityId: string;
  changes: Changes;
  requestId?: string | null;
}

/** Writes audit events through the caller's transaction, so an event exists exactly when its change does. */
@Injectable()
export class AuditService {
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    await em.query(
      `INSERT INTO audit_events (actor_user_id, action, entity_type, entity_id, changes, request_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.actorUserId ?? null,
        entry.action,
        entry.entityType,
        entry.entityId,
        JSON.stringify(entry.changes),
        entry.requestId ?? null,
      ],
    );
  }
}
