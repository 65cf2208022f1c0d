import { Column, Entity } from 'typeorm';

/** An organization sharing an item (a joint commitment) with its owner organization. */
@Entity({ name: 'action_item_co_owners' })
export class ActionItemCoOwner {
  @Column({ name: 'action_item_id', type: 'uuid', primary: true })
  actionItemId: string;

  @Column({ name: 'organization_id', type: 'uuid', primary: true })
  organizationId: string;
}
