import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  AuthUser,
  Changes,
  conflict,
  Connection,
  diffChanges,
  forbidden,
  isAdmin,
  MANAGING_ROLES,
  MutationService,
  paginate,
  PolicyService,
  RequestMemo,
  msg,
  todayIn,
} from '@coord/core';
import { DataSource, EntityManager } from 'typeorm';
import { likePattern } from './organizations.service';
import { Organization } from './organization.entity';
import { ErasureService } from './erasure.service';
import { Person } from './person.entity';
import { clean, requireRow } from './registry.errors';
import { applyUpdate, PeopleArgs, PersonInput, PersonUpdateInput, searchTerm } from './registry.inputs';
import { RegistryAccessService } from './registry-access';
import { isUuid, RegistryReadService } from './registry-read.service';

const PERSONAL = new Set(['fullName', 'email', 'title']);

/** Audit changes of a person without the personal data itself: the log is append-only and outlives erasure. */
function personChanges(before: Partial<Person> | null, after: Partial<Person> | null): Changes {
  const changes = diffChanges(before, after, ['fullName', 'email', 'title', 'organizationId']);
  for (const key of Object.keys(changes)) {
    if (PERSONAL.has(key)) {
      changes[key] = changes[key].map((v) => (v === null || v === undefined ? null : '[personal data]')) as [
        unknown,
        unknown,
      ];
    }
  }
  return changes;
}

/**
 * People who sit on bodies. Who may do what:
 * - any signed-in user lists and reads people (names, titles, organizations); emails only per RegistryAccessService;
 * - platform admins and anyone who is CHAIR/CO_CHAIR/SECRETARIAT of some body create people (to add members);
 * - a person is updated by themself, a platform admin, or a manager of a body the person is an active member
 *   of (or of an ancestor of that body);
 * - only platform admins erase a person.
 */
