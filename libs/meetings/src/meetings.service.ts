import { Inject, Injectable } from '@nestjs/common';
import { Actor, badInput, Clock, diffChanges, forbidden, localDay, msg, MutationService, notFound } from '@coord/core';
import { CoordinationBody, Membership } from '@coord/registry';
import { EntityManager } from 'typeorm';
import { MeetingsAccessService } from './meetings-access';
import { MeetingAgendaService, withMattersArising } from './meeting-agenda.service';
import { MeetingAttendanceService } from './meeting-attendance.service';
import { MeetingDecisionsService } from './meeting-decisions.service';
import { blankToNull, MeetingLocks } from './meeting-locks';
import { MeetingMinutesService } from './meeting-minutes.service';
import { MeetingReminderPlanner } from './meeting-reminders';
import { checkSchedule } from './meetings.rules';
import { AgendaItem, Meeting } from './meeting.entity';
import { MeetingsReadService, QuorumFacts } from './meetings-read.service';
import { AgendaItemInput, AttendanceInput, MeetingInput, MeetingUpdateInput } from './meeting.inputs';
import { MeetingKind, MeetingStatus, Rsvp } from './meetings.enums';
import { Decision } from './decision.entity';
import { Minutes } from './minutes.entity';
import { Participant } from './participant.entity';

/** A new meeting and the rows written or read for it, for the response (MeetingLoaders.prime). */
export interface ScheduledMeeting {
  meeting: Meeting;
  body: CoordinationBody;
  /** In agenda order. */
  agenda: AgendaItem[];
  /** As the `participants` field lists them: by name. */
  participants: Participant[];
  quorumFacts: QuorumFacts;
}

const MEETING_FIELDS = ['title', 'kind', 'status', 'startsAt', 'endsAt', 'timezone', 'location', 'onlineUrl'];

