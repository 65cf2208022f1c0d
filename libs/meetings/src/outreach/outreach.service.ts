import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  AuthUser,
  badInput,
  BodyAction,
  conflict,
  isAdmin,
  MutationService,
  notFound,
  PolicyService,
  RequestMemo,
  requirePeriod,
  msg,
  todayIn,
} from '@coord/core';
import { isUuid, RegistryReadService } from '@coord/registry';
import { DataSource, EntityManager } from 'typeorm';
import { Meeting } from '../meeting.entity';
import { Participant } from '../participant.entity';
import { MeetingsAccessService } from '../meetings-access';
import { MeetingKind, MeetingStatus } from '../meetings.enums';
import { AgeBand, OutreachReachCount, ReachCountInput, ReachDimension, ReachRow, SexCategory } from './outreach.types';
import { suppressCube } from './suppression';

const MAX_ENTRIES = 1000;

/**
 * People reached by outreach meetings, as aggregates only (sex, age band, locality). The body's managers record
 * them for a held OUTREACH meeting; readers of the body see sums across the hierarchy, with small-cell and
 * complementary suppression (suppression.ts) unless they manage the body asked about.
 */
@Injectable()
export class OutreachService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(MeetingsAccessService) private readonly access: MeetingsAccessService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
  ) {}

  async record(actor: Actor<AuthUser>, meetingId: string, entries: ReachCountInput[]): Promise<Meeting> {
    if (entries.length > MAX_ENTRIES) throw badInput(`entries takes at most ${MAX_ENTRIES} counts`, 'entries');
    const seen = new Map<string, number>();
    const rows = entries.map((e, i) => {
      const locality = e.locality.trim();
      if (!locality)
        throw badInput(msg('error.meetings.outreach.entriesLocalityNameWard', { i }), `entries[${i}].locality`);
      const key = `${e.sex}|${e.ageBand}|${locality.toLowerCase()}`;
      if (seen.has(key)) {
        throw badInput(
          msg('error.meetings.outreach.entriesRepeatsEntriesSame', { i, get: seen.get(key) }),
          `entries[${i}]`,
        );
      }
      seen.set(key, i);
      return { meetingId, sex: e.sex, ageBand: e.ageBand, locality, count: e.count };
    });
    return this.mutations.run(actor, async (em) => {
      const meeting = isUuid(meetingId)
        ? await em.findOne(Meeting, { where: { id: meetingId }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!meeting) throw notFound('Meeting', meetingId);
      const access = await this.access.access(
        actor.user,
        meeting,
        async () =>
          !!actor.user.personId &&
          (await em.exists(Participant, { where: { meetingId: meeting.id, personId: actor.user.personId } })),
      );
      this.access.requireManage(access, meetingId, actor.user);
      if (meeting.kind !== MeetingKind.OUTREACH) {
        throw badInput(
          msg('error.meetings.outreach.reachRecordedOutreachMeetings', { kind: meeting.kind }),
          'meetingId',
        );
      }
      if (meeting.status !== MeetingStatus.HELD) {
        throw conflict(msg('error.meetings.outreach.reachRecordedOnceMeeting', { status: meeting.status }), {
          field: 'meetingId',
        });
      }
      const before = await this.totalOf(em, meeting.id);
      await em.delete(OutreachReachCount, { meetingId: meeting.id });
      if (rows.length) await em.insert(OutreachReachCount, rows);
      await this.mutations.audit(em, actor, {
        action: 'meeting.recordOutreachReach',
        entityType: 'Meeting',
        entityId: meeting.id,
        // Aggregates only: the total reached and the number of cells, never a breakdown worth re-identifying.
        changes: {
          reachTotal: [before.total, rows.reduce((n, r) => n + r.count, 0)],
          reachCells: [before.cells, rows.length],
        },
      });
      return meeting;
    });
  }

  private async totalOf(em: EntityManager, meetingId: string) {
    const [row] = await em.query(
      `SELECT coalesce(sum(count), 0)::int AS total, count(*)::int AS cells FROM outreach_reach WHERE meeting_id = $1`,
      [meetingId],
    );
    return row as { total: number; cells: number };
  }

  /** Reach of one meeting (every combination), suppressed for readers who do not manage its body. */
  async ofMeetings(user: AuthUser | null, meetings: Meeting[], memo?: RequestMemo): Promise<ReachRow[][]> {
    const ids = meetings.map((m) => m.id);
    if (!ids.length) return [];
    const rows: Array<{ meeting_id: string; sex: SexCategory; age_band: AgeBand; locality: string; count: number }> =
      await this.dataSource.query(
        `SELECT meeting_id, sex, age_band, locality, count FROM outreach_reach WHERE meeting_id = ANY($1::uuid[])
          ORDER BY meeting_id, sex, age_band, locality_key`,
        [ids],
      );
    const result: ReachRow[][] = [];
    for (const meeting of meetings) {
      const mine = rows.filter((r) => r.meeting_id === meeting.id);
      const manages = await this.policy.can(user, BodyAction.MANAGE, meeting.bodyId, memo);
      const keys = mine.map((r) => [r.sex, r.age_band, r.locality.trim().toLowerCase()]);
      const cube = manages ? null : suppressCube(mine.map((r, i) => ({ key: keys[i], count: r.count })));
      const hidden = keys.map((key) => !!cube?.hidden([0, 1, 2], key));
      result.push(
        mine.map((r, i) => ({
          sex: r.sex,
          ageBand: r.age_band,
          locality: r.locality,
          bodyId: null,
          count: hidden[i] ? null : r.count,
          suppressed: hidden[i],
        })),
      );
    }
    return result;
  }

  /**
   * Sums over held OUTREACH meetings of the body (and, by default, the bodies beneath it that the reader may read)
   * in [from, to] (days in the meeting's zone), grouped by `groupBy`. One query.
   */
  async reach(
    user: AuthUser | null,
    args: {
      bodyId: string;
      includeSubBodies?: boolean | null;
      from?: string | null;
      to?: string | null;
      groupBy: ReachDimension[];
    },
    memo?: RequestMemo,
  ): Promise<ReachRow[]> {
    await this.policy.require(user, BodyAction.READ, args.bodyId, memo);
    requirePeriod(args.from, args.to);
    const dims = [...new Set(args.groupBy)];
    const manages = await this.policy.can(user, BodyAction.MANAGE, args.bodyId, memo);
    const scope =
      (args.includeSubBodies ?? true) ? `m.body_id IN (${RegistryReadService.subtreeSql('$1')})` : 'm.body_id = $1';
    const readable = isAdmin(user)
      ? 'TRUE'
      : user?.personId
        ? `(b.is_public OR b.id IN (WITH RECURSIVE readable(id) AS (
             SELECT vm.body_id FROM memberships vm WHERE vm.person_id = $4
               AND vm.starts_on <= $5::date AND (vm.ends_on IS NULL OR vm.ends_on >= $5::date)
             UNION SELECT cb.id FROM coordination_bodies cb JOIN readable r ON cb.parent_id = r.id
           ) SELECT id FROM readable))`
        : 'b.is_public';
    const params: unknown[] = [args.bodyId, args.from ?? null, args.to ?? null];
    if (user?.personId && !isAdmin(user)) params.push(user.personId, todayIn('UTC'));
    // The finest cells (every dimension), summed here into the grouping asked for: suppression is decided on the
    // whole cube, so that every grouping of the same data hides consistently.
    const fine: Array<{
      sex: string;
      age_band: string;
      locality_key: string;
      locality: string;
      body_id: string;
      n: number;
    }> = await this.dataSource.query(
      `SELECT r.sex, r.age_band, r.locality_key, min(btrim(r.locality)) AS locality, m.body_id::text AS body_id,
                sum(r.count)::int AS n
           FROM outreach_reach r
           JOIN meetings m ON m.id = r.meeting_id
           JOIN coordination_bodies b ON b.id = m.body_id
          WHERE m.kind = 'OUTREACH' AND m.status = 'HELD' AND ${scope} AND ${readable}
            AND ($2::date IS NULL OR (m.starts_at AT TIME ZONE m.timezone)::date >= $2::date)
            AND ($3::date IS NULL OR (m.starts_at AT TIME ZONE m.timezone)::date <= $3::date)
          GROUP BY r.sex, r.age_band, r.locality_key, m.body_id`,
      params,
    );
    const ALL = [ReachDimension.SEX, ReachDimension.AGE_BAND, ReachDimension.LOCALITY, ReachDimension.BODY];
    const keyOf = (r: (typeof fine)[number]) => [r.sex, r.age_band, r.locality_key, r.body_id];
    const cube = manages ? null : suppressCube(fine.map((r) => ({ key: keyOf(r), count: r.n })));
    const dimIndexes = dims.map((d) => ALL.indexOf(d));
    const groups = new Map<string, { values: string[]; locality: string | null; n: number }>();
    for (const r of fine) {
      const values = dimIndexes.map((d) => keyOf(r)[d]);
      const k = JSON.stringify(values);
      const group = groups.get(k) ?? { values, locality: null, n: 0 };
      group.n += r.n;
      if (group.locality === null || r.locality < group.locality) group.locality = r.locality;
      groups.set(k, group);
    }
    const sorted = [...groups.values()].sort((a, b) => {
      for (let i = 0; i < a.values.length; i++) {
        const c = a.values[i].localeCompare(b.values[i]);
        if (c) return c;
      }
      return 0;
    });
    return sorted.map((g) => {
      const hidden = !!cube?.hidden(dimIndexes, g.values);
      const value = (d: ReachDimension) => {
        const at = dims.indexOf(d);
        return at < 0 ? null : g.values[at];
      };
      return {
        sex: value(ReachDimension.SEX) as SexCategory | null,
        ageBand: value(ReachDimension.AGE_BAND) as AgeBand | null,
        locality: dims.includes(ReachDimension.LOCALITY) ? g.locality : null,
        bodyId: value(ReachDimension.BODY),
        count: hidden ? null : g.n,
        suppressed: hidden,
      };
    });
  }
}
