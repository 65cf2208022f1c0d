import { Inject, Injectable } from '@nestjs/common';
import {
  AuditService,
  AuthUser,
  badInput,
  Clock,
  conflict,
  diffChanges,
  forbidden,
  localDay,
  notFound,
  RequestMemo,
} from '@coord/core';
import { CoordinationBody, isUuid, Person, RegistryReadService } from '@coord/registry';
import { DataSource, EntityManager, In } from 'typeorm';
import { MeetingAlternates } from './alternates/meeting-alternates';
import { MeetingAccess, MeetingAccessService } from './meeting-access';
import { MeetingReminderPlanner } from './meeting-reminders';
import { checkSchedule, MAX_AGENDA_ITEMS } from './meeting-rules';
import { AgendaItem, Meeting } from './meeting.entity';
import { AgendaItemInput, AttendanceInput, MeetingInput, MeetingUpdateInput } from './meeting.inputs';
import { AttendanceStatus, MeetingKind, MeetingStatus, MinutesStatus, Rsvp } from './meetings.enums';
import { Participant } from './participant.entity';
import { Minutes } from './minutes.entity';
import { Decision } from './decision.entity';

const MEETING_FIELDS = ['title', 'kind', 'status', 'startsAt', 'endsAt', 'timezone', 'location', 'onlineUrl'];

export interface Actor {
  user: AuthUser | null;
  requestId?: string | null;
  memo?: RequestMemo;
}

/**
 * The meeting use cases. Each runs in one transaction that also writes its audit event and reminder intents;
 * authorization through MeetingAccessService (PolicyService underneath).
 */
