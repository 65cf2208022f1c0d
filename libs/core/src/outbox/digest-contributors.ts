import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MessageRef } from '../i18n/i18n';

/** One line of a person's weekly digest, e.g. an upcoming meeting or an overdue action item. */
export interface DigestEntry {
  personId: string;
  /**
   * Heading the line is grouped under: a catalog key (e.g. digest.section.upcomingMeetings), rendered in the
   * reader's language; any other text is shown as it is.
   */
  section: string;
  /** A catalog message rendered in the reader's language, or a text shown as it is. */
  line: string | MessageRef;
  /** Path under PUBLIC_URL, e.g. /meetings/<id>. */
  linkPath?: string;
}

export interface DigestWindow {
  now: Date;
  /** End of the look-ahead (a week after `now`). */
  until: Date;
}

/** Contributes lines to the weekly digest; called once per digest run for everybody (one query, not per person). */
export interface DigestContributor {
  readonly name: string;
  entries(window: DigestWindow, em: EntityManager): Promise<DigestEntry[]>;
}

/**
 * Where features (meetings, actions) register what they add to the weekly digest, so that the reminders
 * feature builds digests without depending on them. With no contributor registered, no digest is sent.
 */
@Injectable()
export class DigestContributorRegistry {
  private readonly contributors = new Map<string, DigestContributor>();

  register(contributor: DigestContributor): void {
    if (this.contributors.has(contributor.name)) {
      throw new Error(`a digest contributor named ${contributor.name} is already registered`);
    }
    this.contributors.set(contributor.name, contributor);
  }

  all(): DigestContributor[] {
    return [...this.contributors.values()];
  }
}
