import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  AuditService,
  AuthUser,
  badInput,
  BodyAction,
  conflict,
  diffChanges,
  forbidden,
  msg,
  MutationService,
  notFound,
  PolicyService,
} from '@coord/core';
import { isUuid, RegistryReadService } from '@coord/registry';
import { DataSource, EntityManager } from 'typeorm';
import { ActionItem, ActionItemFrameworkTarget } from './action-item.entity';
import { compareFrameworkCodes } from './framework-target.entity';
import { ActionUpdate } from './action-update.entity';
import { ActionStatus, Priority } from './action.enums';
import { ActionItemInput, ActionItemUpdateInput, ActionProgressInput } from './action-items.inputs';
import { ActionItemsReader } from './action-items.reader';
import { ActionRemindersService } from './action-reminders';
import { FrameworkTargetsService } from './framework-targets.service';
import { MeetingLinks } from './meeting-links';
import { applyProgress } from './workflow';
import { requireEvidenceUrls } from './evidence';
import { CoOwnersService } from './co-owners/co-owners';
import { FollowersService } from './following/followers.service';

const AUDITED_FIELDS = [
  'title',
  'description',
  'isCommitment',
  'ownerPersonId',
  'ownerOrganizationId',
  'dueOn',
  'priority',
  'status',
  'progressPercent',
  'completedAt',
  'meetingId',
  'decisionId',
  'frameworkCodes',
  'coOwnerOrganizationIds',
];

/**
 * Use cases that change action items: create, edit, report progress. Each runs in one transaction with its
 * audit event and reminder intents; authorization first (NOT_FOUND for what the actor cannot see).
 */