@Injectable()
export class PeopleService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(ErasureService) private readonly erasure: ErasureService,
  ) {}

  find(id: string): Promise<Person | null> {
    return isUuid(id) ? this.dataSource.manager.findOne(Person, { where: { id } }) : Promise.resolve(null);
  }

  /**
   * Erased people are left out of the list: they stay visible where they acted (memberships, history).
   * Minimisation: admins and managers (CHAIR/CO_CHAIR/SECRETARIAT of some body, who register and seat people) list
   * the whole registry; any other signed-in user lists themself, the people who share an active seat on a body
   * with them, and the active members of public bodies; not the whole registry.
   */
  async list(args: PeopleArgs, viewer: AuthUser, memo: RequestMemo): Promise<Connection<Person>> {
    const qb = this.dataSource.manager.createQueryBuilder(Person, 'p').where('p.erased_at IS NULL');
    const seesAll = isAdmin(viewer) || (await this.policy.bodiesWithRole(viewer, MANAGING_ROLES, memo)).length > 0;
    if (!seesAll) {
      qb.andWhere(
        `(p.id = :viewerPersonId OR p.id IN (
           SELECT other.person_id FROM memberships other
            WHERE other.starts_on <= :listToday AND (other.ends_on IS NULL OR other.ends_on >= :listToday)
              AND (other.body_id IN (SELECT id FROM coordination_bodies WHERE is_public)
                   OR other.body_id IN (SELECT mine.body_id FROM memberships mine
                                         WHERE mine.person_id = :viewerPersonId AND mine.starts_on <= :listToday
                                           AND (mine.ends_on IS NULL OR mine.ends_on >= :listToday)))))`,
        {
          viewerPersonId: viewer.personId ?? '00000000-0000-0000-0000-000000000000',
          listToday: todayIn('UTC'),
        },
      );
    }
    const term = searchTerm(args.search);
    if (term) qb.andWhere('search_text(p.full_name) LIKE search_text(:pattern)', { pattern: likePattern(term) });
    if (args.organizationId) {
      qb.andWhere('p.organization_id = :organizationId', {
        organizationId: isUuid(args.organizationId) ? args.organizationId : '00000000-0000-0000-0000-000000000000',
      });
    }
    return paginate(qb, args, { sortExpression: 'p.full_name', sortValue: (p) => p.fullName });
  }

  async create(actor: Actor<AuthUser>, input: PersonInput): Promise<Person> {
    const { user, memo } = actor;
    if (!isAdmin(user) && !(await this.policy.bodiesWithRole(user, MANAGING_ROLES, memo)).length) {
      throw forbidden(msg('error.registry.platformAdminChairCo'));
    }
    return this.mutations.run(actor, async (em) => {
      const values = await this.values(em, input);
      await this.requireEmailFree(em, user, values.email, null);
      const person = await em.save(em.create(Person, { ...values, registeredByUserId: user.id }));
      await this.mutations.audit(em, actor, {
        action: 'person.create',
        entityType: 'Person',
        entityId: person.id,
        changes: personChanges(null, person),
      });
      return person;
    });
  }

  /** Changes only the fields given (PersonUpdateInput); null clears an optional one. */
  async update(actor: Actor<AuthUser>, id: string, input: PersonUpdateInput) {
    const { user } = actor;
    return this.mutations.run(actor, async (em) => {
      const before = await requireRow(em, Person, 'Person', id, true);
      await this.requireMayEdit(em, user, before);
      if (before.erasedAt) throw conflict(msg('error.registry.personWasErasedTheir'));
      const current: PersonInput = {
        fullName: before.fullName,
        email: before.email,
        title: before.title,
        organizationId: before.organizationId,
      };
      const values = await this.values(em, applyUpdate(current, input, ['fullName']));
      if (values.organizationId !== before.organizationId) await this.requireNoFocalSeatElsewhere(em, before, values);
      if (values.email !== before.email) await this.requireEmailFree(em, user, values.email, before.id);
      const after = await em.save(Person, { ...before, ...values });
      await this.mutations.audit(em, actor, {
        action: 'person.update',
        entityType: 'Person',
        entityId: id,
        changes: personChanges(before, after),
      });
      return after;
    });
  }

  /**
   * Erases the person's personal side (ErasureService lists every step: placeholder name, no contact data, sign-in
   * and calendar feeds revoked, seats ended, withdrawn from meetings ahead, reminders and notifications gone, and
   * with `redactNames` their name and email replaced in free texts). Memberships, decisions and actions keep
   * pointing at the same person row, so the history stays whole. Erasing twice changes nothing.
   */
  erase(actor: Actor<AuthUser>, id: string, redactNames = true): Promise<Person> {
    const { user } = actor;
    this.policy.requireAdmin(user);
    return this.mutations.run(actor, async (em) => {
      const before = await requireRow(em, Person, 'Person', id, true);
      if (before.erasedAt) return before;
      await this.erasure.erase({
        em,
        actor,
        before,
        redactNames,
        today: ErasureService.today(),
        touched: new Set(),
      });
      const after = await em.findOneOrFail(Person, { where: { id } });
      await this.mutations.audit(em, actor, {
        action: 'person.erase',
        entityType: 'Person',
        entityId: id,
        changes: { ...personChanges(before, after), erased: [false, true], namesRedacted: [null, redactNames] },
      });
      return after;
    });
  }

  /** The person, an admin, or whoever may see their contact data (RegistryAccessService.contactsVisibleSql). */
  private async mayEdit(em: EntityManager, user: AuthUser, personId: string): Promise<boolean> {
    if (isAdmin(user) || user.personId === personId) return true;
    if (!user.personId) return false;
    const rows: unknown[] = await em.query(RegistryAccessService.contactsVisibleSql('$1', '$4', '$2', '$3::uuid[]'), [
      user.personId,
      todayIn('UTC'),
      [personId],
      user.id,
    ]);
    return rows.length > 0;
  }

  private async requireMayEdit(em: EntityManager, user: AuthUser, person: Person) {
    if (await this.mayEdit(em, user, person.id)) return;
    throw forbidden(msg('error.registry.personPlatformAdminChair'));
  }

  /**
   * Emails are unique (case-insensitive; uq_people_email): CONFLICT naming the person who has it for those who
   * may see that person's contact data, and only where to look for everyone else (an email must not reveal whose
   * it is).
   */
  private async requireEmailFree(em: EntityManager, user: AuthUser, email: string | null, selfId: string | null) {
    if (!email) return;
    const [holder]: Array<{ id: string; full_name: string }> = await em.query(
      `SELECT id, full_name FROM people WHERE lower(email) = lower($1) AND id IS DISTINCT FROM $2::uuid LIMIT 1`,
      [email, selfId],
    );
    if (!holder) return;
    if (await this.mayEdit(em, user, holder.id)) {
      throw conflict(
        msg('error.registry.personAlreadyRegisteredEmail', { full_name: holder.full_name, id: holder.id, email }),
        { field: 'input.email' },
      );
    }
    throw conflict(msg('error.registry.personEmailAlreadyRegistry'), { field: 'input.email' });
  }

  /**
   * A focal point belongs to the organization they represent (MembershipsService.add): their organization cannot
   * change while they hold, or are due to hold, a FOCAL_POINT seat for another one.
   */
  private async requireNoFocalSeatElsewhere(
    em: EntityManager,
    person: Person,
    values: { organizationId: string | null },
  ) {
    const seats: Array<{ body: string; organization: string }> = await em.query(
      `SELECT b.name AS body, o.name AS organization
         FROM memberships m
         JOIN coordination_bodies b ON b.id = m.body_id
         JOIN organizations o ON o.id = m.organization_id
        WHERE m.person_id = $1 AND m.role = 'FOCAL_POINT' AND (m.ends_on IS NULL OR m.ends_on >= $2::date)
          AND m.organization_id IS DISTINCT FROM $3::uuid
        ORDER BY b.name, o.name`,
      [person.id, todayIn('UTC'), values.organizationId],
    );
    if (seats.length === 0) return;
    const where = seats.map((seat) => `${seat.organization} on ${seat.body}`).join(', ');
    throw conflict(msg('error.registry.focalPointFocalPoint', { fullName: person.fullName, where }));
  }

  private async values(em: EntityManager, input: PersonInput) {
    if (input.organizationId) await requireRow(em, Organization, 'Organization', input.organizationId);
    return {
      fullName: input.fullName.trim(),
      email: clean(input.email)?.toLowerCase() ?? null,
      title: clean(input.title),
      organizationId: input.organizationId ?? null,
    };
  }
}
