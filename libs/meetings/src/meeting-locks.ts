import { Inject, Injectable } from '@nestjs/common';
import { Actor, AuthUser, conflict, msg, notFound, RequestMemo } from '@coord/core';
import { CoordinationBody, isUuid, RegistryReadService } from '@coord/registry';
import { DataSource, EntityManager } from 'typeorm';
import { MeetingAccess, MeetingsAccessService } from './meetings-access';
import { Meeting } from './meeting.entity';
import { MeetingStatus } from './meetings.enums';
import { Participant } from './participant.entity';

/**
 * What every meeting use case starts with: the meeting locked for update inside the mutation's transaction, the
 * user's access to it (NOT_FOUND when they cannot read it, FORBIDDEN when they cannot manage it), and whether it
 * can still change.
 */
@Injectable()
export class MeetingLocks {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(MeetingsAccessService) private readonly accessService: MeetingsAccessService,
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
  async lockForManage(em: EntityManager, actor: Actor, meetingId: string): Promise<Meeting> {
    const meeting = await this.lock(em, meetingId);
    this.accessService.requireManage(await this.accessTo(actor.user, meeting, undefined, em), meetingId, actor.user);
    return meeting;
  }

  async lock(em: EntityManager, meetingId: string): Promise<Meeting> {
    const meeting = isUuid(meetingId)
      ? await em.findOne(Meeting, { where: { id: meetingId }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!meeting) throw notFound('Meeting', meetingId);
    return meeting;
  }

  async body(em: EntityManager, bodyId: string): Promise<CoordinationBody> {
    return this.registry.requireBody(bodyId, em);
  }

  requireChangeable(meeting: Meeting): void {
    if (meeting.status === MeetingStatus.HELD) {
      throw conflict(msg('error.meetings.meetingHasBeenHeld'));
    }
    if (meeting.status === MeetingStatus.CANCELLED) {
      throw conflict(msg('error.meetings.meetingWasCancelledNo'));
    }
  }
}

export function blankToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}
