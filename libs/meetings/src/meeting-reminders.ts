import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Clock, OutboxService, parseDurationMs, ReminderIntentInput } from '@coord/core';
import { CoordinationBody, ReminderSettings, ReminderSettingsRegistry } from '@coord/registry';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Meeting } from './meeting.entity';

/**
 * Reminder intents of meetings (written to core's outbox in the caller's transaction): when to remind. What the
 * reminders say when they come due, from the meeting's state at that moment: meeting-reminder-messages.ts.
 *
 * Intent kinds are the contract's NotificationKind values, plus MEETING_QUORUM_CHECK: an internal intent
 * due with the last reminder, which tells the secretariat (as a MEETING_REMINDER titled "Quorum at risk")
 * only if the accepted voting RSVPs are then below quorum.
 */
export const MeetingReminderKind = {
  INVITATION: 'MEETING_INVITATION',
  REMINDER: 'MEETING_REMINDER',
  QUORUM_CHECK: 'MEETING_QUORUM_CHECK',
  CHANGED: 'MEETING_CHANGED',
  CANCELLED: 'MEETING_CANCELLED',
  MINUTES_FOLLOW_UP: 'MINUTES_FOLLOW_UP',
  MINUTES_CIRCULATED: 'MINUTES_CIRCULATED',
} as const;

export const MEETING_SUBJECT = 'Meeting';

const reminderKey = (meetingId: string, leadMs: number) => `meeting:${meetingId}:reminder:${leadMs}ms`;
const quorumKey = (meetingId: string) => `meeting:${meetingId}:quorum-check`;

export const meetingLinkPath = (meetingId: string) => `/meetings/${meetingId}`;

