import { Inject, Injectable } from '@nestjs/common';
import { Actor, badInput, Clock, conflict, msg, MutationService, notFound } from '@coord/core';
import { isUuid } from '@coord/registry';
import { EntityManager } from 'typeorm';
import { MeetingsAccessService } from './meetings-access';
import { MeetingLocks } from './meeting-locks';
import { AgendaItem, Meeting } from './meeting.entity';
import { MeetingStatus, MinutesStatus } from './meetings.enums';
import { Decision } from './decision.entity';
import { Minutes } from './minutes.entity';

/** Decisions taken at a meeting: recorded once it has started, corrected or withdrawn until its minutes are adopted. */
@Injectable()
export class MeetingDecisionsService {
  constructor(
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(MeetingLocks) private readonly locks: MeetingLocks,
    @Inject(MeetingsAccessService) private readonly accessService: MeetingsAccessService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Decisions are taken at a meeting: recorded once it has started, and until its minutes are adopted. */
  async recordDecision(
    actor: Actor,
    meetingId: string,
    text: string,
    agendaItemId?: string | null,
    now = this.clock.now(),
  ): Promise<Decision> {
    const clean = decisionText(text);
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lockForManage(em, actor, meetingId);
      if (meeting.status === MeetingStatus.CANCELLED) {
        throw conflict(msg('error.meetings.meetingWasCancelledNo2'));
      }
      if (meeting.startsAt.getTime() > now.getTime()) {
        throw conflict(msg('error.meetings.decisionsAreRecordedOnce', { startsAt: meeting.startsAt.toISOString() }), {
          field: 'meetingId',
        });
      }
      await this.requireMinutesNotAdopted(em, meetingId, 'no decision can be added');
      if (agendaItemId) {
        const item = isUuid(agendaItemId)
          ? await em.findOne(AgendaItem, { where: { id: agendaItemId, meetingId } })
          : null;
        if (!item) throw badInput(msg('error.meetings.agendaItemNotMeeting', { agendaItemId }), 'agendaItemId');
      }
      const decision = await em.save(
        em.create(Decision, {
          meetingId,
          agendaItemId: agendaItemId ?? null,
          text: clean,
          recordedByUserId: actor.user?.id ?? null,
        }),
      );
      await this.mutations.audit(em, actor, {
        action: 'decision.record',
        entityType: 'Decision',
        entityId: decision.id,
        changes: {
          meetingId: [null, meetingId],
          agendaItemId: [null, decision.agendaItemId],
          text: [null, clean],
        },
      });
      return decision;
    });
  }

  /** Corrects a decision's text, until the minutes of its meeting are adopted. */
  async updateDecision(actor: Actor, id: string, text: string): Promise<Decision> {
    const clean = decisionText(text);
    return this.mutations.run(actor, async (em) => {
      const decision = await this.lockDecisionForManage(em, actor, id);
      if (decision.withdrawnAt) throw conflict(msg('error.meetings.decisionWasWithdrawnRecord'));
      await this.requireMinutesNotAdopted(em, decision.meetingId, 'its decisions can no longer be corrected');
      if (decision.text === clean) return decision;
      const before = decision.text;
      decision.text = clean;
      const saved = await em.save(decision);
      await this.mutations.audit(em, actor, {
        action: 'decision.update',
        entityType: 'Decision',
        entityId: id,
        changes: { text: [before, clean] },
      });
      return saved;
    });
  }

  /** Withdraws a decision (kept on record with when and why), until the minutes of its meeting are adopted. */
  async withdrawDecision(actor: Actor, id: string, reason: string, now = this.clock.now()): Promise<Decision> {
    const cleanReason = (reason ?? '').trim();
    if (!cleanReason) throw badInput(msg('error.meetings.sayWhyDecisionWithdrawn'), 'reason');
    if (cleanReason.length > 2000) throw badInput(msg('error.meetings.reasonMost2000Characters'), 'reason');
    return this.mutations.run(actor, async (em) => {
      const decision = await this.lockDecisionForManage(em, actor, id);
      if (decision.withdrawnAt) throw conflict(msg('error.meetings.decisionAlreadyWithdrawn'));
      await this.requireMinutesNotAdopted(em, decision.meetingId, 'its decisions can no longer be withdrawn');
      decision.withdrawnAt = now;
      decision.withdrawalReason = cleanReason;
      const saved = await em.save(decision);
      await this.mutations.audit(em, actor, {
        action: 'decision.withdraw',
        entityType: 'Decision',
        entityId: id,
        changes: {
          withdrawnAt: [null, now.toISOString()],
          withdrawalReason: [null, cleanReason],
        },
      });
      return saved;
    });
  }

  /** The decision locked for update, after checking that the user manages its meeting (NOT_FOUND otherwise). */
  private async lockDecisionForManage(em: EntityManager, actor: Actor, id: string): Promise<Decision> {
    const decision = isUuid(id)
      ? await em.findOne(Decision, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!decision) throw notFound('Decision', id);
    const meeting = await em.findOneOrFail(Meeting, { where: { id: decision.meetingId } });
    const access = await this.locks.accessTo(actor.user, meeting, undefined, em);
    if (!access.read) throw notFound('Decision', id);
    this.accessService.requireManage(access, meeting.id, actor.user);
    return decision;
  }

  private async requireMinutesNotAdopted(em: EntityManager, meetingId: string, what: string) {
    const minutes = await em.findOne(Minutes, { where: { meetingId }, lock: { mode: 'pessimistic_read' } });
    if (minutes?.status === MinutesStatus.ADOPTED) {
      throw conflict(msg('error.meetings.minutesMeetingAreAdopted', { what }));
    }
  }
}

function decisionText(text: string | null | undefined): string {
  const clean = (text ?? '').trim();
  if (!clean) throw badInput(msg('error.meetings.decisionNeedsSomeText'), 'text');
  if (clean.length > 20000) throw badInput(msg('error.meetings.decisionMost20000Characters'), 'text');
  return clean;
}