@Injectable()
export class ActionItemsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(FrameworkTargetsService) private readonly targets: FrameworkTargetsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ActionItemsReader) private readonly reader: ActionItemsReader,
    @Inject(ActionRemindersService) private readonly reminders: ActionRemindersService,
    @Inject(MeetingLinks) private readonly meetings: MeetingLinks,
    @Inject(CoOwnersService) private readonly coOwners: CoOwnersService,
    @Inject(FollowersService) private readonly followers: FollowersService,
  ) {}

  async create(actor: Actor<AuthUser>, input: ActionItemInput): Promise<ActionItem> {
    await this.policy.require(actor.user, BodyAction.MANAGE, input.bodyId, actor.memo);
    const ownerPersonId = input.ownerPersonId ?? null;
    const ownerOrganizationId = input.ownerOrganizationId ?? null;
    this.requireOwner(ownerPersonId, ownerOrganizationId);
    this.requireTitle(input.title);
    const codes = await this.requireCodes(input.frameworkCodes ?? []);
    return this.mutations.run(actor, async (em) => {
      const body = await this.registry.requireBody(input.bodyId, em);
      await this.requireOwnersExist(em, ownerPersonId, ownerOrganizationId);
      const { meetingId, decisionId } = await this.meetings.requireLinks(
        em,
        body.id,
        input.meetingId ?? null,
        input.decisionId ?? null,
      );
      const item = await em.getRepository(ActionItem).save(
        em.getRepository(ActionItem).create({
          bodyId: body.id,
          meetingId,
          decisionId,
          title: input.title.trim(),
          description: input.description ?? null,
          isCommitment: input.isCommitment ?? false,
          ownerPersonId,
          ownerOrganizationId,
          dueOn: input.dueOn ?? null,
          priority: input.priority ?? Priority.MEDIUM,
          status: ActionStatus.OPEN,
          progressPercent: 0,
          createdByUserId: actor.user.id,
          completedAt: null,
        }),
      );
      await this.writeCodes(em, item.id, codes);
      const coOwnerOrganizationIds = await this.coOwners.require(
        em,
        input.coOwnerOrganizationIds ?? [],
        ownerOrganizationId,
      );
      await this.coOwners.replace(em, item.id, coOwnerOrganizationIds);
      await this.audit.record(em, {
        actorUserId: actor.user.id,
        action: 'actionItem.create',
        entityType: 'ActionItem',
        entityId: item.id,
        changes: diffChanges(null, { ...item, frameworkCodes: codes, coOwnerOrganizationIds }, AUDITED_FIELDS),
        requestId: actor.requestId,
      });
      await this.reminders.assigned(em, item);
      await this.reminders.syncTimed(em, item, body);
      return item;
    });
  }

  async update(actor: Actor<AuthUser>, id: string, input: ActionItemUpdateInput): Promise<ActionItem> {
    const seen = await this.reader.requireVisible(actor.user, id, actor.memo);
    await this.requireManage(actor, seen);
    if (input.title === null) throw badInput(msg('error.actions.titleCannotRemovedGive'), 'input.title');
    if (input.title !== undefined) this.requireTitle(input.title);
    const codes = input.frameworkCodes ? await this.requireCodes(input.frameworkCodes) : undefined;
    return this.mutations.run(actor, async (em) => {
      const item = await em.findOneOrFail(ActionItem, { where: { id: seen.id }, lock: { mode: 'pessimistic_write' } });
      const before = {
        ...item,
        frameworkCodes: await this.codesOf(em, item.id),
        coOwnerOrganizationIds: await this.coOwners.of(em, item.id),
      };
      if (input.title !== undefined) item.title = input.title!.trim();
      if (input.description !== undefined) item.description = input.description;
      if (input.ownerPersonId !== undefined) item.ownerPersonId = input.ownerPersonId;
      if (input.ownerOrganizationId !== undefined) item.ownerOrganizationId = input.ownerOrganizationId;
      if (input.dueOn !== undefined) item.dueOn = input.dueOn;
      if (input.priority !== undefined && input.priority !== null) item.priority = input.priority;
      this.requireOwner(item.ownerPersonId, item.ownerOrganizationId);
      const ownerChanged =
        item.ownerPersonId !== before.ownerPersonId || item.ownerOrganizationId !== before.ownerOrganizationId;
      if (ownerChanged) await this.requireOwnersExist(em, item.ownerPersonId, item.ownerOrganizationId);
      const saved = await em.getRepository(ActionItem).save(item);
      if (codes) {
        if (item.isCommitment) await this.lockRollupRows(em, item.bodyId, [...before.frameworkCodes, ...codes]);
        await em.delete(ActionItemFrameworkTarget, { actionItemId: item.id });
        await this.writeCodes(em, item.id, codes);
      }
      // Co-owners are checked against the owner organization as it is after this change.
      const coOwnerOrganizationIds = await this.coOwners.require(
        em,
        input.coOwnerOrganizationIds ?? before.coOwnerOrganizationIds,
        saved.ownerOrganizationId,
      );
      if (input.coOwnerOrganizationIds) await this.coOwners.replace(em, item.id, coOwnerOrganizationIds);
      const changes = diffChanges(
        before,
        { ...saved, frameworkCodes: codes ?? before.frameworkCodes, coOwnerOrganizationIds },
        AUDITED_FIELDS,
      );
      if (Object.keys(changes).length) {
        await this.audit.record(em, {
          actorUserId: actor.user.id,
          action: 'actionItem.update',
          entityType: 'ActionItem',
          entityId: item.id,
          changes,
          requestId: actor.requestId,
        });
      }
      if (ownerChanged) await this.reminders.assigned(em, saved);
      if (saved.dueOn !== before.dueOn) {
        await this.reminders.syncTimed(em, saved, await this.registry.requireBody(saved.bodyId, em));
        await this.followers.notify(
          em,
          saved,
          { event: 'DUE_DATE', from: before.dueOn, to: saved.dueOn },
          actor.user.personId,
        );
      }
      return saved;
    });
  }

  /**
   * Replacing a commitment's tags touches the progress roll-up rows of the old codes (DELETE) and then of the new
   * ones (INSERT), two statements: lock them all first, in code order, as every single-statement change does, so
   * that two transactions never wait for each other's rows in opposite orders (a deadlock).
   */
  private async lockRollupRows(em: EntityManager, bodyId: string, codes: string[]) {
    const sorted = [...new Set(codes)].sort();
    if (!sorted.length) return;
    await em.query(
      `INSERT INTO commitment_progress_rollup (body_id, code) SELECT $1, c FROM unnest($2::text[]) AS c ORDER BY c
       ON CONFLICT (body_id, code) DO NOTHING`,
      [bodyId, sorted],
    );
    await em.query(
      `SELECT 1 FROM commitment_progress_rollup WHERE body_id = $1 AND code = ANY($2::text[]) ORDER BY code FOR UPDATE`,
      [bodyId, sorted],
    );
  }

  async reportProgress(actor: Actor<AuthUser>, id: string, input: ActionProgressInput): Promise<ActionItem> {
    const seen = await this.reader.requireVisible(actor.user, id, actor.memo);
    if (!(await this.reader.canReport(actor.user, seen, actor.memo))) {
      throw forbidden(msg('error.actions.ownerItemFocalPoint'));
    }
    if (!input.note?.trim()) throw badInput(msg('error.actions.noteSayWhatWas'), 'input.note');
    const evidenceUrls = requireEvidenceUrls(input.evidenceUrls);
    return this.mutations.run(actor, async (em) => {
      const item = await em.findOneOrFail(ActionItem, { where: { id: seen.id }, lock: { mode: 'pessimistic_write' } });
      const now = new Date();
      const result = applyProgress(item, input, now);
      if (result.refused) {
        const field = `input.${result.field}`;
        throw result.reason === 'TRANSITION' || result.reason === 'CLOSED'
          ? conflict(result.text, { field })
          : badInput(result.text, field);
      }
      const before = { ...item };
      Object.assign(item, result.next);
      const saved = await em.getRepository(ActionItem).save(item);
      await em.getRepository(ActionUpdate).insert({
        actionItemId: item.id,
        authorPersonId: actor.user.personId,
        authorUserId: actor.user.id,
        note: input.note.trim(),
        progressPercent: input.progressPercent ?? null,
        status: input.status ?? null,
        evidenceUrls,
      });
      await this.audit.record(em, {
        actorUserId: actor.user.id,
        action: result.reopened ? 'actionItem.reopen' : 'actionItem.reportProgress',
        entityType: 'ActionItem',
        entityId: item.id,
        changes: {
          ...diffChanges(before, saved, AUDITED_FIELDS),
          note: [null, input.note.trim()],
          ...(evidenceUrls.length ? { evidenceUrls: [null, evidenceUrls] } : {}),
        },
        requestId: actor.requestId,
      });
      await this.followers.notify(
        em,
        saved,
        {
          event: 'PROGRESS',
          note: input.note.trim(),
          progressPercent: saved.progressPercent,
          status: saved.status,
          evidenceUrls,
        },
        actor.user.personId,
      );
      if (result.closed) await this.reminders.cancelAll(em, saved);
      if (result.reopened) await this.reminders.syncTimed(em, saved, await this.registry.requireBody(saved.bodyId, em));
      return saved;
    });
  }

  /**
   * A manager of the item's body corrects the text of a progress note, e.g. to take out a person's name (the trail
   * is otherwise append-only: the database lets only a declared correction of the note's text through). The earlier
   * text stays in the audit event's redactable part, which erasure redacts too.
   */
  async correctProgressNote(actor: Actor<AuthUser>, updateId: string, note: string): Promise<ActionItem> {
    const clean = (note ?? '').trim();
    if (!clean) throw badInput(msg('error.actions.noteNotBlankGive'), 'note');
    if (clean.length > 5000) throw badInput(msg('error.actions.noteMost5000Characters'), 'note');
    const update = isUuid(updateId)
      ? await this.dataSource.manager.findOne(ActionUpdate, { where: { id: updateId } })
      : null;
    if (!update) throw notFound('Progress note', updateId);
    const seen = await this.reader.requireVisible(actor.user, update.actionItemId, actor.memo).catch(() => {
      throw notFound('Progress note', updateId);
    });
    if (!(await this.reader.canManage(actor.user, seen, actor.memo))) {
      throw forbidden(msg('error.actions.chairCoChairSecretariat'));
    }
    return this.mutations.run(actor, async (em) => {
      const [before]: Array<{ note: string }> = await em.query(
        `SELECT note FROM action_updates WHERE id = $1 FOR UPDATE`,
        [update.id],
      );
      if (before.note !== clean) {
        await em.query(`SELECT set_config('coord.text_correction', 'on', true)`);
        await em.query(`UPDATE action_updates SET note = $2 WHERE id = $1`, [update.id, clean]);
        await em.query(`SELECT set_config('coord.text_correction', 'off', true)`);
        await this.audit.record(em, {
          actorUserId: actor.user.id,
          action: 'actionUpdate.correct',
          entityType: 'ActionUpdate',
          entityId: update.id,
          changes: { note: [before.note, clean], actionItemId: [update.actionItemId, update.actionItemId] },
          requestId: actor.requestId,
        });
      }
      return em.findOneOrFail(ActionItem, { where: { id: update.actionItemId } });
    });
  }

  private async requireManage(actor: Actor<AuthUser>, item: ActionItem) {
    if (!(await this.reader.canManage(actor.user, item, actor.memo))) {
      throw forbidden(msg('error.actions.chairCoChairSecretariat2'));
    }
  }

  /** Blank titles would only meet the table's CHECK, whose message names a constraint rather than the field. */
  private requireTitle(title: string) {
    if (!title.trim()) throw badInput(msg('error.actions.titleNotBlankSay'), 'input.title');
  }

  private requireOwner(personId: string | null | undefined, organizationId: string | null | undefined) {
    if (!personId && !organizationId) {
      throw badInput(msg('error.actions.actionItemNeedsOwner'), 'input.ownerPersonId');
    }
  }

  private async requireOwnersExist(em: EntityManager, personId: string | null, organizationId: string | null) {
    if (personId) {
      const [person] = await this.registry.peopleByIds([personId], em);
      if (!person) throw notFound('Person', personId);
      if (person.erasedAt) {
        throw badInput(msg('error.actions.personWasErasedCannot'), 'input.ownerPersonId');
      }
    }
    if (organizationId && !(await this.registry.organizationsByIds([organizationId], em)).length) {
      throw notFound('Organization', organizationId);
    }
  }

  private async requireCodes(codes: string[]): Promise<string[]> {
    const found = await this.targets.requireCodes(codes.map((c) => c.trim()));
    return found.map((t) => t.code).sort(compareFrameworkCodes);
  }

  private async writeCodes(em: EntityManager, actionItemId: string, codes: string[]) {
    if (codes.length)
      await em.insert(
        ActionItemFrameworkTarget,
        codes.map((code) => ({ actionItemId, code })),
      );
  }

  private async codesOf(em: EntityManager, actionItemId: string): Promise<string[]> {
    const rows = await em.find(ActionItemFrameworkTarget, { where: { actionItemId } });
    return rows.map((r) => r.code).sort(compareFrameworkCodes);
  }
}
