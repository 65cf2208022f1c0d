import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  Actor,
  content,
  DueReminder,
  localDay,
  localizedText,
  MessageValue,
  MutationService,
  nested,
  OutboxService,
  ReminderHandlerRegistry,
  ReminderMessage,
  timeSpan,
} from '@coord/core';
import { RegistryReadService } from '@coord/registry';
import { EntityManager, In } from 'typeorm';
import { MEETING_SUBJECT, meetingLinkPath } from '../meeting-reminders';
import { Meeting } from '../meeting.entity';
import { AttendanceStatus, MeetingStatus, Rsvp } from '../meetings.enums';
import { MeetingsReadService } from '../meetings-read.service';
import { Participant } from '../participant.entity';

/**
 * Alternates stand in at meetings. When a principal (a member whose seat an ALTERNATE membership covers) declines,
 * or is recorded ABSENT or EXCUSED, their alternate active on the meeting's day becomes a participant standing in
 * for them: voting as the principal's seat did, counted for quorum in the principal's place (quorum.ts counts a
 * seat once). Before the meeting the alternate gets an invitation; if the principal then accepts after all, the
 * stand-in is withdrawn and the alternate told they are no longer needed. An alternate whose principal sits is
 * not invited at scheduling (MeetingsService.invite) and does not count among the voting members.
 *
 * Internal intent kinds, delivered as the contract's MEETING_INVITATION and MEETING_CHANGED notifications.
 */
export const StandInReminderKind = {
  INVITED: 'MEETING_STAND_IN',
  RELEASED: 'MEETING_STAND_IN_RELEASED',
} as const;

@Injectable()
export class MeetingAlternates implements OnModuleInit {
  constructor(
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(ReminderHandlerRegistry) private readonly handlers: ReminderHandlerRegistry,
    @Inject(MeetingsReadService) private readonly read: MeetingsReadService,
  ) {}

  onModuleInit(): void {
    this.handlers.register({
      kinds: Object.values(StandInReminderKind),
      messagesFor: (intent, em) => this.messagesFor(intent, em),
    });
  }

  /** After an invitee's answer changed (respondToInvitation), in its transaction. */
  async onRsvp(
    em: EntityManager,
    actor: Actor,
    meeting: Meeting,
    personId: string,
    before: Rsvp,
    after: Rsvp,
    now: Date,
  ) {
    if (after === Rsvp.DECLINED && before !== Rsvp.DECLINED) {
      await this.standIn(em, actor, meeting, [personId], now, true);
    } else if (before === Rsvp.DECLINED && after !== Rsvp.DECLINED) {
      await this.release(em, actor, meeting, personId, now);
    }
  }

  /**
   * recordAttendance, before it checks the entries: the alternates of principals recorded ABSENT or EXCUSED join
   * as participants standing in (so that their own attendance can be recorded in the same call). Returns them.
   */
  standInForAbsent(
    em: EntityManager,
    actor: Actor,
    meeting: Meeting,
    entries: Array<{ personId: string; attendance: AttendanceStatus }>,
    now: Date,
  ): Promise<Participant[]> {
    const away = entries
      .filter((e) => e.attendance === AttendanceStatus.ABSENT || e.attendance === AttendanceStatus.EXCUSED)
      .map((e) => e.personId);
    return this.standIn(em, actor, meeting, away, now, false);
  }

