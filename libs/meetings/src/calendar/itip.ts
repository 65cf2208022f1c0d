import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  AppConfig,
  DEFAULT_LOCALE,
  Locale,
  t,
  MailCalendarEntry,
  MailCalendarProvider,
  MailCalendarRegistry,
  MailCalendarRequest,
} from '@coord/core';
import { TZDate } from '@date-fns/tz';
import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DataSource, EntityManager, In } from 'typeorm';
import { meetingLinkPath } from '../meeting-reminders';
import { Meeting } from '../meeting.entity';
import { MeetingStatus, Rsvp } from '../meetings.enums';
import { Participant } from '../participant.entity';
import { vtimezone } from './vtimezone';

/** A mail about a meeting, to one person, that may carry the meeting as a calendar entry. */
export interface ItipRequest {
  key: string;
  meetingId: string;
  personId: string;
  email: string;
  name: string;
  /** The recipient's language: the entry's description is written in it. */
  locale?: Locale;
}

export interface ItipAttachment {
  method: 'REQUEST' | 'CANCEL';
  content: string;
}

/** Notification kinds whose mails carry the meeting (invitation, change, cancellation). */
export const ITIP_NOTIFICATION_KINDS = ['MEETING_INVITATION', 'MEETING_CHANGED', 'MEETING_CANCELLED'];

/**
 * iTIP (RFC 5546) for meeting mails, so that Outlook, Google Calendar and Thunderbird put the meeting in the
 * calendar: METHOD:REQUEST while the recipient is invited to a meeting that goes ahead, METHOD:CANCEL once it is
 * cancelled or the recipient is no longer a participant (an alternate released). The event has the same UID
 * (`<meeting id>@<host>`) and SEQUENCE (the meeting's change counter) as the calendar feeds, so the entry a mail
 * created is the one a feed updates. Answers stay on the platform: the attendee is asked for no RSVP and the
 * organizer is the platform's sender address, so a reply from the calendar goes nowhere that matters.
 */
@Injectable()
export class ItipService implements MailCalendarProvider, OnModuleInit {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(MailCalendarRegistry) private readonly registry: MailCalendarRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** The reminders feature's mails (through core's MailCalendarRegistry): meeting invitations, changes, cancellations. */
  entries(requests: MailCalendarRequest[], em: EntityManager): Promise<Map<string, MailCalendarEntry>> {
    return this.attachments(
      requests
        .filter((r) => r.meetingId && ITIP_NOTIFICATION_KINDS.includes(r.kind))
        .map((r) => ({
          key: r.key,
          meetingId: r.meetingId!,
          personId: r.personId,
          email: r.email,
          name: r.name,
          locale: r.locale,
        })),
      em,
    );
  }

  /** Attachments for a chunk of mails, in two queries whatever their number. */
  async attachments(requests: ItipRequest[], em?: EntityManager): Promise<Map<string, ItipAttachment>> {
    const result = new Map<string, ItipAttachment>();
    if (!requests.length) return result;
    const manager = em ?? this.dataSource.manager;
    const meetingIds = [...new Set(requests.map((r) => r.meetingId))];
    const [meetings, participants] = await Promise.all([
      manager.findBy(Meeting, { id: In(meetingIds) }),
      manager.findBy(Participant, {
        meetingId: In(meetingIds),
        personId: In([...new Set(requests.map((r) => r.personId))]),
      }),
    ]);
    const byId = new Map(meetings.map((m) => [m.id, m]));
    const invited = new Set(
      participants.filter((p) => p.rsvp !== Rsvp.DECLINED).map((p) => `${p.meetingId}|${p.personId}`),
    );
    for (const request of requests) {
      const meeting = byId.get(request.meetingId);
      if (!meeting) continue;
      const method =
        meeting.status === MeetingStatus.CANCELLED || !invited.has(`${meeting.id}|${request.personId}`)
          ? 'CANCEL'
          : 'REQUEST';
      result.set(request.key, {
        method,
        content: this.render(meeting, request, method, new Date(), request.locale ?? DEFAULT_LOCALE),
      });
    }
    return result;
  }

  render(
    meeting: Meeting,
    to: { email: string; name: string },
    method: 'REQUEST' | 'CANCEL',
    now = new Date(),
    locale: Locale = DEFAULT_LOCALE,
  ): string {
    const host = new URL(this.config.PUBLIC_URL).hostname;
    const organizer = parseAddress(this.config.MAIL_FROM);
    const calendar = ical({
      prodId: { company: 'coord-platform', product: 'meetings', language: locale.toUpperCase() },
      method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
      timezone: {
        name: null as unknown as string,
        generator: (zone: string) => vtimezone(zone, meeting.startsAt, meeting.endsAt),
      },
    });
    const url = new URL(meetingLinkPath(meeting.id), this.config.PUBLIC_URL).toString();
    const cancelled = method === 'CANCEL';
    calendar.createEvent({
      id: `${meeting.id}@${host}`,
      sequence: meeting.sequence,
      start: new TZDate(meeting.startsAt.getTime(), meeting.timezone),
      end: new TZDate(meeting.endsAt.getTime(), meeting.timezone),
      timezone: meeting.timezone,
      stamp: now,
      summary: meeting.title,
      location: meeting.location ?? meeting.onlineUrl ?? undefined,
      description: [
        meeting.onlineUrl ? t(locale, 'calendar.join', { link: meeting.onlineUrl }) : null,
        t(locale, 'calendar.answerOnPlatform', { link: url }),
      ]
        .filter(Boolean)
        .join('\n'),
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer,
      attendees: [
        {
          email: to.email,
          name: to.name,
          rsvp: false,
          status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.NEEDSACTION,
        },
      ],
    });
    return calendar.toString();
  }
}

/** "Name <address>" or a bare address, as MAIL_FROM is written. */
function parseAddress(value: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  return match ? { name: match[1] || match[2], email: match[2] } : { name: value.trim(), email: value.trim() };
}
