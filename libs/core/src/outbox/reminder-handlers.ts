import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** One message to one person, produced when a reminder intent comes due. */
export interface ReminderMessage {
  personId: string;
  /** NotificationKind, e.g. MEETING_REMINDER. */
  kind: string;
  title: string;
  /** Plain text; the mailer adds the link and an HTML version. */
  body: string;
  /** Path under PUBLIC_URL that the message links back to, e.g. /meetings/<id>. */
  linkPath: string;
  meetingId?: string | null;
  actionItemId?: string | null;
}

export interface DueReminder {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

/**
 * Turns a due intent into messages, reading the subject's state *now*: a handler returns [] when the reminder
 * no longer applies (meeting cancelled, action done). Handlers may schedule follow-up intents (e.g. escalation)
 * through OutboxService with the same EntityManager: delivery and follow-ups commit together.
 */
export interface ReminderHandler {
  readonly kinds: readonly string[];
  messagesFor(intent: DueReminder, em: EntityManager): Promise<ReminderMessage[]>;
  /**
   * Optional: the messages of a delivery batch's intents (all of this handler's kinds) at once, in a constant
   * number of queries whatever their number; an intent absent from the map has none. The delivery service uses it
   * when present, and messagesFor intent by intent otherwise.
   */
  messagesForMany?(intents: DueReminder[], em: EntityManager): Promise<Map<string, ReminderMessage[]>>;
}

/**
 * Where features (meetings, actions) register their handlers, so that the reminders feature can deliver
 * intents without depending on them. Register in a provider's constructor or onModuleInit.
 */
@Injectable()
export class ReminderHandlerRegistry {
  private readonly handlers = new Map<string, ReminderHandler>();

  register(handler: ReminderHandler): void {
    for (const kind of handler.kinds) {
      if (this.handlers.has(kind)) throw new Error(`a reminder handler for ${kind} is already registered`);
      this.handlers.set(kind, handler);
    }
  }

  handlerFor(kind: string): ReminderHandler | undefined {
    return this.handlers.get(kind);
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}
