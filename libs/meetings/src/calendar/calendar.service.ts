import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  AppConfig,
  AuthUser,
  DEFAULT_LOCALE,
  forbidden,
  isAmbiguousLocalTime,
  Locale,
  msg,
  MutationService,
  notFound,
  t,
  toLocale,
} from '@coord/core';
import { TZDate } from '@date-fns/tz';
import { CoordinationBody, isUuid } from '@coord/registry';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { meetingLinkPath } from '../meeting-reminders';
import { Meeting } from '../meeting.entity';
import { MeetingStatus } from '../meetings.enums';
import { CalendarFeed } from '../meetings.types';
import { Participant } from '../participant.entity';
import { CalendarFeedToken } from './calendar-feed-token.entity';
import { cancellationReason } from '../series/series-texts';
import { vtimezone } from './vtimezone';

/** How far back feeds go: a year of history is enough for a calendar, and keeps feeds small. */
const HISTORY_MS = 366 * 24 * 3600 * 1000;
/** Upper bound of past events per feed: every upcoming meeting is listed, then the latest past ones up to this. */
const MAX_EVENTS = 1000;

export const hashFeedToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * iCalendar feeds of meetings (ical-generator): a body's feed and a person's personal feed behind a secret,
 * revocable token (only its hash is stored). Event UIDs are stable (`<meeting id>@<host>`), SEQUENCE is the
 * meeting's change counter, cancelled meetings stay in the feed with STATUS:CANCELLED so that subscribed
 * calendars remove them, and times are written in the meeting's zone with its VTIMEZONE (in UTC when that local
 * time is ambiguous). Every upcoming meeting is listed, and up to MAX_EVENTS of the past year.
 */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private get host(): string {
    return new URL(this.config.PUBLIC_URL).hostname;
  }

  /**
   * `withJoinLinks`: the meetings' online links are for the body's members, managers and invitees only; a public
   * body's feed read by anyone else leaves them out.
   */
  async bodyFeed(
    body: CoordinationBody,
    now = new Date(),
    withJoinLinks = false,
    locale: Locale = DEFAULT_LOCALE,
  ): Promise<string> {
    const meetings = await this.feedMeetings(
      () => this.dataSource.createQueryBuilder(Meeting, 'm').where('m.body_id = :bodyId', { bodyId: body.id }),
      now,
    );
    if (!withJoinLinks) for (const m of meetings) m.onlineUrl = null;
    return this.render(body.acronym ? `${body.acronym}: ${body.name}` : body.name, meetings, now, locale);
  }

  /** The personal feed's text, or null when the token is unknown or revoked. */
  async personalFeed(token: string, now = new Date()): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const feed = await this.dataSource.manager.findOne(CalendarFeedToken, {
      where: { tokenHash: hashFeedToken(token) },
    });
    if (!feed || feed.revokedAt) return null;
    // The feed lives no longer than its sign-in: a disabled or erased user's URL (or one whose sign-in now
    // belongs to another person) no longer lists meetings.
    const owner: Array<{ locale: string }> = await this.dataSource.query(
      `SELECT locale FROM users WHERE id = $1 AND person_id = $2 AND disabled_at IS NULL`,
      [feed.userId, feed.personId],
    );
    if (!owner.length) return null;
    const meetings = await this.feedMeetings(
      () =>
        this.dataSource
          .createQueryBuilder(Meeting, 'm')
          .innerJoin(Participant, 'p', 'p.meeting_id = m.id AND p.person_id = :personId', {
            personId: feed.personId,
          })
          .where('TRUE'),
      now,
    );
    await this.dataSource.manager.update(CalendarFeedToken, { id: feed.id }, { lastUsedAt: now });
    // In the feed owner's language (users.locale): the calendar app fetches it without any Accept-Language of theirs.
    const locale = toLocale(owner[0].locale);
    return this.render(t(locale, 'calendar.myMeetings'), meetings, now, locale);
  }

  /**
   * The meetings of a feed (`base` selects them, alias m): every one not yet over, then the latest of the past
   * year up to MAX_EVENTS. A subscribed calendar needs what is coming; old history is what may be cut.
   */
  private async feedMeetings(base: () => SelectQueryBuilder<Meeting>, now: Date): Promise<Meeting[]> {
    const upcoming = await base()
      .andWhere('m.ends_at >= :now', { now })
      .orderBy('m.starts_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
    const past = await base()
      .andWhere('m.ends_at < :now AND m.ends_at >= :since', { now, since: new Date(now.getTime() - HISTORY_MS) })
      .orderBy('m.starts_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(MAX_EVENTS)
      .getMany();
    return [...past.reverse(), ...upcoming];
  }

  private render(name: string, meetings: Meeting[], now: Date, locale: Locale): string {
    const first = meetings[0]?.startsAt ?? now;
    const last = meetings[meetings.length - 1]?.endsAt ?? now;
    const calendar = ical({
      name,
      prodId: { company: 'coord-platform', product: 'meetings', language: locale.toUpperCase() },
      method: ICalCalendarMethod.PUBLISH,
      ttl: 3600,
      timezone: { name: null as unknown as string, generator: (zone: string) => vtimezone(zone, first, last) },
    });
    for (const m of meetings) {
      const url = new URL(meetingLinkPath(m.id), this.config.PUBLIC_URL).toString();
      const description = [
        m.cancelReason ? t(locale, 'calendar.cancelledReason', { reason: cancellationReason(m.cancelReason) }) : null,
        m.onlineUrl ? t(locale, 'calendar.join', { link: m.onlineUrl }) : null,
        url,
      ]
        .filter(Boolean)
        .join('\n');
      // A local time that occurs twice (the repeated hour of a fall-back night) names no single instant: clients
      // take the first. Such events are written in UTC, which every client reads right.
      const inUtc = isAmbiguousLocalTime(m.timezone, m.startsAt) || isAmbiguousLocalTime(m.timezone, m.endsAt);
      calendar.createEvent({
        id: `${m.id}@${this.host}`,
        sequence: m.sequence,
        start: inUtc ? new Date(m.startsAt.getTime()) : new TZDate(m.startsAt.getTime(), m.timezone),
        end: inUtc ? new Date(m.endsAt.getTime()) : new TZDate(m.endsAt.getTime(), m.timezone),
        timezone: inUtc ? null : m.timezone,
        stamp: now,
        lastModified: m.updatedAt,
        summary:
          m.status === MeetingStatus.CANCELLED ? t(locale, 'calendar.cancelledSummary', { title: m.title }) : m.title,
        location: m.location ?? m.onlineUrl ?? undefined,
        description,
        url,
        status: m.status === MeetingStatus.CANCELLED ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
    return calendar.toString();
  }

  /** A new personal feed; the token is returned once, inside the URL, and stored only as a hash. */
  async createFeed(actor: Actor<AuthUser>): Promise<CalendarFeed> {
    const { user } = actor;
    if (!user.personId) {
      throw forbidden(msg('error.meetings.calendar.yourSignNotLinked'));
    }
    const token = randomBytes(32).toString('base64url');
    return this.mutations.run(actor, async (em) => {
      const feed = await em.save(
        em.create(CalendarFeedToken, {
          userId: user.id,
          personId: user.personId!,
          tokenHash: hashFeedToken(token),
          revokedAt: null,
        }),
      );
      await this.mutations.audit(em, actor, {
        action: 'calendarFeed.create',
        entityType: 'CalendarFeed',
        entityId: feed.id,
        changes: { personId: [null, user.personId] },
      });
      return {
        id: feed.id,
        url: new URL(`/calendar/feeds/${token}.ics`, this.config.PUBLIC_URL).toString(),
        createdAt: feed.createdAt,
        revokedAt: null,
      };
    });
  }

  async revokeFeed(actor: Actor<AuthUser>, id: string): Promise<CalendarFeed> {
    const { user } = actor;
    return this.mutations.run(actor, async (em) => {
      const feed = isUuid(id)
        ? await em.findOne(CalendarFeedToken, { where: { id, userId: user.id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!feed) throw notFound('Calendar feed', id);
      if (!feed.revokedAt) {
        feed.revokedAt = new Date();
        await em.save(feed);
        await this.mutations.audit(em, actor, {
          action: 'calendarFeed.revoke',
          entityType: 'CalendarFeed',
          entityId: feed.id,
          changes: { revokedAt: [null, feed.revokedAt.toISOString()] },
        });
      }
      return { id: feed.id, url: null, createdAt: feed.createdAt, revokedAt: feed.revokedAt };
    });
  }

  async myFeeds(user: AuthUser): Promise<CalendarFeed[]> {
    const feeds = await this.dataSource.manager.find(CalendarFeedToken, {
      where: { userId: user.id },
      order: { createdAt: 'DESC' },
    });
    return feeds.map((f) => ({ id: f.id, url: null, createdAt: f.createdAt, revokedAt: f.revokedAt }));
  }
}
