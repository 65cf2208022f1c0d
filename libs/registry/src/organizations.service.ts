import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  AuthUser,
  badInput,
  Connection,
  diffChanges,
  msg,
  MutationService,
  paginate,
  PolicyService,
} from '@coord/core';
import { DataSource, EntityManager } from 'typeorm';
import { Organization } from './organization.entity';
import { checkGeography, clean, requireRow } from './registry.errors';
import {
  applyUpdate,
  OrganizationInput,
  OrganizationsArgs,
  OrganizationUpdateInput,
  searchTerm,
} from './registry.inputs';
import { isUuid } from './registry-read.service';

const FIELDS = ['name', 'acronym', 'sector', 'level', 'countryCode', 'subdivisionCode', 'parentId'];

/** Likes a user's search term safely: wildcards in the term are literal. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Organizations: ministries, agencies, county governments, civil society... Not personal data: any signed-in
 * user lists and reads them; only platform admins create and change them.
 */
@Injectable()
export class OrganizationsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  find(id: string): Promise<Organization | null> {
    return isUuid(id) ? this.dataSource.manager.findOne(Organization, { where: { id } }) : Promise.resolve(null);
  }

  list(args: OrganizationsArgs): Promise<Connection<Organization>> {
    const qb = this.dataSource.manager.createQueryBuilder(Organization, 'o');
    const term = searchTerm(args.search);
    // The same expression as the trigram index ix_organizations_search, so the index serves it.
    if (term) {
      qb.andWhere(`(search_text(o.name) || ' ' || search_text(o.acronym)) LIKE search_text(:pattern)`, {
        pattern: likePattern(term),
      });
    }
    if (args.sector) qb.andWhere('o.sector = :sector', { sector: args.sector });
    return paginate(qb, args, { sortExpression: 'o.name', sortValue: (o) => o.name });
  }

  create(actor: Actor<AuthUser>, input: OrganizationInput): Promise<Organization> {
    const { user } = actor;
    this.policy.requireAdmin(user);
    return this.mutations.run(actor, async (em) => {
      const values = await this.values(em, input, null);
      const org = await em.save(em.create(Organization, values));
      await this.mutations.audit(em, actor, {
        action: 'organization.create',
        entityType: 'Organization',
        entityId: org.id,
        changes: diffChanges(null, org, FIELDS),
      });
      return org;
    });
  }

  /** Changes only the fields given (OrganizationUpdateInput); null clears an optional one. */
  update(actor: Actor<AuthUser>, id: string, input: OrganizationUpdateInput): Promise<Organization> {
    const { user } = actor;
    this.policy.requireAdmin(user);
    return this.mutations.run(actor, async (em) => {
      const before = await requireRow(em, Organization, 'Organization', id, true);
      const current: OrganizationInput = {
        name: before.name,
        acronym: before.acronym,
        sector: before.sector,
        level: before.level,
        countryCode: before.countryCode,
        subdivisionCode: before.subdivisionCode,
        parentId: before.parentId,
      };
      const merged = applyUpdate(current, input, ['name', 'sector', 'level']);
      const values = await this.values(em, merged, before.id);
      const after = await em.save(Organization, { ...before, ...values });
      await this.mutations.audit(em, actor, {
        action: 'organization.update',
        entityType: 'Organization',
        entityId: id,
        changes: diffChanges(before, after, FIELDS),
      });
      return after;
    });
  }

  private async values(em: EntityManager, input: OrganizationInput, selfId: string | null) {
    checkGeography(input.countryCode, input.subdivisionCode);
    const parentId = input.parentId ?? null;
    if (parentId) {
      await requireRow(em, Organization, 'Parent organization', parentId);
      if (selfId && (await this.isSelfOrBelow(em, parentId, selfId))) {
        throw badInput(msg('error.registry.organizationCannotPlacedBeneath'), 'input.parentId');
      }
    }
    return {
      name: input.name.trim(),
      acronym: clean(input.acronym),
      sector: input.sector,
      level: input.level,
      countryCode: input.countryCode ?? null,
      subdivisionCode: input.subdivisionCode ?? null,
      parentId,
    };
  }

  /** Is `candidate` the organization `selfId` or one beneath it? One recursive query. */
  private async isSelfOrBelow(em: EntityManager, candidate: string, selfId: string): Promise<boolean> {
    const rows = await em.query(
      `WITH RECURSIVE below(id) AS (SELECT $1::uuid UNION SELECT o.id FROM organizations o JOIN below b ON o.parent_id = b.id)
       SELECT 1 FROM below WHERE id = $2`,
      [selfId, candidate],
    );
    return rows.length > 0;
  }
}
