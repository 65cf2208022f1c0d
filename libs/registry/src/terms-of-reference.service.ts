import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  AuthUser,
  badInput,
  BodyAction,
  conflict,
  diffChanges,
  msg,
  MutationService,
  notFound,
  PolicyService,
} from '@coord/core';
import { DataSource, EntityManager } from 'typeorm';
import { TermReminders } from './term-reminders';
import { CoordinationBody } from './coordination-body.entity';
import { TermsOfReferenceStatus } from './registry.enums';
import { requireRow } from './registry.errors';
import { TermsOfReferenceInput } from './bodies.inputs';
import { isUuid } from './registry-read.service';
import { TermsOfReference } from './terms-of-reference.entity';

const FIELDS = [
  'version',
  'status',
  'mandate',
  'objectives',
  'functions',
  'quorumFraction',
  'decisionRule',
  'meetingFrequency',
  'requiredSeats',
  'reportsToBodyId',
  'resources',
  'reviewDueOn',
];

/**
 * Versioned terms of reference. The body's managers (CHAIR, CO_CHAIR, SECRETARIAT of it or an ancestor) and
 * admins draft and adopt them. Drafting and adopting lock the body row, so version numbers never collide and
 * of two adoptions racing exactly one wins: the other finds the draft adopted and gets CONFLICT. The database
 * keeps at most one ADOPTED version per body and adopted versions immutable.
 */
@Injectable()
export class TermsOfReferenceService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(TermReminders) private readonly termReminders: TermReminders,
  ) {}

  async draft(actor: Actor<AuthUser>, bodyId: string, input: TermsOfReferenceInput) {
    const { user, memo } = actor;
    await this.policy.require(user, BodyAction.MANAGE, bodyId, memo);
    const seats = input.requiredSeats ?? [];
    const sectors = new Set(seats.map((s) => s.sector));
    if (sectors.size !== seats.length) {
      throw badInput(msg('error.registry.inputRequiredseatsListsSector'), 'input.requiredSeats');
    }
    if (input.reportsToBodyId) {
      if (input.reportsToBodyId === bodyId) {
        throw badInput(msg('error.registry.bodyCannotReportItself'), 'input.reportsToBodyId');
      }
      if (!(await this.policy.can(user, BodyAction.READ, input.reportsToBodyId, memo))) {
        throw notFound('Coordination body (reportsToBodyId)', input.reportsToBodyId);
      }
    }
    return this.mutations.run(actor, async (em) => {
      await this.lockBody(em, bodyId);
      const [{ next }] = await em.query(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM terms_of_reference WHERE body_id = $1`,
        [bodyId],
      );
      const tor = await em.save(
        em.create(TermsOfReference, {
          bodyId,
          version: Number(next),
          status: TermsOfReferenceStatus.DRAFT,
          mandate: input.mandate.trim(),
          objectives: input.objectives.map((o) => o.trim()).filter(Boolean),
          functions: input.functions.map((f) => f.trim()).filter(Boolean),
          quorumFraction: input.quorumFraction,
          decisionRule: input.decisionRule,
          meetingFrequency: input.meetingFrequency,
          requiredSeats: seats.map((s) => ({ sector: s.sector, minSeats: s.minSeats })),
          reportsToBodyId: input.reportsToBodyId ?? null,
          resources: input.resources?.trim() || null,
          reviewDueOn: input.reviewDueOn ?? null,
        }),
      );
      await this.mutations.audit(em, actor, {
        action: 'termsOfReference.draft',
        entityType: 'TermsOfReference',
        entityId: tor.id,
        changes: diffChanges(null, tor, FIELDS),
      });
      return tor;
    });
  }

  /** Adopts a draft: it becomes current and the previously adopted version SUPERSEDED. */
  async adopt(
    actor: Actor<AuthUser>,
    id: string,
    adoptedOn: string,
    meetingId: string | null | undefined,
  ): Promise<TermsOfReference> {
    const { user, memo } = actor;
    const found = isUuid(id) ? await this.dataSource.manager.findOne(TermsOfReference, { where: { id } }) : null;
    // Terms of a body the user cannot see do not exist for them.
    if (!found || !(await this.policy.can(user, BodyAction.READ, found.bodyId, memo))) {
      throw notFound('Terms of reference', id);
    }
    await this.policy.require(user, BodyAction.MANAGE, found.bodyId, memo);
    if (meetingId && !isUuid(meetingId)) throw notFound('Meeting', meetingId);
    return this.mutations.run(actor, async (em) => {
      await this.lockBody(em, found.bodyId);
      const tor = await em.findOneOrFail(TermsOfReference, { where: { id } });
      if (tor.status !== TermsOfReferenceStatus.DRAFT) {
        throw conflict(
          msg('error.registry.versionTheseTermsReference', { version: tor.version, status: tor.status.toLowerCase() }),
        );
      }
      const current = await em.findOne(TermsOfReference, {
        where: { bodyId: tor.bodyId, status: TermsOfReferenceStatus.ADOPTED },
      });
      if (current) {
        if (current.version > tor.version) {
          throw conflict(
            msg('error.registry.versionAlreadyAdoptedNewer', { version: current.version, version2: tor.version }),
          );
        }
        if (current.adoptedOn && adoptedOn < current.adoptedOn) {
          throw badInput(
            msg('error.registry.adoptedonBeforeVersionWas', {
              adoptedOn,
              version: current.version,
              adoptedOn2: current.adoptedOn,
            }),
            'adoptedOn',
          );
        }
        await em.update(TermsOfReference, { id: current.id }, { status: TermsOfReferenceStatus.SUPERSEDED });
        await this.mutations.audit(em, actor, {
          action: 'termsOfReference.supersede',
          entityType: 'TermsOfReference',
          entityId: current.id,
          changes: { status: [TermsOfReferenceStatus.ADOPTED, TermsOfReferenceStatus.SUPERSEDED] },
        });
      }
      await em.update(
        TermsOfReference,
        { id },
        { status: TermsOfReferenceStatus.ADOPTED, adoptedOn, adoptedAtMeetingId: meetingId ?? null },
      );
      const after = await em.findOneOrFail(TermsOfReference, { where: { id } });
      await this.mutations.audit(em, actor, {
        action: 'termsOfReference.adopt',
        entityType: 'TermsOfReference',
        entityId: id,
        changes: diffChanges(tor, after, ['status', 'adoptedOn', 'adoptedAtMeetingId']),
      });
      await this.termReminders.torAdopted(em, after, current);
      return after;
    });
  }

  private async lockBody(em: EntityManager, bodyId: string) {
    await requireRow(em, CoordinationBody, 'Coordination body', bodyId, true);
  }
}
