import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The reminder outbox. A feature that creates, moves or cancels a reminder writes its intent here through
 * the EntityManager of its own transaction, so the intent exists exactly when the change does. The reminders
 * feature (worker) turns pending intents into BullMQ delayed jobs and delivers them once.
 *
 * An intent names what to remind about (`kind`, `subjectType`, `subjectId`) and when (`dueAt`); who receives it
 * is decided at delivery time from the subject's state then (a cancelled meeting sends nothing).
 * `dedupeKey` identifies the reminder across reschedules: scheduling the same key again moves it.
 */
export interface ReminderIntentInput {
  kind: string;
  subjectType: string;
  subjectId: string;
  dueAt: Date;
  dedupeKey: string;
  payload?: Record<string, unknown>;
}

export const OUTBOX_ACTIVE_STATUSES = ['PENDING', 'ENQUEUED'] as const;

@Injectable()
export class OutboxService {
  /** Creates the intent, or moves the active one with the same dedupeKey to the new time. */
  async schedule(em: EntityManager, intent: ReminderIntentInput): Promise<void> {
    await em.query(
      `INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key, payload)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (dedupe_key) WHERE status IN ('PENDING', 'ENQUEUED')
       DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, status = 'PENDING',
                     enqueued_at = NULL, version = reminder_intents.version + 1`,
      [
        intent.kind,
        intent.subjectType,
        intent.subjectId,
        intent.dueAt,
        intent.dedupeKey,
        JSON.stringify(intent.payload ?? {}),
      ],
    );
  }

  /** Drops pending reminders of a subject (all kinds, or those listed; or only keys with a prefix). */
  async cancel(
    em: EntityManager,
    subjectType: string,
    subjectId: string,
    opts: { kinds?: string[]; dedupePrefix?: string } = {},
  ) {
    await em.query(
      `UPDATE reminder_intents SET status = 'CANCELLED', version = version + 1
       WHERE subject_type = $1 AND subject_id = $2 AND status IN ('PENDING', 'ENQUEUED')
         AND ($3::text[] IS NULL OR kind = ANY($3)) AND ($4::text IS NULL OR dedupe_key LIKE $4 || '%')`,
      [subjectType, subjectId, opts.kinds ?? null, opts.dedupePrefix ?? null],
    );
  }
}
