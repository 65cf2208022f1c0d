import { Inject, Injectable } from '@nestjs/common';
import { Actor, badInput, conflict, msg, MutationService } from '@coord/core';
import { RegistryReadService } from '@coord/registry';
import { EntityManager, In } from 'typeorm';
import { blankToNull, MeetingLocks } from './meeting-locks';
import { MAX_AGENDA_ITEMS } from './meetings.rules';
import { AgendaItem, Meeting } from './meeting.entity';
import { AgendaItemInput } from './meeting.inputs';
import { Decision } from './decision.entity';

/** A meeting's agenda: written at scheduling, replaced until decisions are recorded against its items. */
@Injectable()
export class MeetingAgendaService {
  constructor(
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(MeetingLocks) private readonly locks: MeetingLocks,
  ) {}

  async setAgenda(actor: Actor, meetingId: string, items: AgendaItemInput[]): Promise<Meeting> {
    if (items.length > MAX_AGENDA_ITEMS) {
      throw badInput(msg('error.meetings.agendaMayHoldMost', { MAX_AGENDA_ITEMS, length: items.length }), 'items');
    }
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lockForManage(em, actor, meetingId);
      this.locks.requireChangeable(meeting);
      const before = await em.find(AgendaItem, { where: { meetingId }, order: { position: 'ASC' } });
      if (before.length) {
        const referenced = await em.count(Decision, { where: { agendaItemId: In(before.map((a) => a.id)) } });
        if (referenced) {
          throw conflict(msg('error.meetings.decisionsWereRecordedAgainst'));
        }
        await em.delete(AgendaItem, { meetingId });
      }
      const after = await this.writeAgenda(em, meetingId, items);
      meeting.sequence += 1;
      await em.save(meeting);
      await this.mutations.audit(em, actor, {
        action: 'meeting.setAgenda',
        entityType: 'Meeting',
        entityId: meeting.id,
        changes: {
          agenda: [before.map((a) => a.title), after.map((a) => a.title)],
        },
      });
      return meeting;
    });
  }

  async writeAgenda(em: EntityManager, meetingId: string, items: AgendaItemInput[]): Promise<AgendaItem[]> {
    const presenters = [...new Set(items.map((i) => i.presenterPersonId).filter((id): id is string => !!id))];
    const people = await this.registry.peopleByIds(presenters, em);
    const missing = presenters.filter((id) => !people.some((p) => p.id === id));
    if (missing.length)
      throw badInput(msg('error.meetings.noPersonIdPresent', { missing: missing.join(', ') }), 'presenterPersonId');
    if (!items.length) return [];
    const rows = items.map((item, index) => ({
      meetingId,
      position: index + 1,
      title: item.title.trim(),
      description: blankToNull(item.description),
      presenterPersonId: item.presenterPersonId ?? null,
      durationMinutes: item.durationMinutes ?? null,
    }));
    // The rows as written, in agenda order: their ids come back with the INSERT (no read after it).
    const written: Array<{ id: string; position: number }> = (
      await em.createQueryBuilder().insert().into(AgendaItem).values(rows).returning(['id', 'position']).execute()
    ).raw;
    const idAt = new Map(written.map((r) => [Number(r.position), r.id]));
    return rows.map((row) => em.create(AgendaItem, { id: idAt.get(row.position)!, ...row }));
  }
}

/**
 * Open items come back to the table until closed (Meeting.mattersArising): every new meeting's agenda starts with
 * a "Matters arising" item, unless the caller's agenda already has one (wherever they put it).
 */
export const MATTERS_ARISING = 'Matters arising';
export function withMattersArising(items: AgendaItemInput[]): AgendaItemInput[] {
  if (items.some((item) => /^\s*matters arising\b/i.test(item.title))) return items;
  return [
    { title: MATTERS_ARISING, description: 'Open action items carried forward from earlier meetings.' },
    ...items,
  ];
}
