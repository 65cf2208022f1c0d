import { Inject, Injectable } from '@nestjs/common';
import { Connection, groupByKeys, PageArgs, paginate, toConnection } from '@coord/core';
import {
  ACTIVE_MEMBERSHIP_SQL,
  CoordinationBody,
  coveredAlternateSql,
  isUuid,
  Membership,
  Person,
} from '@coord/registry';
import { DataSource, EntityManager, In } from 'typeorm';
import { AgendaItem, Meeting } from './meeting.entity';
import { Participant } from './participant.entity';
import { Minutes } from './minutes.entity';
import { Decision } from './decision.entity';
import { MeetingStatus } from './meetings.enums';

export interface QuorumFacts {
  meetingId: string;
  /** Distinct people with voting rights on the body on the meeting's day (in its zone). */
  votingMembers: number;
  /** From the body's current adopted terms of reference, null when there is none. */
  quorumFraction: number | null;
}

export interface ParticipationCount {
  organizationId: string;
  /** Held meetings in the period to which someone representing the organization was invited. */
  meetingsInvited: number;
  /** Of those, the meetings where someone representing it was PRESENT. */
  meetingsAttended: number;
  /** Of those, the meetings where nobody representing it was PRESENT and someone was EXCUSED (apart from ABSENT). */
  meetingsExcused: number;
}

/**
 * SQL: the voting members of body `body` on the local day (in zone `zone`) of a meeting starting at `startsAt`:
 * distinct people with voting rights then, an alternate counted only while its principal does not sit.
 */
const votingMembersSql = (body: string, startsAt: string, zone: string) => {
  const day = `(${startsAt} AT TIME ZONE ${zone})::date`;
  return `(SELECT count(DISTINCT ms.person_id) FROM memberships ms
            WHERE ms.body_id = ${body} AND ms.voting_rights
              AND ms.starts_on <= ${day} AND (ms.ends_on IS NULL OR ms.ends_on >= ${day})
              AND NOT ${coveredAlternateSql('ms', day)})`;
};

/** SQL: the quorum fraction of body `body`'s adopted terms of reference (null without). */
const quorumFractionSql = (body: string) =>
  `(SELECT tor.quorum_fraction FROM terms_of_reference tor WHERE tor.body_id = ${body} AND tor.status = 'ADOPTED')`;

/** A page of each list of meetings: its size, the decoded cursor (core's `cursorAfter`) and the period. */
export interface MeetingsPage {
  first: number;
  after: [unknown, string] | null;
  from: Date | null;
  to: Date | null;
}

/**
 * What other features (actions, reminders) and this feature's loaders may read about meetings: batch
 * methods, ids in and rows out, so that each backs a DataLoader with one SQL query. Every method takes an
 * optional EntityManager to read inside the caller's transaction.
 */
