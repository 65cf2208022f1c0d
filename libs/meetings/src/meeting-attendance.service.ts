import { Inject, Injectable } from '@nestjs/common';
import { Actor, badInput, Clock, conflict, forbidden, msg, MutationService, notFound } from '@coord/core';
import { isUuid, Membership, Person, RegistryReadService } from '@coord/registry';
import { EntityManager, In } from 'typeorm';
import { MeetingAlternates } from './alternates/meeting-alternates';
import { MeetingLocks } from './meeting-locks';
import { MeetingReminderPlanner } from './meeting-reminders';
import { localDay } from '@coord/core';
import { Meeting } from './meeting.entity';
import { AttendanceInput } from './meeting.inputs';
import { AttendanceStatus, MeetingStatus, MinutesStatus, Rsvp } from './meetings.enums';
import { Minutes } from './minutes.entity';
import { Participant } from './participant.entity';

/** Who takes part: invitations, answers to them, and attendance (which makes the meeting HELD). */
@Injectable()
export class MeetingAttendanceService {
  constructor(
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(MeetingLocks) private readonly locks: MeetingLocks,
    @Inject(MeetingReminderPlanner) private readonly reminders: MeetingReminderPlanner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MeetingAlternates) private readonly alternates: MeetingAlternates,
  ) {}

  /**
   * Members active on the meeting's day (unless not wanted) plus the extra invitees, as participants of a new meeting
   * (which has none yet). `activeMemberships`: the body's memberships active on the meeting's day when the caller has
   * read them already. Returns the participants written, ordered as the meeting's `participants` field lists them.
   */
  async invite(
    em: EntityManager,
    meeting: Meeting,
    inviteMembers: boolean,
    extraIds: string[],
    activeMemberships?: Membership[],
  ): Promise<Participant[]> {
    const { memberships, rows: extras } = await this.participantRows(
      em,
      meeting,
      extraIds,
      'extraInviteePersonIds',
      activeMemberships,
    );
    const rows = new Map<string, Partial<Participant>>();
    // An alternate whose principal sits that day is invited only if the principal sends regrets (alternates/).
    const seated = new Set(memberships.map((m) => m.id));
    const covering = (m: { alternateForMembershipId: string | null }) =>
      !!m.alternateForMembershipId && seated.has(m.alternateForMembershipId);
    if (inviteMembers) {
      for (const m of memberships.filter((m) => !covering(m))) {
        rows.set(m.personId, {
          personId: m.personId,
          organizationId: m.organizationId,
          isMember: true,
          voting: m.votingRights,
        });
      }
    }
    for (const row of extras) if (!rows.has(row.personId!)) rows.set(row.personId!, row);
    if (!rows.size) return [];
    const invited = [...rows.values()];
    // Written and returned in one statement, ordered as MeetingsReadService.participantsOfMeetings orders them.
    const written: Array<{
      meeting_id: string;
      person_id: string;
      organization_id: string | null;
      is_member: boolean;
      voting: boolean;
      rsvp: Rsvp;
      responded_at: Date | null;
      attendance: AttendanceStatus | null;
      standing_in_for_person_id: string | null;
    }> = await em.query(
      `WITH added AS (
         INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting, rsvp, attendance)
         SELECT $1::uuid, x.person_id, x.organization_id, x.is_member, x.voting, $2::text, NULL
           FROM unnest($3::uuid[], $4::uuid[], $5::boolean[], $6::boolean[]) AS x(person_id, organization_id, is_member, voting)
         RETURNING meeting_id, person_id, organization_id, is_member, voting, rsvp, responded_at, attendance,
                   standing_in_for_person_id)
       SELECT added.* FROM added INNER JOIN people person ON person.id = added.person_id
        ORDER BY person.full_name ASC, added.person_id ASC`,
      [
        meeting.id,
        Rsvp.INVITED,
        invited.map((r) => r.personId),
        invited.map((r) => r.organizationId ?? null),
        invited.map((r) => r.isMember),
        invited.map((r) => r.voting),
      ],
    );
    return written.map((r) =>
      Object.assign(new Participant(), {
        meetingId: r.meeting_id,
        personId: r.person_id,
        organizationId: r.organization_id,
        isMember: r.is_member,
        voting: r.voting,
        rsvp: r.rsvp,
        respondedAt: r.responded_at,
        attendance: r.attendance,
        standingInForPersonId: r.standing_in_for_person_id,
      }),
    );
  }

  /**
   * Participant rows for people of the registry (unknown or erased ones refused, naming `field`): a member active
   * on the meeting's day represents their membership's organization and keeps its voting right; anyone else is a
   * guest representing their own organization.
   */
  private async participantRows(
    em: EntityManager,
    meeting: Meeting,
    personIds: string[],
    field: string,
    activeMemberships?: Membership[],
  ) {
    const memberships =
      activeMemberships ??
      (await this.registry.activeMemberships([meeting.bodyId], localDay(meeting.startsAt, meeting.timezone), em));
    const wanted = [...new Set(personIds)];
    const people: Person[] = await this.registry.peopleByIds(wanted, em);
    const found = new Set(people.map((p) => p.id));
    const unknown = wanted.filter((id) => !found.has(id));
    if (unknown.length) {
      throw badInput(msg('error.meetings.noPersonIdInvite', { unknown: unknown.join(', ') }), field);
    }
    const erased = people.filter((p) => p.erasedAt);
    if (erased.length) {
      throw badInput(
        msg('error.meetings.wasErasedCannotInvited', { erased: erased.map((p) => p.id).join(', ') }),
        field,
      );
    }
    const membershipOf = new Map(memberships.map((m) => [m.personId, m]));
    // An alternate covering a principal seated that day has no vote of their own (the seat votes once).
    const seated = new Set(memberships.map((m) => m.id));
    const rows: Array<Partial<Participant>> = people.map((person) => {
      const m = membershipOf.get(person.id);
      const covering = !!m?.alternateForMembershipId && seated.has(m.alternateForMembershipId);
      return m
        ? { personId: person.id, organizationId: m.organizationId, isMember: true, voting: m.votingRights && !covering }
        : { personId: person.id, organizationId: person.organizationId, isMember: false, voting: false };
    });
    return { memberships, rows };
  }

  /** Managers invite more people to a scheduled meeting; those already invited are left as they are. */
  async addInvitees(actor: Actor, meetingId: string, personIds: string[], now = this.clock.now()): Promise<Meeting> {
    if (!personIds.length) throw badInput(msg('error.meetings.nameLeastOnePerson'), 'personIds');
    if (personIds.length > 1000) throw badInput(msg('error.meetings.inviteMost1000People'), 'personIds');
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lockForManage(em, actor, meetingId);
      this.locks.requireChangeable(meeting);
      const { rows } = await this.participantRows(em, meeting, personIds, 'personIds');
      const already = new Set(
        (await em.findBy(Participant, { meetingId, personId: In(rows.map((r) => r.personId!)) })).map(
          (p) => p.personId,
        ),
      );
      const added = rows.filter((r) => !already.has(r.personId!));
      if (!added.length) return meeting;
      await em.insert(
        Participant,
        added.map((r) => ({ ...r, meetingId, rsvp: Rsvp.INVITED, attendance: null })),
      );
      const addedIds = added.map((r) => r.personId!);
      await this.mutations.audit(em, actor, {
        action: 'meeting.addInvitees',
        entityType: 'Meeting',
        entityId: meetingId,
        changes: { invitees: [null, addedIds] },
      });
      await this.reminders.onInviteesAdded(em, meeting, addedIds, now);
      return meeting;
    });
  }

  /** Managers record an invitee's answer given by phone or in person, while the meeting is scheduled. */
  async setRsvp(actor: Actor, meetingId: string, personId: string, rsvp: Rsvp): Promise<Participant> {
    if (rsvp === Rsvp.INVITED) throw badInput(msg('error.meetings.recordAcceptedDeclinedTentative'), 'rsvp');
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lockForManage(em, actor, meetingId);
      const participant = isUuid(personId) ? await em.findOne(Participant, { where: { meetingId, personId } }) : null;
      if (!participant) {
        throw badInput(msg('error.meetings.notInvitedMeetingInvite', { personId }), 'personId');
      }
      if (meeting.status !== MeetingStatus.SCHEDULED) {
        throw conflict(msg('error.meetings.meetingInvitationsNoLonger', { status: meeting.status.toLowerCase() }));
      }
      const before = participant.rsvp;
      participant.rsvp = rsvp;
      participant.respondedAt = this.clock.now();
      await em.update(Participant, { meetingId, personId }, { rsvp, respondedAt: participant.respondedAt });
      await this.mutations.audit(em, actor, {
        action: 'meeting.setRsvp',
        entityType: 'Participant',
        entityId: meetingId,
        changes: {
          personId: [personId, personId],
          rsvp: [before, rsvp],
        },
      });
      return participant;
    });
  }

  async respond(actor: Actor, meetingId: string, rsvp: Rsvp): Promise<Participant> {
    const personId = actor.user?.personId;
    if (rsvp === Rsvp.INVITED) throw badInput(msg('error.meetings.answerAcceptedDeclinedTentative'), 'rsvp');
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lock(em, meetingId);
      const access = await this.locks.accessTo(actor.user, meeting, undefined, em);
      if (!access.read) throw notFound('Meeting', meetingId);
      if (!personId) throw forbidden(msg('error.meetings.yourSignNotLinked'));
      const participant = await em.findOne(Participant, { where: { meetingId, personId } });
      if (!participant) throw forbidden(msg('error.meetings.inviteesAnswerInvitationEach'));
      if (meeting.status !== MeetingStatus.SCHEDULED) {
        throw conflict(msg('error.meetings.meetingInvitationsNoLonger', { status: meeting.status.toLowerCase() }));
      }
      const before = participant.rsvp;
      participant.rsvp = rsvp;
      participant.respondedAt = this.clock.now();
      await em.update(Participant, { meetingId, personId }, { rsvp, respondedAt: participant.respondedAt });
      await this.mutations.audit(em, actor, {
        action: 'meeting.respond',
        entityType: 'Participant',
        entityId: meetingId,
        changes: {
          personId: [personId, personId],
          rsvp: [before, rsvp],
        },
      });
      await this.alternates.onRsvp(em, actor, meeting, personId, before, rsvp, this.clock.now());
      return participant;
    });
  }

  async recordAttendance(actor: Actor, meetingId: string, entries: AttendanceInput[], now = this.clock.now()) {
    if (!entries.length) throw badInput(msg('error.meetings.giveLeastOneAttendance'), 'entries');
    const ids = entries.map((e) => e.personId);
    if (new Set(ids).size !== ids.length) throw badInput(msg('error.meetings.eachPersonMayAppear'), 'entries');
    return this.mutations.run(actor, async (em) => {
      const meeting = await this.locks.lockForManage(em, actor, meetingId);
      if (meeting.status === MeetingStatus.CANCELLED) {
        throw conflict(msg('error.meetings.meetingWasCancelledAttendance'));
      }
      if (meeting.startsAt.getTime() > now.getTime()) {
        throw badInput(
          msg('error.meetings.attendanceRecordedOnceMeeting', { startsAt: meeting.startsAt.toISOString() }),
          'meetingId',
        );
      }
      const participants = await em.findBy(Participant, { meetingId });
      participants.push(...(await this.alternates.standInForAbsent(em, actor, meeting, entries, now)));
      const byPerson = new Map(participants.map((p) => [p.personId, p]));
      const changes: Record<string, [unknown, unknown]> = {};
      // Walk-ins: people present who were not invited join as participants (a member of the body on the meeting's
      // day with their seat, anyone else as a guest representing their own organization). The primary key keeps
      // each person once however often attendance is recorded.
      const walkIns = ids.filter((id) => !byPerson.has(id));
      if (walkIns.length) {
        const { rows } = await this.participantRows(em, meeting, walkIns, 'entries');
        await em.insert(
          Participant,
          rows.map((r) => ({ ...r, meetingId, rsvp: Rsvp.INVITED, attendance: null })),
        );
        for (const r of rows) byPerson.set(r.personId!, { ...(r as Participant), attendance: null });
        changes.walkIns = [null, rows.map((r) => r.personId)];
      }
      for (const group of Object.values(AttendanceStatus)) {
        const personIds = entries.filter((e) => e.attendance === group).map((e) => e.personId);
        if (personIds.length) {
          await em.update(Participant, { meetingId, personId: In(personIds) }, { attendance: group });
        }
      }
      for (const e of entries) {
        const before = byPerson.get(e.personId)!.attendance;
        if (before !== e.attendance) changes[`attendance.${e.personId}`] = [before, e.attendance];
      }
      const firstTime = meeting.status !== MeetingStatus.HELD;
      if (firstTime) {
        changes.status = [meeting.status, MeetingStatus.HELD];
        meeting.status = MeetingStatus.HELD;
        meeting.attendanceRecordedAt = now;
        await em.save(meeting);
        const minutes = await em.findOne(Minutes, { where: { meetingId } });
        await this.reminders.onHeld(
          em,
          meeting,
          await this.locks.body(em, meeting.bodyId),
          !!minutes && minutes.status !== MinutesStatus.DRAFT,
        );
      }
      await this.mutations.audit(em, actor, {
        action: 'meeting.recordAttendance',
        entityType: 'Meeting',
        entityId: meeting.id,
        changes: changes,
      });
      return meeting;
    });
  }
}