@Injectable()
export class MeetingsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(MeetingAccessService) private readonly accessService: MeetingAccessService,
    @Inject(MeetingReminderPlanner) private readonly reminders: MeetingReminderPlanner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MeetingAlternates) private readonly alternates: MeetingAlternates,
  ) {}

  /** Access of the user to a meeting, reading participation inside `em` when given. */
  accessTo(user: AuthUser | null, meeting: Meeting, memo?: RequestMemo, em?: EntityManager): Promise<MeetingAccess> {
    return this.accessService.access(
      user,
      meeting,
      async () =>
        !!user?.personId &&
        (await (em ?? this.dataSource.manager).exists(Participant, {
          where: { meetingId: meeting.id, personId: user.personId },
        })),
      memo,
    );
  }

  /** The meeting locked for update, after checking that the user manages it. */
  private async lockForManage(em: EntityManager, actor: Actor, meetingId: string): Promise<Meeting> {
    const meeting = await this.lock(em, meetingId);
    this.accessService.requireManage(await this.accessTo(actor.user, meeting, undefined, em), meetingId, actor.user);
    return meeting;
  }

  private async lock(em: EntityManager, meetingId: string): Promise<Meeting> {
    const meeting = isUuid(meetingId)
      ? await em.findOne(Meeting, { where: { id: meetingId }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!meeting) throw notFound('Meeting', meetingId);
    return meeting;
  }

  private async body(em: EntityManager, bodyId: string): Promise<CoordinationBody> {
    return this.registry.requireBody(bodyId, em);
  }

  private record(em: EntityManager, actor: Actor, action: string, entityType: string, entityId: string, changes: any) {
    return this.audit.record(em, {
      actorUserId: actor.user?.id,
      action,
      entityType,
      entityId,
      changes,
      requestId: actor.requestId,
    });
  }

  async schedule(actor: Actor, input: MeetingInput, now = this.clock.now()): Promise<Meeting> {
    checkSchedule({ ...input, onlineUrl: blankToNull(input.onlineUrl) }, { now, checkPast: true });
    const accessible = await this.accessService.access(
      actor.user,
      { id: `new:${input.bodyId}`, bodyId: input.bodyId },
      async () => false,
    );
    if (!accessible.manage) {
      if (!accessible.read) throw notFound('Coordination body', input.bodyId);
      throw forbidden(
        'Only the chair, co-chair or secretariat of this body (or a platform admin) can schedule its meetings',
      );
    }
    return this.dataSource.transaction(async (em) =>
      this.scheduleIn(em, actor, await this.body(em, input.bodyId), input, now),
    );
  }

  /**
   * Schedules inside the caller's transaction, authorization done by the caller: scheduleMeeting, and each
   * occurrence of a series (series/meeting-series.service.ts), which passes its id and the rule's day.
   */
  async scheduleIn(
    em: EntityManager,
    actor: Actor,
    body: CoordinationBody,
    input: MeetingInput,
    now: Date,
    series?: { id: string; day: string },
  ): Promise<Meeting> {
    const location = blankToNull(input.location);
    const onlineUrl = blankToNull(input.onlineUrl);
    {
      const meeting = await em.save(
        em.create(Meeting, {
          bodyId: body.id,
          title: input.title.trim(),
          kind: input.kind ?? MeetingKind.ORDINARY,
          status: MeetingStatus.SCHEDULED,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          timezone: input.timezone,
          location,
          onlineUrl,
          cancelReason: null,
          sequence: 0,
          attendanceRecordedAt: null,
          createdByUserId: actor.user?.id ?? null,
          seriesId: series?.id ?? null,
          seriesDay: series?.day ?? null,
        }),
      );
      await this.writeAgenda(em, meeting.id, withMattersArising(input.agenda ?? []));
      const invited = await this.invite(em, meeting, input.inviteMembers ?? true, input.extraInviteePersonIds ?? []);
      await this.record(em, actor, 'meeting.schedule', 'Meeting', meeting.id, {
        ...diffChanges(null, meeting, MEETING_FIELDS),
        bodyId: [null, body.id],
        invitees: [null, invited],
        ...(series ? { seriesId: [null, series.id] } : {}),
      });
      await this.reminders.onScheduled(em, meeting, body, now);
      return meeting;
    }
  }

  /** Members active on the meeting's day (unless not wanted) plus the extra invitees, as participants. */
  private async invite(em: EntityManager, meeting: Meeting, inviteMembers: boolean, extraIds: string[]) {
    const { memberships, rows: extras } = await this.participantRows(em, meeting, extraIds, 'extraInviteePersonIds');
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
    if (rows.size) {
      await em.insert(
        Participant,
        [...rows.values()].map((r) => ({ ...r, meetingId: meeting.id, rsvp: Rsvp.INVITED, attendance: null })),
      );
    }
    return rows.size;
  }

  /**
   * Participant rows for people of the registry (unknown or erased ones refused, naming `field`): a member active
   * on the meeting's day represents their membership's organization and keeps its voting right; anyone else is a
   * guest representing their own organization.
   */
  private async participantRows(em: EntityManager, meeting: Meeting, personIds: string[], field: string) {
    const memberships = await this.registry.activeMemberships(
      [meeting.bodyId],
      localDay(meeting.startsAt, meeting.timezone),
      em,
    );
    const wanted = [...new Set(personIds)];
    const people: Person[] = await this.registry.peopleByIds(wanted, em);
    const found = new Set(people.map((p) => p.id));
    const unknown = wanted.filter((id) => !found.has(id));
    if (unknown.length) {
      throw badInput(`No person with id ${unknown.join(', ')}: invite people from the registry`, field);
    }
    const erased = people.filter((p) => p.erasedAt);
    if (erased.length) {
      throw badInput(`${erased.map((p) => p.id).join(', ')} was erased and cannot be invited`, field);
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
    if (!personIds.length) throw badInput('Name at least one person to invite', 'personIds');
    if (personIds.length > 1000) throw badInput('Invite at most 1000 people at once', 'personIds');
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.lockForManage(em, actor, meetingId);
      this.requireChangeable(meeting);
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
      await this.record(em, actor, 'meeting.addInvitees', 'Meeting', meetingId, { invitees: [null, addedIds] });
      await this.reminders.onInviteesAdded(em, meeting, addedIds, now);
      return meeting;
    });
  }

  /** Managers record an invitee's answer given by phone or in person, while the meeting is scheduled. */
  async setRsvp(actor: Actor, meetingId: string, personId: string, rsvp: Rsvp): Promise<Participant> {
    if (rsvp === Rsvp.INVITED) throw badInput('Record ACCEPTED, DECLINED or TENTATIVE', 'rsvp');
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.lockForManage(em, actor, meetingId);
      const participant = isUuid(personId) ? await em.findOne(Participant, { where: { meetingId, personId } }) : null;
      if (!participant) {
        throw badInput(`${personId} is not invited to this meeting: invite them first (addInvitees)`, 'personId');
      }
      if (meeting.status !== MeetingStatus.SCHEDULED) {
        throw conflict(`This meeting is ${meeting.status.toLowerCase()}: invitations can no longer be answered`);
      }
      const before = participant.rsvp;
      participant.rsvp = rsvp;
      participant.respondedAt = this.clock.now();
      await em.update(Participant, { meetingId, personId }, { rsvp, respondedAt: participant.respondedAt });
      await this.record(em, actor, 'meeting.setRsvp', 'Participant', meetingId, {
        personId: [personId, personId],
        rsvp: [before, rsvp],
      });
      return participant;
    });
  }

  private async writeAgenda(em: EntityManager, meetingId: string, items: AgendaItemInput[]): Promise<AgendaItem[]> {
    const presenters = [...new Set(items.map((i) => i.presenterPersonId).filter((id): id is string => !!id))];
    const people = await this.registry.peopleByIds(presenters, em);
    const missing = presenters.filter((id) => !people.some((p) => p.id === id));
    if (missing.length)
      throw badInput(`No person with id ${missing.join(', ')} to present an agenda item`, 'presenterPersonId');
    if (!items.length) return [];
    const rows = items.map((item, index) => ({
      meetingId,
      position: index + 1,
      title: item.title.trim(),
      description: blankToNull(item.description),
      presenterPersonId: item.presenterPersonId ?? null,
      durationMinutes: item.durationMinutes ?? null,
    }));
    await em.insert(AgendaItem, rows);
    return em.find(AgendaItem, { where: { meetingId }, order: { position: 'ASC' } });
  }

  async update(actor: Actor, id: string, input: MeetingUpdateInput, now = this.clock.now()): Promise<Meeting> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.lockForManage(em, actor, id);
      this.requireChangeable(meeting);
      const before = { ...meeting };
      if (input.title !== undefined && input.title !== null) meeting.title = input.title.trim();
      if (input.startsAt) meeting.startsAt = input.startsAt;
      if (input.endsAt) meeting.endsAt = input.endsAt;
      if (input.timezone) meeting.timezone = input.timezone;
      if (input.location !== undefined) meeting.location = blankToNull(input.location);
      if (input.onlineUrl !== undefined) meeting.onlineUrl = blankToNull(input.onlineUrl);
      const startMoved = meeting.startsAt.getTime() !== before.startsAt.getTime();
      checkSchedule(meeting, { now, checkPast: startMoved });
      const changes = diffChanges(before, meeting, MEETING_FIELDS);
      if (!Object.keys(changes).length) return meeting;
      meeting.sequence += 1;
      await em.save(meeting);
      await this.record(em, actor, 'meeting.update', 'Meeting', meeting.id, changes);
      const noticeable = ['startsAt', 'endsAt', 'location', 'onlineUrl'].some((f) => f in changes);
      if (noticeable) await this.reminders.onChanged(em, meeting, await this.body(em, meeting.bodyId), startMoved, now);
      return meeting;
    });
  }

  private requireChangeable(meeting: Meeting): void {
    if (meeting.status === MeetingStatus.HELD) {
      throw conflict('This meeting has been held (attendance is recorded): it can no longer be changed');
    }
    if (meeting.status === MeetingStatus.CANCELLED) {
      throw conflict('This meeting was cancelled: it can no longer be changed; schedule a new one');
    }
  }

  async cancel(actor: Actor, id: string, reason: string | null | undefined, now = this.clock.now()): Promise<Meeting> {
    const cleanReason = blankToNull(reason);
    if (cleanReason && cleanReason.length > 2000) throw badInput('reason must be at most 2000 characters', 'reason');
    return this.dataSource.transaction(async (em) =>
      this.cancelIn(em, actor, await this.lockForManage(em, actor, id), cleanReason, now),
    );
  }

  /** Cancels a meeting locked by the caller (cancelMeeting, endMeetingSeries) inside its transaction. */
  async cancelIn(
    em: EntityManager,
    actor: Actor,
    meeting: Meeting,
    cleanReason: string | null,
    now: Date,
  ): Promise<Meeting> {
    {
      this.requireChangeable(meeting);
      meeting.status = MeetingStatus.CANCELLED;
      meeting.cancelReason = cleanReason;
      meeting.sequence += 1;
      await em.save(meeting);
      await this.record(em, actor, 'meeting.cancel', 'Meeting', meeting.id, {
        status: [MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED],
        cancelReason: [null, cleanReason],
      });
      await this.reminders.onCancelled(em, meeting, now);
      return meeting;
    }
  }

  async setAgenda(actor: Actor, meetingId: string, items: AgendaItemInput[]): Promise<Meeting> {
    if (items.length > MAX_AGENDA_ITEMS) {
      throw badInput(
        `An agenda may hold at most ${MAX_AGENDA_ITEMS} items (${items.length} given): group minor points under one item`,
        'items',
      );
    }
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.lockForManage(em, actor, meetingId);
      this.requireChangeable(meeting);
      const before = await em.find(AgendaItem, { where: { meetingId }, order: { position: 'ASC' } });
      if (before.length) {
        const referenced = await em.count(Decision, { where: { agendaItemId: In(before.map((a) => a.id)) } });
        if (referenced) {
          throw conflict('Decisions were recorded against items of this agenda: it can no longer be replaced');
        }
        await em.delete(AgendaItem, { meetingId });
      }
      const after = await this.writeAgenda(em, meetingId, items);
      meeting.sequence += 1;
      await em.save(meeting);
      await this.record(em, actor, 'meeting.setAgenda', 'Meeting', meeting.id, {
        agenda: [before.map((a) => a.title), after.map((a) => a.title)],
      });
      return meeting;
    });
  }

  async respond(actor: Actor, meetingId: string, rsvp: Rsvp): Promise<Participant> {
    const personId = actor.user?.personId;
    if (rsvp === Rsvp.INVITED) throw badInput('Answer ACCEPTED, DECLINED or TENTATIVE', 'rsvp');
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.lock(em, meetingId);
      const access = await this.accessTo(actor.user, meeting, undefined, em);
      if (!access.read) throw notFound('Meeting', meetingId);
      if (!personId)
        throw forbidden('Your sign-in is not linked to a person in the registry, so you have no invitation');
      const participant = await em.findOne(Participant, { where: { meetingId, personId } });
      if (!participant) throw forbidden('Only invitees can answer an invitation, each for themselves');
      if (meeting.status !== MeetingStatus.SCHEDULED) {
        throw conflict(`This meeting is ${meeting.status.toLowerCase()}: invitations can no longer be answered`);
      }
      const before = participant.rsvp;
      participant.rsvp = rsvp;
      participant.respondedAt = this.clock.now();
      await em.update(Participant, { meetingId, personId }, { rsvp, respondedAt: participant.respondedAt });
      await this.record(em, actor, 'meeting.respond', 'Participant', meetingId, {
        personId: [personId, personId],
        rsvp: [before, rsvp],
      });
      await this.alternates.onRsvp(em, actor, meeting, personId, before, rsvp, this.clock.now());
      return participant;
    });
  }

  async recordAttendance(actor: Actor, meetingId: string, entries: AttendanceInput[], now = this.clock.now()) {
    if (!entries.length) throw badInput('Give at least one attendance entry', 'entries');
    const ids = entries.map((e) => e.personId);
    if (new Set(ids).size !== ids.length) throw badInput('Each person may appear only once in entries', 'entries');
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.lockForManage(em, actor, meetingId);
      if (meeting.status === MeetingStatus.CANCELLED) {
        throw conflict('This meeting was cancelled: attendance cannot be recorded');
      }
      if (meeting.startsAt.getTime() > now.getTime()) {
        throw badInput(
          `Attendance can be recorded once the meeting has started (it starts ${meeting.startsAt.toISOString()})`,
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
          await this.body(em, meeting.bodyId),
          !!minutes && minutes.status !== MinutesStatus.DRAFT,
        );
      }
      await this.record(em, actor, 'meeting.recordAttendance', 'Meeting', meeting.id, changes);
      return meeting;
    });
  }

  /**
   * Drafts or amends the minutes. Amending CIRCULATED minutes returns them to DRAFT (to be circulated again); the
   * text before the amendment stays in the audit log. Adopted minutes are frozen.
   */
  async recordMinutes(actor: Actor, meetingId: string, text: string): Promise<Minutes> {
    const clean = (text ?? '').trim();
    if (!clean) throw badInput('The minutes need some text', 'text');
    if (clean.length > 200000) throw badInput('The minutes must be at most 200000 characters', 'text');
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.lockForManage(em, actor, meetingId);
      if (meeting.status !== MeetingStatus.HELD) {
        throw conflict('Minutes are recorded for a held meeting: record attendance first');
      }
      const existing = await em.findOne(Minutes, { where: { meetingId }, lock: { mode: 'pessimistic_write' } });
      if (existing?.status === MinutesStatus.ADOPTED) {
        throw conflict('These minutes are adopted and can no longer be changed');
      }
      const minutes = existing ?? em.create(Minutes, { meetingId, status: MinutesStatus.DRAFT });
      const before = existing?.text ?? null;
      if (existing && before === clean) return existing;
      const amended = existing?.status === MinutesStatus.CIRCULATED;
      minutes.text = clean;
      if (amended) {
        minutes.status = MinutesStatus.DRAFT;
        minutes.circulatedAt = null;
      }
      const saved = await em.save(minutes);
      await this.record(em, actor, amended ? 'minutes.amend' : 'minutes.record', 'Minutes', saved.id, {
        text: [before, clean],
        ...(amended ? { status: [MinutesStatus.CIRCULATED, MinutesStatus.DRAFT] } : {}),
      });
      return saved;
    });
  }

  async circulateMinutes(actor: Actor, meetingId: string, now = this.clock.now()): Promise<Minutes> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.lockForManage(em, actor, meetingId);
      const minutes = await this.requireMinutes(em, meetingId);
      if (minutes.status !== MinutesStatus.DRAFT) {
        throw conflict(`These minutes are already ${minutes.status.toLowerCase()}`);
      }
      minutes.status = MinutesStatus.CIRCULATED;
      minutes.circulatedAt = now;
      const saved = await em.save(minutes);
      await this.record(em, actor, 'minutes.circulate', 'Minutes', saved.id, {
        status: [MinutesStatus.DRAFT, MinutesStatus.CIRCULATED],
      });
      await this.reminders.onMinutesCirculated(em, meeting, now);
      return saved;
    });
  }

  /** Adopts circulated minutes, at the meeting `atMeetingId` when given (one of the same body that has started). */
  async adoptMinutes(
    actor: Actor,
    meetingId: string,
    atMeetingId?: string | null,
    now = this.clock.now(),
  ): Promise<Minutes> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.lockForManage(em, actor, meetingId);
      const minutes = await this.requireMinutes(em, meetingId);
      if (minutes.status === MinutesStatus.DRAFT) {
        throw conflict('Minutes must be circulated to the participants before they are adopted');
      }
      if (minutes.status === MinutesStatus.ADOPTED) throw conflict('These minutes are already adopted');
      if (atMeetingId) {
        const at = isUuid(atMeetingId) ? await em.findOne(Meeting, { where: { id: atMeetingId } }) : null;
        if (!at || at.bodyId !== meeting.bodyId) {
          throw badInput(
            `atMeetingId must be a meeting of the same body (${atMeetingId} is not): minutes are adopted by the body that met`,
            'atMeetingId',
          );
        }
        if (at.status === MeetingStatus.CANCELLED || at.startsAt.getTime() > now.getTime()) {
          throw badInput(
            `Minutes are adopted at a meeting that took place: ${at.title} ${at.status === MeetingStatus.CANCELLED ? 'was cancelled' : `starts ${at.startsAt.toISOString()}`}`,
            'atMeetingId',
          );
        }
      }
      minutes.status = MinutesStatus.ADOPTED;
      minutes.adoptedAt = now;
      minutes.adoptedAtMeetingId = atMeetingId ?? null;
      const saved = await em.save(minutes);
      await this.record(em, actor, 'minutes.adopt', 'Minutes', saved.id, {
        status: [MinutesStatus.CIRCULATED, MinutesStatus.ADOPTED],
        ...(atMeetingId ? { adoptedAtMeetingId: [null, atMeetingId] } : {}),
      });
      return saved;
    });
  }

  private async requireMinutes(em: EntityManager, meetingId: string): Promise<Minutes> {
    const minutes = await em.findOne(Minutes, { where: { meetingId } });
    if (!minutes) throw notFound('Minutes of meeting', meetingId);
    return minutes;
  }

  /** Decisions are taken at a meeting: recorded once it has started, and until its minutes are adopted. */
  async recordDecision(
    actor: Actor,
    meetingId: string,
    text: string,
    agendaItemId?: string | null,
    now = this.clock.now(),
  ): Promise<Decision> {
    const clean = decisionText(text);
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.lockForManage(em, actor, meetingId);
      if (meeting.status === MeetingStatus.CANCELLED) {
        throw conflict('This meeting was cancelled: no decision can be recorded against it');
      }
      if (meeting.startsAt.getTime() > now.getTime()) {
        throw conflict(
          `Decisions are recorded once the meeting has started (it starts ${meeting.startsAt.toISOString()})`,
          { field: 'meetingId' },
        );
      }
      await this.requireMinutesNotAdopted(em, meetingId, 'no decision can be added');
      if (agendaItemId) {
        const item = isUuid(agendaItemId)
          ? await em.findOne(AgendaItem, { where: { id: agendaItemId, meetingId } })
          : null;
        if (!item) throw badInput(`Agenda item ${agendaItemId} is not on this meeting's agenda`, 'agendaItemId');
      }
      const decision = await em.save(
        em.create(Decision, {
          meetingId,
          agendaItemId: agendaItemId ?? null,
          text: clean,
          recordedByUserId: actor.user?.id ?? null,
        }),
      );
      await this.record(em, actor, 'decision.record', 'Decision', decision.id, {
        meetingId: [null, meetingId],
        agendaItemId: [null, decision.agendaItemId],
        text: [null, clean],
      });
      return decision;
    });
  }

  /** Corrects a decision's text, until the minutes of its meeting are adopted. */
  async updateDecision(actor: Actor, id: string, text: string): Promise<Decision> {
    const clean = decisionText(text);
    return this.dataSource.transaction(async (em) => {
      const decision = await this.lockDecisionForManage(em, actor, id);
      if (decision.withdrawnAt) throw conflict('This decision was withdrawn: record a new decision instead');
      await this.requireMinutesNotAdopted(em, decision.meetingId, 'its decisions can no longer be corrected');
      if (decision.text === clean) return decision;
      const before = decision.text;
      decision.text = clean;
      const saved = await em.save(decision);
      await this.record(em, actor, 'decision.update', 'Decision', id, { text: [before, clean] });
      return saved;
    });
  }

  /** Withdraws a decision (kept on record with when and why), until the minutes of its meeting are adopted. */
  async withdrawDecision(actor: Actor, id: string, reason: string, now = this.clock.now()): Promise<Decision> {
    const cleanReason = (reason ?? '').trim();
    if (!cleanReason) throw badInput('Say why the decision is withdrawn', 'reason');
    if (cleanReason.length > 2000) throw badInput('reason must be at most 2000 characters', 'reason');
    return this.dataSource.transaction(async (em) => {
      const decision = await this.lockDecisionForManage(em, actor, id);
      if (decision.withdrawnAt) throw conflict('This decision is already withdrawn');
      await this.requireMinutesNotAdopted(em, decision.meetingId, 'its decisions can no longer be withdrawn');
      decision.withdrawnAt = now;
      decision.withdrawalReason = cleanReason;
      const saved = await em.save(decision);
      await this.record(em, actor, 'decision.withdraw', 'Decision', id, {
        withdrawnAt: [null, now.toISOString()],
        withdrawalReason: [null, cleanReason],
      });
      return saved;
    });
  }

  /** The decision locked for update, after checking that the user manages its meeting (NOT_FOUND otherwise). */
  private async lockDecisionForManage(em: EntityManager, actor: Actor, id: string): Promise<Decision> {
    const decision = isUuid(id)
      ? await em.findOne(Decision, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!decision) throw notFound('Decision', id);
    const meeting = await em.findOneOrFail(Meeting, { where: { id: decision.meetingId } });
    const access = await this.accessTo(actor.user, meeting, undefined, em);
    if (!access.read) throw notFound('Decision', id);
    this.accessService.requireManage(access, meeting.id, actor.user);
    return decision;
  }

  private async requireMinutesNotAdopted(em: EntityManager, meetingId: string, what: string) {
    const minutes = await em.findOne(Minutes, { where: { meetingId }, lock: { mode: 'pessimistic_read' } });
    if (minutes?.status === MinutesStatus.ADOPTED) {
      throw conflict(`The minutes of this meeting are adopted: ${what}`);
    }
  }
}

function decisionText(text: string | null | undefined): string {
  const clean = (text ?? '').trim();
  if (!clean) throw badInput('The decision needs some text', 'text');
  if (clean.length > 20000) throw badInput('The decision must be at most 20000 characters', 'text');
  return clean;
}

/**
 * Open items come back to the table until closed (Meeting.mattersArising): every new meeting's agenda starts with
 * a "Matters arising" item, unless the caller's agenda already has one (wherever they put it).
 */
export const MATTERS_ARISING = 'Matters arising';
function withMattersArising(items: AgendaItemInput[]): AgendaItemInput[] {
  if (items.some((item) => /^\s*matters arising\b/i.test(item.title))) return items;
  return [
    { title: MATTERS_ARISING, description: 'Open action items carried forward from earlier meetings.' },
    ...items,
  ];
}

function blankToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}