@Injectable()
export class MeetingReminderPlanner implements OnModuleInit {
  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ReminderSettingsRegistry) private readonly settings: ReminderSettingsRegistry,
  ) {}

  onModuleInit(): void {
    this.settings.register({
      name: 'meetings',
      settingsChanged: (em, before, after) => this.settingsChanged(em, before, after),
    });
  }

  /** Lead times of the body's policy, longest first, in ms (unparseable entries are ignored). */
  private leadTimes(body: Pick<CoordinationBody, 'meetingReminders'>): number[] {
    const leads = (body.meetingReminders ?? [])
      .map((d) => parseDurationMs(d))
      .filter((ms): ms is number => ms !== undefined && ms > 0);
    return [...new Set(leads)].sort((a, b) => b - a);
  }

  /**
   * Invitation now (unless the meeting is already over: one entered afterwards); reminders at each lead time still
   * ahead; the quorum check with the last one.
   */
  async onScheduled(
    em: EntityManager,
    meeting: Meeting,
    body: CoordinationBody,
    now = this.clock.now(),
  ): Promise<void> {
    // The invitation goes into the same statement as the reminders (scheduleMany creates or moves each by key).
    const invitation: ReminderIntentInput[] =
      meeting.endsAt.getTime() > now.getTime()
        ? [
            {
              kind: MeetingReminderKind.INVITATION,
              subjectType: MEETING_SUBJECT,
              subjectId: meeting.id,
              dueAt: now,
              dedupeKey: `meeting:${meeting.id}:invitation`,
            },
          ]
        : [];
    await this.planReminders(em, meeting, body, now, invitation);
  }

  /**
   * The invitation to people invited after scheduling (`addInvitees`), to them only; the reminders still ahead
   * reach them anyway (recipients are read at delivery).
   */
  async onInviteesAdded(em: EntityManager, meeting: Meeting, personIds: string[], now = this.clock.now()) {
    if (!personIds.length) return;
    const sorted = [...personIds].sort();
    await this.outbox.schedule(em, {
      kind: MeetingReminderKind.INVITATION,
      subjectType: MEETING_SUBJECT,
      subjectId: meeting.id,
      dueAt: now,
      dedupeKey: `meeting:${meeting.id}:invitation:${createHash('sha256').update(sorted.join(',')).digest('hex').slice(0, 32)}`,
      payload: { personIds: sorted },
    });
  }

  /**
   * (Re)plans the reminders for the meeting's current start: the same dedupe keys move pending intents;
   * lead times that are now behind us are dropped.
   */
  async planReminders(
    em: EntityManager,
    meeting: Meeting,
    body: CoordinationBody,
    now = this.clock.now(),
    /** Other intents of the meeting to write in the same statement (onScheduled: the invitation). */
    also: ReminderIntentInput[] = [],
  ): Promise<void> {
    const leads = this.leadTimes(body);
    const start = meeting.startsAt.getTime();
    const ahead: ReminderIntentInput[] = [...also];
    const behind: string[] = [];
    for (const lead of leads) {
      const dueAt = new Date(start - lead);
      const dedupeKey = reminderKey(meeting.id, lead);
      if (dueAt.getTime() > now.getTime()) {
        ahead.push({
          kind: MeetingReminderKind.REMINDER,
          subjectType: MEETING_SUBJECT,
          subjectId: meeting.id,
          dueAt,
          dedupeKey,
          payload: { lead: `${lead}ms` },
        });
      } else behind.push(dedupeKey);
    }
    // Lead times now behind us: their pending reminders are dropped.
    await this.outbox.cancel(em, MEETING_SUBJECT, meeting.id, {
      kinds: [MeetingReminderKind.REMINDER],
      dedupeKeys: behind,
    });
    const last = leads[leads.length - 1];
    const quorumDue = last === undefined ? undefined : new Date(start - last);
    if (quorumDue && quorumDue.getTime() > now.getTime()) {
      ahead.push({
        kind: MeetingReminderKind.QUORUM_CHECK,
        subjectType: MEETING_SUBJECT,
        subjectId: meeting.id,
        dueAt: quorumDue,
        dedupeKey: quorumKey(meeting.id),
        payload: { final: true },
      });
    } else {
      await this.outbox.cancel(em, MEETING_SUBJECT, meeting.id, { kinds: [MeetingReminderKind.QUORUM_CHECK] });
    }
    await this.outbox.scheduleMany(em, ahead);
  }

  /**
   * The body's reminder policy changed: the upcoming meetings' reminders follow the new lead times (a new lead
   * time adds reminders still ahead, a dropped one cancels its reminders, the quorum check moves with the last
   * one) and pending minutes follow-ups move to the new delay after the meeting's end. A constant number of
   * statements however many meetings the body has. Meeting times are absolute: a new time zone changes nothing.
   */
  async settingsChanged(
    em: EntityManager,
    before: ReminderSettings,
    after: ReminderSettings,
    now = this.clock.now(),
  ): Promise<void> {
    if (JSON.stringify(before.meetingReminders) !== JSON.stringify(after.meetingReminders)) {
      const meetings: Array<{ id: string; starts_at: Date }> = await em.query(
        `SELECT id, starts_at FROM meetings WHERE body_id = $1 AND status = 'SCHEDULED' AND starts_at > $2`,
        [after.id, now],
      );
      const leads = this.leadTimes(after);
      const desired: ReminderIntentInput[] = [];
      for (const meeting of meetings) {
        const start = new Date(meeting.starts_at).getTime();
        for (const lead of leads) {
          if (start - lead <= now.getTime()) continue;
          desired.push({
            kind: MeetingReminderKind.REMINDER,
            subjectType: MEETING_SUBJECT,
            subjectId: meeting.id,
            dueAt: new Date(start - lead),
            dedupeKey: reminderKey(meeting.id, lead),
            payload: { lead: `${lead}ms` },
          });
        }
        const last = leads[leads.length - 1];
        if (last !== undefined && start - last > now.getTime()) {
          desired.push({
            kind: MeetingReminderKind.QUORUM_CHECK,
            subjectType: MEETING_SUBJECT,
            subjectId: meeting.id,
            dueAt: new Date(start - last),
            dedupeKey: quorumKey(meeting.id),
            payload: { final: true },
          });
        }
      }
      await this.outbox.reconcile(
        em,
        MEETING_SUBJECT,
        meetings.map((m) => m.id),
        [MeetingReminderKind.REMINDER, MeetingReminderKind.QUORUM_CHECK],
        desired,
      );
    }
    const followUp = parseDurationMs(after.minutesFollowUpAfter);
    if (before.minutesFollowUpAfter !== after.minutesFollowUpAfter && followUp !== undefined) {
      await em.query(
        `UPDATE reminder_intents i
            SET due_at = m.ends_at + $2 * interval '1 millisecond', status = 'PENDING', enqueued_at = NULL,
                version = i.version + 1
           FROM meetings m
          WHERE m.body_id = $1 AND i.subject_type = $3 AND i.subject_id = m.id AND i.kind = $4
            AND i.status IN ('PENDING', 'ENQUEUED')`,
        [after.id, followUp, MEETING_SUBJECT, MeetingReminderKind.MINUTES_FOLLOW_UP],
      );
    }
  }

  async onChanged(
    em: EntityManager,
    meeting: Meeting,
    body: CoordinationBody,
    startMoved: boolean,
    now = this.clock.now(),
  ) {
    if (startMoved) await this.planReminders(em, meeting, body, now);
    await this.outbox.schedule(em, {
      kind: MeetingReminderKind.CHANGED,
      subjectType: MEETING_SUBJECT,
      subjectId: meeting.id,
      dueAt: now,
      dedupeKey: `meeting:${meeting.id}:changed:${meeting.sequence}`,
      payload: { sequence: meeting.sequence },
    });
  }

  async onCancelled(em: EntityManager, meeting: Meeting, now = this.clock.now()) {
    await this.outbox.cancel(em, MEETING_SUBJECT, meeting.id);
    await this.outbox.schedule(em, {
      kind: MeetingReminderKind.CANCELLED,
      subjectType: MEETING_SUBJECT,
      subjectId: meeting.id,
      dueAt: now,
      dedupeKey: `meeting:${meeting.id}:cancelled`,
    });
  }

  /** The meeting took place: nothing left to remind about it; chase the minutes if they do not come. */
  async onHeld(em: EntityManager, meeting: Meeting, body: CoordinationBody, minutesCirculated: boolean) {
    await this.outbox.cancel(em, MEETING_SUBJECT, meeting.id, {
      kinds: [MeetingReminderKind.INVITATION, MeetingReminderKind.REMINDER, MeetingReminderKind.QUORUM_CHECK],
    });
    const after = parseDurationMs(body.minutesFollowUpAfter);
    if (minutesCirculated || after === undefined) return;
    await this.outbox.schedule(em, {
      kind: MeetingReminderKind.MINUTES_FOLLOW_UP,
      subjectType: MEETING_SUBJECT,
      subjectId: meeting.id,
      dueAt: new Date(meeting.endsAt.getTime() + after),
      dedupeKey: `meeting:${meeting.id}:minutes-follow-up`,
    });
  }

  async onMinutesCirculated(em: EntityManager, meeting: Meeting, now = this.clock.now()) {
    await this.outbox.cancel(em, MEETING_SUBJECT, meeting.id, { kinds: [MeetingReminderKind.MINUTES_FOLLOW_UP] });
    await this.outbox.schedule(em, {
      kind: MeetingReminderKind.MINUTES_CIRCULATED,
      subjectType: MEETING_SUBJECT,
      subjectId: meeting.id,
      dueAt: now,
      dedupeKey: `meeting:${meeting.id}:minutes-circulated`,
    });
  }
}
