import { Inject, Injectable } from '@nestjs/common';
import {
  AuthUser,
  BodyAction,
  forbidden,
  isAdmin,
  notFound,
  PolicyService,
  readsWhole,
  RequestMemo,
  msg,
} from '@coord/core';
import { Meeting } from './meeting.entity';
import { MinutesStatus } from './meetings.enums';

/**
 * Who may see and do what on a meeting, on top of PolicyService's body rules:
 * - read the meeting: anyone who reads the body (public bodies: everyone), and invitees;
 * - decisions: managers, members and invitees at once; other readers with the adopted minutes;
 * - see the participants and their answers, and the join link (onlineUrl): managers, members of the body, invitees
 *   (a plain member of an ancestor body is not a member of this one);
 * - minutes: ADOPTED to every reader; CIRCULATED to invitees and managers; DRAFT to managers only;
 * - change it: the body's managers (CHAIR, CO_CHAIR, SECRETARIAT here or above; admins).
 */
export interface MeetingAccess {
  read: boolean;
  manage: boolean;
  /** Invited to it (asked only when a rule needs it: a member's or manager's read does not). */
  participant: () => Promise<boolean>;
  seeParticipants: boolean;
}

@Injectable()
export class MeetingsAccessService {
  constructor(@Inject(PolicyService) private readonly policy: PolicyService) {}

  /** `isParticipant` is called only when the body rules do not settle it (it may cost a batched query). */
  async access(
    user: AuthUser | null,
    meeting: Pick<Meeting, 'id' | 'bodyId'>,
    isParticipant: () => Promise<boolean>,
    memo?: RequestMemo,
  ): Promise<MeetingAccess> {
    const compute = async (): Promise<MeetingAccess> => {
      let asked: Promise<boolean> | undefined;
      const participant = () => (asked ??= user?.personId ? isParticipant() : Promise.resolve(false));
      const manage = await this.policy.can(user, BodyAction.MANAGE, meeting.bodyId, memo);
      if (manage) return { read: true, manage, participant, seeParticipants: true };
      const { facts, own, inherited } = await this.policy.rolesOn(user, meeting.bodyId, memo);
      // A plain member of an ancestor body is not a member here (PolicyService: private sub-bodies stay closed).
      const member = readsWhole(own, inherited) || (isAdmin(user) && !!facts);
      if (member) return { read: true, manage: false, participant, seeParticipants: true };
      const invited = await participant();
      return {
        read: !!facts && (facts.isPublic || invited),
        manage: false,
        participant,
        seeParticipants: invited,
      };
    };
    return memo ? memo.once(`meetings:access:${meeting.id}:${user?.id ?? 'anonymous'}`, compute) : compute();
  }

  async canSeeMinutes(access: MeetingAccess, status: MinutesStatus): Promise<boolean> {
    if (!access.read) return false;
    if (status === MinutesStatus.ADOPTED) return true;
    if (status === MinutesStatus.CIRCULATED) return access.manage || (await access.participant());
    return access.manage;
  }

  /**
   * Decisions: managers, the body's members and invitees see them at once; other readers (the public) only with
   * the adopted minutes, once the record can no longer be corrected.
   */
  canSeeDecisions(access: MeetingAccess, minutesStatus: MinutesStatus | null | undefined): boolean {
    if (!access.read) return false;
    return access.manage || access.seeParticipants || minutesStatus === MinutesStatus.ADOPTED;
  }

  /** NOT_FOUND when the meeting may not even be read (private meetings do not leak), FORBIDDEN otherwise. */
  requireManage(access: MeetingAccess, meetingId: string, user: AuthUser | null): void {
    if (access.manage) return;
    if (!access.read) throw notFound('Meeting', meetingId);
    throw forbidden(user ? msg('error.meetings.chairCoChairSecretariat') : msg('error.meetings.signDo'));
  }
}
