import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { atLocalTime, Clock, OutboxService, parseDurationMs, ReminderIntentInput } from '@coord/core';
import { CoordinationBody, ReminderSettings, ReminderSettingsRegistry } from '@coord/registry';
import { EntityManager } from 'typeorm';
import { ActionItem } from './action-item.entity';
import { ActionReminderKind } from './action.enums';
import { addDays, PlannedReminder, planTimedReminders } from './reminder-times';
import { isClosed } from './actions.rules';

export const ACTION_SUBJECT = 'ActionItem';
const TIMED_KINDS = [ActionReminderKind.DUE, ActionReminderKind.OVERDUE, ActionReminderKind.ESCALATED];
/** As planTimedReminders: escalation after three days where the policy's value cannot be read. */
const escalationMs = (policy: Pick<ReminderSettings, 'overdueEscalationAfter'>) =>
  parseDurationMs(policy.overdueEscalationAfter) ?? 3 * 86400_000;

/** Stable outbox keys: scheduling the same key again moves the pending reminder instead of adding one. */
export const reminderKey = {
  assigned: (id: string, ownerPersonId: string | null, ownerOrganizationId: string | null) =>
    `actionItem:${id}:assigned:${ownerPersonId ?? '-'}:${ownerOrganizationId ?? '-'}`,
  due: (id: string, lead: string) => `actionItem:${id}:due:${lead}`,
  overdue: (id: string) => `actionItem:${id}:overdue`,
  escalated: (id: string) => `actionItem:${id}:escalated`,
};

/**
 * Action reminders: writes their intents to the outbox (through the caller's transaction) when an item is
 * created, reassigned, re-dated, closed or reopened, and follows a body's new reminder policy. What they say when
 * they come due: action-reminder-messages.ts. Times come from core's Clock, so that tests can move them.
 */
