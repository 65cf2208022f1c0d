import { Inject, Injectable } from '@nestjs/common';
import { badInput, notFound, msg } from '@coord/core';
import { MeetingsReadService } from '@coord/meetings';
import { EntityManager } from 'typeorm';

/**
 * Checks the meeting and decision an item is raised from, through the meetings feature's read service: the
 * meeting must be one of the item's body, the decision one of that meeting (given a decision alone, its
 * meeting is taken from it).
 */
@Injectable()
export class MeetingLinks {
  constructor(@Inject(MeetingsReadService) private readonly meetings: MeetingsReadService) {}

  async requireLinks(
    em: EntityManager,
    bodyId: string,
    meetingId: string | null,
    decisionId: string | null,
  ): Promise<{ meetingId: string | null; decisionId: string | null }> {
    if (decisionId) {
      const [decision] = await this.meetings.decisionsByIds([decisionId], em);
      if (!decision) throw notFound('Decision', decisionId);
      if (meetingId && decision.meetingId !== meetingId) {
        throw badInput(msg('error.actions.decisionidNamesDecisionAnother'), 'input.decisionId');
      }
      meetingId = decision.meetingId;
    }
    if (meetingId) {
      const [meeting] = await this.meetings.meetingsByIds([meetingId], em);
      if (!meeting) throw notFound('Meeting', meetingId);
      if (meeting.bodyId !== bodyId) {
        throw badInput(msg('error.actions.meetingBelongsAnotherBody'), 'input.meetingId');
      }
    }
    return { meetingId, decisionId };
  }
}
