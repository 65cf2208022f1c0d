import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CoordinationBody } from './coordination-body.entity';

/** What a body's reminders are planned from: its reminder policy and its time zone. */
export type ReminderSettings = Pick<
  CoordinationBody,
  'id' | 'timezone' | 'meetingReminders' | 'actionDueReminders' | 'overdueEscalationAfter' | 'minutesFollowUpAfter'
>;

const SETTINGS_FIELDS = [
  'timezone',
  'meetingReminders',
  'actionDueReminders',
  'overdueEscalationAfter',
  'minutesFollowUpAfter',
] as const;

/** The settings fields that differ between two versions of a body. */
export function changedReminderSettings(
  before: ReminderSettings,
  after: ReminderSettings,
): Array<(typeof SETTINGS_FIELDS)[number]> {
  return SETTINGS_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

/** A feature whose pending reminders are timed by a body's settings (meetings, action items). */
export interface ReminderSettingsListener {
  name: string;
  /** Re-plans the body's pending reminders for the new settings, in the caller's transaction. */
  settingsChanged(em: EntityManager, before: ReminderSettings, after: ReminderSettings): Promise<void>;
}

/**
 * When a body's reminder policy or time zone changes, the reminders already waiting in the outbox move with it
 * (a new lead time adds reminders, a dropped one cancels them, a new escalation delay moves escalations). The
 * registry does not know meetings or action items: their features register here, and the registry calls them
 * in the transaction that changes the body, so the body and its reminders never disagree.
 */
@Injectable()
export class ReminderSettingsRegistry {
  private readonly listeners: ReminderSettingsListener[] = [];

  register(listener: ReminderSettingsListener): void {
    if (this.listeners.some((l) => l.name === listener.name)) {
      throw new Error(`a reminder settings listener named ${listener.name} is already registered`);
    }
    this.listeners.push(listener);
  }

  /** Calls every listener when a settings field changed; returns the fields that did. */
  async changed(em: EntityManager, before: ReminderSettings, after: ReminderSettings): Promise<string[]> {
    const fields = changedReminderSettings(before, after);
    if (fields.length === 0) return fields;
    for (const listener of this.listeners) await listener.settingsChanged(em, before, after);
    return fields;
  }
}