@Injectable()
export class ActionRemindersService implements OnModuleInit {
  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ReminderSettingsRegistry) private readonly settings: ReminderSettingsRegistry,
  ) {}

  onModuleInit() {
    this.settings.register({
      name: 'actions',
      settingsChanged: (em, before, after) => this.settingsChanged(em, before, after),
    });
  }

  /** ACTION_ASSIGNED to the item's (new) owner, due at once. */
  async assigned(em: EntityManager, item: ActionItem, now = this.clock.now()) {
    if (isClosed(item.status)) return;
    await this.outbox.schedule(em, this.assignedIntent(item, now));
  }

  /**
   * A new item's reminders, in one statement: ACTION_ASSIGNED to its owner (assigned) and its due, overdue and
   * escalation reminders (syncTimed; a new item has none pending, so none to drop).
   */
  async created(em: EntityManager, item: ActionItem, body: CoordinationBody, now = this.clock.now()) {
    if (isClosed(item.status)) return;
    const timed = item.dueOn ? this.timedIntents(item, planTimedReminders(item.dueOn, body, now)) : [];
    await this.outbox.scheduleMany(em, [this.assignedIntent(item, now), ...timed]);
  }

  private assignedIntent(item: ActionItem, now: Date): ReminderIntentInput {
    return {
      kind: ActionReminderKind.ASSIGNED,
      subjectType: ACTION_SUBJECT,
      subjectId: item.id,
      dueAt: now,
      dedupeKey: reminderKey.assigned(item.id, item.ownerPersonId, item.ownerOrganizationId),
      payload: { ownerPersonId: item.ownerPersonId, ownerOrganizationId: item.ownerOrganizationId },
    };
  }

  /**
   * Brings the due, overdue and escalation reminders in line with the item: moved to the new times when the
   * due date changed, dropped when it is closed or has no due date.
   */
  async syncTimed(em: EntityManager, item: ActionItem, body: CoordinationBody, now = this.clock.now()) {
    if (isClosed(item.status) || !item.dueOn) {
      await this.outbox.cancel(em, ACTION_SUBJECT, item.id, { kinds: TIMED_KINDS });
      return;
    }
    const planned = planTimedReminders(item.dueOn, body, now);
    const plannedLeads = new Set(planned.filter((p) => p.kind === ActionReminderKind.DUE).map((p) => p.slot));
    // Lead times whose moment has passed for the new date: drop what was pending for them.
    await this.outbox.cancel(em, ACTION_SUBJECT, item.id, {
      kinds: [ActionReminderKind.DUE],
      dedupeKeys: body.actionDueReminders
        .filter((lead) => !plannedLeads.has(lead))
        .map((lead) => reminderKey.due(item.id, lead)),
    });
    await this.outbox.scheduleMany(em, this.timedIntents(item, planned));
  }

  private timedIntents(item: ActionItem, planned: PlannedReminder[]): ReminderIntentInput[] {
    return planned.map((p) => ({
      kind: p.kind,
      subjectType: ACTION_SUBJECT,
      subjectId: item.id,
      dueAt: p.dueAt,
      dedupeKey:
        p.kind === ActionReminderKind.DUE
          ? reminderKey.due(item.id, p.slot)
          : p.kind === ActionReminderKind.OVERDUE
            ? reminderKey.overdue(item.id)
            : reminderKey.escalated(item.id),
      payload: {
        dueOn: item.dueOn,
        bodyId: item.bodyId,
        ...(p.kind === ActionReminderKind.DUE ? { lead: p.slot } : {}),
      },
    }));
  }

  /**
   * The body's due-reminder lead times, escalation delay or time zone changed: the open items' pending reminders
   * follow. Due reminders are planned again for the new lead times (those already sent for the item's current
   * due date are not sent again); waiting overdue notices and escalations move to their new times, and none is
   * added (one may have gone out already). An escalation keeps its starting point: the overdue morning, or the
   * moment an item created already overdue was created. A constant number of statements for any number of items.
   */
  async settingsChanged(
    em: EntityManager,
    before: ReminderSettings,
    after: ReminderSettings,
    now = this.clock.now(),
  ): Promise<void> {
    const zoneChanged = before.timezone !== after.timezone;
    const leadsChanged = JSON.stringify(before.actionDueReminders) !== JSON.stringify(after.actionDueReminders);
    const escalationChanged = escalationMs(before) !== escalationMs(after);
    if (!zoneChanged && !leadsChanged && !escalationChanged) return;
    const items: Array<{ id: string; due_on: string }> = await em.query(
      `SELECT id, due_on FROM action_items
        WHERE body_id = $1 AND status NOT IN ('DONE', 'CANCELLED') AND due_on IS NOT NULL`,
      [after.id],
    );
    if (items.length === 0) return;
    const ids = items.map((i) => i.id);
    if (zoneChanged || leadsChanged) {
      const desired: ReminderIntentInput[] = items.flatMap((item) =>
        planTimedReminders(item.due_on, after, now)
          .filter((p) => p.kind === ActionReminderKind.DUE)
          .map((p) => ({
            kind: p.kind,
            subjectType: ACTION_SUBJECT,
            subjectId: item.id,
            dueAt: p.dueAt,
            dedupeKey: reminderKey.due(item.id, p.slot),
            payload: { dueOn: item.due_on, bodyId: after.id, lead: p.slot },
          })),
      );
      await this.outbox.reconcile(em, ACTION_SUBJECT, ids, [ActionReminderKind.DUE], desired, {
        unlessDeliveredFor: 'dueOn',
      });
    }
    const dueOn = new Map(items.map((i) => [i.id, i.due_on]));
    const waiting = await this.outbox.activeOf(em, ACTION_SUBJECT, ids, [
      ActionReminderKind.OVERDUE,
      ActionReminderKind.ESCALATED,
    ]);
    const moves = waiting.flatMap((intent) => {
      const day = addDays(dueOn.get(intent.subjectId)!, 1);
      const overdueAt = atLocalTime(day, after.timezone).getTime();
      let to = overdueAt;
      if (intent.kind === ActionReminderKind.ESCALATED) {
        const start = intent.dueAt.getTime() - escalationMs(before);
        const wasOverdueMorning = start === atLocalTime(day, before.timezone).getTime();
        to = (wasOverdueMorning ? overdueAt : Math.max(overdueAt, start)) + escalationMs(after);
      }
      return to === intent.dueAt.getTime() ? [] : [{ id: intent.id, dueAt: new Date(to) }];
    });
    await this.outbox.moveMany(em, moves);
  }

  /** Drops every pending reminder of the item (DONE or CANCELLED). */
  cancelAll(em: EntityManager, item: ActionItem) {
    return this.outbox.cancel(em, ACTION_SUBJECT, item.id);
  }
}
