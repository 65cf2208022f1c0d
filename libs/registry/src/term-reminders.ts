import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  atLocalTime,
  Clock,
  DueReminder,
  OutboxService,
  ReminderHandlerRegistry,
  ReminderIntentInput,
  ReminderMessage,
  content,
  day,
  localizedText,
  MessageValue,
  nested,
} from '@coord/core';
import { EntityManager, In } from 'typeorm';
import { CoordinationBody } from './coordination-body.entity';
import { Membership } from './membership.entity';
import { Person } from './person.entity';
import { MemberRole, TermsOfReferenceStatus } from './registry.enums';
import { TermsOfReference } from './terms-of-reference.entity';

/**
 * Review and term reminders, through the outbox like every reminder (intent in the same transaction as the change,
 * delivered once by the worker):
 * - TOR_REVIEW_DUE: 30 days before an adopted ToR's reviewDueOn and on the day, to the body's chair, co-chair and
 *   secretariat; adopting a new version supersedes the old one and drops its reminders.
 * - MEMBERSHIP_ENDING: 30 days before a membership's endsOn (at once if that is nearer), to the member and the
 *   body's secretariat (its chair when it has none); it moves when endsOn changes, and is dropped when the person is
 *   seated again from the next day (a renewal).
 * Reminders are due at 09:00 in the body's time zone. Handlers re-read the state at delivery: a reminder whose
 * date has changed or whose ToR/membership no longer applies says nothing.
 */
export const TermReminderKind = {
  TOR_REVIEW_DUE: 'TOR_REVIEW_DUE',
  MEMBERSHIP_ENDING: 'MEMBERSHIP_ENDING',
} as const;

const TOR_SUBJECT = 'TermsOfReference';
const MEMBERSHIP_SUBJECT = 'Membership';
export const TERM_LEAD_DAYS = 30;
const LOCAL_HOUR = 9;

export const bodyLinkPath = (bodyId: string) => `/bodies/${bodyId}`;

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function at(day: string, timezone: string): Date {
  return atLocalTime(day, timezone, LOCAL_HOUR);
}

