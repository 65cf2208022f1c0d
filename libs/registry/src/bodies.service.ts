import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  AuthUser,
  badInput,
  BodyAction,
  Connection,
  diffChanges,
  forbidden,
  isAdmin,
  msg,
  MutationService,
  paginate,
  parseDurationMs,
  PolicyService,
} from '@coord/core';
import { DataSource, EntityManager } from 'typeorm';
import { CoordinationBody } from './coordination-body.entity';
import { Organization } from './organization.entity';
import { likePattern } from './organizations.service';
import { RegistryAccessService } from './registry-access';
import { BodyStatus } from './registry.enums';
import { checkGeography, clean, requireRow } from './registry.errors';
import {
  CoordinationBodiesArgs,
  CoordinationBodyInput,
  CoordinationBodyUpdateInput,
  ReminderPolicyInput,
} from './bodies.inputs';
import { applyUpdate, searchTerm } from './registry.inputs';
import { durationProblemText } from './registry.rules';
import { isUuid, RegistryReadService } from './registry-read.service';
import { ReminderPolicy } from './registry.types';
import { ReminderSettingsRegistry } from './reminder-settings';

const FIELDS = [
  'name',
  'acronym',
  'kind',
  'level',
  'status',
  'countryCode',
  'subdivisionCode',
  'timezone',
  'description',
  'isPublic',
  'establishedOn',
  'parentId',
  'leadOrganizationId',
  'secretariatOrganizationId',
];
const POLICY_FIELDS = ['meetingReminders', 'actionDueReminders', 'overdueEscalationAfter', 'minutesFollowUpAfter'];

/** Serialises hierarchy changes, so two moves racing cannot build a cycle the trigger of each would miss. */
const HIERARCHY_LOCK = 7_100_002;

export function reminderPolicyOf(body: CoordinationBody): ReminderPolicy {
  return {
    meetingReminders: body.meetingReminders,
    actionDueReminders: body.actionDueReminders,
    overdueEscalationAfter: body.overdueEscalationAfter,
    minutesFollowUpAfter: body.minutesFollowUpAfter,
  };
}

/**
 * Coordination bodies and their reminder policies. Who may do what:
 * - platform admins create top-level bodies and change any body;
 * - the CHAIR, CO_CHAIR or SECRETARIAT of a body (or of an ancestor) create sub-bodies beneath it, and
 *   change it and its reminder policy; moving a body needs the same right on the new parent, and only admins
 *   make a body top-level;
 * - reading follows RegistryAccessService (public, member of it or an ancestor, admin); lists filter in SQL.
 */