/**
 * The meeting use cases, the feature's one entry for them: scheduling, changing and cancelling a meeting here;
 * agenda, attendance, minutes and decisions each in the file of its concern (meeting-*.service.ts). Each runs in
 * one transaction (MutationService) that also writes its audit event and reminder intents; authorization through
 * MeetingsAccessService (PolicyService underneath), the meeting locked by MeetingLocks.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(MeetingsAccessService) private readonly accessService: MeetingsAccessService,
    @Inject(MeetingReminderPlanner) private readonly reminders: MeetingReminderPlanner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MeetingLocks) private readonly locks: MeetingLocks,
    @Inject(MeetingAgendaService) private readonly agenda: MeetingAgendaService,
    @Inject(MeetingAttendanceService) private readonly attendance: MeetingAttendanceService,
    @Inject(MeetingMinutesService) private readonly minutes: MeetingMinutesService,
    @Inject(MeetingDecisionsService) private readonly decisions: MeetingDecisionsService,
    @Inject(MeetingsReadService) private readonly read: MeetingsReadService,
  ) {}

  /**
   * The new meeting, with the rows written or read for it (its body, agenda, participants in list order, quorum
   * facts), which the response's fields can use instead of reading them again (MeetingLoaders.prime).
   */
  async schedule(actor: Actor, input: MeetingInput, now = this.clock.now()): Promise<ScheduledMeeting> {
    checkSchedule({ ...input, onlineUrl: blankToNull(input.onlineUrl) }, { now, checkPast: true });
    // With the request's memo, the body's facts and the caller's roles are read in one statement (PolicyService).
    const accessible = await this.accessService.access(
      actor.user,
      { id: `new:${input.bodyId}`, bodyId: input.bodyId },
      async () => false,
      actor.memo,
    );
    if (!accessible.manage) {
      if (!accessible.read) throw notFound('Coordination body', input.bodyId);
      throw forbidden(msg('error.meetings.chairCoChairSecretariat2'));
    }
    return this.mutations.run(actor, async (em) => {
      // The body, the members to invite and the new meeting's quorum facts: one statement.
      const read = await this.read.bodyToSchedule(
        em,
        input.bodyId,
        localDay(input.startsAt, input.timezone),
        input.startsAt,
        input.timezone,
      );
      if (!read) throw notFound('Coordination body', input.bodyId);
      const written = await this.write(em, actor, read.body, input, now, undefined, read.memberships);
      const { votingMembers, quorumFraction } = read;
      return {
        ...written,
        body: read.body,
        quorumFacts: { meetingId: written.meeting.id, votingMembers, quorumFraction },
      };
    });
  }

  /**
   * Schedules inside the caller's transaction, authorization done by the caller: scheduleMeeting, and each
   * occurrence of a series (series/meeting-series.service.ts), which passes its id and the rule's day.
   */
  async scheduleIn(
    em: EntityManager,
    actor: Actor,
    body: CoordinationBody,
    input: MeetingInput,
    now: Date,
    series?: { id: string; day: string },
  ): Promise<Meeting> {
    return (await this.write(em, actor, body, input, now, series)).meeting;
  }

  /** scheduleIn, returning the agenda and participants written; `memberships`: the body's active on the day, if read. */
  private async write(
    em: EntityManager,
    actor: Actor,
    body: CoordinationBody,
    input: MeetingInput,
    now: Date,
    series?: { id: string; day: string },
    memberships?: Membership[],
  ): Promise<{ meeting: Meeting; agenda: AgendaItem[]; participants: Participant[] }> {
    const location = blankToNull(input.location);
    const onlineUrl = blankToNull(input.onlineUrl);
    {
      const meeting = await em.save(
        em.create(Meeting, {
          bodyId: body.id,
          title: input.title.trim(),
          kind: input.kind ?? MeetingKind.ORDINARY,
          status: MeetingStatus.SCHEDULED,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          timezone: input.timezone,
          location,
          onlineUrl,
          cancelReason: null,
          sequence: 0,
          attendanceRecordedAt: null,
          createdByUserId: actor.user?.id ?? null,
          seriesId: series?.id ?? null,
          seriesDay: series?.day ?? null,
        }),
      );
      const agenda = await this.agenda.writeAgenda(em, meeting.id, withMattersArising(input.agenda ?? []));
      const participants = await this.attendance.invite(
        em,
        meeting,
        input.inviteMembers ?? true,
        input.extraInviteePersonIds ?? [],
        memberships,
      );
      await this.mutations.audit(em, actor, {
        action: 'meeting.schedule',
        entityType: 'Meeting',
        entityId: meeting.id,
        changes: {
          ...diffChanges(null, meeting, MEETING_FIELDS),
          bodyId: [null, body.id],
          invitees: [null, participants.length],
          ...(series ? { seriesId: [null, series.id] } : {}),
        },
      });
      await this.reminders.onScheduled(em, meeting, body, now);
      return { meeting, agenda, participants };
    }
  }

  async update(actor: Actor, id: string, input: MeetingUpdateInput, now = this.clock.now()): Promise<Meeting> {
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lockForManage(em, actor, id);
      this.locks.requireChangeable(meeting);
      const before = { ...meeting };
      if (input.title !== undefined && input.title !== null) meeting.title = input.title.trim();
      if (input.startsAt) meeting.startsAt = input.startsAt;
      if (input.endsAt) meeting.endsAt = input.endsAt;
      if (input.timezone) meeting.timezone = input.timezone;
      if (input.location !== undefined) meeting.location = blankToNull(input.location);
      if (input.onlineUrl !== undefined) meeting.onlineUrl = blankToNull(input.onlineUrl);
      const startMoved = meeting.startsAt.getTime() !== before.startsAt.getTime();
      checkSchedule(meeting, { now, checkPast: startMoved });
      const changes = diffChanges(before, meeting, MEETING_FIELDS);
      if (!Object.keys(changes).length) return meeting;
      meeting.sequence += 1;
      await em.save(meeting);
      await this.mutations.audit(em, actor, {
        action: 'meeting.update',
        entityType: 'Meeting',
        entityId: meeting.id,
        changes: changes,
      });
      const noticeable = ['startsAt', 'endsAt', 'location', 'onlineUrl'].some((f) => f in changes);
      if (noticeable)
        await this.reminders.onChanged(em, meeting, await this.locks.body(em, meeting.bodyId), startMoved, now);
      return meeting;
    });
  }

  async cancel(actor: Actor, id: string, reason: string | null | undefined, now = this.clock.now()): Promise<Meeting> {
    const cleanReason = blankToNull(reason);
    if (cleanReason && cleanReason.length > 2000)
      throw badInput(msg('error.meetings.reasonMost2000Characters'), 'reason');
    return this.mutations.run(actor, async (em) =>
      this.cancelIn(em, actor, await this.locks.lockForManage(em, actor, id), cleanReason, now),
    );
  }

  /** Cancels a meeting locked by the caller (cancelMeeting, endMeetingSeries) inside its transaction. */
  async cancelIn(
    em: EntityManager,
    actor: Actor,
    meeting: Meeting,
    cleanReason: string | null,
    now: Date,
  ): Promise<Meeting> {
    {
      this.locks.requireChangeable(meeting);
      meeting.status = MeetingStatus.CANCELLED;
      meeting.cancelReason = cleanReason;
      meeting.sequence += 1;
      await em.save(meeting);
      await this.mutations.audit(em, actor, {
        action: 'meeting.cancel',
        entityType: 'Meeting',
        entityId: meeting.id,
        changes: {
          status: [MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED],
          cancelReason: [null, cleanReason],
        },
      });
      await this.reminders.onCancelled(em, meeting, now);
      return meeting;
    }
  }

  // The other use cases, each in the file of its concern.

  addInvitees(actor: Actor, meetingId: string, personIds: string[], now?: Date): Promise<Meeting> {
    return this.attendance.addInvitees(actor, meetingId, personIds, now);
  }

  setRsvp(actor: Actor, meetingId: string, personId: string, rsvp: Rsvp): Promise<Participant> {
    return this.attendance.setRsvp(actor, meetingId, personId, rsvp);
  }

  respond(actor: Actor, meetingId: string, rsvp: Rsvp): Promise<Participant> {
    return this.attendance.respond(actor, meetingId, rsvp);
  }

  recordAttendance(actor: Actor, meetingId: string, entries: AttendanceInput[], now?: Date): Promise<Meeting> {
    return this.attendance.recordAttendance(actor, meetingId, entries, now);
  }

  setAgenda(actor: Actor, meetingId: string, items: AgendaItemInput[]): Promise<Meeting> {
    return this.agenda.setAgenda(actor, meetingId, items);
  }

  recordMinutes(actor: Actor, meetingId: string, text: string): Promise<Minutes> {
    return this.minutes.recordMinutes(actor, meetingId, text);
  }

  circulateMinutes(actor: Actor, meetingId: string, now?: Date): Promise<Minutes> {
    return this.minutes.circulateMinutes(actor, meetingId, now);
  }

  adoptMinutes(actor: Actor, meetingId: string, atMeetingId?: string | null, now?: Date): Promise<Minutes> {
    return this.minutes.adoptMinutes(actor, meetingId, atMeetingId, now);
  }

  recordDecision(
    actor: Actor,
    meetingId: string,
    text: string,
    agendaItemId?: string | null,
    now?: Date,
  ): Promise<Decision> {
    return this.decisions.recordDecision(actor, meetingId, text, agendaItemId, now);
  }

  updateDecision(actor: Actor, id: string, text: string): Promise<Decision> {
    return this.decisions.updateDecision(actor, id, text);
  }

  withdrawDecision(actor: Actor, id: string, reason: string, now?: Date): Promise<Decision> {
    return this.decisions.withdrawDecision(actor, id, reason, now);
  }
}
