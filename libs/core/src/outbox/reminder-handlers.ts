import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MessageRef, render } from '../i18n/i18n';

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
  /**
   * The title and body as catalog messages (the body's parts joined by a space, or by the line break a part starts with): the delivery renders them in
   * each recipient's locale (users.locale, English without a sign-in); `title` and `body` are then the English
   * text. Handlers that leave it out send `title` and `body` as they are.
   */
  text?: { title: MessageRef; body: MessageRef[] };
}

/** A message's title and body from catalog messages: English now, each recipient's language at delivery. */
export function localizedText(title: MessageRef, body: MessageRef[]): Pick<ReminderMessage, 'title' | 'body' | 'text'> {
  return { ...renderText('en', { title, body }), text: { title, body } };
}

/** The title and body of `text` in `locale`. */
export function renderText(
  locale: Parameters<typeof render>[0],
  text: NonNullable<ReminderMessage['text']>,
): { title: string; body: string } {
  // Parts join with a space, except a part that starts on a line of its own (a list under a heading).
  const body = text.body
    .map((part) => render(locale, part))
    .reduce((joined, part) => (joined && !part.startsWith('\n') ? `${joined} ${part}` : joined + part), '');
  return { title: render(locale, text.title), body };
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