  private async standIn(
    em: EntityManager,
    actor: Actor,
    meeting: Meeting,
    principalIds: string[],
    now: Date,
    invite: boolean,
  ): Promise<Participant[]> {
    if (!principalIds.length) return [];
    const principals = await em.findBy(Participant, {
      meetingId: meeting.id,
      personId: In(principalIds),
      isMember: true,
    });
    if (!principals.length) return [];
    const alternates = await this.registry.activeAlternatesOf(
      meeting.bodyId,
      principals.map((p) => p.personId),
      localDay(meeting.startsAt, meeting.timezone),
      em,
    );
    if (!alternates.length) return [];
    const taken = new Set(
      (
        await em.findBy(Participant, {
          meetingId: meeting.id,
          personId: In(alternates.map((a) => a.membership.personId)),
        })
      ).map((p) => p.personId),
    );
    const covered = new Set(
      (
        await em.findBy(Participant, {
          meetingId: meeting.id,
          standingInForPersonId: In(principals.map((p) => p.personId)),
        })
      ).map((p) => p.standingInForPersonId),
    );
    const rows: Participant[] = [];
    for (const principal of principals) {
      if (covered.has(principal.personId)) continue;
      // One stand-in per seat: the first alternate (earliest start) not already at the meeting.
      const alternate = alternates.find(
        (a) => a.principalPersonId === principal.personId && !taken.has(a.membership.personId),
      );
      if (!alternate) continue;
      taken.add(alternate.membership.personId);
      rows.push(
        em.create(Participant, {
          meetingId: meeting.id,
          personId: alternate.membership.personId,
          organizationId: alternate.membership.organizationId,
          isMember: true,
          voting: principal.voting,
          rsvp: Rsvp.INVITED,
          respondedAt: null,
          attendance: null,
          standingInForPersonId: principal.personId,
        }),
      );
    }
    if (!rows.length) return [];
    await em.insert(Participant, rows);
    await this.mutations.audit(em, actor, {
      action: 'meeting.standIn',
      entityType: 'Meeting',
      entityId: meeting.id,
      changes: Object.fromEntries(rows.map((r) => [`standingInFor.${r.personId}`, [null, r.standingInForPersonId]])),
    });
    if (invite && meeting.status === MeetingStatus.SCHEDULED) {
      await this.outbox.scheduleMany(
        em,
        rows.map((r) => ({
          kind: StandInReminderKind.INVITED,
          subjectType: MEETING_SUBJECT,
          subjectId: meeting.id,
          dueAt: now,
          dedupeKey: `meeting:${meeting.id}:stand-in:${r.personId}:${now.getTime()}`,
          payload: { personId: r.personId, principalPersonId: r.standingInForPersonId },
        })),
      );
    }
    return rows;
  }

  private async release(em: EntityManager, actor: Actor, meeting: Meeting, principalId: string, now: Date) {
    const standing = await em.findBy(Participant, { meetingId: meeting.id, standingInForPersonId: principalId });
    if (!standing.length) return;
    await em.delete(Participant, { meetingId: meeting.id, standingInForPersonId: principalId });
    await this.mutations.audit(em, actor, {
      action: 'meeting.releaseStandIn',
      entityType: 'Meeting',
      entityId: meeting.id,
      changes: Object.fromEntries(standing.map((p) => [`standingInFor.${p.personId}`, [principalId, null]])),
    });
    await this.outbox.scheduleMany(
      em,
      standing.map((p) => ({
        kind: StandInReminderKind.RELEASED,
        subjectType: MEETING_SUBJECT,
        subjectId: meeting.id,
        dueAt: now,
        dedupeKey: `meeting:${meeting.id}:stand-in:${p.personId}:released:${now.getTime()}`,
        payload: { personId: p.personId, principalPersonId: principalId },
      })),
    );
  }

  /** From the meeting's state at delivery: nothing once it is cancelled, or when the stand-in changed since. */
  async messagesFor(intent: DueReminder, em: EntityManager): Promise<ReminderMessage[]> {
    const personId = String(intent.payload.personId);
    const principalId = String(intent.payload.principalPersonId);
    const [meeting] = await this.read.meetingsByIds([intent.subjectId], em);
    if (!meeting || meeting.status === MeetingStatus.CANCELLED) return [];
    const participant = await em.findOne(Participant, { where: { meetingId: meeting.id, personId } });
    const [body] = await this.registry.bodiesByIds([meeting.bodyId], em);
    const [principal] = await this.registry.peopleByIds([principalId], em);
    // Catalog messages, rendered in the stand-in's language at delivery (the time in it and the meeting's zone).
    const values: Record<string, MessageValue> = {
      title: content('MEETING', meeting.id, 'title', meeting.title),
      body:
        body?.acronym || (body ? content('COORDINATION_BODY', body.id, 'name', body.name) : nested('meeting.theBody')),
      principal: principal?.fullName ?? nested('standIn.theMember'),
      when: timeSpan(meeting.startsAt, meeting.endsAt, meeting.timezone),
      where: [meeting.location, meeting.onlineUrl].filter(Boolean).join(' / ') || nested('meeting.placeToBeAnnounced'),
    };
    const message = (kind: string, name: 'standIn.invited' | 'standIn.released'): ReminderMessage[] => [
      {
        personId,
        kind,
        ...localizedText({ key: `${name}.title`, values }, [{ key: `${name}.body`, values }]),
        linkPath: meetingLinkPath(meeting.id),
        meetingId: meeting.id,
      },
    ];
    if (intent.kind === StandInReminderKind.INVITED) {
      if (meeting.status !== MeetingStatus.SCHEDULED || participant?.standingInForPersonId !== principalId) return [];
      return message('MEETING_INVITATION', 'standIn.invited');
    }
    if (participant?.standingInForPersonId === principalId) return [];
    return message('MEETING_CHANGED', 'standIn.released');
  }
}
