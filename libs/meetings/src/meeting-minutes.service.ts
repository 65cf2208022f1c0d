import { Inject, Injectable } from '@nestjs/common';
import { Actor, badInput, Clock, conflict, msg, MutationService, notFound } from '@coord/core';
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
    if (!clean) throw badInput(msg('error.meetings.minutesNeedSomeText'), 'text');
    if (clean.length > 200000) throw badInput(msg('error.meetings.minutesMost200000Characters'), 'text');
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lockForManage(em, actor, meetingId);
      if (meeting.status !== MeetingStatus.HELD) {
        throw conflict(msg('error.meetings.minutesAreRecordedHeld'));
      }
      const existing = await em.findOne(Minutes, { where: { meetingId }, lock: { mode: 'pessimistic_write' } });
      if (existing?.status === MinutesStatus.ADOPTED) {
        throw conflict(msg('error.meetings.theseMinutesAreAdopted'));
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
        throw conflict(msg('error.meetings.theseMinutesAreAlready', { status: minutes.status.toLowerCase() }));
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
        throw conflict(msg('error.meetings.minutesCirculatedParticipantsBefore'));
      }
      if (minutes.status === MinutesStatus.ADOPTED) throw conflict(msg('error.meetings.theseMinutesAreAlready2'));
      if (atMeetingId) {
        const at = isUuid(atMeetingId) ? await em.findOne(Meeting, { where: { id: atMeetingId } }) : null;
        if (!at || at.bodyId !== meeting.bodyId) {
          throw badInput(msg('error.meetings.atmeetingidMeetingSameBody', { atMeetingId }), 'atMeetingId');
        }
        if (at.status === MeetingStatus.CANCELLED || at.startsAt.getTime() > now.getTime()) {
          throw badInput(
            at.status === MeetingStatus.CANCELLED
              ? msg('error.meetings.minutesAdoptedAtCancelled', { title: at.title })
              : msg('error.meetings.minutesAdoptedAtFuture', { title: at.title, startsAt: at.startsAt.toISOString() }),
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