@Injectable()
export class TermReminders implements OnModuleInit {
  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(ReminderHandlerRegistry) private readonly handlers: ReminderHandlerRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.register({
      kinds: Object.values(TermReminderKind),
      messagesFor: (intent, em) => this.messagesFor(intent, em),
    });
  }

  /** After a ToR is adopted: its review reminders; the superseded version's are dropped. */
  async torAdopted(
    em: EntityManager,
    tor: TermsOfReference,
    superseded: TermsOfReference | null,
    now = this.clock.now(),
  ) {
    if (superseded) await this.outbox.cancel(em, TOR_SUBJECT, superseded.id);
    await this.outbox.cancel(em, TOR_SUBJECT, tor.id);
    if (!tor.reviewDueOn) return;
    const body = await em.findOneByOrFail(CoordinationBody, { id: tor.bodyId });
    const intents: ReminderIntentInput[] = [
      { lead: TERM_LEAD_DAYS, day: addDays(tor.reviewDueOn, -TERM_LEAD_DAYS) },
      { lead: 0, day: tor.reviewDueOn },
    ]
      .map(({ lead, day }) => ({ lead, dueAt: at(day, body.timezone) }))
      .filter(({ dueAt }) => dueAt.getTime() > now.getTime())
      .map(({ lead, dueAt }) => ({
        kind: TermReminderKind.TOR_REVIEW_DUE,
        subjectType: TOR_SUBJECT,
        subjectId: tor.id,
        dueAt,
        dedupeKey: `tor:${tor.id}:review:${lead}d:${tor.reviewDueOn}`,
        payload: { reviewDueOn: tor.reviewDueOn, lead },
      }));
    await this.outbox.scheduleMany(em, intents, { unlessDeliveredFor: 'reviewDueOn' });
  }

  /**
   * After a membership was added or its end changed: its ending reminder follows endsOn (pending ones of another
   * date are dropped), and a membership it renews (same person and body, ending the day before it starts or later)
   * has its ending reminder dropped.
   */
  async membershipChanged(em: EntityManager, membership: Membership, now = this.clock.now()) {
    await this.outbox.cancel(em, MEMBERSHIP_SUBJECT, membership.id);
    const renewed: Array<{ id: string }> = await em.query(
      `SELECT id FROM memberships WHERE body_id = $1 AND person_id = $2 AND id <> $3
          AND ends_on IS NOT NULL AND ends_on >= $4::date - 1 AND starts_on < $4::date`,
      [membership.bodyId, membership.personId, membership.id, membership.startsOn],
    );
    for (const r of renewed) await this.outbox.cancel(em, MEMBERSHIP_SUBJECT, r.id);
    if (!membership.endsOn) return;
    const body = await em.findOneByOrFail(CoordinationBody, { id: membership.bodyId });
    const end = at(membership.endsOn, body.timezone);
    if (end.getTime() <= now.getTime()) return;
    const early = at(addDays(membership.endsOn, -TERM_LEAD_DAYS), body.timezone);
    // Never twice for one end date (re-ending on the same day after the reminder went out sends nothing new).
    await this.outbox.scheduleMany(
      em,
      [
        {
          kind: TermReminderKind.MEMBERSHIP_ENDING,
          subjectType: MEMBERSHIP_SUBJECT,
          subjectId: membership.id,
          dueAt: early.getTime() > now.getTime() ? early : now,
          dedupeKey: `membership:${membership.id}:ending:${membership.endsOn}`,
          payload: { endsOn: membership.endsOn },
        },
      ],
      { unlessDeliveredFor: 'endsOn' },
    );
  }

  async messagesFor(intent: DueReminder, em: EntityManager): Promise<ReminderMessage[]> {
    return intent.kind === TermReminderKind.TOR_REVIEW_DUE
      ? this.torMessages(intent, em)
      : this.membershipMessages(intent, em);
  }

  /** Who holds which role on the body today (UTC, as the policy reads memberships). */
  private async seated(em: EntityManager, bodyId: string): Promise<Membership[]> {
    const today = this.clock.now().toISOString().slice(0, 10);
    return em
      .createQueryBuilder(Membership, 'm')
      .where('m.body_id = :bodyId AND m.starts_on <= :today AND (m.ends_on IS NULL OR m.ends_on >= :today)', {
        bodyId,
        today,
      })
      .getMany();
  }

  private async torMessages(intent: DueReminder, em: EntityManager): Promise<ReminderMessage[]> {
    const tor = await em.findOneBy(TermsOfReference, { id: intent.subjectId });
    if (!tor || tor.status !== TermsOfReferenceStatus.ADOPTED || tor.reviewDueOn !== intent.payload.reviewDueOn) {
      return [];
    }
    const body = await em.findOneByOrFail(CoordinationBody, { id: tor.bodyId });
    const managers = (await this.seated(em, body.id)).filter((m) =>
      [MemberRole.CHAIR, MemberRole.CO_CHAIR, MemberRole.SECRETARIAT].includes(m.role),
    );
    const onTheDay = Number(intent.payload.lead) === 0;
    // Catalog messages, rendered in each manager's language at delivery (the body's name translated, days spelt out).
    const values: Record<string, MessageValue> = {
      name: body.acronym || content('COORDINATION_BODY', body.id, 'name', body.name),
      body: content('COORDINATION_BODY', body.id, 'name', body.name),
      version: tor.version,
      reviewDueOn: tor.reviewDueOn ? day(tor.reviewDueOn) : null,
      days: TERM_LEAD_DAYS,
    };
    const key = onTheDay ? 'term.torReviewToday' : 'term.torReviewSoon';
    const text = localizedText({ key: `${key}.title`, values }, [{ key: `${key}.body`, values }]);
    return [...new Set(managers.map((m) => m.personId))].map((personId) => ({
      personId,
      kind: TermReminderKind.TOR_REVIEW_DUE,
      ...text,
      linkPath: bodyLinkPath(body.id),
    }));
  }

  private async membershipMessages(intent: DueReminder, em: EntityManager): Promise<ReminderMessage[]> {
    const membership = await em.findOneBy(Membership, { id: intent.subjectId });
    if (!membership || !membership.endsOn || membership.endsOn !== intent.payload.endsOn) return [];
    const renewed = await em.query(
      `SELECT 1 FROM memberships WHERE body_id = $1 AND person_id = $2 AND id <> $3 AND starts_on > $4::date - 1
         AND starts_on <= $4::date + 1`,
      [membership.bodyId, membership.personId, membership.id, membership.endsOn],
    );
    if (renewed.length) return [];
    const body = await em.findOneByOrFail(CoordinationBody, { id: membership.bodyId });
    const seated = await this.seated(em, body.id);
    const secretariat = seated.filter((m) => m.role === MemberRole.SECRETARIAT);
    const managers = secretariat.length
      ? secretariat
      : seated.filter((m) => m.role === MemberRole.CHAIR || m.role === MemberRole.CO_CHAIR);
    const people = await em.findBy(Person, { id: In([membership.personId]) });
    // Catalog messages, rendered in each recipient's language at delivery (the role named in it, days spelt out).
    const values: Record<string, MessageValue> = {
      member: people[0]?.fullName ?? nested('term.aMember'),
      name: body.acronym || content('COORDINATION_BODY', body.id, 'name', body.name),
      body: content('COORDINATION_BODY', body.id, 'name', body.name),
      role: nested('term.role', { role: membership.role }),
      endsOn: membership.endsOn ? day(membership.endsOn) : null,
    };
    const messages: ReminderMessage[] = [
      {
        personId: membership.personId,
        kind: TermReminderKind.MEMBERSHIP_ENDING,
        ...localizedText({ key: 'term.ownMembershipEnding.title', values }, [
          { key: 'term.ownMembershipEnding.body', values },
        ]),
        linkPath: bodyLinkPath(body.id),
      },
    ];
    for (const personId of new Set(managers.map((m) => m.personId))) {
      if (personId === membership.personId) continue;
      messages.push({
        personId,
        kind: TermReminderKind.MEMBERSHIP_ENDING,
        ...localizedText({ key: 'term.membershipEnding.title', values }, [
          { key: 'term.membershipEnding.body', values },
        ]),
        linkPath: bodyLinkPath(body.id),
      });
    }
    return messages;
  }
}
