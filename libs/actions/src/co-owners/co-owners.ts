import { Inject, Injectable } from '@nestjs/common';
import { badInput, notFound, msg } from '@coord/core';
import { RegistryReadService } from '@coord/registry';
import { EntityManager } from 'typeorm';
import { ActionItemCoOwner } from './co-owner.entity';

export const MAX_CO_OWNERS = 20;

/**
 * SQL (over item alias `a`): the organizations that share the item with its owner organization. Their
 * FOCAL_POINT members speak for the item as the owner organization's do: they read it, report progress on it,
 * get its reminders and find it in myActionItems.
 */
export const CO_OWNER_ORGS_SQL = (itemIdSql = 'a.id') =>
  `SELECT co.organization_id FROM action_item_co_owners co WHERE co.action_item_id = ${itemIdSql}`;

/** Joint commitments: the co-owner organizations of items, checked and replaced in the caller's transaction. */
@Injectable()
export class CoOwnersService {
  constructor(@Inject(RegistryReadService) private readonly registry: RegistryReadService) {}

  /**
   * The distinct, existing co-owners, sorted; the owner organization itself is refused (it owns the item
   * already), an unknown organization is NOT_FOUND.
   */
  async require(
    em: EntityManager,
    ids: readonly string[],
    ownerOrganizationId: string | null,
    field = 'input.coOwnerOrganizationIds',
  ): Promise<string[]> {
    const distinct = [...new Set(ids)].sort();
    if (distinct.length > MAX_CO_OWNERS) {
      throw badInput(msg('error.actions.coOwners.takesMostOrganizations', { field, MAX_CO_OWNERS }), field);
    }
    if (ownerOrganizationId && distinct.includes(ownerOrganizationId)) {
      throw badInput(msg('error.actions.coOwners.listsOwnerOrganizationCo', { field }), field);
    }
    if (!distinct.length) return distinct;
    const found = new Set((await this.registry.organizationsByIds(distinct, em)).map((o) => o.id));
    const unknown = distinct.find((id) => !found.has(id));
    if (unknown) throw notFound('Organization', unknown);
    return distinct;
  }

  async of(em: EntityManager, actionItemId: string): Promise<string[]> {
    const rows = await em.find(ActionItemCoOwner, { where: { actionItemId }, order: { organizationId: 'ASC' } });
    return rows.map((r) => r.organizationId);
  }

  async replace(em: EntityManager, actionItemId: string, organizationIds: string[]): Promise<void> {
    await em.delete(ActionItemCoOwner, { actionItemId });
    await this.add(em, actionItemId, organizationIds);
  }

  /** Adds co-owners to an item that has none of them (a new item: nothing to replace). */
  async add(em: EntityManager, actionItemId: string, organizationIds: string[]): Promise<void> {
    if (organizationIds.length) {
      await em.insert(
        ActionItemCoOwner,
        organizationIds.map((organizationId) => ({ actionItemId, organizationId })),
      );
    }
  }
}
