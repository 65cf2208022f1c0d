import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
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
import { CoordinationBody, isUuid, Organization, Person, RegistryReadService } from '@coord/registry';
import { DataSource, EntityManager } from 'typeorm';
import { ActionItem, ActionItemFrameworkTarget } from './action-item.entity';
import { compareFrameworkCodes, FrameworkTarget } from './framework-target.entity';
import { ActionUpdate } from './action-update.entity';
import { ActionStatus, Priority } from './action.enums';
import { ActionItemInput, ActionItemUpdateInput, ActionProgressInput } from './action-items.inputs';
import { ActionsReadService } from './actions-read.service';
import { ActionRemindersService } from './action-reminders';
import { FrameworkTargetsService, refuseUnknownCodes } from './framework-targets.service';
import { MeetingLinks } from './meeting-links';
import { applyProgress, ProgressState, WorkflowResult } from './actions.rules';
import { requireEvidenceUrls } from './evidence';
import { CoOwnersService } from './co-owners/co-owners';
import { FollowersService } from './following/followers.service';

/** A new item and the rows its checks read, for the response (ActionItemsLoaders.prime). */
export interface CreatedActionItem {
  item: ActionItem;
  body: CoordinationBody;
  ownerPerson: Person | null;
  ownerOrganization: Organization | null;
  /** As the `frameworkTargets` field lists them: by framework, then code. */
  frameworkTargets: FrameworkTarget[];
}

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
    @Inject(ActionsReadService) private readonly reader: ActionsReadService,
    @Inject(ActionRemindersService) private readonly reminders: ActionRemindersService,
    @Inject(MeetingLinks) private readonly meetings: MeetingLinks,
    @Inject(CoOwnersService) private readonly coOwners: CoOwnersService,
    @Inject(FollowersService) private readonly followers: FollowersService,
  ) {}

  /**
   * The new item, with the rows its checks read (its body, owner person or organization, framework targets in the
   * order the `frameworkTargets` field lists them), which the response's fields can use instead of reading them again.
   */
  async create(actor: Actor<AuthUser>, input: ActionItemInput): Promise<CreatedActionItem> {
    await this.policy.require(actor.user, BodyAction.MANAGE, input.bodyId, actor.memo);
    const ownerPersonId = input.ownerPersonId ?? null;
    const ownerOrganizationId = input.ownerOrganizationId ?? null;
    this.requireOwner(ownerPersonId, ownerOrganizationId);
    this.requireTitle(input.title);
    const requestedCodes = [...new Set((input.frameworkCodes ?? []).map((c) => c.trim()))];
    return this.mutations.run(actor, async (em) => {
      const { body, ownerPerson, ownerOrganization, targets } = await this.requireReferences(
        em,
        input.bodyId,
        ownerPersonId,
        ownerOrganizationId,
        requestedCodes,
      );
      const codes = targets.map((t) => t.code).sort(compareFrameworkCodes);
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
      await this.coOwners.add(em, item.id, coOwnerOrganizationIds);
      await this.mutations.audit(em, actor, {
        action: 'actionItem.create',
        entityType: 'ActionItem',
        entityId: item.id,
        changes: diffChanges(null, { ...item, frameworkCodes: codes, coOwnerOrganizationIds }, AUDITED_FIELDS),
      });
      await this.reminders.created(em, item, body);
      const frameworkTargets = targets
        .map((t) => ({ code: t.code, framework: t.framework, title: t.title }))
        .sort((a, b) =>
          a.framework < b.framework ? -1 : a.framework > b.framework ? 1 : compareFrameworkCodes(a.code, b.code),
        );
      return { item, body, ownerPerson, ownerOrganization, frameworkTargets };
    });
  }

  /**
   * The body, owner person, owner organization and framework targets a new item names, read in one statement and
   * checked in this order: unknown codes, the body, the owner person (unknown, or erased), the owner organization.
   */
  private async requireReferences(
    em: EntityManager,
    bodyId: string,
    personId: string | null,
    organizationId: string | null,
    codes: string[],
  ): Promise<{
    body: CoordinationBody;
    ownerPerson: Person | null;
    ownerOrganization: Organization | null;
    targets: FrameworkTarget[];
  }> {
    type Read = CoordinationBody & {
      refPerson?: Person | null;
      refOrganization?: Organization | null;
      refTargets?: FrameworkTarget[];
    };
    const qb = em.createQueryBuilder(CoordinationBody, 'b').where('b.id = :refBodyId', { refBodyId: bodyId });
    if (personId) qb.leftJoinAndMapOne('b.refPerson', Person, 'rp', 'rp.id = :refPersonId', { refPersonId: personId });
    if (organizationId) {
      qb.leftJoinAndMapOne('b.refOrganization', Organization, 'ro', 'ro.id = :refOrganizationId', {
        refOrganizationId: organizationId,
      });
    }
    if (codes.length)
      qb.leftJoinAndMapMany('b.refTargets', FrameworkTarget, 'rt', 'rt.code IN (:...refCodes)', { refCodes: codes });
    const read = isUuid(bodyId) ? ((await qb.getOne()) as Read | null) : null;
    const { refPerson = null, refOrganization = null, refTargets = [], ...rest } = read ?? {};
    refuseUnknownCodes(codes, refTargets);
    if (!read) throw notFound('Coordination body', bodyId);
    const body = Object.assign(new CoordinationBody(), rest);
    this.checkOwners(personId, refPerson, organizationId, refOrganization);
    return { body, ownerPerson: refPerson, ownerOrganization: refOrganization, targets: refTargets };
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
        await this.mutations.audit(em, actor, {
          action: 'actionItem.update',
          entityType: 'ActionItem',
          entityId: item.id,
          changes,
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

  /**
   * `withTrail`: also return the item's progress trail as it is after this report (read by the statement that adds
   * the update), for the response's `updates` field.
   */
  async reportProgress(
    actor: Actor<AuthUser>,
    id: string,
    input: ActionProgressInput,
    withTrail = false,
  ): Promise<{ item: ActionItem; trail: ActionUpdate[] | null }> {
    const { item: seen, version } = await this.reader.requireVisibleVersion(actor.user, id, actor.memo);
    if (!(await this.reader.canReport(actor.user, seen, actor.memo))) {
      throw forbidden(msg('error.actions.ownerItemFocalPoint'));
    }
    if (!input.note?.trim()) throw badInput(msg('error.actions.noteSayWhatWas'), 'input.note');
    const note = input.note.trim();
    const evidenceUrls = requireEvidenceUrls(input.evidenceUrls);
    return this.mutations.run(actor, async (em) => {
      const now = new Date();
      // The report applies to the item as read above if its row has not changed since (the write checks its
      // version): one statement writes the item and its trail entry. Otherwise (or when refused as read) it applies
      // to the item as it is now, locked.
      const entry = {
        authorPersonId: actor.user.personId,
        authorUserId: actor.user.id,
        note,
        progressPercent: input.progressPercent ?? null,
        status: input.status ?? null,
        evidenceUrls,
      };
      let before = seen;
      const asRead = applyProgress(seen, input, now);
      let result = asRead.refused ? null : asRead;
      let written = result ? await this.writeReport(em, seen, result.next, version, entry, withTrail) : null;
      if (!result || !written) {
        before = await em.findOneOrFail(ActionItem, { where: { id: seen.id }, lock: { mode: 'pessimistic_write' } });
        result = this.progressOf(before, input, now);
        written = await this.writeReport(em, before, result.next, null, entry, withTrail);
      }
      if (!written) throw new Error(`Action item ${before.id} was locked and yet not written`);
      const saved: ActionItem = Object.assign(new ActionItem(), before, result.next, { updatedAt: written.updatedAt });
      const trail = written.trail;
      await this.mutations.audit(em, actor, {
        action: result.reopened ? 'actionItem.reopen' : 'actionItem.reportProgress',
        entityType: 'ActionItem',
        entityId: saved.id,
        changes: {
          ...diffChanges(before, saved, AUDITED_FIELDS),
          note: [null, note],
          ...(evidenceUrls.length ? { evidenceUrls: [null, evidenceUrls] } : {}),
        },
      });
      await this.followers.notify(
        em,
        saved,
        {
          event: 'PROGRESS',
          note,
          progressPercent: saved.progressPercent,
          status: saved.status,
          evidenceUrls,
        },
        actor.user.personId,
      );
      if (result.closed) await this.reminders.cancelAll(em, saved);
      if (result.reopened) await this.reminders.syncTimed(em, saved, await this.registry.requireBody(saved.bodyId, em));
      return { item: saved, trail };
    });
  }

  /** The item's progress state after the report, or the report's refusal as an error. */
  private progressOf(current: ActionItem, input: ActionProgressInput, now: Date): WorkflowResult {
    const result = applyProgress(current, input, now);
    if (result.refused) {
      const field = `input.${result.field}`;
      throw result.reason === 'TRANSITION' || result.reason === 'CLOSED'
        ? conflict(result.text, { field })
        : badInput(result.text, field);
    }
    return result;
  }

  /**
   * Writes a report in one statement: the item's new progress state and the entry of its trail. With `version`, only
   * if the item's row is still at that version; null when it has changed since (nothing written). A report that
   * changes none of the state only locks the row (updated_at stays), as TypeORM's save() wrote nothing then. Returns
   * the row's updated_at and, with `withTrail`, the whole trail after the report, in order.
   */
  private async writeReport(
    em: EntityManager,
    before: ActionItem,
    next: ProgressState,
    version: string | null,
    entry: Omit<ActionUpdate, 'id' | 'actionItemId' | 'createdAt'>,
    withTrail: boolean,
  ): Promise<{ updatedAt: Date; trail: ActionUpdate[] | null } | null> {
    const unchanged =
      before.status === next.status &&
      before.progressPercent === next.progressPercent &&
      (before.completedAt?.getTime() ?? null) === (next.completedAt?.getTime() ?? null);
    const write = unchanged
      ? `SELECT updated_at FROM action_items WHERE id = $1 AND ($2::xid IS NULL OR xmin = $2::xid) FOR UPDATE`
      : `UPDATE action_items SET status = $9, progress_percent = $10, completed_at = $11, updated_at = CURRENT_TIMESTAMP
          WHERE id = $1 AND ($2::xid IS NULL OR xmin = $2::xid) RETURNING updated_at`;
    const columns = `id, action_item_id, author_person_id, author_user_id, note, progress_percent, status,
                     evidence_urls, created_at`;
    const rows: Array<{
      written_at: Date | null;
      added: boolean;
      id: string;
      action_item_id: string;
      author_person_id: string | null;
      author_user_id: string | null;
      note: string;
      progress_percent: number | null;
      status: ActionStatus | null;
      evidence_urls: string[];
      created_at: Date;
    }> = await em.query(
      `WITH written AS (${write}),
       added AS (
         INSERT INTO action_updates (action_item_id, author_person_id, author_user_id, note, progress_percent, status,
                                     evidence_urls)
         SELECT $1::uuid, $3::uuid, $4::uuid, $5::text, $6::int, $7::text, $8::text[] FROM written
         RETURNING ${columns})
       SELECT (SELECT updated_at FROM written) AS written_at, TRUE AS added, ${columns} FROM added
       ${withTrail ? `UNION ALL SELECT NULL, FALSE, ${columns} FROM action_updates WHERE action_item_id = $1` : ''}
       ORDER BY created_at, id`,
      [
        before.id,
        version,
        entry.authorPersonId,
        entry.authorUserId,
        entry.note,
        entry.progressPercent,
        entry.status,
        entry.evidenceUrls,
        ...(unchanged ? [] : [next.status, next.progressPercent, next.completedAt]),
      ],
    );
    const added = rows.find((r) => r.added);
    if (!added?.written_at) return null;
    const trail = rows.map((r) =>
      Object.assign(new ActionUpdate(), {
        id: r.id,
        actionItemId: r.action_item_id,
        authorPersonId: r.author_person_id,
        authorUserId: r.author_user_id,
        note: r.note,
        progressPercent: r.progress_percent,
        status: r.status,
        evidenceUrls: r.evidence_urls,
        createdAt: r.created_at,
      }),
    );
    return { updatedAt: added.written_at, trail: withTrail ? trail : null };
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
        await this.mutations.audit(em, actor, {
          action: 'actionUpdate.correct',
          entityType: 'ActionUpdate',
          entityId: update.id,
          changes: { note: [before.note, clean], actionItemId: [update.actionItemId, update.actionItemId] },
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
    const [person] = personId ? await this.registry.peopleByIds([personId], em) : [];
    const [organization] = organizationId ? await this.registry.organizationsByIds([organizationId], em) : [];
    this.checkOwners(personId, person ?? null, organizationId, organization ?? null);
  }

  /** The owners named exist (as read: `person`, `organization`), and the person was not erased. */
  private checkOwners(
    personId: string | null,
    person: Person | null,
    organizationId: string | null,
    organization: Organization | null,
  ) {
    if (personId) {
      if (!person) throw notFound('Person', personId);
      if (person.erasedAt) {
        throw badInput(msg('error.actions.personWasErasedCannot'), 'input.ownerPersonId');
      }
    }
    if (organizationId && !organization) throw notFound('Organization', organizationId);
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
