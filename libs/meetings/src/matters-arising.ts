import { Injectable } from '@nestjs/common';
import { day, MessageRef, nested } from '@coord/core';
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
/**
 * The matters arising as catalog messages (a heading, then one line per item) for the invitation's body, rendered
 * in each recipient's language at delivery; nothing when there are none.
 */
export function mattersArisingMessages(matters: MatterArising[]): MessageRef[] {
  if (!matters.length) return [];
  return [
    { key: 'meeting.mattersArising.heading' },
    ...matters.map((m) => ({
      key: 'meeting.mattersArising.item' as const,
      values: {
        title: m.title,
        owner: m.owner ?? nested('meeting.mattersArising.noOwner'),
        due: m.dueOn
          ? nested('meeting.mattersArising.due', { dueOn: day(m.dueOn) })
          : nested('meeting.mattersArising.noDue'),
      },
    })),
  ];
}
