import { Inject, Injectable } from '@nestjs/common';
import { Actor, badInput, Clock, conflict, MutationService, notFound } from '@coord/core';
import { isUuid } from '@coord/registry';
import { EntityManager } from 'typeorm';
import { MeetingLocks } from './meeting-locks';
import { MeetingReminderPlanner } from './meeting-reminders';
import { Meeting } from './meeting.entity';
import { MeetingStatus, MinutesStatus } from './meetings.enums';
import { Minutes } from './minutes.entity';

/** The minutes of a held meeting: drafted, circulated to the participants, adopted (then frozen). */
@Injectable()
export class MeetingMinutesService {
  constructor(
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(MeetingLocks) private readonly locks: MeetingLocks,
    @Inject(MeetingReminderPlanner) private readonly reminders: MeetingReminderPlanner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Drafts or amends the minutes. Amending CIRCULATED minutes returns them to DRAFT (to be circulated again); the
   * text before the amendment stays in the audit log. Adopted minutes are frozen.
   */
  async recordMinutes(actor: Actor, meetingId: string, text: string): Promise<Minutes> {
    const clean = (text ?? '').trim();
    if (!clean) throw badInput('The minutes need some text', 'text');
    if (clean.length > 200000) throw badInput('The minutes must be at most 200000 characters', 'text');
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lockForManage(em, actor, meetingId);
      if (meeting.status !== MeetingStatus.HELD) {
        throw conflict('Minutes are recorded for a held meeting: record attendance first');
      }
      const existing = await em.findOne(Minutes, { where: { meetingId }, lock: { mode: 'pessimistic_write' } });
      if (existing?.status === MinutesStatus.ADOPTED) {
        throw conflict('These minutes are adopted and can no longer be changed');
      }
      const minutes = existing ?? em.create(Minutes, { meetingId, status: MinutesStatus.DRAFT });
      const before = existing?.text ?? null;
      if (existing && before === clean) return existing;
      const amended = existing?.status === MinutesStatus.CIRCULATED;
      minutes.text = clean;
      if (amended) {
        minutes.status = MinutesStatus.DRAFT;
        minutes.circulatedAt = null;
      }
      const saved = await em.save(minutes);
      await this.mutations.audit(em, actor, {
        action: amended ? 'minutes.amend' : 'minutes.record',
        entityType: 'Minutes',
        entityId: saved.id,
        changes: {
          text: [before, clean],
          ...(amended ? { status: [MinutesStatus.CIRCULATED, MinutesStatus.DRAFT] } : {}),
        },
      });
      return saved;
    });
  }

  async circulateMinutes(actor: Actor, meetingId: string, now = this.clock.now()): Promise<Minutes> {
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lockForManage(em, actor, meetingId);
      const minutes = await this.requireMinutes(em, meetingId);
      if (minutes.status !== MinutesStatus.DRAFT) {
        throw conflict(`These minutes are already ${minutes.status.toLowerCase()}`);
      }
      minutes.status = MinutesStatus.CIRCULATED;
      minutes.circulatedAt = now;
      const saved = await em.save(minutes);
      await this.mutations.audit(em, actor, {
        action: 'minutes.circulate',
        entityType: 'Minutes',
        entityId: saved.id,
        changes: {
          status: [MinutesStatus.DRAFT, MinutesStatus.CIRCULATED],
        },
      });
      await this.reminders.onMinutesCirculated(em, meeting, now);
      return saved;
    });
  }

  /** Adopts circulated minutes, at the meeting `atMeetingId` when given (one of the same body that has started). */
  async adoptMinutes(
    actor: Actor,
    meetingId: string,
    atMeetingId?: string | null,
    now = this.clock.now(),
  ): Promise<Minutes> {
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lockForManage(em, actor, meetingId);
      const minutes = await this.requireMinutes(em, meetingId);
      if (minutes.status === MinutesStatus.DRAFT) {
        throw conflict('Minutes must be circulated to the participants before they are adopted');
      }
      if (minutes.status === MinutesStatus.ADOPTED) throw conflict('These minutes are already adopted');
      if (atMeetingId) {
        const at = isUuid(atMeetingId) ? await em.findOne(Meeting, { where: { id: atMeetingId } }) : null;
        if (!at || at.bodyId !== meeting.bodyId) {
          throw badInput(
            `atMeetingId must be a meeting of the same body (${atMeetingId} is not): minutes are adopted by the body that met`,
            'atMeetingId',
          );
        }
        if (at.status === MeetingStatus.CANCELLED || at.startsAt.getTime() > now.getTime()) {
          throw badInput(
            `Minutes are adopted at a meeting that took place: ${at.title} ${at.status === MeetingStatus.CANCELLED ? 'was cancelled' : `starts ${at.startsAt.toISOString()}`}`,
            'atMeetingId',
          );
        }
      }
      minutes.status = MinutesStatus.ADOPTED;
      minutes.adoptedAt = now;
      minutes.adoptedAtMeetingId = atMeetingId ?? null;
      const saved = await em.save(minutes);
      await this.mutations.audit(em, actor, {
        action: 'minutes.adopt',
        entityType: 'Minutes',
        entityId: saved.id,
        changes: {
          status: [MinutesStatus.CIRCULATED, MinutesStatus.ADOPTED],
          ...(atMeetingId ? { adoptedAtMeetingId: [null, atMeetingId] } : {}),
        },
      });
      return saved;
    });
  }

  private async requireMinutes(em: EntityManager, meetingId: string): Promise<Minutes> {
    const minutes = await em.findOne(Minutes, { where: { meetingId } });
    if (!minutes) throw notFound('Minutes of meeting', meetingId);
    return minutes;
  }
}
