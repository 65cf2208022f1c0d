import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  Clock,
  content,
  DigestContributorRegistry,
  DigestEntry,
  DigestWindow,
  DueReminder,
  localDay,
  localizedText,
  MessageKey,
  MessageRef,
  MessageValue,
  nested,
  timeSpan,
  ReminderHandlerRegistry,
  ReminderMessage,
} from '@coord/core';
import { MemberRole, RegistryReadService } from '@coord/registry';
import { EntityManager } from 'typeorm';
import { MattersArisingRegistry, mattersArisingMessages } from './matters-arising';
import { MeetingReminderKind, meetingLinkPath } from './meeting-reminders';
import { Meeting } from './meeting.entity';
import { MeetingsReadService } from './meetings-read.service';
import { MeetingStatus, MinutesStatus, Rsvp } from './meetings.enums';
import { computeQuorum } from './quorum';
import { cancellationReason } from './series/series-texts';

/**
 * Registers the meeting handlers with core's registry (the reminders feature calls them at delivery), and
 * the "Upcoming meetings" section of the weekly digest.
 */
@Injectable()
export class MeetingReminderHandlers implements OnModuleInit {
  constructor(
    @Inject(ReminderHandlerRegistry) private readonly registry: ReminderHandlerRegistry,
    @Inject(DigestContributorRegistry) private readonly digest: DigestContributorRegistry,
    @Inject(MeetingsReadService) private readonly read: MeetingsReadService,
    @Inject(RegistryReadService) private readonly registryRead: RegistryReadService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MattersArisingRegistry) private readonly mattersArising: MattersArisingRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      kinds: Object.values(MeetingReminderKind),
      messagesFor: (intent, em) => this.messagesFor(intent, em),
      messagesForMany: (intents, em) => this.messagesForMany(intents, em),
    });
    this.digest.register({ name: 'meetings', entries: (window, em) => this.digestEntries(window, em) });
  }

  /** Every invitee's scheduled meetings starting within the window (declined ones left out): one query. */
  async digestEntries(window: DigestWindow, em: EntityManager): Promise<DigestEntry[]> {
    const rows: Array<{
      person_id: string;
      id: string;
      title: string;
      starts_at: Date;
      ends_at: Date;
      timezone: string;
      rsvp: string;
    }> = await em.query(
      `SELECT p.person_id, m.id, m.title, m.starts_at, m.ends_at, m.timezone, p.rsvp
         FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id
        WHERE m.status = 'SCHEDULED' AND m.starts_at >= $1 AND m.starts_at < $2 AND p.rsvp <> 'DECLINED'
        ORDER BY p.person_id, m.starts_at, m.id`,
      [window.now, window.until],
    );
    return rows.map((r) => ({
      personId: r.person_id,
      section: 'digest.section.upcomingMeetings',
      line: {
        key: r.rsvp === Rsvp.INVITED ? 'digest.line.meetingUnanswered' : 'digest.line.meeting',
        values: {
          title: content('MEETING', r.id, 'title', r.title),
          when: timeSpan(r.starts_at, r.ends_at, r.timezone),
        },
      },
      linkPath: meetingLinkPath(r.id),
    }));
  }

  async messagesFor(intent: DueReminder, em: EntityManager): Promise<ReminderMessage[]> {
    return (await this.messagesForMany([intent], em)).get(intent.id) ?? [];
  }

  /**
   * The messages of many due intents, from their meetings' state now, in at most seven queries whatever their number
   * (meetings, bodies, participants, minutes, quorum facts, matters arising, secretariats): a delivery batch reads
   * them at once.
   */
  async messagesForMany(intents: DueReminder[], em: EntityManager): Promise<Map<string, ReminderMessage[]>> {
    const result = new Map<string, ReminderMessage[]>();
    const meetings = new Map(
      (await this.read.meetingsByIds([...new Set(intents.map((i) => i.subjectId))], em)).map((m) => [m.id, m]),
    );
    const present = intents.filter((intent) => meetings.has(intent.subjectId));
    const meetingIdsOf = (kinds: string[]) => [
      ...new Set(present.filter((i) => kinds.includes(i.kind)).map((i) => i.subjectId)),
    ];
    const K = MeetingReminderKind;
    const bodies = new Map(
      (await this.registryRead.bodiesByIds([...new Set([...meetings.values()].map((m) => m.bodyId))], em)).map((b) => [
        b.id,
        b,
      ]),
    );
    const participantsByMeeting = groupBy(
      await this.read.participantsOfMeetings(
        meetingIdsOf([K.INVITATION, K.REMINDER, K.CHANGED, K.CANCELLED, K.MINUTES_CIRCULATED, K.QUORUM_CHECK]),
        em,
      ),
      (p) => p.meetingId,
    );
    const minutes = new Map(
      (await this.read.minutesOfMeetings(meetingIdsOf([K.MINUTES_FOLLOW_UP, K.MINUTES_CIRCULATED]), em)).map((m) => [
        m.meetingId,
        m,
      ]),
    );
    const quorumFacts = new Map(
      (await this.read.quorumFacts(meetingIdsOf([K.QUORUM_CHECK]), em)).map((f) => [f.meetingId, f]),
    );
    const matters = await this.mattersArising.forMeetings(meetingIdsOf([K.INVITATION]), em);
    const invitees = (meetingId: string) =>
      (participantsByMeeting.get(meetingId) ?? []).filter((p) => p.rsvp !== Rsvp.DECLINED).map((p) => p.personId);

    // Pass 1: what each intent says and to whom (the secretariat, read for all of them afterwards, or invitees).
    // Texts are catalog messages, rendered per recipient's language at delivery; times in the meeting's zone.
    const now = this.clock.now();
    const drafts: Array<{
      intent: DueReminder;
      meeting: Meeting;
      kind: string;
      text: Pick<ReminderMessage, 'title' | 'body' | 'text'>;
      to: 'secretariat' | string[];
    }> = [];
    for (const intent of present) {
      const meeting = meetings.get(intent.subjectId)!;
      const body = bodies.get(meeting.bodyId);
      const when = timeSpan(meeting.startsAt, meeting.endsAt, meeting.timezone);
      const place = [meeting.location, meeting.onlineUrl].filter(Boolean).join(' / ');
      // Record texts in the reader's language when translated (looked up by the delivery, once per batch).
      const values: Record<string, MessageValue> = {
        title: content('MEETING', meeting.id, 'title', meeting.title),
        body:
          body?.acronym ||
          (body ? content('COORDINATION_BODY', body.id, 'name', body.name) : nested('meeting.theBody')),
        when,
        where:
          meeting.location && !meeting.onlineUrl
            ? content('MEETING', meeting.id, 'location', meeting.location)
            : place || nested('meeting.placeToBeAnnounced'),
      };
      const scheduled = meeting.status === MeetingStatus.SCHEDULED;
      const draft = (kind: string, message: string, to: 'secretariat' | string[], extra: MessageRef[] = []) =>
        drafts.push({
          intent,
          meeting,
          kind,
          text: localizedText({ key: `${message}.title` as MessageKey, values }, [
            { key: `${message}.body` as MessageKey, values },
            ...extra,
          ]),
          to,
        });
      const minutesOf = minutes.get(meeting.id);
      switch (intent.kind) {
        case K.INVITATION:
          if (scheduled) {
            // The body's items are its members' business: guests' invitations leave the matters arising out.
            const guests = new Set(
              (participantsByMeeting.get(meeting.id) ?? []).filter((p) => !p.isMember).map((p) => p.personId),
            );
            // An invitation of people added later (addInvitees) names them; the first one goes to every invitee.
            const named = Array.isArray(intent.payload?.personIds) ? (intent.payload!.personIds as string[]) : null;
            const all = named ? invitees(meeting.id).filter((id) => named.includes(id)) : invitees(meeting.id);
            const members = all.filter((id) => !guests.has(id));
            const invitedGuests = all.filter((id) => guests.has(id));
            if (members.length) {
              draft(intent.kind, 'meeting.invitation', members, mattersArisingMessages(matters.get(meeting.id) ?? []));
            }
            if (invitedGuests.length) draft(intent.kind, 'meeting.invitation', invitedGuests);
          }
          break;
        case K.REMINDER:
          if (scheduled) draft(intent.kind, 'meeting.reminder', invitees(meeting.id));
          break;
        case K.CHANGED:
          if (meeting.status !== MeetingStatus.CANCELLED) draft(intent.kind, 'meeting.changed', invitees(meeting.id));
          break;
        case K.CANCELLED:
          if (meeting.status === MeetingStatus.CANCELLED) {
            draft(
              intent.kind,
              'meeting.cancelled',
              invitees(meeting.id),
              meeting.cancelReason
                ? [{ key: 'meeting.cancelled.reason', values: { reason: cancellationReason(meeting.cancelReason) } }]
                : [],
            );
          }
          break;
        case K.QUORUM_CHECK: {
          if (!scheduled || meeting.attendanceRecordedAt) break;
          const facts = quorumFacts.get(meeting.id);
          const quorum = computeQuorum({
            quorumFraction: facts?.quorumFraction ?? null,
            votingMembers: facts?.votingMembers ?? 0,
            participants: participantsByMeeting.get(meeting.id) ?? [],
            attendanceRecorded: false,
          });
          if (quorum.met) break;
          Object.assign(values, { counted: quorum.counted, required: quorum.required });
          draft(MeetingReminderKind.REMINDER, 'meeting.quorumAtRisk', 'secretariat');
          break;
        }
        case K.MINUTES_FOLLOW_UP:
          if (meeting.status === MeetingStatus.HELD && (!minutesOf || minutesOf.status === MinutesStatus.DRAFT)) {
            draft(intent.kind, 'meeting.minutesDue', 'secretariat');
          }
          break;
        case K.MINUTES_CIRCULATED:
          if (minutesOf && minutesOf.status !== MinutesStatus.DRAFT) {
            draft(intent.kind, 'meeting.minutesCirculated', invitees(meeting.id));
          }
          break;
      }
    }

    // Pass 2: the secretariats, for every (body, meeting day) at once.
    const dayOf = (meeting: Meeting) => localDay(now, meeting.timezone);
    const seated = groupBy(
      await this.registryRead.activeMembershipsOnDays(
        drafts.filter((d) => d.to === 'secretariat').map((d) => ({ bodyId: d.meeting.bodyId, day: dayOf(d.meeting) })),
        em,
      ),
      (m) => `${m.bodyId}|${m.day}`,
    );
    for (const { intent, meeting, kind, text, to } of drafts) {
      const personIds =
        to === 'secretariat' ? secretariatOf(seated.get(`${meeting.bodyId}|${dayOf(meeting)}`) ?? []) : to;
      result.set(intent.id, [
        ...(result.get(intent.id) ?? []),
        ...personIds.map((personId) => ({
          personId,
          kind,
          ...text,
          linkPath: meetingLinkPath(meeting.id),
          meetingId: meeting.id,
        })),
      ]);
    }
    return result;
  }
}

/** The body's secretariat; its chair and co-chair when it has no secretariat. */
function secretariatOf(members: Array<{ personId: string; role: string }>): string[] {
  const secretariat = members.filter((m) => m.role === MemberRole.SECRETARIAT);
  const chosen = secretariat.length
    ? secretariat
    : members.filter((m) => m.role === MemberRole.CHAIR || m.role === MemberRole.CO_CHAIR);
  return [...new Set(chosen.map((m) => m.personId))];
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
