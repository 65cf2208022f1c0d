import { Inject, Injectable } from '@nestjs/common';
import { coveredAlternateSql, isUuid } from '@coord/registry';
import { DataSource, EntityManager, In } from 'typeorm';
import { AgendaItem, Meeting } from './meeting.entity';
import { Participant } from './participant.entity';
import { Minutes } from './minutes.entity';
import { Decision } from './decision.entity';

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
              (SELECT count(DISTINCT ms.person_id) FROM memberships ms
                WHERE ms.body_id = mt.body_id AND ms.voting_rights
                  AND ms.starts_on <= (mt.starts_at AT TIME ZONE mt.timezone)::date
                  AND (ms.ends_on IS NULL OR ms.ends_on >= (mt.starts_at AT TIME ZONE mt.timezone)::date)
                  AND NOT ${coveredAlternateSql('ms', '(mt.starts_at AT TIME ZONE mt.timezone)::date')}) AS voting,
              (SELECT tor.quorum_fraction FROM terms_of_reference tor
                WHERE tor.body_id = mt.body_id AND tor.status = 'ADOPTED') AS quorum_fraction
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
