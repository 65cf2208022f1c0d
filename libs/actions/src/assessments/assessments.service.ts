import { Inject, Injectable } from '@nestjs/common';
import { AuditService, badInput, forbidden, msg } from '@coord/core';
import { DataSource } from 'typeorm';
import { ActionItem } from '../action-item.entity';
import { ActionItemsReader } from '../action-items.reader';
import type { Caller } from '../action-items.service';
import { FollowersService } from '../following/followers.service';
import { CommitmentAssessment } from './assessment.entity';
import { CompletionLevel } from './completion-level';

/**
 * Assessed completion of commitments (the OGP IRM scale). A second key: the chair, co-chair or secretariat of
 * the commitment's body or an ancestor (or a platform admin) assesses, never its owner person nor a focal point
 * of its owner or co-owner organizations, whatever other seat they hold. The history is append-only; the item
 * keeps the latest level, so that a commitment marked DONE by its owner and assessed LIMITED shows both.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ActionItemsReader) private readonly reader: ActionItemsReader,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(FollowersService) private readonly followers: FollowersService,
  ) {}

  async assess(caller: Caller, id: string, level: CompletionLevel, note: string): Promise<ActionItem> {
    const seen = await this.reader.requireVisible(caller.user, id, caller.memo);
    if (await this.reader.speaksForItem(caller.user, seen, caller.memo)) {
      throw forbidden(msg('error.actions.assessments.assessmentSecondKeyOwner'));
    }
    if (!(await this.reader.canManage(caller.user, seen, caller.memo))) {
      throw forbidden(msg('error.actions.assessments.chairCoChairSecretariat'));
    }
    if (!seen.isCommitment) {
      throw badInput(msg('error.actions.assessments.commitmentsAreAssessedItem'), 'id');
    }
    const text = note.trim();
    if (!text) throw badInput(msg('error.actions.assessments.noteSayWhatAssessment'), 'note');
    if (text.length > 5000) throw badInput(msg('error.actions.noteMost5000Characters'), 'note');
    return this.dataSource.transaction(async (em) => {
      const item = await em.findOneOrFail(ActionItem, { where: { id: seen.id }, lock: { mode: 'pessimistic_write' } });
      const before = item.completionLevel;
      await em.insert(CommitmentAssessment, {
        actionItemId: item.id,
        level,
        note: text,
        assessorPersonId: caller.user.personId,
        assessorUserId: caller.user.id,
      });
      await em.query(`UPDATE action_items SET completion_level = $2 WHERE id = $1`, [item.id, level]);
      item.completionLevel = level;
      await this.audit.record(em, {
        actorUserId: caller.user.id,
        action: 'actionItem.assess',
        entityType: 'ActionItem',
        entityId: item.id,
        changes: { completionLevel: [before, level], note: [null, text] },
        requestId: caller.requestId,
      });
      await this.followers.notify(em, item, { event: 'ASSESSED', level }, caller.user.personId);
      return item;
    });
  }
}