@Injectable()
export class BodiesService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(ReminderSettingsRegistry) private readonly reminderSettings: ReminderSettingsRegistry,
  ) {}

  find(id: string): Promise<CoordinationBody | null> {
    return isUuid(id) ? this.dataSource.manager.findOne(CoordinationBody, { where: { id } }) : Promise.resolve(null);
  }

  list(user: AuthUser | null, args: CoordinationBodiesArgs): Promise<Connection<CoordinationBody>> {
    const qb = this.dataSource.manager.createQueryBuilder(CoordinationBody, 'b');
    const readable = RegistryAccessService.readableCondition('b', user);
    if (readable) qb.andWhere(readable.sql, readable.params);
    const f = args.filter ?? {};
    if (f.level) qb.andWhere('b.level = :level', { level: f.level });
    if (f.kind) qb.andWhere('b.kind = :kind', { kind: f.kind });
    if (f.status) qb.andWhere('b.status = :status', { status: f.status });
    if (f.countryCode) qb.andWhere('b.country_code = :countryCode', { countryCode: f.countryCode });
    if (f.subdivisionCode) qb.andWhere('b.subdivision_code = :subdivisionCode', { subdivisionCode: f.subdivisionCode });
    if (f.parentId) {
      qb.andWhere('b.parent_id = :parentId', {
        parentId: isUuid(f.parentId) ? f.parentId : '00000000-0000-0000-0000-000000000000',
      });
    }
    const term = searchTerm(f.search);
    if (term) {
      // Any language: the body's own name and acronym, or a translation of its name or description (both served
      // by trigram indexes: ix_bodies_search, ix_content_translations_search).
      qb.andWhere(
        `((search_text(b.name) || ' ' || search_text(b.acronym)) LIKE search_text(:pattern)
          OR b.id IN (SELECT t.entity_id FROM content_translations t
                       WHERE t.entity_type = 'COORDINATION_BODY' AND search_text(t.text) LIKE search_text(:pattern)))`,
        { pattern: likePattern(term) },
      );
    }
    return paginate(qb, args, { sortExpression: 'b.name', sortValue: (b) => b.name });
  }

  async create(actor: Actor<AuthUser>, input: CoordinationBodyInput) {
    const { user, memo } = actor;
    if (input.parentId) {
      await this.policy.require(user, BodyAction.MANAGE, input.parentId, memo);
    } else if (!isAdmin(user)) {
      throw forbidden(msg('error.registry.platformAdminCreateTop'));
    }
    return this.mutations.run(actor, async (em) => {
      const values = await this.values(em, input);
      const body = await em.save(em.create(CoordinationBody, values));
      await this.mutations.audit(em, actor, {
        action: 'body.create',
        entityType: 'CoordinationBody',
        entityId: body.id,
        changes: diffChanges(null, body, FIELDS),
      });
      return body;
    });
  }

  /** Changes only the fields given (CoordinationBodyUpdateInput); null clears an optional one. */
  async update(actor: Actor<AuthUser>, id: string, input: CoordinationBodyUpdateInput) {
    const { user, memo } = actor;
    await this.policy.require(user, BodyAction.MANAGE, id, memo);
    return this.mutations.run(actor, async (em) => {
      const before = await requireRow(em, CoordinationBody, 'Coordination body', id, true);
      const current: CoordinationBodyInput = {
        name: before.name,
        acronym: before.acronym,
        kind: before.kind,
        level: before.level,
        status: before.status,
        countryCode: before.countryCode,
        subdivisionCode: before.subdivisionCode,
        timezone: before.timezone,
        description: before.description,
        isPublic: before.isPublic,
        establishedOn: before.establishedOn,
        parentId: before.parentId,
        leadOrganizationId: before.leadOrganizationId,
        secretariatOrganizationId: before.secretariatOrganizationId,
      };
      const merged = applyUpdate(current, input, ['name', 'kind', 'level', 'status', 'timezone', 'isPublic']);
      const values = await this.values(em, merged);
      if (values.parentId !== before.parentId) {
        if (!isAdmin(user)) {
          if (!values.parentId) throw forbidden(msg('error.registry.platformAdminMakeBody'));
          await this.policy.require(user, BodyAction.MANAGE, values.parentId, memo);
        }
        await em.query('SELECT pg_advisory_xact_lock($1)', [HIERARCHY_LOCK]);
        if (values.parentId && (await this.registry.descendantIds(id, em)).includes(values.parentId)) {
          throw badInput(
            values.parentId === id
              ? msg('error.registry.bodyBeneathItself', { parentId: values.parentId })
              : msg('error.registry.bodyBeneathItsSubBody', { parentId: values.parentId, name: before.name }),
            'input.parentId',
          );
        }
      }
      const after = await em.save(CoordinationBody, { ...before, ...values });
      // A new time zone moves the reminders timed at 09:00 local (action items' due, overdue and escalation).
      await this.reminderSettings.changed(em, before, after);
      await this.mutations.audit(em, actor, {
        action: 'body.update',
        entityType: 'CoordinationBody',
        entityId: id,
        changes: diffChanges(before, after, FIELDS),
      });
      return after;
    });
  }

  async setReminderPolicy(actor: Actor<AuthUser>, bodyId: string, input: ReminderPolicyInput): Promise<ReminderPolicy> {
    const { user, memo } = actor;
    await this.policy.require(user, BodyAction.MANAGE, bodyId, memo);
    const changes: Partial<ReminderPolicy> = {};
    if (input.meetingReminders) changes.meetingReminders = leadTimes(input.meetingReminders, 'meetingReminders');
    if (input.actionDueReminders)
      changes.actionDueReminders = leadTimes(input.actionDueReminders, 'actionDueReminders');
    for (const field of ['overdueEscalationAfter', 'minutesFollowUpAfter'] as const) {
      const value = input[field];
      if (value === undefined || value === null) continue;
      const problem = durationProblemText(value, `input.${field}`);
      if (problem) throw badInput(problem, `input.${field}`);
      changes[field] = value;
    }
    return this.mutations.run(actor, async (em) => {
      const before = await requireRow(em, CoordinationBody, 'Coordination body', bodyId, true);
      const after = await em.save(CoordinationBody, { ...before, ...changes });
      // Reminders already waiting follow the new policy (added, moved or cancelled), in this transaction.
      await this.reminderSettings.changed(em, before, after);
      await this.mutations.audit(em, actor, {
        action: 'body.setReminderPolicy',
        entityType: 'CoordinationBody',
        entityId: bodyId,
        changes: diffChanges(before, after, POLICY_FIELDS),
      });
      return reminderPolicyOf(after);
    });
  }

  private async values(em: EntityManager, input: CoordinationBodyInput) {
    checkGeography(input.countryCode, input.subdivisionCode);
    if (input.parentId) await requireRow(em, CoordinationBody, 'Parent coordination body', input.parentId);
    if (input.leadOrganizationId) await requireRow(em, Organization, 'Lead organization', input.leadOrganizationId);
    if (input.secretariatOrganizationId) {
      await requireRow(em, Organization, 'Secretariat organization', input.secretariatOrganizationId);
    }
    return {
      name: input.name.trim(),
      acronym: clean(input.acronym),
      kind: input.kind,
      level: input.level,
      status: input.status ?? BodyStatus.ACTIVE,
      countryCode: input.countryCode ?? null,
      subdivisionCode: input.subdivisionCode ?? null,
      timezone: input.timezone ?? 'UTC',
      description: clean(input.description),
      isPublic: input.isPublic ?? false,
      establishedOn: input.establishedOn ?? null,
      parentId: input.parentId ?? null,
      leadOrganizationId: input.leadOrganizationId ?? null,
      secretariatOrganizationId: input.secretariatOrganizationId ?? null,
    };
  }
}

/** Validated lead times, without duplicates (P1D and PT24H are the same), longest first. */
function leadTimes(values: string[], field: string): string[] {
  const byMs = new Map<number, string>();
  for (const value of values) {
    const problem = durationProblemText(value, `input.${field}`);
    if (problem) throw badInput(problem, `input.${field}`);
    const ms = parseDurationMs(value)!;
    if (!byMs.has(ms)) byMs.set(ms, value);
  }
  return [...byMs.entries()].sort((a, b) => b[0] - a[0]).map(([, value]) => value);
}
