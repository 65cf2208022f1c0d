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

/** A pending (or enqueued, not yet delivered) intent, as `activeOf` reads it. */
export interface ActiveIntent {
  id: string;
  kind: string;
  subjectId: string;
  dueAt: Date;
  dedupeKey: string;
  payload: Record<string, unknown>;
}

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

  /**
   * Many intents in one statement (of intents with the same dedupe key, the last counts): each is created, or
   * moves the active intent with its key. With `unlessDeliveredFor`, an intent is left out where one with the
   * same key was already delivered (DONE) with that payload value (a reminder already sent for this due date is
   * not sent again). With `onlyWhere`, an SQL condition over the intent as row `x` (x.subject_type, x.subject_id,
   * x.kind, x.payload...; a constant of the caller's code, never user input), an intent is written only where it
   * holds: e.g. only if someone follows the subject, checked in the same statement.
   */
  async scheduleMany(
    em: EntityManager,
    intents: ReminderIntentInput[],
    opts: { unlessDeliveredFor?: string; onlyWhere?: string } = {},
  ): Promise<number> {
    if (intents.length === 0) return 0;
    intents = [...new Map(intents.map((intent) => [intent.dedupeKey, intent])).values()]; // one per key, the last
    const rows: unknown[] = await em.query(
      `INSERT INTO reminder_intents (kind, subject_type, subject_id, due_at, dedupe_key, payload)
       SELECT x.kind, x.subject_type, x.subject_id, x.due_at, x.dedupe_key, x.payload
         FROM unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::text[], $6::jsonb[])
              AS x(kind, subject_type, subject_id, due_at, dedupe_key, payload)
        WHERE ($7::text IS NULL OR NOT EXISTS (
                SELECT 1 FROM reminder_intents d
                 WHERE d.subject_type = x.subject_type AND d.subject_id = x.subject_id
                   AND d.dedupe_key = x.dedupe_key AND d.status = 'DONE' AND d.payload -> $7 = x.payload -> $7))
              ${opts.onlyWhere ? `AND (${opts.onlyWhere})` : ''}
       ON CONFLICT (dedupe_key) WHERE status IN ('PENDING', 'ENQUEUED')
       DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, status = 'PENDING',
                     enqueued_at = NULL, version = reminder_intents.version + 1
       RETURNING id`,
      [
        intents.map((i) => i.kind),
        intents.map((i) => i.subjectType),
        intents.map((i) => i.subjectId),
        intents.map((i) => i.dueAt),
        intents.map((i) => i.dedupeKey),
        intents.map((i) => JSON.stringify(i.payload ?? {})),
        opts.unlessDeliveredFor ?? null,
      ],
    );
    return rows.length;
  }

  /** The active intents of the subjects (of the kinds listed), locked until the caller's transaction ends. */
  async activeOf(
    em: EntityManager,
    subjectType: string,
    subjectIds: string[],
    kinds: string[],
  ): Promise<ActiveIntent[]> {
    if (subjectIds.length === 0) return [];
    const rows: Array<{
      id: string;
      kind: string;
      subject_id: string;
      due_at: Date;
      dedupe_key: string;
      payload: Record<string, unknown>;
    }> = await em.query(
      `SELECT id, kind, subject_id, due_at, dedupe_key, payload FROM reminder_intents
        WHERE subject_type = $1 AND subject_id = ANY($2::uuid[]) AND kind = ANY($3::text[])
          AND status IN ('PENDING', 'ENQUEUED')
        ORDER BY id FOR UPDATE`,
      [subjectType, subjectIds, kinds],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      subjectId: r.subject_id,
      dueAt: new Date(r.due_at),
      dedupeKey: r.dedupe_key,
      payload: r.payload,
    }));
  }

  /** Moves active intents (by id) to new times; the relay re-enqueues them and drops their old jobs' turn. */
  async moveMany(em: EntityManager, moves: Array<{ id: string; dueAt: Date }>): Promise<void> {
    if (moves.length === 0) return;
    await em.query(
      `UPDATE reminder_intents i SET due_at = m.due_at, status = 'PENDING', enqueued_at = NULL, version = i.version + 1
         FROM unnest($1::uuid[], $2::timestamptz[]) AS m(id, due_at)
        WHERE i.id = m.id AND i.status IN ('PENDING', 'ENQUEUED')`,
      [moves.map((m) => m.id), moves.map((m) => m.dueAt)],
    );
  }

  /** Cancels active intents by id. */
  async cancelMany(em: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await em.query(
      `UPDATE reminder_intents SET status = 'CANCELLED', version = version + 1
        WHERE id = ANY($1::uuid[]) AND status IN ('PENDING', 'ENQUEUED')`,
      [ids],
    );
  }

  /**
   * Brings the active intents of the subjects (of the kinds listed) in line with `desired`, in four statements
   * whatever the number of subjects: active intents not desired are cancelled, those desired at another time
   * move, desired ones not active are created (`unlessDeliveredFor` as in scheduleMany). Returns the counts.
   */
  async reconcile(
    em: EntityManager,
    subjectType: string,
    subjectIds: string[],
    kinds: string[],
    desired: ReminderIntentInput[],
    opts: { unlessDeliveredFor?: string } = {},
  ): Promise<{ cancelled: number; moved: number; scheduled: number }> {
    const active = await this.activeOf(em, subjectType, subjectIds, kinds);
    const wanted = new Map(desired.map((d) => [d.dedupeKey, d]));
    const activeKeys = new Set(active.map((a) => a.dedupeKey));
    const cancelled = active.filter((a) => !wanted.has(a.dedupeKey)).map((a) => a.id);
    const moved = active.flatMap((a) => {
      const to = wanted.get(a.dedupeKey)?.dueAt;
      return to && to.getTime() !== a.dueAt.getTime() ? [{ id: a.id, dueAt: to }] : [];
    });
    const added = desired.filter((d) => !activeKeys.has(d.dedupeKey));
    await this.cancelMany(em, cancelled);
    await this.moveMany(em, moved);
    const scheduled = await this.scheduleMany(em, added, opts);
    return { cancelled: cancelled.length, moved: moved.length, scheduled };
  }

  /** Drops pending reminders of a subject (all kinds, or those listed; all keys, or those listed), in one statement. */
  async cancel(
    em: EntityManager,
    subjectType: string,
    subjectId: string,
    opts: { kinds?: string[]; dedupeKeys?: string[] } = {},
  ) {
    if (opts.dedupeKeys?.length === 0) return;
    await em.query(
      `UPDATE reminder_intents SET status = 'CANCELLED', version = version + 1
       WHERE subject_type = $1 AND subject_id = $2 AND status IN ('PENDING', 'ENQUEUED')
         AND ($3::text[] IS NULL OR kind = ANY($3)) AND ($4::text[] IS NULL OR dedupe_key = ANY($4))`,
      [subjectType, subjectId, opts.kinds ?? null, opts.dedupeKeys ?? null],
    );
  }
}
