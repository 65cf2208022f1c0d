import { Inject, Injectable } from '@nestjs/common';
import { Actor, AuthUser, badInput, forbidden, msg, MutationService } from '@coord/core';
import { ActionItem } from '../action-item.entity';
import { ActionsReadService } from '../actions-read.service';
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
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(ActionsReadService) private readonly reader: ActionsReadService,
    @Inject(FollowersService) private readonly followers: FollowersService,
  ) {}

  async assess(actor: Actor<AuthUser>, id: string, level: CompletionLevel, note: string): Promise<ActionItem> {
    const seen = await this.reader.requireVisible(actor.user, id, actor.memo);
    if (await this.reader.speaksForItem(actor.user, seen, actor.memo)) {
      throw forbidden(msg('error.actions.assessments.assessmentSecondKeyOwner'));
    }
    if (!(await this.reader.canManage(actor.user, seen, actor.memo))) {
      throw forbidden(msg('error.actions.assessments.chairCoChairSecretariat'));
    }
    if (!seen.isCommitment) {
      throw badInput(msg('error.actions.assessments.commitmentsAreAssessedItem'), 'id');
    }
    const text = note.trim();
    if (!text) throw badInput(msg('error.actions.assessments.noteSayWhatAssessment'), 'note');
    if (text.length > 5000) throw badInput(msg('error.actions.noteMost5000Characters'), 'note');
    return this.mutations.run(actor, async (em) => {
      const item = await em.findOneOrFail(ActionItem, { where: { id: seen.id }, lock: { mode: 'pessimistic_write' } });
      const before = item.completionLevel;
      await em.insert(CommitmentAssessment, {
        actionItemId: item.id,
        level,
        note: text,
        assessorPersonId: actor.user.personId,
        assessorUserId: actor.user.id,
      });
      await em.query(`UPDATE action_items SET completion_level = $2 WHERE id = $1`, [item.id, level]);
      item.completionLevel = level;
      await this.mutations.audit(em, actor, {
        action: 'actionItem.assess',
        entityType: 'ActionItem',
        entityId: item.id,
        changes: { completionLevel: [before, level], note: [null, text] },
      });
      await this.followers.notify(em, item, { event: 'ASSESSED', level }, actor.user.personId);
      return item;
    });
  }
}