@Injectable()
export class MeetingsReadService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private em(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /** A page of the scheduled meetings, not yet over at `now`, to which the person is invited; soonest first. */
  upcomingMeetingsOf(personId: string, now: Date, page: PageArgs): Promise<Connection<Meeting>> {
    const qb = this.dataSource
      .createQueryBuilder(Meeting, 'm')
      .innerJoin(Participant, 'p', 'p.meeting_id = m.id AND p.person_id = :personId', { personId })
      .where('m.status = :status', { status: MeetingStatus.SCHEDULED })
      .andWhere('m.ends_at >= :now', { now });
    return paginate(qb, page, { sortExpression: 'm.starts_at', sortValue: (m) => m.startsAt });
  }

  /**
   * The same page of meetings (soonest first, those overlapping `from`..`to` when given) of each body or each
   * series, in the order of `ids`: three queries whatever the number of lists (the page of each through a window
   * function, keyset on (starts_at, id) with core's cursors; the counts; the rows).
   */
  async meetingPages(
    of: 'body' | 'series',
    ids: readonly string[],
    page: MeetingsPage,
  ): Promise<Connection<Meeting>[]> {
    const { first, after, from, to } = page;
    const column = of === 'body' ? 'body_id' : 'series_id';
    const period = `m.${column} = ANY($1::uuid[]) AND ($2::timestamptz IS NULL OR m.ends_at >= $2)
      AND ($3::timestamptz IS NULL OR m.starts_at < $3)`;
    const params: unknown[] = [[...ids], from, to];
    const keyset = after ? ` AND (m.starts_at, m.id) > ($5::timestamptz, $6::uuid)` : '';
    const [ranked, counts] = await Promise.all([
      this.dataSource.query(
        `SELECT id FROM (SELECT m.id, row_number() OVER (PARTITION BY m.${column} ORDER BY m.starts_at, m.id) AS rn
           FROM meetings m WHERE ${period}${keyset}) x WHERE rn <= $4`,
        [...params, first + 1, ...(after ?? [])],
      ) as Promise<Array<{ id: string }>>,
      this.dataSource.query(
        `SELECT m.${column} AS list_id, count(*)::int AS n FROM meetings m WHERE ${period} GROUP BY m.${column}`,
        params,
      ) as Promise<Array<{ list_id: string; n: number }>>,
    ]);
    const rows = ranked.length
      ? await this.dataSource.manager.find(Meeting, {
          where: { id: In(ranked.map((r) => r.id)) },
          order: { startsAt: 'ASC', id: 'ASC' },
        })
      : [];
    const totals = new Map(counts.map((c) => [c.list_id, Number(c.n)]));
    const listOf = of === 'body' ? (m: Meeting) => m.bodyId : (m: Meeting) => m.seriesId!;
    return groupByKeys(ids, rows, listOf).map((meetings, i) =>
      toConnection(meetings, first, totals.get(ids[i]) ?? 0, (m) => m.startsAt),
    );
  }

  meetingsByIds(ids: readonly string[], em?: EntityManager): Promise<Meeting[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.em(em).findBy(Meeting, { id: In(valid) }) : Promise.resolve([]);
  }

  decisionsByIds(ids: readonly string[], em?: EntityManager): Promise<Decision[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.em(em).findBy(Decision, { id: In(valid) }) : Promise.resolve([]);
  }

  agendaItemsByIds(ids: readonly string[], em?: EntityManager): Promise<AgendaItem[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.em(em).findBy(AgendaItem, { id: In(valid) }) : Promise.resolve([]);
  }

  agendaOfMeetings(meetingIds: readonly string[], em?: EntityManager): Promise<AgendaItem[]> {
    if (!meetingIds.length) return Promise.resolve([]);
    return this.em(em).find(AgendaItem, { where: { meetingId: In([...meetingIds]) }, order: { position: 'ASC' } });
  }

  /**
   * participantsOfMeetings with each person's record (`personRecord`), for the participants field: their `person`
   * then costs no query of its own, and does not share (or not, by timing) a batch with other people's reads.
   */
  participantsWithPeople(meetingIds: readonly string[]): Promise<Participant[]> {
    if (!meetingIds.length) return Promise.resolve([]);
    return this.dataSource
      .createQueryBuilder(Participant, 'p')
      .innerJoinAndMapOne('p.personRecord', Person, 'person', 'person.id = p.person_id')
      .where('p.meeting_id IN (:...meetingIds)', { meetingIds })
      .orderBy('person.full_name', 'ASC')
      .addOrderBy('p.person_id', 'ASC')
      .getMany();
  }

  /** Participants ordered by the person's name, for stable lists. */
  participantsOfMeetings(meetingIds: readonly string[], em?: EntityManager): Promise<Participant[]> {
    if (!meetingIds.length) return Promise.resolve([]);
    return this.em(em)
      .createQueryBuilder(Participant, 'p')
      .innerJoin('people', 'person', 'person.id = p.person_id')
      .where('p.meeting_id IN (:...meetingIds)', { meetingIds })
      .orderBy('person.full_name', 'ASC')
      .addOrderBy('p.person_id', 'ASC')
      .getMany();
  }

  minutesOfMeetings(meetingIds: readonly string[], em?: EntityManager): Promise<Minutes[]> {
    if (!meetingIds.length) return Promise.resolve([]);
    return this.em(em).findBy(Minutes, { meetingId: In([...meetingIds]) });
  }

  decisionsOfMeetings(meetingIds: readonly string[], em?: EntityManager): Promise<Decision[]> {
    if (!meetingIds.length) return Promise.resolve([]);
    return this.em(em).find(Decision, {
      where: { meetingId: In([...meetingIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The inputs of quorum for several meetings, in one query. */
  async quorumFacts(meetingIds: readonly string[], em?: EntityManager): Promise<QuorumFacts[]> {
    if (!meetingIds.length) return [];
    const rows: Array<{ meeting_id: string; voting: string; quorum_fraction: string | null }> = await this.em(em).query(
      `SELECT mt.id AS meeting_id,
              ${votingMembersSql('mt.body_id', 'mt.starts_at', 'mt.timezone')} AS voting,
              ${quorumFractionSql('mt.body_id')} AS quorum_fraction
         FROM meetings mt WHERE mt.id = ANY($1::uuid[])`,
      [[...meetingIds]],
    );
    return rows.map((r) => ({
      meetingId: r.meeting_id,
      votingMembers: Number(r.voting),
      quorumFraction: r.quorum_fraction === null ? null : Number(r.quorum_fraction),
    }));
  }

  /**
   * What scheduling a meeting of `bodyId` reads, in one statement (inside the caller's transaction): the body, its
   * memberships active on `day` (the meeting's local day: the members to invite), and the quorum facts a meeting of
   * the body starting at `startsAt` in `timezone` has (as quorumFacts computes them). Null when there is no such body.
   */
  async bodyToSchedule(
    em: EntityManager,
    bodyId: string,
    day: string,
    startsAt: Date,
    timezone: string,
  ): Promise<{
    body: CoordinationBody;
    memberships: Membership[];
    votingMembers: number;
    quorumFraction: number | null;
  } | null> {
    if (!isUuid(bodyId)) return null;
    const { entities, raw } = await em
      .createQueryBuilder(CoordinationBody, 'b')
      .leftJoinAndMapMany('b.activeOnDay', Membership, 'm', `m.body_id = b.id AND ${ACTIVE_MEMBERSHIP_SQL}`, {
        onDate: day,
      })
      .addSelect(votingMembersSql('b.id', 'CAST(:startsAt AS timestamptz)', 'CAST(:timezone AS text)'), 'quorum_voting')
      .addSelect(quorumFractionSql('b.id'), 'quorum_fraction')
      .where('b.id = :bodyId', { bodyId, startsAt, timezone })
      .getRawAndEntities();
    const read = entities[0] as (CoordinationBody & { activeOnDay?: Membership[] }) | undefined;
    if (!read) return null;
    const { activeOnDay = [], ...body } = read;
    return {
      body: Object.assign(new CoordinationBody(), body),
      memberships: activeOnDay,
      votingMembers: Number(raw[0].quorum_voting),
      quorumFraction: raw[0].quorum_fraction === null ? null : Number(raw[0].quorum_fraction),
    };
  }

  /**
   * Participation per organization for a participation report: over the HELD meetings of `bodyIds` whose
   * local start day (in the meeting's zone) lies within [from, to] (either bound optional, YYYY-MM-DD),
   * how many meetings each organization was invited to and attended (someone representing it PRESENT).
   * Upcoming and cancelled meetings are left out so that the attendance rate is about meetings that took place.
   */
  async participationByOrganization(
    bodyIds: readonly string[],
    period: { from?: string | null; to?: string | null } = {},
    em?: EntityManager,
  ): Promise<ParticipationCount[]> {
    if (!bodyIds.length) return [];
    const rows: Array<{ organization_id: string; invited: string; attended: string; excused: string }> = await this.em(
      em,
    ).query(
      `SELECT x.organization_id, count(*) AS invited, count(*) FILTER (WHERE x.present) AS attended,
              count(*) FILTER (WHERE x.excused AND NOT x.present) AS excused
         FROM (SELECT p.organization_id, p.meeting_id, bool_or(p.attendance = 'PRESENT') AS present,
                      bool_or(p.attendance = 'EXCUSED') AS excused
                 FROM meeting_participants p JOIN meetings mt ON mt.id = p.meeting_id
                WHERE mt.body_id = ANY($1::uuid[]) AND mt.status = 'HELD' AND p.organization_id IS NOT NULL
                  AND ($2::date IS NULL OR (mt.starts_at AT TIME ZONE mt.timezone)::date >= $2::date)
                  AND ($3::date IS NULL OR (mt.starts_at AT TIME ZONE mt.timezone)::date <= $3::date)
                GROUP BY p.organization_id, p.meeting_id) x
        GROUP BY x.organization_id
        ORDER BY x.organization_id`,
      [[...bodyIds], period.from ?? null, period.to ?? null],
    );
    return rows.map((r) => ({
      organizationId: r.organization_id,
      meetingsInvited: Number(r.invited),
      meetingsAttended: Number(r.attended),
      meetingsExcused: Number(r.excused),
    }));
  }
}
