import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** One open item carried to a meeting, as an invitation lists it. */
export interface MatterArising {
  meetingId: string;
  title: string;
  /** The owner person's name, else the owner organization's; null when nobody owns it. */
  owner: string | null;
  dueOn: string | null;
}

/** Reads the matters arising of many meetings at once (one query), for the invitation mails of a batch. */
export interface MattersArisingSource {
  forMeetings(meetingIds: readonly string[], em: EntityManager): Promise<MatterArising[]>;
}

/**
 * Where the actions feature (which sits above meetings and owns the items) plugs in the matters arising that
 * invitations list, so that meetings need not depend on it. Without a source, invitations list none.
 */
@Injectable()
export class MattersArisingRegistry {
  private source?: MattersArisingSource;

  register(source: MattersArisingSource): void {
    if (this.source) throw new Error('a matters arising source is already registered');
    this.source = source;
  }

  async forMeetings(meetingIds: readonly string[], em: EntityManager): Promise<Map<string, MatterArising[]>> {
    const result = new Map<string, MatterArising[]>();
    if (!this.source || !meetingIds.length) return result;
    for (const matter of await this.source.forMeetings(meetingIds, em)) {
      const list = result.get(matter.meetingId);
      if (list) list.push(matter);
      else result.set(matter.meetingId, [matter]);
    }
    return result;
  }
}

/** The lines an invitation adds for its matters arising (English, like the other meeting mails). */
export function mattersArisingText(matters: MatterArising[]): string {
  if (!matters.length) return '';
  const lines = matters.map(
    (m) =>
      `- ${m.title} (${m.owner ? `owner: ${m.owner}` : 'no owner'}; ${m.dueOn ? `due ${m.dueOn}` : 'no due date'})`,
  );
  return `\n\nMatters arising (open items carried forward until done):\n${lines.join('\n')}`;
}
