import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Locale } from '../i18n/i18n';

/** A mail about to be sent, which may carry a calendar entry (the notification's kind and meeting say which). */
export interface MailCalendarRequest {
  key: string;
  kind: string;
  meetingId: string | null;
  personId: string;
  email: string;
  name: string;
  /** The recipient's language (the entry's description is in it); English when absent. */
  locale?: Locale;
}

/** An iTIP entry for a mail: METHOD and the iCalendar text. */
export interface MailCalendarEntry {
  method: 'REQUEST' | 'CANCEL';
  content: string;
}

export interface MailCalendarProvider {
  /** Entries for the mails that should carry one (by request key), in a constant number of queries. */
  entries(requests: MailCalendarRequest[], em: EntityManager): Promise<Map<string, MailCalendarEntry>>;
}

/**
 * Where the meetings feature plugs in the calendar entries of its mails (invitations, changes, cancellations), so
 * that the reminders feature attaches them without depending on it. Without a provider, mails carry none.
 */
@Injectable()
export class MailCalendarRegistry {
  private provider?: MailCalendarProvider;

  register(provider: MailCalendarProvider): void {
    if (this.provider) throw new Error('a mail calendar provider is already registered');
    this.provider = provider;
  }

  async entries(requests: MailCalendarRequest[], em: EntityManager): Promise<Map<string, MailCalendarEntry>> {
    return this.provider && requests.length ? this.provider.entries(requests, em) : new Map();
  }
}
